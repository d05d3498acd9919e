// Trunk post-build hook.
// 1. Trunk writes the wasm start-up code as an inline <script>; the page's CSP allows only
//    'self', so the code moves into its own file next to the page.
// 2. Writes sw.js, the service worker, with the list of every built file to precache and a
//    version derived from their contents (a new deploy = a new version).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || "dist";
const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (found) {
  const code = found[1].trim() + "\n";
  const name = `boot-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  writeFileSync(page, html);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error("postbuild: an inline script is left in index.html; the CSP would block it");
  process.exit(1);
}

function walk(d) {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(dir)
  .map((p) => relative(dir, p).split("\\").join("/"))
  .filter((f) => f !== "sw.js" && !f.startsWith("screenshots/") && !f.endsWith(".map"))
  .sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);
const template = readFileSync(fileURLToPath(new URL("sw.template.js", import.meta.url)), "utf8");
const list = JSON.stringify(["./", ...files.map((f) => "./" + f)], null, 2);
writeFileSync(join(dir, "sw.js"), template.replace("__VERSION__", version).replace("__FILES__", list));
console.log(`postbuild: no inline scripts; sw.js precaches ${files.length} files (version ${version})`);
