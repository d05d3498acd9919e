// Share by link: copy an incident's or a review's link in one browser, open it in another with
// an empty workspace, see the usual import preview and Merge; a cut link is refused with a
// sentence and changes nothing. The bundle travels in the fragment, so no request leaves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, go, storedJson, settled, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const RESOLVED = join(FIXTURES, "resolved-incident.json");
const CLIPBOARD = ["clipboard-read", "clipboard-write"];

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** Loads the team in a fresh context, clicks Copy link on `hash`'s page and returns the link. */
async function copyLink(hash) {
  const s = await open(browser, server.origin);
  await s.context.grantPermissions(CLIPBOARD, { origin: server.origin });
  await importFile(s.page, server.url, RESOLVED);
  await go(s.page, server.url, hash);
  await s.page.getByRole("button", { name: "Copy link", exact: true }).click();
  await s.page.getByText(/Copied a link to this/).waitFor();
  const link = await s.page.evaluate(() => navigator.clipboard.readText());
  s.check();
  await s.context.close();
  return link;
}

/**
 * After Merge the app opens what the link was sent for, or, when versions are left to choose
 * (the starting roles differ from the team's), offers a link to it under them.
 */
async function followMerge(page, label, prefix) {
  const link = page.getByRole("link", { name: label });
  await Promise.race([link.waitFor(), page.waitForFunction((p) => location.hash.startsWith(p), prefix)]);
  if (await link.count()) await link.click();
}

/** A second person: a new context with empty storage. */
async function stranger() {
  return open(browser, server.origin);
}

test("an incident's link opens in an empty browser as the import preview, and Merge brings the incident", async () => {
  const link = await copyLink("#/incidents/i-2026-031");
  assert.ok(link.startsWith(server.url + "#/share/v1/incident/i-2026-031/"), link);
  assert.ok(link.length < 4000, `a small incident fits chat (${link.length} characters)`);

  const b = await stranger();
  await b.page.goto(link);
  await b.page.getByRole("heading", { name: "What importing The shared link would change" }).waitFor();
  // Read once, then out of the address: a reload must not import it again.
  assert.equal(new URL(b.page.url()).hash, "#/data");
  const incidentsRow = b.page.locator("table.preview tbody tr").filter({ has: b.page.getByRole("rowheader", { name: "Incidents", exact: true }) });
  assert.equal((await incidentsRow.getByRole("cell").first().innerText()).trim(), "1", "one new incident");
  // Nothing changes until the person chooses.
  const before = await storedJson(b.page);
  assert.ok(before === null || JSON.parse(before).incidents.length === 0, "nothing imported yet");

  await b.page.getByRole("button", { name: "Merge", exact: true }).click();
  await followMerge(b.page, "Open the shared incident", "#/incidents/");
  await b.page.getByRole("heading", { name: "Search returns 502 for all users", level: 1 }).waitFor();
  assert.equal(new URL(b.page.url()).hash, "#/incidents/i-2026-031");
  await settled(b.page);
  const ws = JSON.parse(await storedJson(b.page));
  assert.deepEqual(
    ws.incidents.map((i) => i.id),
    ["i-2026-031"],
  );

  await b.page.reload();
  await b.page.locator("main h1").first().waitFor();
  assert.equal(await b.page.getByRole("heading", { name: /What importing/ }).count(), 0, "a reload imports nothing");
  b.check();
  await b.context.close();
});

test("a review's link brings its incident with the review and opens the review", async () => {
  const link = await copyLink("#/reviews/rv-31");
  assert.ok(link.includes("#/share/v1/review/rv-31/"), link);
  const b = await stranger();
  await b.page.goto(link);
  await b.page.getByRole("button", { name: "Merge", exact: true }).click();
  await followMerge(b.page, "Open the shared review", "#/reviews/");
  await b.page.waitForFunction(() => location.hash === "#/reviews/rv-31");
  await settled(b.page);
  const ws = JSON.parse(await storedJson(b.page));
  assert.deepEqual(ws.reviews.map((r) => r.id), ["rv-31"]);
  assert.deepEqual(ws.incidents.map((i) => i.id), ["i-2026-031"]);
  b.check();
  await b.context.close();
});

test("a link cut short is refused with what is wrong and what to do, and nothing is imported", async () => {
  const link = await copyLink("#/incidents/i-2026-031");
  const b = await stranger();
  await b.page.goto(link.slice(0, -30));
  const alert = b.page.locator(".problems[role=alert]");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /The shared link was not imported/);
  assert.match(text, /cut short or was changed/);
  assert.match(text, /Ask whoever sent the link to send it again, or to send the file instead/);
  assert.equal(await b.page.getByRole("button", { name: "Merge", exact: true }).count(), 0);
  await settled(b.page);
  const stored = await storedJson(b.page);
  assert.ok(stored === null || JSON.parse(stored).incidents.length === 0, "storage holds no incident");
  b.check();
  await b.context.close();
});

test("a link too long for chat is not copied; it says so and offers the bundle file", async () => {
  // Random hex barely compresses: 12,000 characters of summary make a link of about 8,000.
  const ws = JSON.parse(readFileSync(RESOLVED, "utf8"));
  const big = ws.incidents.find((i) => i.id === "i-2026-031");
  big.summary = randomBytes(6000).toString("hex");
  const path = join(mkdtempSync(join(tmpdir(), "hatrack-share-")), "big.json");
  writeFileSync(path, JSON.stringify(ws));

  const s = await open(browser, server.origin);
  await s.context.grantPermissions(CLIPBOARD, { origin: server.origin });
  await importFile(s.page, server.url, path);
  await go(s.page, server.url, "#/incidents/i-2026-031");
  await s.page.evaluate(() => navigator.clipboard.writeText("before"));
  await s.page.getByRole("button", { name: "Copy link", exact: true }).click();
  const note = s.page.locator(".share-too-long");
  await note.waitFor();
  assert.match(await note.innerText(), /more than chat apps keep \(about 4,000\), so it was not copied/);
  assert.equal(await s.page.evaluate(() => navigator.clipboard.readText()), "before", "nothing copied");
  const [dl] = await Promise.all([
    s.page.waitForEvent("download"),
    s.page.getByRole("button", { name: "Download the bundle file instead" }).click(),
  ]);
  assert.match(dl.suggestedFilename(), /^hatrack-incident-i-2026-031-\d{4}-\d\d-\d\d\.json$/);
  s.check();
  await s.context.close();
});
