// `make bench`, second part: Lighthouse's mobile performance audit of the release dist/, served
// the way a static host serves it (gzip, with the service worker), on an empty workspace.
// Lighthouse is pinned (12.2.3: 13 needs Node 22) and installed on first use under
// bench/.lighthouse, outside the test set-up, since only the benchmark needs it. Prints one row
// and writes bench/out/lighthouse.json. Not a test: nothing here passes or fails on a number.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, DIST, TYPES } from "../tests/e2e/helpers.mjs";

const VERSION = "12.2.3";
const HOME = join(ROOT, "bench", ".lighthouse");
const CLI = join(HOME, "node_modules", "lighthouse", "cli", "index.js");
const OUT = join(ROOT, "bench", "out");
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
mkdirSync(OUT, { recursive: true });

const installed = () => {
  try {
    return JSON.parse(readFileSync(join(HOME, "node_modules", "lighthouse", "package.json"), "utf8")).version === VERSION;
  } catch {
    return false;
  }
};
if (!installed()) {
  console.log(`lighthouse: installing lighthouse@${VERSION} under bench/.lighthouse`);
  mkdirSync(HOME, { recursive: true });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", HOME, `lighthouse@${VERSION}`], {
    stdio: "inherit",
  });
}

const COMPRESSIBLE = new Set([".html", ".js", ".wasm", ".css", ".json", ".svg", ".webmanifest"]);

// A static host: gzip for text and wasm, long caching for hashed files, like a CDN would.
const cache = new Map();
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname).slice(1) || "index.html";
  const file = normalize(join(DIST, path));
  if (!file.startsWith(DIST) || !existsSync(file) || (await stat(file)).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  const ext = extname(file);
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "");
  const key = `${file}|${gzip}`;
  if (!cache.has(key)) {
    const body = readFileSync(file);
    cache.set(key, gzip ? gzipSync(body, { level: 9 }) : body);
  }
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
  res.writeHead(200, {
    "content-type": TYPES[ext] || "application/octet-stream",
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    ...(gzip ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
  });
  res.end(cache.get(key));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const report = join(OUT, `lighthouse-${i}.json`);
  // Asynchronously: this process also serves the pages Lighthouse loads.
  await promisify(execFile)(
    process.execPath,
    [
      CLI,
      url,
      "--only-categories=performance",
      "--output=json",
      `--output-path=${report}`,
      "--quiet",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || "/usr/bin/chromium" }, maxBuffer: 1 << 26 },
  );
  const lhr = JSON.parse(readFileSync(report, "utf8"));
  const ms = (id) => lhr.audits[id].numericValue;
  runs.push({
    score: Math.round(lhr.categories.performance.score * 100),
    fcp_ms: ms("first-contentful-paint"),
    lcp_ms: ms("largest-contentful-paint"),
    tti_ms: ms("interactive"),
    tbt_ms: ms("total-blocking-time"),
    transfer_bytes: ms("total-byte-weight"),
  });
}
server.close();

const pick = (k) => median(runs.map((r) => r[k]));
const result = {
  date: new Date().toISOString(),
  lighthouse: VERSION,
  form_factor: "mobile (Lighthouse's default throttling)",
  runs,
  median: Object.fromEntries(Object.keys(runs[0]).map((k) => [k, pick(k)])),
};
writeFileSync(join(OUT, "lighthouse.json"), JSON.stringify(result, null, 2));
const s = (v) => `${(v / 1000).toFixed(1)} s`;
console.log(
  `Lighthouse ${VERSION}, mobile, empty workspace, median of ${RUNS}: performance ${pick("score")} ` +
    `(FCP ${s(pick("fcp_ms"))}, LCP ${s(pick("lcp_ms"))}, TTI ${s(pick("tti_ms"))}, TBT ${Math.round(pick("tbt_ms"))} ms, ` +
    `${Math.round(pick("transfer_bytes") / 1024)} KB transferred) — target ≥ 95`,
);
