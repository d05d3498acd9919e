// The shell around the views: offline after one visit, the content policy, keyboard help and
// shortcuts, and the theme switch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, go, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

test("after one visit the app reloads and works with the network off", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/people");
  await s.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  // The first visit is not controlled yet; a reload puts it under the service worker.
  await s.page.reload();
  await s.page.locator("main h1").first().waitFor();
  assert.ok(await s.page.evaluate(() => !!navigator.serviceWorker.controller), "controlled by the service worker");
  await s.context.setOffline(true);
  await s.page.reload();
  await s.page.locator("main h1").first().waitFor();
  assert.equal(await s.page.locator("main h1").first().textContent(), "People and roles");
  await s.page.getByRole("link", { name: "Data" }).click();
  await s.page.getByRole("heading", { level: 1, name: "Data" }).waitFor();
  await s.context.setOffline(false);
  s.check();
  await s.context.close();
});

test("the page forbids inline scripts and other origins", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url);
  const csp = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  // The policy is enforced: a script from elsewhere is refused by the browser.
  const blocked = await s.page.evaluate(
    () =>
      new Promise((ok) => {
        const el = document.createElement("script");
        el.src = "https://cdn.example.com/x.js";
        el.onerror = () => ok(true);
        el.onload = () => ok(false);
        document.head.append(el);
        setTimeout(() => ok(true), 2000);
      }),
  );
  assert.ok(blocked);
  s.errors.length = 0; // the refusal itself is logged as an error
  await s.context.close();
});

test("? opens the shortcut help, Escape closes it and focus returns", async () => {
  const s = await open(browser, server.origin);
  await go(s.page, server.url, "#/people");
  await s.page.locator("body").press("?");
  const dialog = s.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await dialog.waitFor();
  assert.ok(await s.page.evaluate(() => document.activeElement.closest("dialog") !== null), "focus moved into the dialog");
  await s.page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await s.page.keyboard.press("g");
  await s.page.keyboard.press("d");
  await s.page.getByRole("heading", { level: 1, name: "Data" }).waitFor();
  s.check();
  await s.context.close();
});

test("the theme switch overrides the system preference and is remembered", async () => {
  const s = await open(browser, server.origin, { colorScheme: "light" });
  await go(s.page, server.url);
  const bg = () => s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await s.page.selectOption("#theme", "dark");
  const dark = await bg();
  assert.notEqual(dark, light);
  await s.page.reload();
  await s.page.locator("main h1").first().waitFor();
  assert.equal(await bg(), dark, "dark theme kept after reload");
  assert.equal(await s.page.inputValue("#theme"), "dark");
  s.check();
  await s.context.close();
});
