// Issue 12's walk, as a newcomer meets the team's written process: the handbook, one step
// changed, a sev2 run by it (two ticks, one at a time typed in, a cadence falling late as the
// clock moves on), the review's "Process followed", and the handbook taken away as Markdown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { open, go, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const MINUTE = 60_000;

test("a newcomer reads the handbook, changes a step, runs a sev2 by it and reviews how the process was followed", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await page.clock.install({ time: new Date("2026-11-30T09:50:00Z") });
  // A team with people and roles, and no written process yet.
  await importFile(page, server.url, join(FIXTURES, "incident-team.json"));

  // The handbook: the incident manager's duties, and what the role does not do.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Handbook" }).click();
  const im = page.getByRole("article", { name: "Incident manager" });
  assert.match(await im.innerText(), /Coordinates the response: who does what, and what happens next\.[\s\S]*Not: Does not fix things/);

  // One step changed: the check-in with every role holder every 30 minutes instead of 60.
  await page.getByRole("button", { name: "Edit “Check in with every role holder”" }).click();
  await page.getByLabel("Repeat every (minutes)").fill("30");
  await page.getByRole("button", { name: "Save step" }).click();
  assert.match(await im.innerText(), /Check in with every role holder \(every 30 min, for sev1–sev2\)/);
  assert.match(await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText(), /“Check in with every role holder” now every 30 min, for sev1–sev2 \(was every 1 h, for sev1–sev2\)/);

  // 10:00: a sev2, and Sam takes the incident manager's role.
  await page.clock.fastForward(10 * MINUTE);
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill("Checkout times out");
  await page.getByRole("radio", { name: /^sev2 ·/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: "Checkout times out" }).waitFor();
  const board = page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: "Incident manager", exact: true }) });
  await board.getByLabel("Person for Incident manager").selectOption("p-sam");
  await board.getByRole("button", { name: "Assign", exact: true }).click();

  // The checklist on the role board is the team's, with the changed step.
  const list = board.locator(".checklist");
  await list.getByText("Incident manager's checklist").waitFor();
  const row = (text) => list.locator("li.checklist-step", { hasText: text });
  assert.match(await row("Check in with every role holder").innerText(), /every 30 min, for sev1–sev2/);

  // 10:05: the comms lead and scribe are named, ticked as it happens.
  await page.clock.fastForward(5 * MINUTE);
  await row("Name a communications lead").getByRole("button", { name: /^Done/ }).click();
  await row("Name a communications lead").getByText("done 10:05").waitFor();
  await row("Check in with every role holder").getByRole("button", { name: /^Done/ }).click();

  // 10:25: the severity was confirmed at 10:21, written down now with its real time (the role
  // was taken a few seconds after 10:00, so 10:21 is 5 whole minutes past its 15).
  await page.clock.fastForward(20 * MINUTE);
  await list.getByRole("button", { name: /^When: now/ }).click();
  await list.getByLabel(/^When/).fill("2026-11-30T10:21");
  await row("Confirm the severity").getByRole("button", { name: /^Done/ }).click();
  await row("Confirm the severity").getByText("done 10:21, 5 min late").waitFor();
  await page.locator(".timeline .entry", { hasText: "Confirm the severity against the policy" }).waitFor();

  // 10:45: no check-in since 10:05; the top of the page says so as the clock moves on.
  await page.clock.fastForward(20 * MINUTE);
  const outstanding = page.locator("section.outstanding");
  await outstanding.getByText("Check in with every role holder: 40 min since the last; the cadence is 30 min.").waitFor();
  assert.match(await outstanding.innerText(), /Decide whether to wake the 3rd line: 30 min late\./);

  await page.getByRole("button", { name: "Resolved", exact: true }).click();
  await page.getByRole("button", { name: "Resolved (now)" }).waitFor();

  // The review lists, for discussion, what was done on time, late, and not at all.
  await go(page, server.url, "#/reviews");
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 1, name: "Review: Checkout times out" }).waitFor();
  const followed = page.locator("section.process-followed");
  await followed.getByRole("heading", { level: 3, name: "Incident manager" }).waitFor();
  assert.deepEqual(await followed.locator("li").allInnerTexts(), [
    "Name a communications lead and a scribe: done on time",
    "Confirm the severity against the policy: done 5 min late",
    "Decide whether to wake the 3rd line: not done",
    "Check in with every role holder: gaps: the longest was 40 min; the cadence is 30 min",
  ]);

  // The handbook as Markdown carries every role's duties and checklist.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Handbook" }).click();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as Markdown" }).click()]);
  const md = readFileSync(await dl.path(), "utf8");
  const roles = {
    "Incident manager": ["Coordinates the response", "Check in with every role holder (every 30 min, for sev1–sev2)"],
    "Communications lead": ["in plain words, on a steady rhythm", "Post the first status update (within 15 min of the incident's start)"],
    "Scribe": ["Keeps the timeline", "Note how the incident was detected"],
    "1st line support": ["Watches the support queue", "Escalate to the 2nd line with what users report"],
    "2nd line support": ["Tries the known fixes first", "Escalate to the 3rd line if no progress"],
    "3rd line lead": ["Leads the fix on the systems themselves", "Tell the incident manager the plan and its risk"],
    "Release manager": ["Decides whether a release goes out"],
    "Deployment manager": ["Deploys the release and watches it land"],
    "Committee chair": ["keeps the process itself in shape"],
  };
  for (const [role, lines] of Object.entries(roles)) {
    const at = md.indexOf(`### ${role}\n`);
    assert.ok(at >= 0, `${role} in the handbook`);
    const section = md.slice(at, md.indexOf("\n### ", at + 4) === -1 ? undefined : md.indexOf("\n### ", at + 4));
    for (const line of lines) assert.ok(section.includes(line), `${role}: ${line}\n${section}`);
  }
  assert.match(md, /## Changelog[\s\S]*Check in with every role holder/);
  s.check();
  await s.context.close();
});
