// The rota planner end to end: plan 12 weeks for the example team, apply (and undo), see the
// turns as load in Load → Over time, and download calendars that a real iCalendar parser reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ICAL from "ical.js";
import { open, go, settled, loadExampleTeam, useBrowser } from "./helpers.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** Clicks a download button and returns the file's name and its events, parsed by ical.js. */
async function calendar(page, locator) {
  const [download] = await Promise.all([page.waitForEvent("download"), locator.click()]);
  const text = readFileSync(await download.path(), "utf8");
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.name, "vcalendar");
  const events = cal.getAllSubcomponents("vevent");
  for (const e of events) {
    assert.ok(e.getFirstPropertyValue("uid"), "every event has a UID");
    assert.ok(e.getFirstPropertyValue("dtstart"), "every event has a start");
  }
  const uids = events.map((e) => e.getFirstPropertyValue("uid"));
  assert.equal(new Set(uids).size, uids.length, "UIDs are unique");
  return { name: download.suggestedFilename(), events };
}

/** Serious or critical axe violations on the page as it is now. */
async function axe(page) {
  await page.evaluate(AXE);
  // eslint-disable-next-line no-undef
  const result = await page.evaluate(async () => axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

test("an empty workspace is told what to do on the rota view", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/rota");
  // A new workspace has the default standing roles but nobody to hold them.
  await s.page.getByRole("heading", { name: "Nobody has the skills yet" }).waitFor();
  s.check();
  await s.context.close();
});

test("plan 12 weeks, apply, see the turns as load, download the calendars", async () => {
  // bypassCSP only so the test can inject axe into the page with a plan on it.
  const s = await open(browser, server.origin, { bypassCSP: true });
  const { page } = s;
  await loadExampleTeam(page, server.url);
  // The load view's Rest section says, in words, who needs rest and who is away.
  const rest = page.getByRole("region", { name: "Rest" });
  await rest.getByRole("heading", { name: "Needs rest" }).waitFor();
  await rest.getByRole("heading", { name: "Away now" }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rota" }).click();
  await page.getByRole("heading", { name: "Rota", level: 1 }).waitFor();
  assert.equal(await page.locator("#rota-weeks").inputValue(), "12");
  const start = await page.locator("#rota-start").inputValue();
  assert.match(start, /^\d{4}-\d{2}-\d{2}$/);

  // Kept as agreed, Amara's open-ended chair stays hers in every turn: nothing new to apply.
  await page.getByRole("button", { name: "Plan" }).click();
  const plan = page.getByRole("region", { name: "Proposed rota" });
  const table = plan.getByRole("table", { name: "Proposed rota" });
  await table.waitFor();
  assert.equal(await table.locator("tbody tr").count(), 12);
  assert.match(await table.locator("tbody").textContent(), /Amara Okafor \(agreed\)/);
  assert.ok(await plan.getByRole("button", { name: "Apply" }).isDisabled());

  // Planned afresh, the chair is shared among everyone with the skill.
  await page.getByLabel("Keep turns already agreed").uncheck();
  await page.getByRole("button", { name: "Plan" }).click();
  await plan.getByText("Apply creates").waitFor();
  const body = await table.locator("tbody").textContent();
  assert.doesNotMatch(body, /agreed/);
  const shares = plan.getByRole("table", { name: "Each person's share" });
  assert.ok((await shares.locator("tbody tr").count()) >= 2, "more than one person takes turns");
  assert.deepEqual(await axe(page), []);
  const holders = (await table.locator("tbody td:nth-child(2)").allTextContents()).filter((t) => !t.startsWith("Nobody"));
  assert.equal(holders.length, 12);

  await plan.getByRole("button", { name: "Apply" }).click();
  await page.getByText(/Applied the rota: \d+ turns planned\./).waitFor();
  // Undo, then apply again: the toast's undo restores the workspace as it was.
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Undone.").waitFor();
  await page.getByRole("button", { name: "Plan" }).click();
  await plan.getByRole("button", { name: "Apply" }).click();
  await page.getByText(/Applied the rota/).waitFor();
  await settled(page);

  // Coverage ahead, in words: a list of weeks at risk with what would fix each, or that all is well.
  const ahead = page.getByRole("region", { name: "Coverage ahead" });
  assert.match(await ahead.textContent(), /Every standing role has someone|Nobody holds|Only .* holds/);

  // The team's calendar: every turn of the period, as all-day events.
  const team = await calendar(page, page.getByRole("button", { name: "Team calendar (.ics)" }));
  assert.equal(team.name, "hatrack-rota.ics");
  assert.ok(team.events.length >= 12, `${team.events.length} events`);
  assert.ok(team.events.every((e) => e.getFirstPropertyValue("dtstart").isDate), "turns are all-day events");

  // One person's calendar from People: only their turns, the same UIDs as in the team's.
  const someone = holders.find((h) => h !== "Amara Okafor") ?? holders[0];
  await go(page, server.url, "#/people");
  const mine = await calendar(page, page.getByRole("button", { name: `Download Calendar (.ics) for ${someone}` }));
  assert.match(mine.name, /^hatrack-rota-.+\.ics$/);
  assert.ok(mine.events.length >= 1);
  const teamUids = new Set(team.events.map((e) => e.getFirstPropertyValue("uid")));
  for (const e of mine.events) assert.ok(teamUids.has(e.getFirstPropertyValue("uid")));

  // Load → Over time across the plan: the turns show as load.
  await go(page, server.url, "#/load");
  const over = page.getByRole("region", { name: "Over time" });
  await over.getByLabel("Chosen dates").check();
  const last = new Date(Date.parse(start + "T00:00:00Z") + 83 * 86400000).toISOString().slice(0, 10);
  await over.getByLabel("First day").fill(start);
  await over.getByLabel("Last day").fill(last);
  await over.getByRole("button", { name: "Show these days" }).click();
  // A square of that person's row, within the plan, says they hold the chair then.
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll(".heatmap [role=img]")].some((c) => {
        const l = c.getAttribute("aria-label") || "";
        return l.startsWith(name + ":") && /held [^;]*Committee chair/.test(l);
      }),
    someone,
    { timeout: 5000 },
  );
  s.check();
  await s.context.close();
});
