// What a newcomer tripped over, each checked as they would meet it: toasts that leave, one
// colour per role, editable action items, current zone names, real erasure, honest
// suggestions, import wording, and the keyboard after a warning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { open, go, importFile, settled, FIXTURES, loadExampleTeam, useBrowser } from "./helpers.mjs";

const TEAM = join(FIXTURES, "incident-team.json");

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const roleRow = (page, role) => page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: role, exact: true }) });

async function declare(page, title) {
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /^sev2 ·/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

test("plain toasts leave by themselves, Undo stays long enough, and a hovered toast stays", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await page.clock.install();
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/people");
  const add = page.getByRole("form", { name: "Add a person" });
  await add.getByLabel("Name").fill("Colm Byrne");
  await add.getByRole("button", { name: "Add person" }).click();
  const toast = page.locator(".toast");
  await toast.getByText(/Colm Byrne/).waitFor();
  await page.clock.fastForward(7_000);
  await toast.waitFor({ state: "detached" });

  // An Undo offer outlasts a plain message, then leaves too.
  await declare(page, "Toast check");
  await page.getByLabel("What happened").fill("A note to delete");
  await page.keyboard.press("Enter");
  await page.locator("li.entry", { hasText: "A note to delete" }).getByRole("button", { name: /^Delete/ }).click();
  await toast.getByRole("button", { name: "Undo" }).waitFor();
  await page.clock.fastForward(7_000);
  assert.equal(await toast.count(), 1, "Undo is still offered after 7 s");
  await page.clock.fastForward(9_000);
  await toast.waitFor({ state: "detached" });

  // While the pointer rests on it, it stays.
  await page.getByLabel("What happened").fill("Another note");
  await page.keyboard.press("Enter");
  await page.locator("li.entry", { hasText: "Another note" }).getByRole("button", { name: /^Delete/ }).click();
  await toast.hover();
  await page.clock.fastForward(30_000);
  assert.equal(await toast.count(), 1, "a hovered toast stays");
  s.check();
  await s.context.close();
});

test("a toast never covers the control in use near the bottom of the window", async () => {
  const s = await open(browser, server.origin, { viewport: { width: 360, height: 640 } });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await declare(page, "Bottom check");
  // The status button in use sits at the bottom of the window when the message appears.
  const button = page.getByRole("button", { name: "Identified", exact: true });
  await button.focus();
  await page.evaluate(() => {
    const el = document.activeElement;
    window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 8);
  });
  await page.keyboard.press("Enter");
  const toast = page.locator(".toast", { hasText: "Status is now identified." });
  await toast.waitFor();
  const box = await toast.boundingBox();
  const focused = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, inside: document.activeElement.tagName };
  });
  assert.ok(focused.bottom > 560, `the control in use is near the bottom (${JSON.stringify(focused)})`);
  const overlaps = box.y < focused.bottom && box.y + box.height > focused.top;
  assert.ok(!overlaps, `the toast (${box.y}–${box.y + box.height}) covers the focused control (${focused.top}–${focused.bottom})`);
  s.check();
  await s.context.close();
});

test("each role has one colour in every bar and legend", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await loadExampleTeam(page, server.url);
  const pairs = await page.evaluate(() =>
    [...document.querySelectorAll(".holds li")].map((li) => [
      li.textContent.replace(/\s*\([\d.]+\)\s*$/, "").trim(),
      [...li.querySelector(".swatch").classList].find((c) => c.startsWith("seg-")),
    ]),
  );
  assert.ok(pairs.length >= 6, `legend items: ${JSON.stringify(pairs)}`);
  const byRole = new Map();
  for (const [role, colour] of pairs) {
    if (/action item/.test(role)) continue;
    byRole.set(role, new Set([...(byRole.get(role) || []), colour]));
  }
  for (const [role, colours] of byRole) assert.equal(colours.size, 1, `${role} has colours ${[...colours]}`);
  // Role names are drawn over the capacity line, so the line never cuts one.
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll("svg.bar")].filter((svg) => {
      const line = svg.querySelector("line.capacity");
      const texts = [...svg.querySelectorAll(".seg-text")];
      return line && texts.some((t) => line.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING);
    }).length,
  );
  assert.equal(cut, 0, "every bar draws its role names after its capacity line");
  s.check();
  await s.context.close();
});

test("an action item can be edited, and a due date in the past is questioned first", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await loadExampleTeam(page, server.url);
  await go(page, server.url, "#/reviews");
  const item = page.locator(".action-rows .action-row").first();
  await item.getByRole("button", { name: /^Edit action item/ }).click();
  const form = item.locator("form.action-edit");
  await form.getByLabel("Owner").selectOption({ label: "Priya Raman" });
  await form.getByLabel("Due").fill("2020-01-15");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await form.getByText(/The due date 2020-01-15 was \d+ days ago\. Save it anyway, or pick a later date\?/).waitFor();
  // Picking a later date goes back to the field.
  await form.getByRole("button", { name: "Pick a later date" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.type), "date");
  await form.getByLabel("Due").fill("2099-03-01");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved the action item.").waitFor();
  const text = await page.locator(".action-rows").innerText();
  assert.match(text, /Owner: Priya Raman/);
  assert.match(text, /Due 1 Mar 2099/);
  s.check();
  await s.context.close();
});

test("time zones: UTC in the list, today's names, old names in a file mapped", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await go(page, server.url, "#/people");
  const zones = await page
    .getByRole("form", { name: "Add a person" })
    .getByLabel("Timezone")
    .evaluate((sel) => [...sel.options].map((o) => o.value));
  assert.ok(zones.includes("UTC"), "UTC is offered");
  assert.ok(zones.includes("Asia/Kolkata"), "Asia/Kolkata is offered");
  assert.ok(!zones.includes("Asia/Calcutta") && !zones.includes("Europe/Kiev"), "retired names are not");
  const dir = mkdtempSync(join(tmpdir(), "hatrack-zones-"));
  const file = join(dir, "old-zones.json");
  writeFileSync(
    file,
    JSON.stringify({
      format: "hatrack-workspace",
      version: 1,
      people: [
        { id: "p-priya", name: "Priya Raman", timezone: "Asia/Calcutta" },
        { id: "p-olena", name: "Olena Koval", timezone: "Europe/Kiev" },
      ],
    }),
  );
  await importFile(page, server.url, file);
  await go(page, server.url, "#/people");
  const roster = await page.locator("main").innerText();
  assert.match(roster, /Asia\/Kolkata/);
  assert.match(roster, /Europe\/Kyiv/);
  assert.ok(!/Calcutta|Kiev\b/.test(roster), roster);
  s.check();
  await s.context.close();
});

test("deleting a person names the incidents that lose a holder, and the export keeps nothing of them", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await declare(page, "Login loops");
  const im = roleRow(page, "Incident manager");
  await im.getByLabel("Person for Incident manager").selectOption("p-kai");
  await im.getByRole("button", { name: "Assign", exact: true }).click();
  await im.locator(".holder", { hasText: "Kai Chen" }).waitFor();
  await page.getByLabel("What happened").fill("Kai Chen paged the database team");
  await page.keyboard.press("Enter");
  await settled(page);

  await go(page, server.url, "#/people");
  await page.getByRole("button", { name: /^Delete Kai Chen/ }).click();
  const confirm = page.locator(".confirm");
  await confirm.getByText("Removing them leaves these without a holder:").waitFor();
  assert.match(await confirm.innerText(), /Login loops \(incident\): Incident manager/);
  assert.equal(await confirm.getByRole("link", { name: "Login loops" }).count(), 1);
  await confirm.getByRole("button", { name: "Remove with their assignments" }).click();
  await settled(page);

  await go(page, server.url, "#/data");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /^Export workspace/ }).click()]);
  const json = readFileSync(await download.path(), "utf8");
  for (const personal of ["Kai Chen", "Kai", "Asia/Tokyo"]) assert.ok(!json.includes(personal), `${personal} survives in the export`);
  const tomb = JSON.parse(json).people.find((p) => p.id === "p-kai");
  assert.equal(tomb.name, "", "no name left");
  assert.deepEqual(tomb.skills, [], "no skills left");
  assert.deepEqual(Object.keys(tomb).filter((k) => k !== "skills" && k !== "name").sort(), ["deleted_at", "id", "updated_at"]);
  assert.match(json, /a removed person paged the database team/);
  s.check();
  await s.context.close();
});

test("nobody over capacity is called better placed; Enter on a warned pick moves to the warning's first choice", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await loadExampleTeam(page, server.url);
  await go(page, server.url, "#/incidents");
  await page.locator("table.incidents a").first().click();
  await page.locator(".role-board").waitFor();
  // Closed says why it is not available, in words.
  await page.getByText("Closed is not available yet: resolve the incident first").waitFor();
  // The overloaded chair as scribe: the warning, and Enter lands on its first choice.
  const row = roleRow(page, "Scribe");
  const sel = row.getByLabel("Person for Scribe");
  const chair = await sel.evaluate((el) => [...el.options].find((o) => /Amara/.test(o.textContent))?.value);
  await sel.selectOption(chair);
  await row.locator(".assess").waitFor();
  await row.getByRole("button", { name: "Assign", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.closest(".assess") !== null);
  const better = await row.locator(".assess .better").allInnerTexts();
  for (const b of better) {
    const m = /load ([\d.]+) of ([\d.]+)/.exec(b);
    if (m && /^Better placed/.test(b)) assert.ok(+m[1] <= +m[2], `"${b}" would be over capacity`);
  }
  s.check();
  await s.context.close();
});

test("import: problems read as sentences, deletions are counted apart, and FORMAT.md is shipped", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await go(page, server.url, "#/data");
  await page.setInputFiles("#import-file", join(FIXTURES, "sharing-newer.json"));
  const problems = page.locator(".problems");
  await problems.waitFor();
  const text = await problems.innerText();
  assert.ok(!/version This/.test(text), text);
  assert.match(text, /At version: /);

  // A file whose only news is a deletion says so, and does not call it new.
  await importFile(page, server.url, TEAM);
  const dir = mkdtempSync(join(tmpdir(), "hatrack-del-"));
  const team = JSON.parse(readFileSync(TEAM, "utf8"));
  team.people = team.people.map((p) =>
    p.id === "p-noor" ? { id: "p-noor", updated_at: "2026-11-29T10:00:00Z", deleted_at: "2026-11-29T10:00:00Z", skills: [] } : p,
  );
  const file = join(dir, "with-deletion.json");
  writeFileSync(file, JSON.stringify(team));
  await go(page, server.url, "#/data");
  await page.setInputFiles("#import-file", file);
  const row = page.locator("table.preview tr[data-collection=people]");
  await row.waitFor();
  assert.deepEqual((await row.locator("td").allInnerTexts()).map(Number), [0, 0, 3, 0, 1]);
  assert.match(await page.locator(".preview-summary").innerText(), /It carries 1 deletion\./);

  // The format the page points at is part of the site.
  const link = page.getByRole("link", { name: "FORMAT.md" });
  const href = await link.getAttribute("href");
  const status = await page.evaluate(async (h) => (await fetch(h)).status, href);
  assert.equal(status, 200);
  s.check();
  await s.context.close();
});

test("from empty storage to a first incident with an incident manager in at most 15 actions", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  let actions = 0;
  const act = async (p) => {
    actions += 1;
    await p;
  };
  await go(page, server.url, "");
  // The app says what it is and that people come first, where a newcomer lands.
  await page.getByRole("heading", { name: "Welcome to Hatrack" }).waitFor();
  assert.match(await page.locator(".welcome").innerText(), /1\. Add your people[\s\S]*2\. Declare an incident[\s\S]*3\. Review it/);
  await act(page.getByLabel("Names, one a line").fill("Priya Raman, Europe/London\nKei Tanaka\nYann Le Gall, Europe/Paris"));
  await act(page.getByRole("button", { name: "Add people" }).click());
  await page.locator(".toast-host").getByText("Added 3 people: Priya Raman, Kei Tanaka, Yann Le Gall.").waitFor();
  await act(page.getByLabel("Title").fill("Uploads fail"));
  await act(page.getByRole("radio", { name: /^sev2 ·/ }).check());
  await act(page.getByRole("button", { name: "Declare incident" }).click());
  await page.getByRole("heading", { level: 1, name: "Uploads fail" }).waitFor();
  const im = roleRow(page, "Incident manager");
  const priya = await page.evaluate(() => [...document.querySelectorAll("select[id^=assign-incident-manager] option")].find((o) => o.textContent.startsWith("Priya"))?.value);
  await act(im.getByLabel("Person for Incident manager").selectOption(priya));
  await act(im.getByRole("button", { name: "Assign", exact: true }).click());
  await im.getByText("Priya Raman", { exact: true }).waitFor();
  assert.ok(actions <= 15, `${actions} actions`);
  await settled(page);
  // Someone who turns up later is added from the picker itself, without leaving the incident.
  const scribe = roleRow(page, "Scribe");
  await scribe.getByText("Someone not on the list?").click();
  await scribe.getByLabel("Names, one a line").fill("Ana Lima");
  await scribe.getByRole("button", { name: "Add people" }).click();
  await scribe.getByRole("button", { name: "Assign", exact: true }).click();
  await scribe.getByText("Ana Lima", { exact: true }).waitFor();
  assert.match(page.url(), /#\/incidents\/i-/, "still on the incident");
  // A mistyped zone adds nobody and says which line.
  await go(page, server.url, "#/incidents");
  assert.equal(await page.getByRole("heading", { name: "Welcome to Hatrack" }).count(), 0, "the welcome is done once an incident exists");
  s.check();
  await s.context.close();
});

test("a pasted list with an unknown zone adds nobody and names the line", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Names, one a line").fill("Priya Raman\nKei Tanaka, Europe/Londn");
  await page.getByRole("button", { name: "Add people" }).click();
  assert.match(await page.locator(".paste-people .error").innerText(), /Line 2: “Europe\/Londn” is not a time zone this browser knows/);
  await go(page, server.url, "#/people");
  assert.equal(await page.getByRole("button", { name: /^Edit Priya/ }).count(), 0, "nobody was added");
  s.check();
  await s.context.close();
});
