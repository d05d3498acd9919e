// Shared end-to-end plumbing: a static server for dist/, Debian's Chromium via playwright-core,
// and a guard that fails any test whose page asks for anything outside its own origin.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = process.env.HATRACK_DIST || join(ROOT, "dist");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const OUTPUT = join(ROOT, "tests", "output");

/** Content types by file extension, as a static host sends them. */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain",
};

/** Serves dist/ under `base` (e.g. "/ops/hatrack/") on a free loopback port. */
export async function serve(base = "/") {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end("not under " + base);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const s = await stat(file);
      const path = s.isDirectory() ? join(file, "index.html") : file;
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] || "application/octet-stream", "cache-control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + base, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A fresh browser context and page. Records every request that leaves the page's origin and
 * every page error; `check()` throws if there were any.
 */
export async function open(browser, origin, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  context.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    check() {
      if (foreign.length) throw new Error("requests left the origin: " + foreign.join(", "));
      const real = errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
      if (real.length) throw new Error("page errors: " + real.join(" | "));
    },
  };
}

/** Opens a route and waits until the app has rendered its heading. */
export async function go(page, url, hash = "#/incidents") {
  await page.goto(url + hash);
  await page.locator("main h1").first().waitFor();
}

export async function storageValue(page, key = "hatrack.workspace.v1") {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** Waits until the pending save has been written (debounced writes). */
export async function settled(page) {
  await page.waitForTimeout(450);
}

/** Imports a file through the Data view and confirms the replace. */
export async function importFile(page, url, path) {
  await go(page, url, "#/data");
  await page.setInputFiles("#import-file", path);
  await page.getByRole("button", { name: "Replace my workspace" }).click();
  await settled(page);
}

/** The stored workspace as JSON text, whatever envelope it is stored in (compressed or not). */
export async function storedJson(page, key = "hatrack.workspace.v1") {
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.decode_stored);
  return page.evaluate((k) => {
    const raw = localStorage.getItem(k);
    return raw === null ? null : window.wasmBindings.decode_stored(raw);
  }, key);
}

/** The example team, loaded the way a newcomer would: one click on the empty Load view. */
export async function loadExampleTeam(page, url) {
  await go(page, url, "#/load");
  await page.getByRole("button", { name: "Load the example team" }).click();
  await page.getByText("Overloaded (11 / 3)").first().waitFor();
  await settled(page);
}

/** One server for dist/ and one browser for a whole test file, closed after its last test;
 * `set` hears them once they are up. */
export function useBrowser(set, base = "/") {
  let server, browser;
  before(async () => {
    server = await serve(base);
    browser = await launch();
    set(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
