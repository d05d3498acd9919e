// The static first view in index.html: what a visitor sees while the app's module downloads.
// It must be what the app then shows, word for word and box for box (so the largest paint
// happens once, early), fit the visit (the welcome only for a first visit to the incidents
// page), wear the chosen theme, and be gone once the app runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, go, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

const PHONE = { viewport: { width: 412, height: 823 }, serviceWorkers: "block" };

/** A page whose module never arrives: only the static first view runs. */
async function withoutApp(options = PHONE) {
  const s = await open(browser, server.origin, options);
  await s.page.route(/\.wasm$/, (route) => route.abort());
  return s;
}

const seen = (page, scope) =>
  page.evaluate((scope) => {
    const root = document.querySelector(scope);
    const shown = (el) => el && el.getClientRects().length > 0;
    const text = (sel) => {
      const el = root.querySelector(sel);
      return shown(el) ? el.textContent.trim().replace(/\s+/g, " ") : null;
    };
    const lead = root.querySelector(".welcome > p:not(.h2)");
    const box = shown(lead) ? lead.getBoundingClientRect() : null;
    return {
      nav: [...root.querySelectorAll("header nav li")].map((li) => li.textContent.trim()),
      current: text("header nav .current, header nav [aria-current=page]"),
      heading: text(".h1, main h1"),
      welcome: text(".welcome .h2, .welcome h2"),
      lead: shown(lead) ? lead.textContent.trim().replace(/\s+/g, " ") : null,
      size: box && [Math.round(box.width), Math.round(box.height)],
    };
  }, scope);

test("before the module arrives a first visit sees the header and welcome the app then shows, the same size", async () => {
  const before = await withoutApp();
  await before.page.goto(server.url);
  const early = await seen(before.page, "#first-view");
  await before.context.close();

  const s = await open(browser, server.origin, PHONE);
  await go(s.page, server.url, "");
  // The app hides it as it starts and it leaves the page once its paint is recorded.
  await s.page.waitForFunction(() => !document.getElementById("first-view"));
  const app = await seen(s.page, "body");
  assert.ok(early.lead && early.lead.startsWith("An incident desk"), `the welcome's lead paints early: ${JSON.stringify(early)}`);
  assert.deepEqual(early, app);
  s.check();
  await s.context.close();
});

test("a returning visit, or another page, shows only the header until the app starts", async () => {
  const s = await withoutApp();
  await s.page.goto(server.url + "#/people");
  let early = await seen(s.page, "#first-view");
  assert.equal(early.heading, null, "no Incidents heading over the people page");
  assert.equal(early.lead, null);
  assert.equal(early.nav.length, 8);
  await s.page.evaluate(() => localStorage.setItem("hatrack.workspace.v1", "{}"));
  await s.page.goto(server.url + "#/incidents");
  await s.page.reload();
  early = await seen(s.page, "#first-view");
  assert.equal(early.lead, null, "someone with a workspace is not welcomed as new");
  await s.context.close();
});

test("the first view wears the theme the person chose", async () => {
  const s = await withoutApp({ ...PHONE, colorScheme: "light" });
  await s.page.goto(server.url);
  assert.equal(await s.page.evaluate(() => document.documentElement.dataset.theme), "light");
  await s.page.evaluate(() => localStorage.setItem("hatrack.theme", "dark"));
  await s.page.reload();
  assert.equal(await s.page.evaluate(() => document.documentElement.dataset.theme), "dark");
  const bg = await s.page.evaluate(() => getComputedStyle(document.querySelector("#first-view header")).backgroundColor);
  assert.equal(bg, "rgb(30, 33, 37)", "the dark surface colour");
  await s.context.close();
});
