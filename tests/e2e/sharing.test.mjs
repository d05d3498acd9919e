// Sharing without a server: two people swap workspace files and both keep everything; the
// import preview changes nothing until Merge; Replace needs a backup and can be undone; big
// and broken input is refused; two tabs on one workspace stay in step and lose no edit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, go, storageValue, storedJson, settled, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const BASE = join(FIXTURES, "sharing-base.json");
const ALEX_EDITS = join(FIXTURES, "sharing-alex-edits.json");
const BEA_EDITS = join(FIXTURES, "sharing-bea-edits.json");
const SAM_EDITED = join(FIXTURES, "sharing-sam-edited.json");
const NEWER = join(FIXTURES, "sharing-newer.json");
const TMP = mkdtempSync(join(tmpdir(), "hatrack-sharing-"));

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** Chooses a file in the Data view's import box (the picker inside the drop zone). */
async function choose(page, path) {
  await go(page, server.url, "#/data");
  await page.getByLabel(/choose a workspace file/).setInputFiles(path);
}

/** The New / Updated / Unchanged / In conflict cells of one preview row. */
async function previewRow(page, label) {
  const row = page.locator("table.preview tbody tr").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  const cells = await row.getByRole("cell").allTextContents();
  return { new: +cells[0], updated: +cells[1], unchanged: +cells[2], conflicts: +cells[3] };
}

/** Clicks a button that downloads and returns the file's name and parsed content. */
async function download(page, buttonName, save) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  const path = join(TMP, save || dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path, json: JSON.parse(readFileSync(path, "utf8")) };
}

const ids = (list) => list.map((r) => r.id);

test("Alex and Bea each add someone, swap files with Merge, and both end with everything", async () => {
  const people = {};
  for (const [who, edits] of [
    ["alex", ALEX_EDITS],
    ["bea", BEA_EDITS],
  ]) {
    const s = await open(browser, server.origin);
    await importFile(s.page, server.url, BASE);
    // Their own edit: a new person and a timeline note, brought in from a small file.
    await choose(s.page, edits);
    await s.page.getByRole("heading", { name: /What importing .* would change/ }).waitFor();
    await s.page.getByRole("button", { name: "Merge", exact: true }).click();
    await settled(s.page);
    const mine = await download(s.page, "Export workspace", `${who}.json`);
    assert.ok(ids(mine.json.people).includes(`p-${who}`), `${who}'s export has ${who}`);
    people[who] = s;
    s.exported = mine.path;
  }

  for (const [who, other] of [
    ["alex", "bea"],
    ["bea", "alex"],
  ]) {
    const s = people[who];
    const stored = await storageValue(s.page);
    await choose(s.page, people[other].exported);
    await s.page.getByRole("heading", { name: /What importing .* would change/ }).waitFor();
    assert.deepEqual(await previewRow(s.page, "People"), { new: 1, updated: 0, unchanged: 1, conflicts: 0 });
    assert.deepEqual(await previewRow(s.page, "Timeline entries"), { new: 1, updated: 0, unchanged: 1, conflicts: 0 });
    await settled(s.page);
    assert.equal(await storageValue(s.page), stored, "the preview alone stores nothing");

    await s.page.getByRole("button", { name: "Merge", exact: true }).click();
    await s.page.getByText(/Merged .*: 2 new/).waitFor();
    await settled(s.page);
    assert.equal(await s.page.getByRole("heading", { name: /Versions replaced/ }).count(), 0, "no conflicts to choose");
    const out = await download(s.page, "Export workspace", `${who}-after.json`);
    assert.deepEqual(ids(out.json.people).sort(), ["p-alex", "p-bea", "p-sam"]);
    const timeline = ids(out.json.incidents[0].timeline);
    assert.deepEqual(timeline, ["t-1", "t-alex-1", "t-bea-1"], "both notes, in time order");
    assert.equal(out.json.format, "hatrack-workspace");
    assert.match(readFileSync(out.path, "utf8"), /\n  "people": \[/, "the export is indented, readable JSON");
    s.check();
  }
  for (const s of Object.values(people)) await s.context.close();
});

/** Renames someone on the People page, as a person would. */
async function rename(page, from, to) {
  await go(page, server.url, "#/people");
  await page.getByRole("button", { name: `Edit ${from}` }).click();
  const form = page.getByRole("form", { name: `Edit ${from}` });
  await form.getByLabel("Name").fill(to);
  await form.getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: `Edit ${to}` }).waitFor();
  await settled(page);
}

test("a record edited on both sides keeps the newer and lets me choose, and nothing is lost", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  // Both sides rename Sam since the file they share; theirs also marks him inactive.
  await rename(s.page, "Sam Rivera", "Samuel Rivera");
  await choose(s.page, SAM_EDITED);
  assert.deepEqual(await previewRow(s.page, "People"), { new: 0, updated: 0, unchanged: 0, conflicts: 1 });
  await s.page.getByRole("button", { name: "Merge", exact: true }).click();

  const list = s.page.getByRole("region", { name: "Versions replaced, newer kept — choose per record" });
  await list.waitFor();
  const card = list.getByRole("listitem").filter({ hasText: "Person" });
  await card.getByText("Kept now: your version (this browser).").waitFor();
  const name = card.getByRole("row", { name: /Name/ });
  assert.deepEqual(await name.getByRole("cell").allTextContents(), ["Samuel Rivera", "Sam R. (on leave)"]);
  assert.equal(await card.getByRole("row", { name: /Active/ }).count(), 0, "only the name clashed");
  await settled(s.page);
  let stored = JSON.parse(await storedJson(s.page));
  assert.equal(stored.people[0].name, "Samuel Rivera", "the newer version is kept");
  assert.equal(stored.people[0].active, false, "their other change is kept too");

  await card.getByRole("button", { name: /Take theirs/ }).click();
  await settled(s.page);
  stored = JSON.parse(await storedJson(s.page));
  assert.equal(stored.people[0].name, "Sam R. (on leave)");
  assert.equal(stored.people[0].active, false);
  assert.equal(await list.count(), 0, "the list is gone once every record is chosen");

  // Importing the same file again keeps my choice instead of flipping it back.
  await choose(s.page, SAM_EDITED);
  await s.page.getByRole("button", { name: "Merge", exact: true }).click();
  await settled(s.page);
  assert.equal(JSON.parse(await storedJson(s.page)).people[0].name, "Sam R. (on leave)");
  s.check();
  await s.context.close();
});

test("two people change different fields of one incident: Merge keeps both and asks nothing", async () => {
  // Alex exports; Bea works from that file; Alex goes on working and imports Bea's file back.
  const alex = await open(browser, server.origin);
  await importFile(alex.page, server.url, BASE);
  const shared = await download(alex.page, "Export workspace", "exchanged.json");
  const bea = await open(browser, server.origin);
  await importFile(bea.page, server.url, shared.path);
  const incident = shared.json.incidents[0];
  const details = async (page, field, value) => {
    await go(page, server.url, `#/incidents/${incident.id}`);
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel(field).fill(value);
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByRole("button", { name: "Edit details" }).waitFor();
    await settled(page);
  };
  await details(bea.page, "Summary", "The index node ran out of memory.");
  await go(bea.page, server.url, "#/data");
  const beas = await download(bea.page, "Export workspace", "bea-back.json");
  await details(alex.page, "Title", "Search returns 502 for everyone");

  await choose(alex.page, beas.path);
  await alex.page.getByText(/field by field, against the last file you exchanged/).waitFor();
  assert.deepEqual(await previewRow(alex.page, "Incidents"), { new: 0, updated: 1, unchanged: 0, conflicts: 0 });
  await alex.page.getByRole("button", { name: "Merge", exact: true }).click();
  await settled(alex.page);
  assert.equal(await alex.page.getByRole("region", { name: /Versions replaced/ }).count(), 0, "nothing to choose");
  await go(alex.page, server.url, `#/incidents/${incident.id}`);
  await alex.page.getByRole("heading", { level: 1, name: "Search returns 502 for everyone" }).waitFor();
  assert.match(await alex.page.locator(".details").innerText(), /The index node ran out of memory\./);
  alex.check();
  bea.check();
  await alex.context.close();
  await bea.context.close();
});

test("Replace needs a backup download first and can be undone from the toast", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  await choose(s.page, ALEX_EDITS);
  await s.page.getByRole("button", { name: "Merge", exact: true }).click();
  await settled(s.page);
  const original = await storageValue(s.page);
  assert.match(await storedJson(s.page), /p-alex/);

  await choose(s.page, BASE);
  const replace = s.page.getByRole("button", { name: "Replace my workspace" });
  await replace.waitFor();
  assert.equal(await replace.isDisabled(), true, "no Replace before a backup");
  await s.page.getByRole("button", { name: "Cancel" }).click();
  await settled(s.page);
  assert.equal(await storageValue(s.page), original, "Cancel changes nothing");
  assert.equal(await replace.count(), 0);

  await choose(s.page, BASE);
  const backup = await download(s.page, "Download backup");
  assert.match(backup.name, /^hatrack-backup-\d{4}-\d{2}-\d{2}\.json$/);
  assert.ok(ids(backup.json.people).includes("p-alex"), "the backup holds the current workspace");
  assert.equal(await replace.isDisabled(), false);
  await replace.click();
  await settled(s.page);
  assert.doesNotMatch(await storedJson(s.page), /p-alex/, "replaced");

  await s.page.locator(".toast").getByRole("button", { name: "Undo" }).click();
  await settled(s.page);
  assert.equal(await storageValue(s.page), original, "undo puts back exactly what was stored");
  s.check();
  await s.context.close();
});

test("a file over 25 MB is refused with its size before it is read", async () => {
  const big = join(TMP, "huge.json");
  writeFileSync(big, "x".repeat(26 * 1024 * 1024));
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  const before = await storageValue(s.page);
  await choose(s.page, big);
  const alert = s.page.getByRole("alert");
  await alert.getByText("This file is 26.0 MB; Hatrack imports files up to 25 MB.").waitFor();
  assert.equal(await s.page.getByRole("button", { name: "Merge", exact: true }).count(), 0);
  await settled(s.page);
  assert.equal(await storageValue(s.page), before);
  s.check();
  await s.context.close();
});

test("refused pasted text changes nothing; good pasted text shows the preview", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  await go(s.page, server.url, "#/data");
  const before = await storageValue(s.page);
  const box = s.page.getByLabel("Or paste the text of a workspace file");
  const check = s.page.getByRole("button", { name: "Check pasted text" });

  await box.fill('{"format": "hatrack-workspace", "version": 1, "people": [{"id": "p-x"}');
  await check.click();
  await s.page.getByRole("alert").getByText(/ends in the middle of its JSON/).waitFor();

  await box.fill('{"format": "hatrack-workspace", "version": 1, people: []}');
  await check.click();
  await s.page.getByRole("alert").getByText(/not valid JSON/).waitFor();

  await box.fill('{"format": "hatrack-workspace", "version": 1, "people": [{"id": "p-x"}]}');
  await check.click();
  await s.page.getByRole("alert").getByText("people[0].name").waitFor();

  await box.fill(readFileSync(NEWER, "utf8"));
  await check.click();
  const alert = s.page.getByRole("alert");
  await alert.getByText("This file needs a newer Hatrack than this one.", { exact: false }).waitFor();
  assert.match(await alert.textContent(), /version/);
  await settled(s.page);
  assert.equal(await storageValue(s.page), before, "nothing refused was stored");

  await box.fill(readFileSync(ALEX_EDITS, "utf8"));
  await check.click();
  assert.equal((await previewRow(s.page, "People")).new, 1);
  s.check();
  await s.context.close();
});

test("a file dropped on the Data page opens the preview", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  await go(s.page, server.url, "#/data");
  const text = readFileSync(BEA_EDITS, "utf8");
  const data = await s.page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "bea.json", { type: "application/json" }));
    return dt;
  }, text);
  const target = s.page.getByRole("heading", { level: 2, name: "Storage" });
  await target.dispatchEvent("dragenter", { dataTransfer: data });
  await s.page.locator(".drop-zone.dragging").waitFor();
  await target.dispatchEvent("drop", { dataTransfer: data });
  await s.page.getByRole("heading", { name: "What importing bea.json would change" }).waitFor();
  assert.equal((await previewRow(s.page, "People")).new, 1);
  assert.equal(await s.page.locator(".drop-zone.dragging").count(), 0);
  s.check();
  await s.context.close();
});

test("an incident bundle downloads one incident with what it refers to", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, BASE);
  await go(s.page, server.url, "#/data");
  await s.page.getByLabel("Incident", { exact: true }).selectOption("i-2026-031");
  const b = await download(s.page, "Download incident bundle");
  assert.match(b.name, /^hatrack-incident-i-2026-031-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(ids(b.json.incidents), ["i-2026-031"]);
  assert.deepEqual(ids(b.json.people), ["p-sam"]);
  assert.deepEqual(ids(b.json.reviews), ["rv-1"]);
  s.check();
  await s.context.close();
});

test("two tabs stay in step: a merge and its undo in one show in the other without reload", async () => {
  const a = await open(browser, server.origin);
  await importFile(a.page, server.url, BASE);
  const b = await a.context.newPage();
  await go(b, server.url, "#/data");
  const counts = (p) => p.getByRole("region", { name: "Export" }).getByText(/^\d+ (person|people),/);
  assert.match(await counts(b).textContent(), /^1 person,/);

  await choose(a.page, ALEX_EDITS);
  await a.page.getByRole("button", { name: "Merge", exact: true }).click();
  await b.getByText(/^2 people,/).waitFor();

  await a.page.locator(".toast").getByRole("button", { name: "Undo" }).click();
  await b.getByText(/^1 person,/).waitFor();
  await settled(b);
  assert.doesNotMatch(await storedJson(b), /p-alex/, "the undo is what is stored");
  a.check();
  await a.context.close();
});

test("edits made at the same moment in two tabs both survive", async () => {
  const a = await open(browser, server.origin);
  await a.context.clock.install();
  await importFile(a.page, server.url, BASE);
  const b = await a.context.newPage();
  await go(b, server.url, "#/data");

  // Hold every save: both tabs edit before either has written.
  await a.context.clock.pauseAt(Date.now() + 60_000);
  const before = await storageValue(a.page);
  for (const [page, file] of [
    [a.page, ALEX_EDITS],
    [b, BEA_EDITS],
  ]) {
    await choose(page, file);
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await page.getByText(/Merged .*: 2 new/).waitFor();
  }
  assert.equal(await storageValue(a.page), before, "neither tab has saved yet");
  await a.context.clock.resume();
  await settled(a.page);
  await settled(b);

  for (const page of [a.page, b]) {
    await page.reload();
    await go(page, server.url, "#/data");
    await page.getByText(/^3 people,/).waitFor();
  }
  const stored = JSON.parse(await storedJson(a.page));
  assert.deepEqual(ids(stored.people).sort(), ["p-alex", "p-bea", "p-sam"]);
  assert.deepEqual(ids(stored.incidents[0].timeline), ["t-1", "t-alex-1", "t-bea-1"]);
  a.check();
  await a.context.close();
});

test("the incident page downloads that incident as a bundle that is a valid workspace", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, join(FIXTURES, "format-example.json"));
  await go(s.page, server.url, "#/incidents/i-2026-031");
  const [dl] = await Promise.all([
    s.page.waitForEvent("download"),
    s.page.getByRole("button", { name: "Download incident bundle" }).click(),
  ]);
  assert.match(dl.suggestedFilename(), /^hatrack-incident-i-2026-031-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(readFileSync(await dl.path(), "utf8"));
  assert.equal(bundle.format, "hatrack-workspace");
  assert.deepEqual(bundle.incidents.map((i) => i.id), ["i-2026-031"]);
  assert.ok(bundle.people.some((p) => p.id === "p-sam"), "the people it names travel with it");
  assert.ok(bundle.reviews.some((r) => r.incident === "i-2026-031"), "its review travels with it");
  s.check();
  await s.context.close();
});
