// The role-load view: the five-hats acceptance case, the example team and its fix with undo,
// the focusable heat-map and single points of failure in coverage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { join } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { open, go, settled, importFile, storageValue, FIXTURES, useBrowser } from "./helpers.mjs";

const FIVE_HATS = join(FIXTURES, "load-five-hats.json");

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** Reads the stored workspace: plain JSON, or the compressed envelope (see domain/compact.rs). */
function decodeStored(text) {
  if (text.startsWith("HTK1J")) return JSON.parse(text.slice(5));
  if (!text.startsWith("HTK2Z")) return JSON.parse(text);
  const units = [...text.slice(5)].map((c) => c.codePointAt(0) - 0x3400);
  const len = (units[0] << 15) | units[1];
  const bytes = [];
  let acc = 0;
  let held = 0;
  for (const u of units.slice(2)) {
    acc = (acc << 15) | u;
    held += 15;
    while (held >= 8 && bytes.length < len) {
      held -= 8;
      bytes.push((acc >> held) & 0xff);
      acc &= (1 << held) - 1;
    }
  }
  return JSON.parse(inflateSync(Buffer.from(bytes)).toString("utf8"));
}

async function storedWorkspace(page) {
  await settled(page);
  return decodeStored(await storageValue(page));
}

/** The visible per-person rows of the Now section, as text. */
async function nowRows(page) {
  return page.locator("section.load-now li.load-row").allTextContents();
}

const count = (texts, re) => texts.reduce((n, t) => n + (t.match(re) || []).length, 0);

test("one person wearing five hats is overloaded with three conflicts, nobody else is flagged", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, FIVE_HATS);
  await go(s.page, server.url, "#/load");
  await s.page.getByRole("heading", { level: 1, name: "Role load" }).waitFor();
  const now = s.page.getByRole("region", { name: "Now" });
  await now.getByText("Overloaded (11 / 3)").waitFor();

  const rows = await nowRows(s.page);
  assert.equal(rows.length, 3, "one row per active person");
  assert.match(rows[0], /^Sam Rivera/, "most loaded first");
  assert.match(rows[0], /Overloaded \(11 \/ 3\)/);
  assert.equal(count(rows, /Overloaded/g), 1, "only Sam is overloaded");
  assert.equal(count(rows, /Conflict:/g), 3, "three conflict lines, all Sam's");
  assert.equal(count([rows[0]], /Conflict:/g), 3);
  for (const pair of ["Incident manager + 3rd line lead", "Incident manager + Committee chair", "Release manager + Deployment manager"]) {
    assert.ok(rows[0].includes(`Conflict: ${pair}`), `names ${pair}: ${rows[0]}`);
  }
  for (const other of rows.slice(1)) assert.match(other, /Within capacity \(1 \/ 3\)/);

  // The rule's reason is one click away.
  await now.getByText("Conflict: Release manager + Deployment manager").click();
  await now.getByText("Deciding to ship and doing the shipping are separate checks.").waitFor();

  // The bar is labelled in words, not only drawn.
  const bar = now.getByRole("img", { name: /^Sam Rivera:/ });
  assert.match(await bar.getAttribute("aria-label"), /Committee chair \(2\).*Overloaded \(11 \/ 3\)/);

  // The table equivalent says the same.
  await now.getByText("Current load as a table").click();
  const table = now.getByRole("table");
  assert.match(await table.getByRole("row", { name: /Sam Rivera/ }).textContent(), /Overloaded; 3 conflicts/);
  s.check();
  await s.context.close();
});

test("empty workspace: load the example team, apply a suggestion, see it in the timeline, undo", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/load");
  await s.page.getByText("Nobody on the roster yet").waitFor();
  await s.page.getByRole("button", { name: "Load the example team" }).click();

  const now = s.page.getByRole("region", { name: "Now" });
  await now.getByText("Overloaded (11 / 3)").waitFor();
  let rows = await nowRows(s.page);
  assert.match(rows[0], /^Amara Okafor.*Overloaded \(11 \/ 3\)/);
  assert.equal(count(rows, /Conflict:/g), 5, "the default rules: five conflicts for the chair");
  assert.equal(count(rows, /Overloaded/g), 1);
  await s.page.getByText("Amara Okafor needs help now").waitFor();

  const fix = s.page.getByRole("region", { name: "Fix it" });
  const hand = fix.getByRole("button", { name: /^Hand Incident manager to Diego Hernández \(load 0 → 3 of 3\)/ });
  await hand.click();

  // At once: the chair's load drops by the incident manager's weight, one conflict-free person picks it up.
  await now.getByText("Overloaded (8 / 3)").waitFor();
  rows = await nowRows(s.page);
  assert.equal(count(rows, /Overloaded \(11/g), 0);
  assert.ok(rows.some((r) => /^Diego Hernández.*Within capacity \(3 \/ 3\)/.test(r)), rows.join("\n"));
  assert.equal(count([rows[0]], /Conflict:/g), 1, "only Release manager + Deployment manager is left");

  let ws = await storedWorkspace(s.page);
  const live = ws.incidents.find((i) => i.id === "i-checkout-cards");
  const entry = live.timeline.find((t) => t.kind === "role" && /Incident manager handed over from Amara Okafor to Diego Hernández/.test(t.text));
  assert.ok(entry, "the hand-over is in the incident's timeline: " + JSON.stringify(live.timeline.map((t) => t.text)));
  const im = ws.assignments.filter((a) => a.role === "incident-manager" && a.incident === "i-checkout-cards");
  assert.equal(im.find((a) => a.person === "p-amara").end !== null, true, "Amara's assignment ended");
  assert.equal(im.find((a) => a.person === "p-diego").end ?? null, null, "Diego holds it now");

  await s.page.getByRole("button", { name: "Undo" }).click();
  await now.getByText("Overloaded (11 / 3)").waitFor();
  ws = await storedWorkspace(s.page);
  const after = ws.incidents.find((i) => i.id === "i-checkout-cards");
  assert.ok(!after.timeline.some((t) => /handed over/.test(t.text)), "undo removes the timeline entry");
  assert.ok(!ws.assignments.some((a) => a.person === "p-diego" && a.role === "incident-manager"));
  s.check();
  await s.context.close();
});

test("heat-map cells are focusable and say who held what then", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/load");
  await s.page.getByRole("button", { name: "Load the example team" }).click();
  const over = s.page.getByRole("region", { name: "Over time" });
  const cells = over.locator(".heatmap [role=img]");
  await cells.first().waitFor();
  assert.ok((await cells.count()) >= 6 * 28, "six people × 28 six-hour squares over 7 days");
  // One square is in the tab order; the arrow keys move between the others.
  assert.equal(await over.locator('.heatmap [tabindex="0"]').count(), 1);

  const caption = over.locator(".heat-caption");
  assert.match(await caption.textContent(), /Point at a square/);
  await over.locator('.heatmap [tabindex="0"]').focus();
  await s.page.waitForFunction(() => /Amara Okafor: load 11 of 3/.test(document.querySelector(".heat-caption").textContent));
  const latest = await caption.textContent();
  assert.match(latest, /overloaded, in conflict; held Committee chair, Release manager, Deployment manager, Incident manager, 3rd line lead; from /);
  const label = await s.page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  assert.equal(label, latest, "what is shown is what a screen reader hears");

  // Earlier in the week Amara only chaired the committee: within capacity, no conflict.
  for (let i = 0; i < 27; i++) await s.page.keyboard.press("ArrowLeft");
  const first = await s.page.evaluate(() => document.activeElement.id);
  assert.equal(first, "hm-0-0");
  assert.match(await caption.textContent(), /^Amara Okafor: load 2 of 3; held Committee chair; from /);
  await s.page.keyboard.press("ArrowDown");
  assert.equal(await s.page.evaluate(() => document.activeElement.id), "hm-1-0");

  // The table equivalent.
  const table = over.getByRole("table", { name: "Peak load and time overloaded" });
  assert.match(await table.getByRole("row", { name: /Amara Okafor/ }).textContent(), /11 of 3\s*2 d/);

  // Another window redraws the chart: 30 days in one-day squares.
  await over.getByLabel("Last 30 days").check();
  await s.page.waitForFunction(() => document.querySelectorAll(".heatmap [role=img]").length === 6 * 30);
  s.check();
  await s.context.close();
});

test("custom dates: a reversed range is refused next to the field and changes nothing", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, FIVE_HATS);
  await go(s.page, server.url, "#/load");
  const over = s.page.getByRole("region", { name: "Over time" });
  await over.getByLabel("Chosen dates").check();
  await over.getByLabel("First day").fill("2026-11-19");
  await over.getByLabel("Last day").fill("2026-11-10");
  const before = await over.locator(".heatmap [role=img]").count();
  await over.getByRole("button", { name: "Show these days" }).click();
  await over.getByText("The last day must not be before the first day.").waitFor();
  assert.equal(await over.locator(".heatmap [role=img]").count(), before);

  await over.getByLabel("Last day").fill("2026-11-20");
  await over.getByRole("button", { name: "Show these days" }).click();
  // Two days: Sam took incident manager on the 19th in the evening.
  await s.page.waitForFunction(() => document.querySelectorAll(".heatmap [role=img]").length === 3 * 48);
  assert.equal(await over.getByText("The last day must not be before the first day.").count(), 0);
  const table = over.getByRole("table", { name: "Peak load and time overloaded" });
  assert.match(await table.getByRole("row", { name: /Sam Rivera/ }).textContent(), /11 of 3/);
  s.check();
  await s.context.close();
});

test("coverage and fix-it name single points of failure in words", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, FIVE_HATS);
  await go(s.page, server.url, "#/load");
  const cover = s.page.getByRole("region", { name: "Coverage" });
  await cover.getByText("Single point of failure: only Sam Rivera can be 3rd line lead.").waitFor();
  const row = cover.getByRole("row", { name: /3rd line lead/ });
  assert.match(await row.textContent(), /single point of failure.*Sam Rivera.*Sam Rivera/);
  const fix = s.page.getByRole("region", { name: "Fix it" });
  await fix.getByText("Nobody else has the 3rd line lead skill — a single point of failure.", { exact: false }).waitFor();
  await fix.getByRole("button", { name: "Hand Incident manager to Ben Okafor (load 1 → 4 of 3)" }).waitFor();
  s.check();
  await s.context.close();
});

test("people but no roles: the view says so instead of drawing empty bars", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, join(FIXTURES, "load-no-roles.json"));
  await go(s.page, server.url, "#/load");
  const now = s.page.getByRole("region", { name: "Now" });
  await now.getByText("Nobody holds a role right now.", { exact: false }).waitFor();
  assert.equal(await now.locator("li.load-row").count(), 0);
  await s.page.getByText("Nobody is overloaded or holding conflicting roles, so there is nothing to fix.").waitFor();
  await s.page.getByText("All clear").waitFor();
  // Coverage still helps: nobody has the scribe skill.
  await s.page.getByText("Nobody can be Scribe: no active person has the skill.").waitFor();
  s.check();
  await s.context.close();
});

test("a long roster: the first rows, then the rest of the page, build in order and in full", async () => {
  // Sixty people with one standing role each: equal load, so the rows read by name.
  const names = Array.from({ length: 60 }, (_, i) => `Person ${String(i + 1).padStart(2, "0")}`);
  const ws = {
    format: "hatrack-workspace",
    version: 1,
    exported_at: "2026-11-20T10:00:00Z",
    settings: { default_capacity: 3 },
    people: names.map((name, i) => ({ id: `p-${i}`, name, capacity: 3, skills: ["chair"] })),
    roles: [{ id: "chair", name: "Chair", scope: "standing", weight: 1 }],
    conflicts: [],
    assignments: names.map((_, i) => ({ id: `a-${i}`, person: `p-${i}`, role: "chair", start: "2026-01-01T09:00:00Z", end: null })),
    incidents: [],
    releases: [],
    reviews: [],
  };
  const dir = mkdtempSync(join(tmpdir(), "hatrack-load-"));
  const file = join(dir, "sixty.json");
  writeFileSync(file, JSON.stringify(ws));
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, file);
  await go(s.page, server.url, "#/load");
  const now = s.page.getByRole("region", { name: "Now" });
  // Every section arrives, the last one too.
  for (const name of ["Now", "Fix it", "Rest", "Over time", "Coverage"]) {
    await s.page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
  }
  const nameOf = (t) => t.match(/^Person \d\d/)[0];
  await now.locator("li.load-row").nth(49).waitFor();
  assert.deepEqual((await nowRows(s.page)).map(nameOf), names.slice(0, 50), "fifty rows in one list, by name");
  await now.getByRole("button", { name: "Show all 60 people" }).click();
  await now.locator("li.load-row").nth(59).waitFor();
  assert.deepEqual((await nowRows(s.page)).map(nameOf), names, "all sixty, still in order");
  await now.getByText("Current load as a table").click();
  const cells = await now.locator("table tbody th").allTextContents();
  assert.deepEqual(cells, names, "the table lists the same people in the same order");
  s.check();
  await s.context.close();
});
