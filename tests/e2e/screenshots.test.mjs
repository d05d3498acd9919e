// Pictures for the README, taken from the example team as a newcomer would load it:
// `make screenshots` (also part of every e2e run) writes them to tests/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, open, go, settled, ROOT } from "./helpers.mjs";

const OUT = join(ROOT, "tests", "screenshots");
let server, browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve("/");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("README screenshots of the load view, an incident and a review", async () => {
  const s = await open(browser, server.origin, { viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  await go(s.page, server.url, "#/load");
  await s.page.getByRole("button", { name: "Load the example team" }).click();
  await settled(s.page);
  await s.page.evaluate(() => document.querySelector(".toast-host button.close")?.click());
  const shots = [
    ["#/load", "load.png"],
    ["#/incidents/i-checkout-cards", "incident.png"],
    ["#/reviews/rv-search-stale", "review.png"],
  ];
  for (const [hash, name] of shots) {
    await go(s.page, server.url, hash);
    await s.page.waitForTimeout(200);
    const path = join(OUT, name);
    await s.page.screenshot({ path, fullPage: false });
    assert.ok(statSync(path).size > 10_000, `${name} has content`);
  }
  s.check();
  await s.context.close();

  // And the incident page on a 360 px phone, as someone paged at night opens it.
  const phone = await open(browser, server.origin, { viewport: { width: 360, height: 740 }, colorScheme: "light" });
  await go(phone.page, server.url, "#/load");
  await phone.page.getByRole("button", { name: "Load the example team" }).click();
  await settled(phone.page);
  await phone.page.evaluate(() => document.querySelector(".toast-host button.close")?.click());
  await go(phone.page, server.url, "#/incidents/i-checkout-cards");
  await phone.page.waitForTimeout(200);
  const path = join(OUT, "phone.png");
  await phone.page.screenshot({ path, fullPage: false });
  assert.ok(statSync(path).size > 10_000, "phone.png has content");
  phone.check();
  await phone.context.close();
});
