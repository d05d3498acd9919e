// The handbook: the team's process on one page a new volunteer can read, and as Markdown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { open, go, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

test("a newcomer reads the incident manager's duties in the handbook and takes it away as Markdown", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await go(page, server.url, "#/incidents");
  await page.getByRole("link", { name: "Handbook" }).click();
  await page.getByRole("heading", { level: 1, name: "Handbook" }).waitFor();
  const im = page.getByRole("article", { name: "Incident manager" });
  assert.match(await im.innerText(), /Coordinates the response[\s\S]*Not: Does not fix things[\s\S]*Checklist[\s\S]*Name a communications lead and a scribe \(within 10 min of taking the role\)/);
  assert.match(await page.locator("main").innerText(), /Incident manager and 3rd line lead: The incident manager coordinates/);
  assert.match(await page.locator("main").innerText(), /sev1 · critical[\s\S]*At night: wake people/);
  assert.match(await page.locator("main").innerText(), /Go \/ no-go\s+Record go or no-go, with who decided and when \(Release manager\)/);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as Markdown" }).click()]);
  const md = readFileSync(await dl.path(), "utf8");
  assert.match(dl.suggestedFilename(), /^hatrack-handbook-\d{4}-\d\d-\d\d\.md$/);
  for (const role of ["Incident manager", "Communications lead", "Scribe", "3rd line lead", "Release manager", "Deployment manager", "Committee chair"]) {
    assert.ok(md.includes(`### ${role}`), role);
  }
  assert.match(md, /1\. Post a status update \(every 30 min, for sev1–sev2\)/);
  s.check();
  await s.context.close();
});
