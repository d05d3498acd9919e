// The foundation: routes survive reload, import/export round trip, refused imports change
// nothing, unreadable storage is kept, and the built site works from a sub-path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, open, go, storageValue, settled, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const EXAMPLE = join(FIXTURES, "format-example.json");
const BROKEN = join(FIXTURES, "broken.json");
const ROUTES = ["#/incidents", "#/releases", "#/people", "#/load", "#/reviews", "#/data"];

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

test("every view has its own heading and survives a reload", async () => {
  const s = await open(browser, server.origin);
  const headings = new Set();
  for (const hash of ROUTES) {
    await go(s.page, server.url, hash);
    const h1 = await s.page.locator("main h1").first().textContent();
    await s.page.reload();
    await s.page.locator("main h1").first().waitFor();
    assert.equal(await s.page.locator("main h1").first().textContent(), h1, `${hash} after reload`);
    assert.equal(new URL(s.page.url()).hash, hash);
    const current = await s.page.locator('nav a[aria-current="page"]').getAttribute("href");
    assert.equal(current, hash, "navigation marks the current view");
    headings.add(h1);
  }
  assert.equal(headings.size, ROUTES.length, "each view has a distinct h1");
  s.check();
  await s.context.close();
});

test("navigation links move between views", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/incidents");
  await s.page.getByRole("link", { name: "Data" }).click();
  await s.page.getByRole("heading", { level: 1, name: "Data" }).waitFor();
  assert.equal(new URL(s.page.url()).hash, "#/data");
  s.check();
  await s.context.close();
});

test("a hand-written FORMAT.md file imports, survives reload and opens by id", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, EXAMPLE);
  await s.page.reload();
  await go(s.page, server.url, "#/incidents");
  await s.page.getByText("Search returns 502 for all users").first().waitFor();
  await go(s.page, server.url, "#/people");
  await s.page.getByText("Sam Rivera").first().waitFor();
  await go(s.page, server.url, "#/incidents/i-2026-031");
  assert.match(await s.page.locator("main h1").first().textContent(), /Search returns 502/);
  await go(s.page, server.url, "#/incidents/no-such-id");
  assert.equal(await s.page.locator("main h1").first().textContent(), "Incident not found");
  s.check();
  await s.context.close();
});

test("a broken file is refused with every problem and storage is untouched", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, EXAMPLE);
  const before = await storageValue(s.page);
  assert.ok(before, "the example was stored");
  await go(s.page, server.url, "#/data");
  await s.page.setInputFiles("#import-file", BROKEN);
  const problems = s.page.locator(".problems");
  await problems.waitFor();
  const text = await problems.textContent();
  for (const path of ["people[1].id", "assignments[0].person", "assignments[0].start", "assignments[0].incident", "incidents[0].severity"]) {
    assert.ok(text.includes(path), `error names ${path}: ${text}`);
  }
  assert.equal(await s.page.getByRole("button", { name: "Replace my workspace" }).count(), 0);
  await settled(s.page);
  assert.equal(await storageValue(s.page), before, "localStorage unchanged");
  s.check();
  await s.context.close();
});

test("export gives back what was imported, unknown fields included", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, EXAMPLE);
  await go(s.page, server.url, "#/data");
  const [download] = await Promise.all([s.page.waitForEvent("download"), s.page.click("#export")]);
  assert.match(download.suggestedFilename(), /^hatrack-workspace-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  const original = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  assert.equal(exported.format, "hatrack-workspace");
  assert.equal(exported.version, 1);
  assert.equal(exported.team_wiki, original.team_wiki, "unknown top-level field kept");
  assert.equal(exported.people[0].pager, "sam-pager", "unknown record field kept");
  for (const key of ["people", "roles", "conflicts", "assignments", "incidents", "releases", "reviews"]) {
    assert.deepEqual(exported[key].map((r) => r.id ?? r.roles.join("+")), original[key].map((r) => r.id ?? r.roles.join("+")), key);
  }
  assert.equal(exported.incidents[0].timeline[0].text, "Alerts for 5xx on search");
  assert.equal(Date.parse(exported.assignments[0].start), Date.parse(original.assignments[0].start));
  s.check();
  await s.context.close();
});

test("unreadable storage is kept under a backup key and offered for download", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/incidents");
  await s.page.evaluate(() => localStorage.setItem("hatrack.workspace.v1", "this is not a workspace"));
  await s.page.reload();
  const banner = s.page.locator(".banner.warn");
  await banner.waitFor();
  assert.match(await banner.textContent(), /could not be read/);
  assert.equal(await storageValue(s.page, "hatrack.workspace.v1.unreadable"), "this is not a workspace");
  assert.equal(await storageValue(s.page), "this is not a workspace", "not overwritten at start");
  const [download] = await Promise.all([
    s.page.waitForEvent("download"),
    s.page.getByRole("button", { name: "Download the unreadable data" }).click(),
  ]);
  assert.equal(readFileSync(await download.path(), "utf8"), "this is not a workspace");
  s.errors.length = 0;
  s.check();
  await s.context.close();
});

test("a write the browser refuses is reported and the edit stays on screen", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/data");
  // Fill the quota with another key so the next save cannot fit.
  await s.page.evaluate(() => {
    let i = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = "x".repeat(size);
      for (;;) {
        try { localStorage.setItem("filler" + i++, chunk); } catch { break; }
      }
    }
  });
  await s.page.setInputFiles("#import-file", EXAMPLE);
  await s.page.getByRole("button", { name: "Replace my workspace" }).click();
  const banner = s.page.locator(".banner.error");
  await banner.waitFor();
  assert.match(await banner.textContent(), /Not saved/);
  await go(s.page, server.url, "#/people");
  await s.page.getByText("Sam Rivera").first().waitFor();
  s.check();
  await s.context.close();
});

test("the built site works from a sub-path", async () => {
  const sub = await serve("/ops/hatrack/");
  try {
    const s = await open(browser, sub.origin);
    await go(s.page, sub.url, "#/people");
    assert.equal(await s.page.locator("main h1").first().textContent(), "People and roles");
    s.check();
    await s.context.close();
  } finally {
    await sub.close();
  }
});

test("the workspace is stored compressed, and plain JSON stored by older versions still loads", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/incidents");
  await s.page.evaluate((text) => localStorage.setItem("hatrack.workspace.v1", text), readFileSync(EXAMPLE, "utf8"));
  await s.page.reload();
  await s.page.getByText("Search returns 502 for all users").first().waitFor();
  await importFile(s.page, server.url, EXAMPLE);
  const raw = await storageValue(s.page);
  assert.match(raw, /^HTK2Z/, "versioned compressed envelope");
  assert.ok(raw.length < readFileSync(EXAMPLE, "utf8").length, "smaller than the JSON");
  s.check();
  await s.context.close();
});
