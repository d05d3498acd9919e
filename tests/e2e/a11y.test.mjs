// Every view, empty and with a team loaded, in both themes: no serious or critical axe
// violations, and no horizontal page scroll on a 360 px wide phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { open, go, settled, loadExampleTeam, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

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


test("every change on the incident page is said in the status region that is there from the start", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await importFile(page, server.url, join(FIXTURES, "incident-team.json"));
  // A release to link, recorded first.
  await go(page, server.url, "#/releases");
  const rf = page.locator("section", { has: page.getByRole("heading", { name: "Record a release" }) });
  await rf.getByLabel("Name").fill("5.1.0");
  await rf.getByRole("button", { name: "Record release" }).click();
  await go(page, server.url, "#/incidents");
  const region = page.locator(".toast-host[role=status]");
  assert.equal(await region.count(), 1, "the region is on the page before anything happens");
  await page.getByLabel("Title").fill("Uploads fail");
  await page.getByRole("radio", { name: /^sev3 ·/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: "Uploads fail" }).waitFor();
  const said = async (re) => {
    await page.waitForFunction((src) => new RegExp(src).test(document.querySelector(".toast-host")?.textContent || ""), re.source);
  };
  const row = (role) => page.locator("li.role-row", { has: page.getByRole("heading", { level: 3, name: role, exact: true }) });
  await row("Incident manager").getByLabel("Person for Incident manager").selectOption("p-sam");
  await row("Incident manager").getByRole("button", { name: "Assign", exact: true }).click();
  await said(/Sam Rivera is now Incident manager\./);
  await row("Incident manager").getByLabel("Hand Incident manager over from Sam Rivera to").selectOption("p-kai");
  await row("Incident manager").getByRole("button", { name: "Hand over" }).click();
  await said(/Incident manager handed over to Kai Chen\./);
  await row("Incident manager").getByRole("button", { name: /Release Kai Chen from Incident manager/ }).click();
  await said(/Kai Chen released from Incident manager\./);
  await page.locator("#timeline-text").fill("Restarted the upload worker");
  await page.getByRole("button", { name: "Add entry" }).click();
  await said(/Added to the timeline at \d\d:\d\d: Restarted the upload worker/);
  // Its buttons say which entry they act on.
  await page.getByRole("button", { name: /^Edit entry at \d\d:\d\d: Restarted the upload worker$/ }).waitFor();
  await page.getByLabel("Severity", { exact: true }).selectOption("sev2");
  await said(/Severity is now sev2 · major\./);
  await page.getByLabel("Linked release").selectOption({ label: "5.1.0" });
  await said(/Linked to release 5\.1\.0\./);
  // A warning before a role is given is said too, not only drawn.
  await row("Incident manager").getByLabel("Person for Incident manager").selectOption("p-sam");
  await row("Incident manager").getByRole("button", { name: "Assign", exact: true }).click();
  await said(/Sam Rivera is now Incident manager\./);
  await row("3rd line lead").getByLabel("Person for 3rd line lead").selectOption("p-sam");
  await said(/Check first: before Sam Rivera takes 3rd line lead: conflicts with Incident manager/);
  s.check();
  await s.context.close();
});
