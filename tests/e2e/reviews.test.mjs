// Post-incident reviews as a person uses them: start one from the list, write every section,
// reload mid-sentence, add action items, publish and export; a published review is read-only
// until moved back to draft; the action list across reviews.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, go, settled, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const FIXTURE = join(FIXTURES, "resolved-incident.json");
const TITLE = "Checkout times out after cache change";
const ROLES_STATEMENT = "Ana Costa held Incident manager and 3rd line lead for 1 h 30 min.";
const HOSTILE = "Cache <script>window.__pwned = 1</script> and <b>bold</b> change";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const TEXT_SECTIONS = {
  Summary: HOSTILE,
  Impact: "Checkout failed for about a third of customers for two and a half hours.",
  Detection: "A latency alert fired four minutes in.",
  Response: "Ana took the incident and then the fix as well; Ben joined later.",
  Recovery: "Rolling back the cache change brought latency back down.",
  Lessons: "Cache changes need the same canary as code changes.",
};
const LIST_SECTIONS = {
  "contributing factors": ["Cache TTL change shipped without a canary", "Alert threshold set high"],
  "what went well": ["The latency alert fired quickly"],
  "what went badly": ["One person held two roles that pull apart"],
  "where we got lucky": ["It happened before the evening peak"],
};

test("a full review from start to published Markdown, surviving a reload mid-sentence", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/reviews");

  // Only resolved or closed incidents without a review can be picked.
  const incident = page.getByLabel("Incident", { exact: true });
  const options = await incident.locator("option").allTextContents();
  assert.equal(options.length, 1, `one incident to review: ${options}`);
  assert.match(options[0], new RegExp(TITLE));
  await page.getByLabel("Full review").check();
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 1, name: `Review: ${TITLE}` }).waitFor();
  assert.match(new URL(page.url()).hash, /^#\/reviews\/rv-/);
  assert.equal(await page.getByRole("link", { name: TITLE }).getAttribute("href"), "#/incidents/i-2026-040");

  // The roles lesson is stated near the top, in words.
  const roles = page.locator("section.roles-during");
  await roles.getByText(ROLES_STATEMENT).waitFor();
  assert.ok((await roles.locator("tbody tr").count()) >= 3, "a row per role held");
  assert.match(await page.locator("main").textContent(), /1 of 12 sections written/, "impact is prefilled");

  for (const [name, text] of Object.entries(TEXT_SECTIONS)) {
    await page.getByRole("textbox", { name, exact: true }).fill(text);
  }
  for (const [name, items] of Object.entries(LIST_SECTIONS)) {
    const add = page.getByLabel(`Add to ${name}`);
    for (const item of items) {
      await add.fill(item);
      await add.press("Enter");
    }
  }
  // Edit a list item in place.
  const second = page.getByRole("textbox", { name: "Contributing factors, item 2", exact: true });
  await second.fill("Latency alert threshold set too high");
  await second.press("Tab");
  await page.getByLabel(/Latency alert on checkout/).check();
  await page.getByLabel(/Cache change rolled back/).check();

  // User text is text: the script never runs and no element is made from it.
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("main script, main b").count(), 0);
  assert.ok((await page.locator(".print-text").first().textContent()).includes("<script>"));

  // Reload in the middle of a sentence, without waiting for the save.
  const lessons = page.getByRole("textbox", { name: "Lessons", exact: true });
  await lessons.fill("");
  await lessons.pressSequentially("Cache changes need a canary, mid-sente");
  await page.reload();
  await page.getByRole("heading", { level: 1, name: `Review: ${TITLE}` }).waitFor();
  assert.equal(await page.getByRole("textbox", { name: "Lessons", exact: true }).inputValue(), "Cache changes need a canary, mid-sente");
  assert.equal(await page.getByRole("textbox", { name: "Summary", exact: true }).inputValue(), HOSTILE);
  assert.equal(await page.getByLabel(/Cache change rolled back/).isChecked(), true);

  // Two action items with owners.
  for (const [text, owner, due, priority] of [
    ["Put cache changes behind the canary", "Ben Okafor", "2026-12-15", "high"],
    ["Lower the checkout latency alert threshold", "Ana Costa", "2026-12-05", "medium"],
  ]) {
    await page.getByRole("textbox", { name: "Action", exact: true }).fill(text);
    await page.getByLabel("Owner", { exact: true }).selectOption({ label: owner });
    await page.getByLabel("Due date").fill(due);
    await page.getByLabel("Priority").selectOption(priority);
    await page.getByRole("button", { name: "Add action item" }).click();
    await page.locator(".action-row", { hasText: text }).getByText(`Owner: ${owner}`).waitFor();
  }
  // An empty action is refused with a sentence next to the field.
  await page.getByRole("button", { name: "Add action item" }).click();
  await page.getByText("Say what should be done").waitFor();
  assert.equal(await page.locator(".review-section .action-row").count(), 2);
  await page.getByText("12 of 12 sections written").waitFor();

  // Publishing goes through review first.
  await page.getByRole("button", { name: "Ask for review" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.locator(".status-control strong", { hasText: "Published" }).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download Markdown" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "review-i-2026-040.md");
  const md = readFileSync(await download.path(), "utf8");
  // It opens with the incident: its title, severity, times, who held which role, the key moments.
  assert.ok(
    md.startsWith(
      `# Post-incident review: ${TITLE}\n\n- **Severity:** sev2 · major\n- **Started:** 2026-11-20 10:00 UTC\n` +
        "- **Detected:** 2026-11-20 10:04 UTC, 4 min after the start\n- **Resolved:** 2026-11-20 12:30 UTC\n" +
        "- **Duration:** 2 h 30 min\n- **Services:** checkout\n- **Review:** Full review, published ",
    ),
    md,
  );
  const headings = md.split("\n").filter((l) => l.startsWith("## "));
  assert.deepEqual(headings, [
    "## Roles during the incident",
    "## Key timeline moments",
    "## Summary",
    "## Impact",
    "## Detection",
    "## Response",
    "## Recovery",
    "## Contributing factors",
    "## What went well",
    "## What went badly",
    "## Where we got lucky",
    "## Lessons",
    "## Action items",
  ]);
  assert.ok(md.includes("- **Incident manager:** Ana Costa from 2026-11-20 10:05 UTC\n"), md);
  assert.ok(md.includes("- **2026-11-20 10:04 UTC** Ana Costa: Latency alert on checkout\n"), md);
  assert.ok(md.includes("\n- [ ] Put cache changes behind the canary — owner Ben Okafor, due 2026-12-15"), md);
  assert.ok(md.includes("\n- [ ] Lower the checkout latency alert threshold — owner Ana Costa, due 2026-12-05"), md);
  assert.ok(md.includes(ROLES_STATEMENT), "the roles statement is exported");
  assert.ok(md.includes("Latency alert threshold set too high"), "the edited item is exported");
  // User HTML is escaped the Markdown way, and reads as typed.
  assert.ok(md.includes("## Summary\n\nCache \\<script>window.\\_\\_pwned = 1\\</script> and \\<b>bold\\</b> change\n"), md);
  assert.ok(!md.includes("&lt;") && !md.includes("&amp;") && !md.includes("|"), "no entities, no tables");

  // Copy puts the same Markdown on the clipboard.
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await page.getByRole("button", { name: "Copy Markdown" }).click();
  await page.getByText("Copied the review as Markdown").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md);

  // Copy for chat: a short plain text, the typed text as typed.
  await page.getByRole("button", { name: "Copy for chat" }).click();
  await page.getByText("Copied for chat.").waitFor();
  const chat = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(
    chat.startsWith(
      `Post-incident review: ${TITLE}\nSeverity: sev2 · major\n` +
        "Started 2026-11-20 10:00 UTC, resolved 2026-11-20 12:30 UTC (2 h 30 min)\nIncident manager: Ana Costa\n\n" +
        `${HOSTILE}\n\nWhat went well:\n• The latency alert fired quickly\n\n` +
        "What went badly:\n• One person held two roles that pull apart\n\n" +
        "Open action items:\n• Put cache changes behind the canary — Ben Okafor, due 2026-12-15",
    ),
    chat,
  );
  assert.ok(chat.endsWith("\n\nThe full review is in Hatrack."), chat);
  assert.ok(chat.length <= 1500 && !chat.includes("\\") && !chat.includes("**"), chat);

  // The review shows in the list, and the incident can no longer be picked.
  await go(page, server.url, "#/reviews");
  const row = page.locator(".review-table tr", { hasText: TITLE });
  assert.match(await row.textContent(), /Full review.*Published.*12 of 12 sections/);
  await page.getByText("Every resolved or closed incident already has a review").waitFor();
  s.check();
  await s.context.close();
});

test("when the browser will not copy, the chat text is shown to select and copy by hand", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/reviews/rv-31");
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Denied", "NotAllowedError"));
  });
  await page.getByRole("button", { name: "Copy for chat" }).click();
  await page.getByText("The browser did not allow copying. The chat text is shown below").waitFor();
  const text = page.getByLabel("Chat text: select it all and copy");
  await page.waitForFunction(() => document.activeElement?.id === "chat-text");
  const chat = await text.inputValue();
  assert.ok(chat.startsWith("Post-incident review: Search returns 502 for all users\nSeverity: sev1 · critical\n"), chat);
  assert.match(chat, /\nOpen action items:\n• Document how to restart the search cluster — Ben Okafor, due 2099-01-15\n/);
  assert.equal(await text.isEditable(), false, "read-only, but selectable");
  const selected = await page.evaluate(() => {
    const t = document.getElementById("chat-text");
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(selected, chat, "focusing it selects it all");
  await page.getByRole("button", { name: "Close" }).click();
  assert.equal(await text.count(), 0);
  s.check();
  await s.context.close();
});

test("the action list puts overdue items first, in words, filters by owner and records done", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/reviews");
  await page.getByRole("heading", { level: 2, name: "Action items" }).waitFor();
  const rows = page.locator(".action-list .action-row");
  assert.equal(await rows.count(), 2);
  const first = await rows.first().textContent();
  assert.match(first, /Alert when search heap passes 80 %/, "the overdue item comes first though it was listed last");
  assert.match(first, /Overdue by \d+ days/);
  assert.doesNotMatch(await rows.nth(1).textContent(), /Overdue/);

  await page.getByLabel("Owner", { exact: true }).selectOption("p-ben");
  await page.waitForFunction(() => document.querySelectorAll(".action-list .action-row").length === 1);
  assert.match(await rows.first().textContent(), /Document how to restart the search cluster/);

  await page.getByRole("checkbox", { name: /Document how to restart the search cluster/ }).check();
  await rows.first().getByText(/^Done \d{1,2} [A-Z][a-z]{2}$/).waitFor();
  await settled(page);
  await page.reload();
  await page.getByRole("heading", { level: 2, name: "Action items" }).waitFor();
  const done = page.locator(".action-list .action-row", { hasText: "Document how to restart" });
  assert.match(await done.textContent(), /Done \d{1,2} [A-Z][a-z]{2}/, "done and when survive a reload");
  assert.match(await rows.last().textContent(), /Document how to restart/, "done items go last");
  s.check();
  await s.context.close();
});

test("ticking an action item done with the keyboard keeps the row and the focus where they were", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/reviews");
  const box = page.getByRole("checkbox", { name: /Document how to restart the search cluster/ });
  await box.waitFor();
  await page.evaluate(() => document.querySelectorAll(".action-list .action-row").forEach((li) => (li.__seen = true)));
  await box.focus();
  await page.keyboard.press("Space");
  const row = page.locator(".action-list .action-row", { hasText: "Document how to restart" });
  await row.getByText(/^Done \d{1,2} [A-Z][a-z]{2}$/).waitFor();
  assert.ok(await box.isChecked());
  assert.ok(await row.evaluate((li) => li.__seen === true), "the row is the element it was, updated in place");
  assert.ok(await box.evaluate((el) => el === document.activeElement), "focus stays on the checkbox");
  s.check();
  await s.context.close();
});

test("the reviews table follows an incident renamed in another tab: the row updates in place", async () => {
  const s = await open(browser, server.origin);
  await importFile(s.page, server.url, FIXTURE);
  await go(s.page, server.url, "#/reviews");
  const table = s.page.locator("table.review-table tbody");
  await table.getByRole("link", { name: "Search returns 502 for all users" }).waitFor();
  await s.page.evaluate(() => document.querySelectorAll("table.review-table tbody tr").forEach((tr) => (tr.__seen = true)));

  const other = await s.context.newPage();
  await go(other, server.url, "#/incidents/i-2026-031");
  await other.getByRole("button", { name: "Edit details" }).click();
  await other.getByLabel("Title").fill("Search returns 502 for everyone");
  await other.getByRole("button", { name: "Save details" }).click();
  await other.getByRole("button", { name: "Edit details" }).waitFor();
  await settled(other);

  await table.getByRole("link", { name: "Search returns 502 for everyone" }).waitFor();
  const rows = await s.page.evaluate(() => [...document.querySelectorAll("table.review-table tbody tr")].map((tr) => [tr.__seen === true, tr.cells[0].textContent]));
  assert.deepEqual(rows, [[true, "Search returns 502 for everyone"]], "the same row element, with the new title");
  s.check();
  await s.context.close();
});

/** The fixture with its published review moved back to draft, so its action list can change. */
function draftFixture() {
  const ws = JSON.parse(readFileSync(FIXTURE, "utf8"));
  ws.reviews[0].status = "draft";
  const file = join(mkdtempSync(join(tmpdir(), "hatrack-")), "draft.json");
  writeFileSync(file, JSON.stringify(ws));
  return file;
}

test("a published review is read-only until moved back to draft, and logs who moved it when", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/reviews");
  await page.getByLabel("Full review").check();
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 1, name: `Review: ${TITLE}` }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

  // Switching to a quick retro asks first, naming the sections it would hide.
  await page.getByRole("textbox", { name: "Detection", exact: true }).fill("A latency alert fired.");
  await page.getByRole("button", { name: "Switch to a quick retro" }).click();
  const confirm = page.locator("#switch-confirm");
  await confirm
    .getByText("Switching to a quick retro hides Impact and Detection; their text is kept and comes back if you switch again.")
    .waitFor();
  // Focus moves on the next frame after the question appears.
  await page.waitForFunction(() => document.activeElement?.id === "switch-confirm", null, { timeout: 5000 });
  assert.equal(await focused(), "switch-confirm");
  await confirm.getByRole("button", { name: "Keep as is" }).click();
  assert.equal(await confirm.count(), 0);
  assert.equal(await page.locator(".review-section").count(), 12, "still a full review");
  await page.getByRole("button", { name: "Switch to a quick retro" }).click();
  await confirm.getByRole("button", { name: "Switch" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".review-section").length === 5);
  // Back to full hides nothing, so it does not ask; the text is back.
  await page.getByRole("button", { name: "Switch to a full review" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".review-section").length === 12);
  assert.equal(await confirm.count(), 0);
  assert.equal(await page.getByRole("textbox", { name: "Detection", exact: true }).inputValue(), "A latency alert fired.");

  const summary = page.getByRole("textbox", { name: "Summary", exact: true });
  await summary.fill("A cache change slowed checkout.");
  await page.getByLabel("Add to what went well").fill("The alert fired quickly");
  await page.getByLabel("Add to what went well").press("Enter");
  const action = "Put cache changes behind the canary";
  await page.getByRole("textbox", { name: "Action", exact: true }).fill(action);
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Ben Okafor" });
  await page.getByRole("button", { name: "Add action item" }).click();
  const row = page.locator(".review-section .action-row", { hasText: action });
  await row.waitFor();

  // Ana asks for review and publishes; focus lands on the status line, then on the banner.
  await page.getByLabel("Change made by").selectOption({ label: "Ana Costa" });
  await page.getByRole("button", { name: "Ask for review" }).click();
  await page.locator(".status-control strong", { hasText: "In review" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "review-status");
  await page.getByRole("button", { name: "Publish" }).click();
  const banner = page.locator("#published-banner");
  await banner.waitFor();
  assert.match(await banner.textContent(), /^Published on .+ by Ana Costa — read-only\. Move back to draft to edit\./);
  await page.waitForFunction(() => document.activeElement?.id === "published-banner");

  // Every editor is read-only: typing changes nothing, and there is nothing to add or remove.
  assert.equal(await summary.isEditable(), false);
  await summary.focus();
  await page.keyboard.type(" More words.");
  assert.equal(await summary.inputValue(), "A cache change slowed checkout.");
  assert.equal(await page.getByRole("textbox", { name: "What went well, item 1", exact: true }).isEditable(), false);
  for (const gone of [
    page.getByLabel("Add to what went well"),
    page.getByRole("button", { name: /^Remove / }),
    page.getByRole("button", { name: "Add action item" }),
    page.getByRole("button", { name: /^Switch to/ }),
    row.getByRole("button", { name: /^Delete action item/ }),
  ]) {
    assert.equal(await gone.count(), 0);
  }
  assert.equal(await page.getByRole("checkbox", { name: /Latency alert on checkout/ }).isDisabled(), true);
  // Action items stay work in progress.
  await row.getByRole("checkbox").check();
  await row.getByText(/^Done \d{1,2} [A-Z][a-z]{2}$/).waitFor();
  await settled(page);
  await page.reload();
  await banner.waitFor();
  assert.equal(await summary.isEditable(), false, "still read-only after a reload");

  // Ben moves it back to draft: editable again, and the log says who moved it and when.
  await page.getByLabel("Change made by").selectOption({ label: "Ben Okafor" });
  await banner.getByRole("button", { name: "Move back to draft" }).click();
  await page.locator(".status-control strong", { hasText: "Draft" }).waitFor();
  assert.equal(await banner.count(), 0);
  await page.waitForFunction(() => document.activeElement?.id === "review-status");
  assert.equal(await summary.isEditable(), true);
  await summary.fill("A cache change slowed checkout for a third of customers.");
  await page.getByLabel("Add to what went well").waitFor();
  const log = page.locator("section.status-log li");
  assert.equal(await log.count(), 3);
  const lines = await log.allTextContents();
  assert.match(lines[0], /· Ana Costa · Draft → In review$/);
  assert.match(lines[1], /· Ana Costa · In review → Published$/);
  assert.match(lines[2], /· Ben Okafor · Published → Draft$/);
  assert.ok((await log.first().locator("time").getAttribute("datetime")).length > 0);
  await settled(page);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: `Review: ${TITLE}` }).waitFor();
  assert.equal(await log.count(), 3, "the log survives a reload");
  assert.equal(await summary.inputValue(), "A cache change slowed checkout for a third of customers.");
  s.check();
  await s.context.close();
});

test("deleting an action item can be undone from the toast", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, draftFixture());
  await go(page, server.url, "#/reviews");
  const text = "Alert when search heap passes 80 %";
  await page.getByRole("button", { name: `Delete action item: ${text}` }).click();
  await page.getByText(`Deleted the action item “${text}”.`).waitFor();
  assert.equal(await page.locator(".action-list .action-row", { hasText: text }).count(), 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.locator(".action-list .action-row", { hasText: text }).waitFor();
  await settled(page);
  await page.reload();
  await page.locator(".action-list .action-row", { hasText: text }).waitFor();
  s.check();
  await s.context.close();
});

test("with many resolved incidents the start form shows the newest 50 and finds older ones", async () => {
  const ws = JSON.parse(readFileSync(FIXTURE, "utf8"));
  ws.reviews = [];
  for (let n = 1; n <= 80; n++) {
    const day = String(1 + (n % 28)).padStart(2, "0");
    ws.incidents.push({
      id: `i-old-${n}`, title: `Old outage number ${n}`, severity: "sev3", status: "closed",
      started_at: `2025-${String(1 + (n % 12)).padStart(2, "0")}-${day}T08:00:00Z`,
      resolved_at: `2025-${String(1 + (n % 12)).padStart(2, "0")}-${day}T09:00:00Z`, services: [], summary: "", timeline: [],
    });
  }
  const file = join(mkdtempSync(join(tmpdir(), "hatrack-")), "many.json");
  writeFileSync(file, JSON.stringify(ws));
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, file);
  await go(page, server.url, "#/reviews");
  const select = page.getByLabel("Incident", { exact: true });
  assert.equal(await select.locator("option").count(), 50, "one page of options");
  assert.match(await select.locator("option").first().textContent(), new RegExp(TITLE), "newest first");
  await page.getByText("Showing the 50 newest of 82").waitFor();
  await page.getByLabel("Find an incident").fill("number 77");
  await page.waitForFunction(() => document.querySelectorAll("#start-incident option").length === 1);
  await page.getByLabel("Quick retro").check();
  await page.getByRole("button", { name: "Start review" }).click();
  await page.getByRole("heading", { level: 1, name: "Review: Old outage number 77" }).waitFor();
  await page.getByText("Quick retro").first().waitFor();
  assert.equal(await page.locator(".review-section").count(), 5, "a quick retro asks for five sections");
  s.check();
  await s.context.close();
});

test("a long action list shows 50 at a time", async () => {
  const ws = JSON.parse(readFileSync(FIXTURE, "utf8"));
  for (let n = 1; n <= 120; n++) {
    ws.reviews[0].actions.push({ id: `ac-${n}`, text: `Follow-up number ${n}`, owner: n % 2 ? "p-ana" : "p-ben", due: "2099-06-01", done: false });
  }
  const file = join(mkdtempSync(join(tmpdir(), "hatrack-")), "actions.json");
  writeFileSync(file, JSON.stringify(ws));
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, file);
  await go(page, server.url, "#/reviews");
  const rows = page.locator(".action-list .action-row");
  await page.getByText("122 open, 1 overdue, 0 done.").waitFor();
  assert.equal(await rows.count(), 50);
  await page.getByRole("button", { name: "Show 50 more action items" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".action-list .action-row").length === 100);
  await page.getByRole("button", { name: "Show 22 more action items" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".action-list .action-row").length === 122);
  assert.equal(await page.getByRole("button", { name: /more action items/ }).count(), 0);
  s.check();
  await s.context.close();
});

test("a review id that does not exist says so", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/reviews/rv-nope");
  assert.equal(await s.page.locator("main h1").textContent(), "Review not found");
  s.check();
  await s.context.close();
});
