// Runs every end-to-end test file against dist/ and fails when any fails or none ran.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".test.mjs"))
  .filter((f) => !only || f.startsWith(only))
  .map((f) => join(dir, f));
if (!files.length) {
  console.error("e2e: no test files");
  process.exit(1);
}
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
process.stdout.write(r.stdout);
const num = (k) => Number((r.stdout.match(new RegExp(`^ℹ ${k} (\\d+)`, "m")) || [])[1] || 0);
const pass = num("pass");
const fail = num("fail");
console.log(`e2e: ${pass} passed, ${fail} failed`);
if (r.status !== 0 || fail > 0) process.exit(r.status || 1);
if (pass === 0) {
  console.error("e2e: no test ran");
  process.exit(1);
}
