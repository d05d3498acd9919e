// People and roles, used as a team lead would: building the roster, editing it, conflict rules,
// handing over a standing role, and deleting people without losing history by accident.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, go, settled, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

async function start() {
  const s = await open(browser, server.origin, { timezoneId: "Europe/Berlin" });
  await go(s.page, server.url, "#/people");
  return s;
}

async function addPerson(page, name, zone, skills) {
  const form = page.getByRole("form", { name: "Add a person" });
  await form.getByLabel("Name").fill(name);
  if (zone) await form.getByLabel("Timezone").selectOption(zone);
  for (const skill of skills) await form.getByRole("checkbox", { name: skill, exact: true }).check();
  await form.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("button", { name: `Edit ${name}` }).waitFor();
}

const active = (page) => page.getByRole("list", { name: "Active people", exact: true });
const entry = (page, name) => active(page).getByRole("listitem").filter({ hasText: name });

test("people added with skills and a timezone are there after a reload; a blank name adds nobody", async () => {
  const s = await start();
  const { page } = s;
  await page.getByText("Nobody is on the roster yet").waitFor();
  const form = page.getByRole("form", { name: "Add a person" });
  assert.equal(await form.getByLabel("Timezone").inputValue(), "Europe/Berlin", "defaults to the viewer's zone");

  await form.getByRole("checkbox", { name: "Scribe", exact: true }).check();
  await form.getByRole("button", { name: "Add person" }).click();
  await form.getByText("Give the person a name.").waitFor();
  assert.equal(await form.getByLabel("Name").getAttribute("aria-invalid"), "true");
  assert.ok(await page.getByText("Nobody is on the roster yet").isVisible(), "nobody was added");
  await form.getByRole("checkbox", { name: "Scribe", exact: true }).uncheck();

  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Incident manager", "Committee chair"]);
  await addPerson(page, "Grace Hopper", "America/New_York", ["Scribe"]);
  await settled(page);
  await page.reload();
  await page.locator("main h1").first().waitFor();

  assert.equal(await active(page).getByRole("listitem").count(), 2);
  const ada = entry(page, "Ada Lovelace");
  assert.match(await ada.textContent(), /Asia\/Tokyo · \d\d:\d\d for them/);
  assert.ok(await ada.getByText("Incident manager", { exact: true }).isVisible());
  assert.ok(await ada.getByText("Committee chair", { exact: true }).isVisible());
  const grace = entry(page, "Grace Hopper");
  assert.match(await grace.textContent(), /America\/New_York · \d\d:\d\d for them/);
  assert.ok(await grace.getByText("Scribe", { exact: true }).isVisible());

  // The search box narrows the roster by name or by role.
  await page.getByLabel("Search by name or role").fill("scribe");
  await active(page).getByRole("listitem").filter({ hasText: "Ada Lovelace" }).waitFor({ state: "detached" });
  assert.equal(await active(page).getByRole("listitem").count(), 1);
  s.check();
  await s.context.close();
});

test("a person's capacity can be edited", async () => {
  const s = await start();
  const { page } = s;
  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Scribe"]);
  assert.match(await entry(page, "Ada Lovelace").textContent(), /team default/);
  await page.getByRole("button", { name: "Edit Ada Lovelace" }).click();
  const form = page.getByRole("form", { name: "Edit Ada Lovelace" });
  await form.getByLabel("Capacity").fill("-2");
  await form.getByRole("button", { name: "Save" }).click();
  await form.getByText("Capacity must be a number of 0 or more.").waitFor();
  await form.getByLabel("Capacity").fill("5");
  await form.getByRole("button", { name: "Save" }).click();
  await entry(page, "Ada Lovelace").getByText("Capacity 5").waitFor();
  await settled(page);
  await page.reload();
  await entry(page, "Ada Lovelace").getByText("Capacity 5").waitFor();
  s.check();
  await s.context.close();
});

test("a conflict rule can be added and removed, and the removal undone", async () => {
  const s = await start();
  const { page } = s;
  const rules = page.getByRole("list", { name: "Conflict rules" });
  const rule = rules.getByRole("listitem").filter({ hasText: "Scribe × Communications lead" });
  const form = page.getByRole("form", { name: "Add a conflict rule" });
  await form.getByLabel("First role").selectOption({ label: "Scribe" });
  await form.getByLabel("Second role").selectOption({ label: "Communications lead" });
  await form.getByLabel("Reason").fill("Nobody can write the timeline and the status posts at once.");
  await form.getByRole("button", { name: "Add rule" }).click();
  await rule.waitFor();
  assert.match(await rule.textContent(), /Scribe × Communications lead — Nobody can write the timeline/);

  await page.getByRole("button", { name: "Remove the rule Scribe × Communications lead" }).click();
  await rule.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Undo" }).click();
  await rule.waitFor();
  assert.match(await rule.textContent(), /Nobody can write the timeline/);
  s.check();
  await s.context.close();
});

test("handing over a standing role ends one holder at the instant the next starts", async () => {
  const s = await start();
  const { page } = s;
  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Committee chair"]);
  await addPerson(page, "Grace Hopper", "America/New_York", []);

  const give = page.getByRole("form", { name: "Give a standing role" });
  await give.getByLabel("Person").selectOption({ label: "Ada Lovelace" });
  await give.getByLabel("Standing role").selectOption({ label: "Committee chair" });
  assert.match(await give.getByLabel("From").inputValue(), /^\d{4}-\d\d-\d\dT\d\d:\d\d$/, "defaults to now");
  await give.getByRole("button", { name: "Give role" }).click();
  const current = page.getByRole("list", { name: "Current standing roles" });
  await current.getByRole("listitem").filter({ hasText: "Ada Lovelace" }).waitFor();

  await current.getByRole("button", { name: "Hand over to… (Committee chair held by Ada Lovelace)" }).click();
  await page.getByLabel("Hand Committee chair over to").selectOption({ label: "Grace Hopper" });
  await page.getByRole("button", { name: "Hand over", exact: true }).click();
  const now = current.getByRole("listitem").filter({ hasText: "Grace Hopper" });
  await now.waitFor();
  await current.getByRole("listitem").filter({ hasText: "Ada Lovelace" }).waitFor({ state: "detached" });
  assert.equal(await current.getByRole("listitem").count(), 1, "only Grace holds it now");

  const history = page.getByRole("list", { name: "Ended standing roles, most recent first" });
  const ended = history.getByRole("listitem").filter({ hasText: "Ada Lovelace" });
  await ended.waitFor();
  const endedAt = await ended.locator("time").nth(1).getAttribute("datetime");
  const startedAt = await now.locator("time").first().getAttribute("datetime");
  assert.ok(endedAt, "the ended assignment shows its end");
  assert.equal(endedAt, startedAt, "Ada's end is Grace's start");
  s.check();
  await s.context.close();
});

test("giving someone a role leaves the away period being typed on their entry as it was", async () => {
  const s = await start();
  const { page } = s;
  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Committee chair"]);
  const ada = entry(page, "Ada Lovelace");
  await ada.getByText("Away (0)").click();
  await ada.getByLabel("First day").fill("2026-12-24");
  await ada.getByLabel("Why (optional)").fill("holiday");

  // Meanwhile she is made committee chair, which her entry then says.
  const give = page.getByRole("form", { name: "Give a standing role" });
  await give.getByLabel("Person").selectOption({ label: "Ada Lovelace" });
  await give.getByLabel("Standing role").selectOption({ label: "Committee chair" });
  await give.getByRole("button", { name: "Give role" }).click();
  await ada.getByText("Holds now: Committee chair").waitFor();
  assert.equal(await ada.locator("details.away").evaluate((d) => d.open), true, "still open");
  assert.equal(await ada.getByLabel("First day").inputValue(), "2026-12-24");
  assert.equal(await ada.getByLabel("Why (optional)").inputValue(), "holiday");

  await ada.getByLabel("Last day").fill("2026-12-31");
  await ada.getByRole("button", { name: "Add away period" }).click();
  await ada.getByText("Away (1)").waitFor();
  assert.match(await ada.locator("details.away").innerText(), /\(holiday\)/);
  s.check();
  await s.context.close();
});

test("a standing role given from later says when it starts, and says since when once it has", async () => {
  const s = await open(browser, server.origin, { timezoneId: "UTC" });
  const { page } = s;
  await page.clock.install({ time: new Date("2026-11-30T10:00:00Z") });
  await go(page, server.url, "#/people");
  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Committee chair"]);
  const give = page.getByRole("form", { name: "Give a standing role" });
  await give.getByLabel("Person").selectOption({ label: "Ada Lovelace" });
  await give.getByLabel("Standing role").selectOption({ label: "Committee chair" });
  await give.getByLabel("From").fill("2026-11-30T10:30");
  await give.getByRole("button", { name: "Give role" }).click();
  const ada = page.getByRole("list", { name: "Current standing roles" }).getByRole("listitem").filter({ hasText: "Ada Lovelace" });
  await ada.waitFor();
  assert.match(await ada.innerText(), /Committee chair: Ada Lovelace, starts 30 Nov 2026, 10:30/);
  // Not held yet: it can be called off, not ended or handed over.
  assert.ok(await ada.getByRole("button", { name: "Cancel Ada Lovelace's time as Committee chair" }).isVisible());
  assert.equal(await ada.getByRole("button").count(), 1);

  // Half an hour on, without touching the page: she holds it, and it can be ended or handed over.
  await page.clock.fastForward(31 * 60_000);
  await ada.getByText(/since 30 Nov 2026, 10:30/).waitFor();
  await ada.getByRole("button", { name: "Hand over to… (Committee chair held by Ada Lovelace)" }).waitFor();
  assert.ok(await ada.getByRole("button", { name: "End Ada Lovelace's time as Committee chair" }).isVisible());
  s.check();
  await s.context.close();
});

test("a role being edited keeps what is typed when someone who can take it on is added", async () => {
  const s = await start();
  const { page } = s;
  const roles = page.getByRole("table", { name: /^Roles, their scope/ });
  await roles.getByRole("button", { name: "Edit the role Committee chair" }).click();
  const edit = page.getByRole("form", { name: "Edit the role Committee chair" });
  await edit.getByLabel("Weight").fill("2.5");
  await edit.getByLabel("Description").fill("Chairs the committee and signs off the budget");

  await addPerson(page, "Ada Lovelace", "", ["Committee chair"]);
  assert.equal(await edit.getByLabel("Weight").inputValue(), "2.5");
  assert.equal(await edit.getByLabel("Description").inputValue(), "Chairs the committee and signs off the budget");
  await edit.getByRole("button", { name: "Save role" }).click();
  const row = roles.getByRole("row", { name: /^Committee chair/ });
  await row.getByText("Chairs the committee and signs off the budget").waitFor();
  assert.match(await row.innerText(), /2\.5.*1 person/s);
  s.check();
  await s.context.close();
});

test("deleting someone who held a role offers deactivation; deleting anyone else can be undone", async () => {
  const s = await start();
  const { page } = s;
  await addPerson(page, "Ada Lovelace", "Asia/Tokyo", ["Committee chair"]);
  await addPerson(page, "Linus Example", "", []);
  const give = page.getByRole("form", { name: "Give a standing role" });
  await give.getByLabel("Person").selectOption({ label: "Ada Lovelace" });
  await give.getByLabel("Standing role").selectOption({ label: "Committee chair" });
  await give.getByRole("button", { name: "Give role" }).click();
  await page.getByRole("list", { name: "Current standing roles" }).getByRole("listitem").filter({ hasText: "Ada Lovelace" }).waitFor();

  await page.getByRole("button", { name: "Delete Ada Lovelace" }).click();
  const ask = page.getByRole("group", { name: "Delete Ada Lovelace?" });
  await ask.getByText("Ada Lovelace has held 1 role").waitFor();
  assert.ok(await ask.getByRole("button", { name: "Remove with their assignments" }).isVisible());
  await ask.getByRole("button", { name: "Deactivate instead" }).click();
  const inactive = page.getByRole("list", { name: "Inactive people" });
  const ada = inactive.getByRole("listitem").filter({ hasText: "Ada Lovelace" });
  await ada.waitFor();
  assert.ok(await ada.getByText("Inactive", { exact: true }).isVisible(), "labelled in words");
  await entry(page, "Ada Lovelace").waitFor({ state: "detached" }); // no longer among the active

  await page.getByRole("button", { name: "Delete Linus Example" }).click();
  await entry(page, "Linus Example").waitFor({ state: "detached" });
  await page.getByText("Deleted Linus Example.").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await entry(page, "Linus Example").waitFor();
  s.check();
  await s.context.close();
});

test("a long roster shows 50 at a time and the search box finds people by role", async () => {
  const s = await start();
  const { page } = s;
  const people = Array.from({ length: 60 }, (_, i) => ({
    id: `p-${i}`,
    name: `Volunteer ${String(i).padStart(2, "0")}`,
    skills: i % 10 === 0 ? ["scribe"] : [],
  }));
  const file = { format: "hatrack-workspace", version: 1, people, roles: [{ id: "scribe", name: "Scribe", scope: "incident", weight: 1 }] };
  await go(page, server.url, "#/data");
  await page.setInputFiles("#import-file", { name: "team.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole("button", { name: "Replace my workspace" }).click();
  await go(page, server.url, "#/people");
  const items = active(page).getByRole("listitem");
  // The first rows come with the first screen, the rest a frame later.
  await items.nth(49).waitFor();
  assert.equal(await items.count(), 50);
  await page.getByRole("button", { name: "Show more (10 not shown)" }).click();
  await items.nth(59).waitFor();
  assert.equal(await items.count(), 60);
  await page.locator("body").press("/");
  await page.keyboard.type("scribe");
  await page.getByText("6 people match “scribe”.").waitFor();
  assert.equal(await items.count(), 6);
  s.check();
  await s.context.close();
});
