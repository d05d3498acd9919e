// `make bench`: measures the release dist/ in headless Chromium with generated workspaces.
// Prints one table and writes bench/out/results.json. Each figure is the median of RUNS runs.
// Not a test: nothing here passes or fails on a number.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import os from "node:os";
import { serve, launch, ROOT, DIST } from "../tests/e2e/helpers.mjs";

const RUNS = Number(process.env.RUNS || 5);
const SIZES = (process.env.SIZES || "small,decade,stress").split(",");
const OUT = join(ROOT, "bench", "out");
const KEY = "hatrack.workspace.v1";
const QUOTA = 5_242_880;
mkdirSync(OUT, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// 1. Workspaces from the seeded generator.
for (const size of SIZES) {
  const file = join(OUT, `${size}.json`);
  if (!existsSync(file)) {
    const json = execFileSync("cargo", ["run", "--quiet", "--release", "--bin", "generate", "--", size], {
      cwd: ROOT,
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "inherit"],
    });
    writeFileSync(file, json);
  }
}

// 2. What a first visit transfers: the page and everything it loads, gzipped.
const page = readFileSync(join(DIST, "index.html"), "utf8");
const loaded = ["index.html", ...readdirSync(DIST).filter((f) => /\.(js|wasm|css)$/.test(f) && f !== "sw.js")];
const transfer = loaded.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
const wasmFile = readdirSync(DIST).find((f) => f.endsWith(".wasm"));
const wasmGz = gzipSync(readFileSync(join(DIST, wasmFile)), { level: 9 }).length;
void page;

const server = await serve("/");
const browser = await launch();
const results = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, runs: RUNS, transfer_gzip_bytes: transfer, wasm_gzip_bytes: wasmGz, sizes: {} };

const INCIDENT_LINK = 'main a[href^="#/incidents/"]';

async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: "block" });
  const p = await context.newPage();
  await p.goto(server.url + "#/data");
  await p.locator("main h1").first().waitFor();
  await p.waitForFunction(() => window.wasmBindings && window.wasmBindings.measure_import);
  return { context, p };
}

for (const size of SIZES) {
  const text = readFileSync(join(OUT, `${size}.json`), "utf8");
  const r = { json_chars: text.length };
  const liveReleases = JSON.parse(text).releases.filter((x) => !x.deleted_at).length;
  const imports = [], parses = [], reads = [], cold = [], loadView = [], loadViewAll = [], releaseLog = [], releaseLogAll = [], filter = [], saves = [], savePlans = [], writtenAfter = [], editFrames = [];
  let stored = 0, memory = 0;
  for (let run = 0; run < RUNS; run++) {
    const { context, p } = await fresh();
    await p.evaluate((t) => { window.__text = t; }, text);
    const [imp, parse] = await p.evaluate(() => {
      const t = window.__text;
      const a = performance.now();
      window.wasmBindings.measure_import(t);
      const b = performance.now();
      JSON.parse(t);
      const c = performance.now();
      return [b - a, c - b];
    });
    imports.push(imp);
    parses.push(parse);
    // The same text read again without storing it: what parsing and checking cost once the code
    // is compiled, apart from the save that follows an import.
    reads.push(await p.evaluate(() => {
      const a = performance.now();
      window.wasmBindings.measure_parse(window.__text);
      return performance.now() - a;
    }));
    // The workspace's key and its chunks (KEY.c.NAME), in UTF-16 code units as the quota counts.
    stored = await p.evaluate((k) => Object.keys(localStorage).filter((n) => n === k || n.startsWith(k + ".c.")).reduce((sum, n) => sum + n.length + localStorage.getItem(n).length, 0), KEY);
    // Cold start: a new page with the workspace in storage, to the first incident row.
    await p.addInitScript((sel) => {
      new MutationObserver((_, obs) => {
        if (document.querySelector(sel)) {
          window.__firstRow = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, INCIDENT_LINK);
    await p.evaluate(() => { location.hash = "#/incidents"; });
    await p.reload();
    await p.waitForFunction(() => window.__firstRow, null, { timeout: 120_000 });
    cold.push(await p.evaluate(() => window.__firstRow));
    memory = await p.evaluate(() => window.wasmBindings.wasm_memory_bytes());
    // Filter: one keystroke in the incident search, to the next frame.
    if (await p.locator("#search").count()) {
      const times = await p.evaluate(async () => {
        const input = document.querySelector("#search");
        const out = [];
        for (const ch of "sear") {
          const t0 = performance.now();
          input.value += ch;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((ok) => requestAnimationFrame(() => ok()));
          out.push(performance.now() - t0);
        }
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return out;
      });
      filter.push(median(times));
    }
    // Load view: from the route change to its first screen (the headline and the first rows of
    // "Now") painted, the next frame; and on to its last section, built a frame at a time after it.
    const [first, whole] = await p.evaluate(async () => {
      const t0 = performance.now();
      location.hash = "#/load";
      const shown = (sel) => new Promise((ok) => {
        const check = () => (document.querySelector("main h1")?.textContent === "Role load" && document.querySelector(sel) ? ok() : requestAnimationFrame(check));
        check();
      });
      await shown("main section");
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      const t1 = performance.now();
      await shown("main section.load-cover");
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return [t1 - t0, performance.now() - t0];
    });
    loadView.push(first);
    loadViewAll.push(whole);
    // Release log: to the calendar painted (its first screen), and on to the last card shown.
    const [logFirst, logAll] = await p.evaluate(async (releases) => {
      const t0 = performance.now();
      location.hash = "#/releases";
      const shown = (sel) => new Promise((ok) => {
        const check = () => (document.querySelector(sel) ? ok() : requestAnimationFrame(check));
        check();
      });
      await shown("main section.calendar");
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      const t1 = performance.now();
      const cards = Math.min(50, releases);
      if (cards > 0) await shown(`main li.release:nth-child(${cards})`);
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return [t1 - t0, performance.now() - t0];
    }, liveReleases);
    releaseLog.push(logFirst);
    releaseLogAll.push(logAll);
    // One edit: a timeline note added as a person would. The app records each save as a
    // performance measure ("hatrack:save": merge check, the chunks that changed encoded, write),
    // all of it main-thread work; the edit's own time is from the Enter key to the next frame.
    const firstIncident = JSON.parse(text).incidents.find((i) => !i.deleted_at)?.id;
    await p.evaluate((id) => { performance.clearMeasures(); location.hash = "#/incidents/" + encodeURIComponent(id); }, firstIncident);
    await p.locator("#timeline-text").waitFor({ timeout: 120_000 });
    await p.locator("#timeline-text").fill("Benchmark note");
    await p.evaluate(() => {
      document.addEventListener("keydown", (e) => {
        if (e.key !== "Enter") return;
        const t0 = performance.now();
        window.__editAt = t0;
        requestAnimationFrame(() => { window.__editFrame = performance.now() - t0; });
      }, { capture: true, once: true });
    });
    await p.locator("#timeline-text").press("Enter");
    const save = await p.evaluate(async (k) => {
      for (let i = 0; i < 200 && !performance.getEntriesByName("hatrack:save").length; i++) await new Promise((ok) => setTimeout(ok, 50));
      const e = performance.getEntriesByName("hatrack:save")[0];
      if (!e) return null;
      // What was written reads back with the edit in it (through the chunks, when chunked).
      const kept = window.wasmBindings.decode_stored(localStorage.getItem(k)).includes("Benchmark note");
      const plan = performance.getEntriesByName("hatrack:save:plan")[0];
      return { work: e.duration, plan: plan ? plan.duration : null, written: e.startTime + e.duration - window.__editAt, frame: window.__editFrame, kept };
    }, KEY);
    if (save !== null) {
      if (!save.kept) console.error(`${size}: the saved workspace does not hold the edit`);
      saves.push(save.work);
      if (save.plan !== null) savePlans.push(save.plan);
      writtenAfter.push(save.written);
      editFrames.push(save.frame);
    }
    await context.close();
  }
  Object.assign(r, {
    import_ms: median(imports),
    json_parse_ms: median(parses),
    import_ratio: median(imports) / median(parses),
    read_again_ms: median(reads),
    read_again_ratio: median(reads) / median(parses),
    cold_start_ms: median(cold),
    filter_keystroke_ms: filter.length ? median(filter) : null,
    load_view_ms: median(loadView),
    load_view_all_ms: median(loadViewAll),
    release_log_ms: median(releaseLog),
    release_log_all_ms: median(releaseLogAll),
    save_ms: saves.length ? median(saves) : null,
    save_plan_ms: savePlans.length ? median(savePlans) : null,
    save_written_after_edit_ms: writtenAfter.length ? median(writtenAfter) : null,
    edit_frame_ms: editFrames.length ? median(editFrames) : null,
    stored_chars: stored,
    stored_share_of_quota: stored / QUOTA,
    wasm_memory_bytes: memory,
  });
  results.sizes[size] = r;
}
await browser.close();
await server.close();
writeFileSync(join(OUT, "results.json"), JSON.stringify(results, null, 2));

const f = (x, d = 0) => (x === null || x === undefined ? "—" : x.toFixed(d));
console.log(`\nHatrack benchmark, ${results.date}, ${results.machine}, median of ${RUNS}`);
console.log(`App transfer (gzip): ${(transfer / 1024).toFixed(1)} KB (wasm ${(wasmGz / 1024).toFixed(1)} KB)\n`);
const rows = [
  ["JSON size (chars)", (r) => f(r.json_chars)],
  ["import: parse+validate+store (ms)", (r) => f(r.import_ms)],
  ["native JSON.parse (ms)", (r) => f(r.json_parse_ms, 1)],
  ["import ÷ JSON.parse", (r) => f(r.import_ratio, 1) + "×"],
  ["read again, no store (ms)", (r) => f(r.read_again_ms, 1)],
  ["read again ÷ JSON.parse", (r) => f(r.read_again_ratio, 1) + "×"],
  ["cold start to incident list (ms)", (r) => f(r.cold_start_ms)],
  ["filter keystroke (ms)", (r) => f(r.filter_keystroke_ms, 1)],
  ["load view, first screen (ms)", (r) => f(r.load_view_ms)],
  ["load view, every section (ms)", (r) => f(r.load_view_all_ms)],
  ["release log, first screen (ms)", (r) => f(r.release_log_ms)],
  ["release log, fifty cards (ms)", (r) => f(r.release_log_all_ms)],
  ["one edit, input → next frame (ms)", (r) => f(r.edit_frame_ms, 1)],
  ["main-thread work per save after one edit (ms)", (r) => f(r.save_ms, 1)],
  ["  of which: what changed, found and encoded (ms)", (r) => f(r.save_plan_ms, 1)],
  ["edit → written to storage (ms, 300 ms debounce)", (r) => f(r.save_written_after_edit_ms)],
  ["stored chars (share of quota)", (r) => `${r.stored_chars} (${(r.stored_share_of_quota * 100).toFixed(1)} %)`],
  ["wasm memory after load (MB)", (r) => f(r.wasm_memory_bytes / 2 ** 20, 1)],
];
console.log(["measure", ...SIZES].join(" | "));
console.log(["---", ...SIZES.map(() => "---")].join(" | "));
for (const [label, get] of rows) console.log([label, ...SIZES.map((s) => get(results.sizes[s]))].join(" | "));
console.log(`\nwritten: ${join(OUT, "results.json")}`);
