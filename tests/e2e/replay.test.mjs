// Recording a real incident after the fact, as a team does the evening after: a large code
// host's 2017 database outage, replayed from its published postmortem. A tired engineer in
// UTC+1 worked past his midnight; about 20 hours passed from first trouble to restored service.
// Everything is typed through the UI, in UTC, by a viewer in New York; every time the app then
// shows must be the typed one, and today's date must appear nowhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { open, go, importFile, settled, FIXTURES, OUTPUT, useBrowser } from "./helpers.mjs";

const TEAM = join(FIXTURES, "replay-team.json");
const VIEWER = "America/New_York";
const TITLE = "Primary database deleted while fixing replication";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const roleRow = (page, role) => page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: role, exact: true }) });

/** Today, in the forms the app could print it. */
function todayForms() {
  const now = new Date();
  const iso = now.toISOString().slice(0, 10);
  const gb = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: VIEWER }).format(now);
  return [iso, gb];
}

function assertNoToday(text, where) {
  for (const t of todayForms()) assert.ok(!text.includes(t), `${where} shows today (${t}):\n${text}`);
  assert.ok(!/\b2026\b/.test(text), `${where} mentions this year:\n${text}`);
}

/** Types a time into a When field (a datetime-local input). */
async function when(locator, value) {
  await locator.fill(value);
}

test("a past incident replayed through the UI shows the typed times everywhere", async () => {
  const s = await open(browser, server.origin, { timezoneId: VIEWER });
  const { page } = s;
  await importFile(page, server.url, TEAM);

  // Declare with a past start, typed in UTC, marked as recorded after the fact.
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByRole("radio", { name: /^sev1 ·/ }).check();
  await page.getByLabel("It already happened: I am recording it after the fact").check();
  await page.getByLabel("Times typed in").selectOption("UTC");
  await page.getByLabel("Started").fill("2017-01-31T21:00");
  await page.getByLabel("Detected").fill("2017-01-31T21:10");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

  // The page says it is being recorded after the fact, in UTC.
  await page.getByRole("heading", { name: "Recorded after the fact" }).waitFor();
  assert.equal(await page.locator("#backfill-zone").inputValue(), "UTC");
  // The declaration is at the start: 16:00 in New York.
  const declared = page.locator("li.entry", { hasText: "Incident declared (sev1)" });
  assert.match(await declared.locator(".entry-time").innerText(), /31 Jan 2017, 16:00/);

  // Roles at past times: Yann takes incident manager and 3rd line lead at 21:10 UTC.
  const im = roleRow(page, "Incident manager");
  await when(im.locator(".when-input input"), "2017-01-31T21:10");
  await im.getByLabel("Person for Incident manager").selectOption("p-yann");
  await im.getByRole("button", { name: "Assign", exact: true }).click();
  // Two conflicting roles: the board warns and the team goes ahead, as they did that night.
  const third = roleRow(page, "3rd line lead");
  // After the fact, the next field already holds the last time typed.
  assert.equal(await third.locator(".when-input input").inputValue(), "2017-01-31T21:10");
  await third.getByLabel("Person for 3rd line lead").selectOption("p-yann");
  await third.getByRole("button", { name: /Assign Yann Peeters anyway/ }).click();
  await third.locator(".holder", { hasText: "Yann Peeters" }).waitFor();
  // His own clock when he took it: 22:10 in Amsterdam, not "now".
  assert.match(await third.locator(".holder").innerText(), /22:10 for Yann, night/);

  // Timeline entries in backfill mode: the time typed stays.
  const tl = page.locator("form.timeline-add");
  await when(tl.locator(".when-input input"), "2017-01-31T23:00");
  await page.getByLabel("What happened").fill("Replication lag alerts; the secondary is out of sync");
  await page.keyboard.press("Enter");
  await page.locator("li.entry", { hasText: "Replication lag alerts" }).waitFor();
  await when(tl.locator(".when-input input"), "2017-01-31T23:27");
  await page.getByLabel("What happened").fill("Data directory removed on the primary by mistake");
  await page.keyboard.press("Enter");
  const removed = page.locator("li.entry", { hasText: "Data directory removed" });
  await removed.waitFor();
  assert.match(await removed.locator(".entry-time").innerText(), /18:27/);
  // An entry from before the start is shown as such.
  await when(tl.locator(".when-input input"), "2017-01-31T17:20");
  await page.getByLabel("What happened").fill("Spam load spikes on the database");
  await page.keyboard.press("Enter");
  await page.locator("li.entry", { hasText: "Spam load spikes" }).getByText("Before the start").waitFor();

  // Status at a past time.
  await when(page.locator("#status-when"), "2017-01-31T23:30");
  await page.getByRole("button", { name: "Identified", exact: true }).click();
  await page.locator("li.entry", { hasText: "Status: investigating → identified" }).waitFor();

  // Hand incident manager over past Yann's midnight, and release him from 3rd line lead.
  const yannIm = im.locator(".holder", { hasText: "Yann Peeters" });
  await when(yannIm.locator(".when-input input"), "2017-01-31T23:40");
  await yannIm.getByLabel(/Hand Incident manager over from Yann Peeters to/).selectOption("p-alex");
  await yannIm.getByRole("button", { name: "Hand over", exact: true }).click();
  const handed = page.locator("li.entry", { hasText: "Incident manager handed over from Yann Peeters to Alex Moreno" });
  await handed.waitFor();
  // Each person's own clock at that moment: past midnight for Yann, afternoon for Alex.
  const handedText = await handed.innerText();
  assert.match(handedText, /00:40 for Yann, night/);
  assert.match(handedText, /15:40 for Alex/);
  const yann3 = third.locator(".holder", { hasText: "Yann Peeters" });
  await when(yann3.locator(".when-input input"), "2017-02-01T00:30");
  await yann3.getByRole("button", { name: /^Release/ }).click();
  await page.locator("li.entry", { hasText: "Yann Peeters released from 3rd line lead" }).waitFor();

  // Recover and resolve at past times.
  await when(page.locator("#status-when"), "2017-02-01T15:00");
  await page.getByRole("button", { name: "Monitoring", exact: true }).click();
  await page.locator("li.entry", { hasText: "identified → monitoring" }).waitFor();
  await when(page.locator("#status-when"), "2017-02-01T17:20");
  await page.getByRole("button", { name: "Resolved", exact: true }).click();
  await page.locator("li.entry", { hasText: "Roles released: Alex Moreno (Incident manager)" }).waitFor();

  // A future time is refused with a sentence, and changes nothing.
  const entries = await page.locator("li.entry").count();
  await when(tl.locator(".when-input input"), "2099-01-01T00:00");
  await page.getByLabel("What happened").fill("From the future");
  await page.keyboard.press("Enter");
  await page.getByText(/is in the future \(2099-01-01 00:00 UTC\)/).waitFor();
  assert.equal(await page.locator("li.entry").count(), entries);
  await page.getByLabel("What happened").fill("");

  // Key times and the incident page: the typed times, nothing of today.
  const keyTimes = await page.locator("section", { has: page.getByRole("heading", { name: "Key times" }) }).innerText();
  assert.match(keyTimes, /20 h 20 min/);
  assertNoToday(keyTimes, "Key times");
  const timeline = await page.locator("ol.timeline").innerText();
  assertNoToday(timeline, "The timeline");
  const head = await page.locator("header.incident-head").innerText();
  assert.match(head, /31 Jan 2017, 16:00/);

  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, "replay-incident.png"), fullPage: true });

  // The list's duration.
  await go(page, server.url, "#/incidents");
  const row = page.locator("tr", { hasText: TITLE });
  assert.match(await row.innerText(), /20 h 20 min/);
  assertNoToday(await row.innerText(), "The incident list row");

  // A full review, written, published and exported.
  await row.getByRole("link", { name: TITLE }).click();
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 2, name: "Roles during the incident" }).waitFor();
  const roles = await page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Roles during the incident" }) }).innerText();
  assert.match(roles, /Yann Peeters held Incident manager and 3rd line lead[^.]*for 2 h 30 min/);
  assertNoToday(roles, "The review's roles");
  // Written as the team would the evening after.
  const summary =
    "While fixing replication after midnight, the engineer on call removed the primary's data directory; restoring from a six-hour-old copy took until 17:20 UTC.";
  await page.getByRole("textbox", { name: "Summary", exact: true }).fill(summary);
  await page.getByRole("textbox", { name: "Response", exact: true }).fill("One person held incident manager and 3rd line lead until 23:40 UTC.");
  await page.getByLabel("Add to What went badly").fill("No second pair of eyes on destructive commands at night");
  await page.keyboard.press("Enter");
  await settled(page);
  await page.getByRole("button", { name: "Ask for review" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: /Back to draft|Move back to draft/ }).first().waitFor();
  await page.screenshot({ path: join(OUTPUT, "replay-review.png"), fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download Markdown" }).click(),
  ]);
  const md = await readFile(await download.path(), "utf8");
  assert.match(md, /2017-01-31 21:00 UTC/);
  assert.match(md, /2017-02-01 17:20 UTC/);
  assert.match(md, /20 h 20 min/);
  assert.match(md, /for 2 h 30 min/);
  assert.ok(md.includes(summary), "the summary written is in the Markdown");
  assert.match(md, /No second pair of eyes on destructive commands at night/);
  // The one date of today's in it is when the review itself was published, and it says so.
  assert.match(md, /^- \*\*Review:\*\* Full review, published .* UTC$/m);
  assertNoToday(md.replace(/^- \*\*Review:\*\*.*$/m, ""), "The Markdown");

  // Load over time on those days: Yann was in conflict for those 2 h 30 min; today, nobody.
  await go(page, server.url, "#/load");
  await page.getByRole("radio", { name: "Chosen dates" }).check();
  await page.getByLabel("First day").fill("2017-01-31");
  await page.getByLabel("Last day").fill("2017-02-01");
  await page.getByRole("button", { name: "Show these days" }).click();
  const table = page.locator("table", { has: page.getByRole("columnheader", { name: "Time in conflict" }) });
  const yann = table.locator("tr", { hasText: "Yann Peeters" });
  await yann.waitFor();
  // Peak, time overloaded, time in conflict.
  assert.deepEqual(await yann.locator("td").allInnerTexts(), ["5 of 4", "2 h 30 min", "2 h 30 min"]);
  assertNoToday(await table.innerText(), "Load over time");
  await settled(page);
  s.check();
  await s.context.close();
});

test("a release's managers end with its deploy, and correcting the deploy time moves them", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/releases");
  const f = page.locator("form.release-form").first();
  await f.getByLabel("Name").fill("9.6");
  await f.getByLabel("Status").selectOption("in-progress");
  await f.getByLabel("Release manager").selectOption("p-yann");
  await f.getByLabel("Deployment manager").selectOption("p-alex");
  // The When reads now until opened: one step to an earlier time.
  await f.getByRole("button", { name: /When: now/ }).click();
  // Opening it puts the cursor in the time field.
  await page.waitForFunction(() => document.activeElement?.type === "datetime-local");
  await f.locator(".when-input input").fill("2017-01-30T10:00");
  assert.equal(await f.locator(".when-input input").inputValue(), "2017-01-30T10:00");
  await f.getByRole("button", { name: "Record release" }).click();
  const item = page.locator("li.release", { has: page.getByRole("heading", { level: 3, name: "9.6", exact: true }) });
  await item.waitFor();
  assert.match(await item.innerText(), /Release manager\s+Yann Peeters/);

  // Deployed at a past time: the managers' roles end there, in one line of its history.
  await item.getByRole("button", { name: /^Edit/ }).click();
  const edit = page.locator("li.release form.release-form");
  await edit.getByLabel("Status").selectOption("deployed");
  await edit.getByLabel("Deployed").fill("2017-01-31T10:00");
  await edit.getByRole("button", { name: "Save release" }).click();
  await edit.getByLabel("Why did it go out without a go?").fill("Replayed from the old log");
  await edit.getByRole("button", { name: "Save release" }).click();
  // Recorded as in progress, then deployed.
  await item.getByText("History (2)").click();
  await item.getByText("Status: In progress → Deployed; roles ended: Yann Peeters (Release manager), Alex Moreno (Deployment manager)").waitFor();
  assert.match(await item.innerText(), /Deployed\s+31 Jan 2017, 10:00/);
  // Still on record as its managers.
  assert.match(await item.innerText(), /Release manager\s+Yann Peeters/);

  // Correct the deploy time from the history; the deploy time follows.
  const deploy = item.locator(".release-history li", { hasText: "→ Deployed" });
  await deploy.getByRole("button", { name: /Correct the time/ }).click();
  await item.getByLabel("Corrected time", { exact: true }).fill("2017-01-31T10:30");
  await item.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Corrected the time").waitFor();
  assert.match(await item.innerText(), /Deployed\s+31 Jan 2017, 10:30/);
  // A time in the future is refused with a sentence and changes nothing.
  await deploy.getByRole("button", { name: /Correct the time/ }).click();
  await item.getByLabel("Corrected time", { exact: true }).fill("2099-01-31T10:30");
  await item.getByRole("button", { name: "Save", exact: true }).click();
  await item.getByText(/is in the future/).waitFor();
  assert.match(await item.innerText(), /Deployed\s+31 Jan 2017, 10:30/);

  // Nobody carries the release into today's load.
  await go(page, server.url, "#/load");
  const main = await page.locator("main").innerText();
  assert.ok(!/Yann Peeters[^\n]*Release manager/.test(main), main);
  await settled(page);
  s.check();
  await s.context.close();
});
