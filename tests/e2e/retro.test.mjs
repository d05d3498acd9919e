// A quick retro in one sitting, keyboard only: from "Start a quick review" on a resolved
// incident to "Copy for chat", published in one step. Focus is checked after every key and on
// every frame: it must never fall to the page body, where a keyboard user starts over.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, go, importFile, settled, FIXTURES, useBrowser } from "./helpers.mjs";

const FIXTURE = join(FIXTURES, "resolved-incident.json");
const TITLE = "Checkout times out after cache change";
/** Keys pressed to move and act, typing not counted. The walk takes 66, a third of them
 * Shift+Tab from the action items back up to the status control; this leaves room for a
 * control or two more on the page, not for a detour. */
const MAX_KEYS = 72;

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** Where focus is, in words a failure message can show. */
function focusedNow() {
  const a = document.activeElement;
  if (!a || a === document.body) return { body: true, id: "", text: "BODY", value: "" };
  const name = a.getAttribute("aria-label") || (a.labels && a.labels[0]?.textContent) || a.textContent || "";
  return { body: false, id: a.id, tag: a.tagName, text: name.trim().replace(/\s+/g, " ").slice(0, 80), value: a.value ?? "" };
}

/** Two frames: long enough for a render and the focus moves the app schedules after one. */
const frames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/** The keyboard, with focus checked after every key; keys pressed (not characters typed) counted. */
function keyboard(page) {
  let presses = 0;
  const k = {
    get presses() {
      return presses;
    },
    async focused() {
      return page.evaluate(focusedNow);
    },
    async press(key) {
      presses++;
      await page.evaluate((step) => (window.__step = step), `${key} (press ${presses})`);
      await page.keyboard.press(key);
      await frames(page);
      const f = await k.focused();
      assert.ok(!f.body, `focus fell to the page body after ${key} (press ${presses})`);
      return f;
    },
    async type(text) {
      await page.keyboard.type(text);
      assert.ok(!(await k.focused()).body, `focus fell to the page body while typing “${text}”`);
    },
    /** Tab (or Shift+Tab) until `fits(focused)`; refuses to wander further than `max` stops. */
    async tabTo(fits, what, { back = false, max = 30 } = {}) {
      for (let n = 0; n < max; n++) {
        const f = await k.press(back ? "Shift+Tab" : "Tab");
        if (fits(f)) return f;
      }
      assert.fail(`${what} not reached within ${max} ${back ? "Shift+Tab" : "Tab"} presses`);
    },
  };
  return k;
}

const named = (text) => (f) => f.text === text;
const withId = (id) => (f) => f.id === id;

test("a quick retro, keyboard only, from Start a quick review to Copy for chat, published in one step", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, FIXTURE);
  await go(page, server.url, "#/incidents/i-2026-040");
  await page.getByRole("button", { name: "Start a quick review" }).waitFor();
  const k = keyboard(page);

  // A new view puts focus on its content, so the first Tab is already on the page.
  assert.equal((await k.focused()).id, "main");
  await k.tabTo(named("Start a quick review"), "Start a quick review", { max: 6 });
  // Any frame from here on with focus on the body is a failure, even one a key check misses.
  await page.evaluate(() => {
    window.__bodyFrames = [];
    const watch = () => {
      if (!document.activeElement || document.activeElement === document.body) window.__bodyFrames.push(window.__step);
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await k.press("Enter");
  await page.getByRole("heading", { level: 1, name: `Review: ${TITLE}` }).waitFor();
  assert.equal(await page.locator(".review-section").count(), 5, "a quick retro");
  assert.equal(await page.getByRole("button", { name: "Ask for review" }).count(), 0, "nobody to ask");
  await page.getByRole("button", { name: "Publish" }).waitFor();

  // Write it.
  await k.tabTo(withId("text-summary"), "the Summary");
  await k.type("A cache change slowed checkout; rolling it back fixed it.");
  await k.tabTo(withId("new-what-went-well"), "Add to what went well");
  await k.type("The latency alert fired quickly");
  let f = await k.press("Enter");
  await page.getByRole("textbox", { name: "What went well, item 1", exact: true }).waitFor();
  assert.deepEqual([f.id, f.value], ["new-what-went-well", ""], "ready for the next item");

  // Two action items: focus comes back to the emptied text, and the owner starts over.
  await k.tabTo(withId("action-text"), "the action item's text");
  await k.type("Put cache changes behind the canary");
  await k.tabTo(withId("action-owner-new"), "the owner");
  await k.type("B");
  assert.equal(await page.locator("#action-owner-new").inputValue(), "p-ben", "typing picks Ben Okafor");
  await k.tabTo(named("Add action item"), "Add action item");
  await k.press("Enter");
  await page.locator(".action-row", { hasText: "Put cache changes behind the canary" }).getByText("Owner: Ben Okafor").waitFor();
  f = await k.focused();
  assert.deepEqual([f.id, f.value], ["action-text", ""], "focus is back in the emptied text field");
  assert.equal(await page.locator("#action-owner-new").inputValue(), "", "the owner is back to Nobody yet");
  await page.getByText("Added the action item.").waitFor();
  await k.type("Lower the checkout latency alert threshold");
  f = await k.press("Enter");
  const second = page.locator(".action-row", { hasText: "Lower the checkout latency alert threshold" });
  await second.waitFor();
  await second.getByText("Owner: nobody yet").waitFor();
  assert.deepEqual([f.id, f.value], ["action-text", ""]);

  // Back up to the status control: who publishes, then Publish, in one step.
  await k.tabTo(withId("status-by"), "Change made by", { back: true, max: 40 });
  await k.type("A");
  assert.equal(await page.locator("#status-by").inputValue(), "p-ana");
  await k.tabTo(named("Publish"), "Publish");
  await k.press("Enter");
  await page.locator(".status-control strong", { hasText: "Published" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "published-banner");
  const banner = page.locator("#published-banner");
  assert.match(await banner.textContent(), /^Published on .+ by Ana Costa — read-only\. Move back to draft to edit\./);
  const said = page.locator(".toast-host[role=status] .toast > span");
  assert.equal(await said.textContent(), "The review is now published.");
  const log = await page.locator("section.status-log li").allTextContents();
  assert.equal(log.length, 1, `one step: ${log}`);
  assert.match(log[0], /· Ana Costa · Draft → Published$/);
  assert.equal(await page.getByRole("textbox", { name: "Summary", exact: true }).isEditable(), false, "read-only once published");

  // Copy for chat. Headless Chromium may refuse the clipboard; then the text is shown to copy.
  await k.tabTo(named("Copy for chat"), "Copy for chat");
  await k.press("Enter");
  await page.waitForFunction(() =>
    /^(Copied for chat\.|The browser did not allow copying)/.test(
      document.querySelector(".toast-host[role=status] .toast > span")?.textContent || "",
    ),
  );
  if ((await said.textContent()) === "Copied for chat.") {
    assert.equal(await page.locator("#chat-text").count(), 0);
  } else {
    const chat = await page.locator("#chat-text").inputValue();
    assert.ok(chat.startsWith(`Post-incident review: ${TITLE}\n`), chat);
    assert.match(chat, /Open action items:\n• Put cache changes behind the canary — Ben Okafor/);
    await page.waitForFunction(() => document.activeElement?.id === "chat-text");
  }

  assert.deepEqual(await page.evaluate(() => window.__bodyFrames), [], "no frame had focus on the page body");
  assert.ok(k.presses <= MAX_KEYS, `${k.presses} keys pressed to move and act, more than ${MAX_KEYS}`);
  await settled(page);
  s.check();
  await s.context.close();
});
