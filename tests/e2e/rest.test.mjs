// Rested volunteers on the role board: someone away is named before they are given a role,
// and the people offered instead come with their own clock and whether they are rested.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, go, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const TEAM = join(FIXTURES, "incident-team.json");
let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an away period is added on People, and the role board says so before assigning", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/people");
  const ana = page.locator("li.person", { hasText: "Ana Lima" });
  await ana.getByText("Away (0)").click();
  // A last day before the first is refused with a sentence and adds nothing.
  await ana.getByLabel("First day").fill(day(1));
  await ana.getByLabel("Last day").fill(day(-1));
  await ana.getByRole("button", { name: "Add away period" }).click();
  await ana.getByText(/is before the first/).waitFor();
  await ana.getByLabel("Last day").fill(day(1));
  await ana.getByLabel("First day").fill(day(-1));
  await ana.getByLabel("Why (optional)").fill("exams");
  await ana.getByRole("button", { name: "Add away period" }).click();
  await ana.getByText("Away (1)").waitFor();
  assert.match(await ana.locator("details.away").innerText(), /\(exams\)/);

  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill("Uploads stall");
  await page.getByRole("radio", { name: /^sev2 ·/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: "Uploads stall" }).waitFor();
  const row = page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: "Incident manager", exact: true }) });
  await row.getByLabel("Person for Incident manager").selectOption("p-ana");
  const warning = row.locator(".assess");
  await warning.getByText(/Ana Lima is away .* \(exams\)\./).waitFor();
  // Offered instead: named with their own clock and rest.
  assert.match(await warning.innerText(), /Better placed: \w+ \w+ — \d\d:\d\d their time( \(night\))?, rested/);
  // Going ahead is still the team's call.
  await warning.getByRole("button", { name: "Assign Ana Lima anyway" }).click();
  await row.locator(".holder", { hasText: "Ana Lima" }).waitFor();
  s.check();
  await s.context.close();
});

test("someone on an incident role past the stretch limit is flagged on the board and in Load, in words", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  const input = (hoursAgo) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 16);
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill("Night-long outage");
  await page.getByRole("radio", { name: /^sev1 ·/ }).check();
  await page.getByLabel("Started").fill(input(14));
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: "Night-long outage" }).waitFor();
  const row = page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: "Scribe", exact: true }) });
  await row.getByRole("button", { name: /When: now/ }).click();
  await row.locator(".when-input input").fill(input(13));
  await row.getByLabel("Person for Scribe").selectOption("p-kai");
  await row.getByRole("button", { name: "Assign", exact: true }).click();
  await row.locator(".holder", { hasText: "Kai Chen" }).getByText(/Kai Chen needs rest: .*13 h/).waitFor();

  await go(page, server.url, "#/load");
  const rest = page.locator("section.load-rest");
  await rest.getByText(/Kai Chen needs rest/).waitFor();
  const kai = rest.locator("tr", { hasText: "Kai Chen" });
  assert.match(await kai.innerText(), /13 h/);
  s.check();
  await s.context.close();
});

test("hand-over suggestions in Load say each person's clock and whether they are rested", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await go(page, server.url, "#/load");
  await page.getByRole("button", { name: "Load the example team" }).click();
  await page.getByText("Overloaded (11 / 3)").first().waitFor();
  const first = page.locator(".offer .candidates li").first();
  await first.waitFor();
  assert.match(await first.innerText(), /Hand .* to .* — (\d\d:\d\d their time( \(night\))?|no time zone set), (rested|needs rest)/);
  s.check();
  await s.context.close();
});
