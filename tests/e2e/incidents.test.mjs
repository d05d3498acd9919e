// The incident desk as a responder uses it: declare, staff the roles, log what happens, move
// through the lifecycle, and find it all again after a reload, in order and at the right times.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { open, go, importFile, settled, loadExampleTeam, FIXTURES, OUTPUT, useBrowser } from "./helpers.mjs";

const TEAM = join(FIXTURES, "incident-team.json");
const ZONE = "Europe/Berlin";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const roleRow = (page, role) => page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: role, exact: true }) });

/** "HH:MM" of an ISO time in the test's zone, as the app shows it. */
const hm = (iso) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ZONE }).format(new Date(iso));

/** datetime-local value for a moment, in the test's zone. */
function localInput(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function declare(page, title, sev = "sev1") {
  await go(page, server.url, "#/incidents");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: new RegExp(`^${sev} ·`) }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

async function assign(page, role, personId) {
  const row = roleRow(page, role);
  await row.getByLabel(`Person for ${role}`).selectOption(personId);
  await row.getByRole("button", { name: "Assign", exact: true }).click();
}

test("declare, staff, log and close an incident; after a reload every entry is there in order at its time", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/incidents");
  assert.match(await page.locator("main").innerText(), /No incidents yet\. When something breaks, declare it/);

  const t0 = Date.now();
  // The severity choices say what each level means.
  assert.match(await page.getByText(/sev2 · major/).first().innerText(), /sev2 · major/);
  assert.match(await page.locator(".severity-choice").innerText(), /Major: a core feature is broken/);
  // Bad input changes nothing and says why next to the field.
  await page.getByRole("button", { name: "Declare incident" }).click();
  assert.match(await page.locator(".severity-choice .error").innerText(), /Choose a severity/);
  await page.getByRole("radio", { name: /^sev1 ·/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  assert.match(await page.locator("#declare-title-err").innerText(), /Give the incident a title/);
  assert.equal(await page.locator("main h1").innerText(), "Incidents");

  await page.getByLabel("Title").fill("Search returns 502 for all users");
  await page.getByLabel("Services").fill("search, web");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: "Search returns 502 for all users" }).waitFor();
  assert.match(page.url(), /#\/incidents\/i-/);

  await assign(page, "Incident manager", "p-sam");
  const im = roleRow(page, "Incident manager");
  await im.getByText("Sam Rivera", { exact: true }).waitFor();
  // Their own clock beside their name.
  assert.match(await im.locator(".holder").innerText(), /\(\d\d:\d\d for Sam(, night)?\)/);
  await im.getByLabel("Hand Incident manager over from Sam Rivera to").selectOption("p-kai");
  await im.getByRole("button", { name: "Hand over" }).click();
  await im.getByText("Kai Chen", { exact: true }).waitFor();
  assert.equal(await im.getByText("Sam Rivera", { exact: true }).count(), 0);

  // A note written now about something ten minutes ago, and a decision at "now".
  const earlier = new Date(Date.now() - 10 * 60_000);
  const earlierInput = localInput(earlier);
  await page.locator("#timeline-text").fill("Paged the on-call");
  // The entry's time reads now until opened; one step to an earlier one.
  await page.locator("form.timeline-add").getByRole("button", { name: /When: now/ }).click();
  await page.locator("#timeline-at").fill(earlierInput);
  await page.getByRole("button", { name: "Add entry" }).click();
  await page.locator("#timeline-text").fill("Roll back 2.4");
  await page.getByLabel("Kind", { exact: true }).selectOption("decision");
  await page.locator("#timeline-text").press("Enter");
  await page.locator(".timeline .entry-text", { hasText: "Roll back 2.4" }).waitFor();
  assert.equal(await page.locator("#timeline-text").inputValue(), "", "the field is ready for the next entry");

  // Delete with undo.
  const rollback = page.locator(".timeline .entry", { hasText: "Roll back 2.4" });
  await rollback.getByRole("button", { name: /^Delete/ }).click();
  await rollback.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Undo" }).click();
  await page.locator(".timeline .entry", { hasText: "Roll back 2.4" }).waitFor();

  // Edit an entry's text.
  const paged = page.locator(".timeline .entry", { hasText: "Paged the on-call" });
  await paged.getByRole("button", { name: /^Edit/ }).click();
  await page.getByLabel("Entry text").fill("Paged the on-call: Kai");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.locator(".timeline .entry-text", { hasText: "Paged the on-call: Kai" }).waitFor();

  for (const status of ["Identified", "Monitoring", "Resolved", "Closed"]) {
    await page.getByRole("button", { name: status, exact: true }).click();
    await page.getByRole("button", { name: `${status} (now)` }).waitFor();
  }
  // Resolving let everyone go.
  assert.equal(await im.locator(".holder").count(), 0);
  assert.ok(await page.getByRole("button", { name: "Reopen: Investigating" }).isVisible());
  const t1 = Date.now();

  await settled(page);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Search returns 502 for all users" }).waitFor();
  const entries = await page.locator(".timeline .entry").evaluateAll((lis) =>
    lis.map((li) => {
      const t = li.querySelector("time");
      return {
        text: li.querySelector(".entry-text").textContent,
        shown: t.textContent,
        utcTitle: t.getAttribute("title"),
        at: t.getAttribute("datetime"),
        focusable: t.getAttribute("tabindex") === "0" && /UTC/.test(t.getAttribute("aria-label")),
      };
    }),
  );
  assert.deepEqual(
    entries.map((e) => e.text),
    [
      "Paged the on-call: Kai",
      "Incident declared (sev1)",
      "Sam Rivera is now Incident manager",
      "Incident manager handed over from Sam Rivera to Kai Chen",
      "Roll back 2.4",
      "Status: investigating → identified",
      "Status: identified → monitoring",
      "Status: monitoring → resolved",
      "Roles released: Kai Chen (Incident manager)",
      "Status: resolved → closed",
    ],
  );
  // The note sits at the minute typed; everything else at the moment it happened.
  assert.ok(entries[0].shown.endsWith(earlierInput.slice(11)), `${entries[0].shown} shows ${earlierInput}`);
  const earlierUtc = new Date(earlier);
  earlierUtc.setUTCSeconds(0, 0);
  assert.equal(entries[0].utcTitle, earlierUtc.toISOString().slice(0, 16).replace("T", " ") + " UTC");
  for (const e of entries.slice(1)) {
    const at = Date.parse(e.at);
    // The declaration is at the start typed in the form: the minute it was declared in.
    const from = e.text.startsWith("Incident declared") ? Math.floor(t0 / 60_000) * 60_000 : t0 - 1000;
    assert.ok(at >= from && at <= t1 + 1000, `${e.text} at ${e.at}`);
    assert.ok(e.shown.endsWith(hm(e.at)), `${e.text} shows ${e.shown}, expected ${hm(e.at)}`);
    assert.equal(e.utcTitle, new Date(at).toISOString().slice(0, 16).replace("T", " ") + " UTC");
  }
  assert.ok(entries.every((e) => e.focusable), "every time can be focused to read UTC");
  const sorted = [...entries].map((e) => Date.parse(e.at));
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));

  // Key times and the list agree.
  assert.match(await page.locator(".key-times").innerText(), /Time to resolve\s+(< 1 min|\d+ min)/);
  await go(page, server.url, "#/incidents");
  const row = page.locator("table.incidents tbody tr").first();
  assert.match(await row.innerText(), /Search returns 502 for all users\s+sev1 · critical\s+Closed/);
  s.check();
  await s.context.close();
});

test("assigning the 3rd line lead to the incident manager warns with the rule and offers someone better placed", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await declare(page, "Checkout slow");
  await assign(page, "Incident manager", "p-kai");
  await roleRow(page, "Incident manager").getByText("Kai Chen", { exact: true }).waitFor();

  const lead = roleRow(page, "3rd line lead");
  await lead.getByLabel("Person for 3rd line lead").selectOption("p-kai");
  const warning = lead.locator(".assess");
  await warning.waitFor();
  const text = await warning.innerText();
  assert.match(text, /Conflict: Incident manager \+ 3rd line lead — The incident manager coordinates; the 3rd line lead is heads-down fixing/);
  // Named with their own clock and rest, then their load.
  assert.match(text, /Better placed: Ana Lima — \d\d:\d\d their time( \(night\))?, rested \(load 2 of 3 with this role\)/);
  // Enter on Assign does not slip past the warning.
  await lead.getByRole("button", { name: "Assign", exact: true }).click();
  assert.equal(await lead.locator(".holder").count(), 0);

  await warning.getByRole("button", { name: "Assign Ana Lima instead" }).click();
  await lead.locator(".holder .who", { hasText: "Ana Lima" }).waitFor();
  assert.equal(await lead.locator(".assess").count(), 0);

  // Going ahead anyway is always possible.
  await lead.getByLabel("Person for 3rd line lead").selectOption("p-kai");
  await lead.getByRole("button", { name: "Assign Kai Chen anyway" }).click();
  await lead.locator(".holder .who", { hasText: "Kai Chen" }).waitFor();
  assert.ok(await page.locator(".timeline .entry-text", { hasText: "Kai Chen is now 3rd line lead" }).isVisible());
  s.check();
  await s.context.close();
});

test("keyboard only: n, title, Tab to severity, choose, Enter; then assign a role", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/people");
  await page.locator("body").press("n");
  await page.waitForFunction(() => document.activeElement?.id === "declare-title");
  await page.keyboard.type("Login loops for some users");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.name), "declare-severity");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Login loops for some users" }).waitFor();
  assert.match(await page.locator(".incident-head .meta").innerText(), /sev2 · major/);

  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Person for Incident manager");
  }
  assert.ok(found, "the person picker for Incident manager is reachable by Tab");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Assign");
  await page.keyboard.press("Enter");
  await roleRow(page, "Incident manager").locator(".holder .who", { hasText: "Ana Lima" }).waitFor();
  // Focus is visible wherever it lands.
  await page.keyboard.press("t");
  assert.equal(await page.evaluate(() => document.activeElement.id), "timeline-text");
  await page.keyboard.type("Asked users to clear cookies");
  await page.keyboard.press("Enter");
  await page.locator(".timeline .entry-text", { hasText: "Asked users to clear cookies" }).waitFor();
  s.check();
  await s.context.close();
});

test("the list: numbers, filters, search, open first, and 50 at a time", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  const ws = JSON.parse((await import("node:fs")).readFileSync(TEAM, "utf8"));
  const now = Date.now();
  const sev = ["sev1", "sev2", "sev3", "sev4"];
  ws.incidents = Array.from({ length: 120 }, (_, n) => {
    const start = new Date(now - (n + 1) * 3600_000 * 12);
    const open = n < 3;
    return {
      id: `i-${String(n).padStart(3, "0")}`,
      title: n === 77 ? "Mail queue stuck" : `Incident number ${n}`,
      severity: sev[n % 4],
      status: open ? "investigating" : "resolved",
      started_at: start.toISOString(),
      resolved_at: open ? null : new Date(start.getTime() + 3600_000).toISOString(),
      services: [n % 2 ? "web" : "mail"],
      summary: "",
      timeline: [],
    };
  });
  mkdirSync(OUTPUT, { recursive: true });
  const file = join(OUTPUT, "incident-many.json");
  writeFileSync(file, JSON.stringify(ws));
  await importFile(page, server.url, file);
  await go(page, server.url, "#/incidents");

  const numbers = await page.locator(".numbers").innerText();
  assert.match(numbers, /Open now\s+3/);
  // Started within 90 days: every 12 h back from now, so 179 would fit; 120 do.
  assert.match(numbers, /Incidents, last 90 days\s+120/);
  assert.match(numbers, /Median time to resolve, last 90 days\s+1 h/);

  const rows = page.locator("table.incidents tbody tr");
  assert.equal(await rows.count(), 50);
  assert.match(await page.locator(".count").innerText(), /Showing 50 of 120 incidents/);
  await page.getByRole("button", { name: "Show 50 more" }).click();
  assert.equal(await rows.count(), 100);
  await page.getByRole("button", { name: "Show 20 more" }).click();
  assert.equal(await rows.count(), 120);
  // Open ones first.
  assert.match(await rows.nth(0).innerText(), /Investigating/);
  assert.match(await rows.nth(3).innerText(), /Resolved/);

  await page.locator("body").press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  await page.keyboard.type("mail queue");
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /Mail queue stuck/);
  await page.locator("#search").fill("");
  await page.getByLabel("Severity", { exact: true }).selectOption("sev1");
  assert.equal(await rows.count(), 30);
  await page.getByLabel("Service", { exact: true }).selectOption("mail");
  assert.equal(await rows.count(), 30); // every sev1 here is an even number, so mail
  await page.getByLabel("Status", { exact: true }).selectOption("closed");
  assert.match(await page.locator(".count").innerText(), /No incidents match these filters/);
  await page.getByRole("button", { name: "Clear the filters" }).click();
  assert.equal(await rows.count(), 50);
  // Started times show the viewer's zone with UTC on hover.
  const when = rows.first().locator("time");
  assert.match(await when.getAttribute("title"), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  s.check();
  await s.context.close();
});

test("the incident manager is one person at a time: once held it changes hands only by a hand-over", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await declare(page, "Checkout fails", "sev2");
  const im = roleRow(page, "Incident manager");
  await assign(page, "Incident manager", "p-sam");
  await im.getByText("Sam Rivera", { exact: true }).waitFor();
  assert.equal(await im.getByLabel("Person for Incident manager").count(), 0, "no second assign");
  assert.match(await im.locator(".one-holder").innerText(), /One holder at a time: hand it over below/);
  // Roles that take several people still offer the assign form beside a holder.
  await assign(page, "Scribe", "p-kai");
  await roleRow(page, "Scribe").getByText("Kai Chen", { exact: true }).waitFor();
  assert.equal(await roleRow(page, "Scribe").getByLabel("Person for Scribe").count(), 1);
  // Released, it can be given again.
  await im.getByRole("button", { name: /Release Sam Rivera from Incident manager/ }).click();
  await im.getByLabel("Person for Incident manager").waitFor();
  s.check();
  await s.context.close();
});

test("the list follows an edit made in another tab row by row: the changed row updates in place", async () => {
  const s = await open(browser, server.origin);
  await loadExampleTeam(s.page, server.url);
  await go(s.page, server.url, "#/incidents");
  const live = s.page.locator("table.incidents tbody tr", { hasText: "Card payments fail at checkout" });
  await live.getByText("Investigating").waitFor();
  // Mark every row's element, to tell a row updated in place from one built anew.
  const rows = await s.page.evaluate(() => {
    const trs = [...document.querySelectorAll("table.incidents tbody tr")];
    trs.forEach((tr, i) => (tr.__seen = i + 1));
    return trs.length;
  });
  assert.ok(rows >= 2, `the example team has several incidents: ${rows}`);

  const other = await s.context.newPage();
  await go(other, server.url, "#/incidents/i-checkout-cards");
  await other.getByRole("button", { name: "Identified", exact: true }).click();
  await other.getByRole("button", { name: "Identified (now)" }).waitFor();
  await settled(other);

  await live.getByText("Identified").waitFor();
  const kept = await s.page.evaluate(() => [...document.querySelectorAll("table.incidents tbody tr")].map((tr) => [tr.__seen || 0, tr.cells[0].textContent]));
  assert.equal(kept.length, rows);
  assert.ok(kept.every(([seen]) => seen > 0), `every row is the element it was, the changed one too: ${JSON.stringify(kept)}`);
  s.check();
  await s.context.close();
});
