// The team's process during an incident and in its review, as a person meets it: the incident
// manager's checklist on the role board, two steps ticked (one at a time typed in), a cadence
// step turning late as the clock moves on, and the review's "Process followed" section.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { open, go, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const step = (id, text, extra) => ({ id, text, ...extra });

/** The incident team, with a written process for the incident manager. */
function teamWithProcess() {
  const ws = JSON.parse(readFileSync(join(FIXTURES, "incident-team.json"), "utf8"));
  ws.process = {
    roles: [
      {
        role: "incident-manager",
        duties: ["Coordinates the response."],
        not_duties: ["Does not fix things."],
        checklist: [
          step("im-roles", "Name a communications lead and a scribe", { within_minutes: 10, from: "role-start" }),
          step("im-severity", "Confirm the severity against the policy", { within_minutes: 15, from: "role-start" }),
          step("im-escalate", "Decide whether to wake the 3rd line", {
            within_minutes: 15,
            from: "incident-start",
            severities: ["sev1", "sev2"],
          }),
          step("im-update", "Post a status update", { from: "role-start", every_minutes: 30, severities: ["sev1", "sev2"] }),
          step("im-sev4", "Put it in the queue", { from: "role-start", severities: ["sev4"] }),
        ],
      },
    ],
    severities: [],
    escalation: [],
    release: [],
    changelog: [],
  };
  const file = join(mkdtempSync(join(tmpdir(), "hatrack-")), "team-with-process.json");
  writeFileSync(file, JSON.stringify(ws));
  return file;
}

const MINUTE = 60_000;

async function declare(page, title, sev) {
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: new RegExp(`^${sev} ·`) }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

test("an incident manager's checklist is ticked, falls late as time passes, and the review says what was followed", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await page.clock.install({ time: new Date("2026-11-30T10:00:00Z") });
  await importFile(page, server.url, teamWithProcess());

  await declare(page, "Search returns 502", "sev2");

  const im = page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: "Incident manager", exact: true }) });
  assert.equal(await im.locator(".checklist").count(), 0, "no checklist before anyone holds the role");
  await im.getByLabel("Person for Incident manager").selectOption("p-sam");
  await im.getByRole("button", { name: "Assign", exact: true }).click();

  // The checklist shows the steps for a sev2 with when each is expected, not the sev4 one.
  const list = im.locator(".checklist");
  await list.getByText("Incident manager's checklist").waitFor();
  const row = (text) => list.locator("li.checklist-step", { hasText: text });
  assert.equal(await list.locator("li.checklist-step").count(), 4);
  assert.equal(await row("Put it in the queue").count(), 0);
  assert.match(await row("Name a communications lead").innerText(), /within 10 min of taking the role/);
  assert.match(await row("Name a communications lead").innerText(), /due by 10:10/);
  assert.match(await row("Post a status update").innerText(), /every 30 min, for sev1–sev2/);

  // At the top, what is due, by role.
  const outstanding = page.locator("section.outstanding");
  await outstanding.getByText("Name a communications lead and a scribe: due by 10:10.").waitFor();

  // 10:05: the roles are named and the first update posted, ticked as they happen.
  await page.clock.fastForward(5 * MINUTE);
  await row("Name a communications lead").getByRole("button", { name: /^Done/ }).click();
  await row("Name a communications lead").getByText("done 10:05").waitFor();
  await row("Post a status update").getByRole("button", { name: /^Done/ }).click();
  await row("Post a status update").getByText("done 10:05; next by 10:35").waitFor();
  // The tick is on the timeline as an action.
  await page.locator(".timeline .entry", { hasText: "Name a communications lead and a scribe" }).waitFor();

  // 10:25: the severity was confirmed at 10:21, recorded now with the time typed in (the expectation was 10:15).
  await page.clock.fastForward(20 * MINUTE);
  await list.getByRole("button", { name: /^When: now/ }).click();
  await list.getByLabel(/^When/).fill("2026-11-30T10:21");
  await row("Confirm the severity").getByRole("button", { name: /^Done/ }).click();
  await row("Confirm the severity").getByText("done 10:21, 5 min late").waitFor();

  // Unticking takes the entry off the timeline, and Undo puts it back.
  await row("Confirm the severity").getByRole("button", { name: /^Untick/ }).click();
  await row("Confirm the severity").getByText(/late by/).waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await row("Confirm the severity").getByText("done 10:21, 5 min late").waitFor();

  // 10:45: nobody posted an update since 10:05; the page says so without a reload.
  await page.clock.fastForward(20 * MINUTE);
  await outstanding.getByText("Post a status update: 40 min since the last; the cadence is 30 min.").waitFor();
  await row("Post a status update").getByText("40 min since the last; the cadence is 30 min").waitFor();
  const top = await outstanding.innerText();
  assert.match(top, /Incident manager/);
  assert.match(top, /Decide whether to wake the 3rd line: 30 min late\./);
  assert.doesNotMatch(top, /Name a communications lead/, "what was done is not outstanding");

  // Resolved: nothing is outstanding any more.
  await page.getByRole("button", { name: "Resolved", exact: true }).click();
  await page.getByRole("button", { name: "Resolved (now)" }).waitFor();
  assert.equal(await page.locator("section.outstanding").count(), 0);

  // The review says, per role, what was done on time, late, or not at all.
  await go(page, server.url, "#/reviews");
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 1, name: "Review: Search returns 502" }).waitFor();
  const followed = page.locator("section.process-followed");
  await followed.getByRole("heading", { level: 2, name: "Process followed" }).waitFor();
  await followed.getByText("Material for discussion: the process may need changing as much as the people following it.").waitFor();
  await followed.getByRole("heading", { level: 3, name: "Incident manager" }).waitFor();
  const lines = await followed.locator("li").allInnerTexts();
  assert.deepEqual(lines, [
    "Name a communications lead and a scribe: done on time",
    "Confirm the severity against the policy: done 5 min late",
    "Decide whether to wake the 3rd line: not done",
    "Post a status update: gaps: the longest was 40 min; the cadence is 30 min",
  ]);

  // Published, it stays as it was, and the Markdown for the wiki carries it.
  await page.getByRole("button", { name: "Ask for review" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.locator(".status-control strong", { hasText: "Published" }).waitFor();
  assert.deepEqual(await followed.locator("li").allInnerTexts(), lines);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download Markdown" }).click(),
  ]);
  const md = readFileSync(await download.path(), "utf8");
  assert.match(md, /## Process followed\n\nMaterial for discussion: /);
  assert.match(md, /- \*\*Incident manager:\*\*\n {2}- Name a communications lead and a scribe: done on time\n/);
  assert.match(md, / {2}- Decide whether to wake the 3rd line: not done\n/);
  s.check();
  await s.context.close();
});

test("without a written process the incident page says where to take one up", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, join(FIXTURES, "incident-team.json"));
  await declare(page, "No process yet", "sev3");
  await page.getByText("The team has not taken up a written process yet, so roles have no checklists.").waitFor();
  assert.equal(await page.getByRole("link", { name: "Take one up in the handbook" }).getAttribute("href"), "#/handbook");
  s.check();
  await s.context.close();
});
