// Trunk post-build hook: makes the built page satisfy its own Content-Security-Policy.
// Trunk writes the wasm start-up code as an inline <script>; a CSP of 'self' forbids inline
// scripts, so the code moves into its own file next to the page.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

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
console.log(`postbuild: ${page} has no inline scripts (${readdirSync(dir).length} files)`);
