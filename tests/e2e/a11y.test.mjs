// Every view, empty and with a team loaded, in both themes: no serious or critical axe
// violations, and no horizontal page scroll on a 360 px wide phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serve, launch, open, go, settled, loadExampleTeam } from "./helpers.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => {
  server = await serve("/");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}

async function collectDetailRoutes(page) {
  const found = new Set();
  for (const hash of ["#/incidents", "#/reviews"]) {
    await go(page, server.url, hash);
    for (const h of await page.evaluate(() =>
      [...document.querySelectorAll('main a[href^="#/incidents/"], main a[href^="#/reviews/"]')].map((a) => a.getAttribute("href")),
    ))
      found.add(h);
  }
  return [...found].slice(0, 4);
}

for (const scheme of ["light", "dark"]) {
  for (const loaded of [false, true]) {
    test(`axe: no serious or critical issues, ${loaded ? "with a team" : "empty"}, ${scheme} theme`, async () => {
      // bypassCSP only so the test can inject axe; the app itself runs under its CSP elsewhere.
      const s = await open(browser, server.origin, { colorScheme: scheme, bypassCSP: true });
      if (loaded) await loadExampleTeam(s.page, server.url);
      const all = ["#/incidents", "#/releases", "#/people", "#/load", "#/rota", "#/reviews", "#/data"];
      if (loaded) all.push(...(await collectDetailRoutes(s.page)));
      const problems = [];
      for (const hash of all) {
        await go(s.page, server.url, hash);
        await s.page.evaluate(() => document.querySelector(".toast-host button.close")?.click());
        for (const v of await axe(s.page)) problems.push(`${hash}: ${v}`);
      }
      assert.deepEqual(problems, []);
      s.check();
      await s.context.close();
    });
  }
}

test("the axe check catches a real violation (guards against a scan that cannot fail)", async () => {
  const s = await open(browser, server.origin, { bypassCSP: true });
  await go(s.page, server.url, "#/data");
  await s.page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "icon.svg";
    document.querySelector("main").append(img);
  });
  const found = await axe(s.page);
  assert.ok(found.some((v) => v.startsWith("image-alt")), found.join("\n"));
  await s.context.close();
});

test("no view scrolls sideways on a 360 px wide phone", async () => {
  const s = await open(browser, server.origin, { viewport: { width: 360, height: 740 } });
  await loadExampleTeam(s.page, server.url);
  const all = ["#/incidents", "#/releases", "#/people", "#/load", "#/rota", "#/reviews", "#/data", ...(await collectDetailRoutes(s.page))];
  const wide = [];
  for (const hash of all) {
    await go(s.page, server.url, hash);
    const [scroll, client] = await s.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scroll > client) wide.push(`${hash}: ${scroll}px content in ${client}px`);
  }
  assert.deepEqual(wide, []);
  s.check();
  await s.context.close();
});

