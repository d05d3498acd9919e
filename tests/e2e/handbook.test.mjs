// The handbook: the team's process on one page a new volunteer can read, and as Markdown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { open, go, storedJson, useBrowser } from "./helpers.mjs";

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

  // Offered, not forced: one press takes it up, and the changelog says when.
  const offer = page.getByRole("region", { name: "Suggested process" });
  await offer.getByRole("button", { name: "Take up this process" }).click();
  await offer.waitFor({ state: "detached" });
  assert.match(await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText(), /\d{1,2} \w{3} 2026, \d\d:\d\d: Took up Hatrack's suggested process\./);
  s.check();
  await s.context.close();
});

test("the team changes a step: a clear error for a bad number, the change dated in the changelog, a removal undone", async () => {
  const s = await open(browser, server.origin);
  const { page } = s;
  await go(page, server.url, "#/handbook");
  const offer = page.getByRole("region", { name: "Suggested process" });
  await offer.waitFor();
  assert.match(await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText(), /not taken up or changed by the team yet/);

  // Keyboard only: open the editor, Escape leaves it and focus returns to its button.
  const edit = page.getByRole("button", { name: "Edit “Confirm the severity against the policy”" });
  await edit.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "step-text");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Edit “Confirm the severity"));

  await edit.click();
  await page.getByLabel("Within (minutes)").fill("7.5");
  await page.getByRole("button", { name: "Save step" }).click();
  const form = page.locator("form.step-form");
  assert.match(await form.innerText(), /Write a whole number of minutes, such as 15, or leave it empty\./);
  assert.equal(await page.evaluate(() => document.activeElement.id), "step-within");
  assert.equal(await offer.count(), 1, "a refused edit takes nothing up");

  await page.getByLabel("Within (minutes)").fill("10");
  await page.getByLabel("sev1 · critical").check();
  await page.getByRole("button", { name: "Save step" }).click();
  await form.waitFor({ state: "detached" });
  const im = page.getByRole("article", { name: "Incident manager" });
  assert.match(await im.innerText(), /Confirm the severity against the policy \(within 10 min of taking the role, for sev1\)/);
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Edit “Confirm the severity"));
  assert.equal(await offer.count(), 0, "changing it took the process up");
  const log = await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText();
  assert.match(log, /\d{1,2} \w{3} 2026, \d\d:\d\d: Incident manager: “Confirm the severity against the policy” now within 10 min of taking the role, for sev1 \(was within 15 min of taking the role\)\./);
  assert.match(log, /Took up Hatrack's suggested process\./);

  // A new step, then removed and brought back with Undo.
  await page.getByRole("button", { name: "Add a step for Scribe" }).click();
  await page.getByRole("textbox", { name: "Step", exact: true }).fill("Share the timeline link in the channel");
  await page.getByLabel("Repeat every (minutes)").fill("45");
  await page.keyboard.press("Enter");
  const scribe = page.getByRole("article", { name: "Scribe" });
  await scribe.getByText("Share the timeline link in the channel").waitFor();
  assert.match(await scribe.innerText(), /Share the timeline link in the channel \(every 45 min\)/);
  await page.getByRole("button", { name: "Remove “Share the timeline link in the channel”" }).click();
  assert.equal(await scribe.getByText("Share the timeline link in the channel").count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Add a step for Scribe");
  await page.getByRole("button", { name: "Undo" }).click();
  await scribe.getByText("Share the timeline link in the channel").waitFor();

  // What a severity asks is the team's to change too.
  await page.getByRole("button", { name: "Edit what sev2 asks" }).click();
  await page.getByLabel("Update users every (minutes)").fill("0");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("A repeat needs at least a minute between its times").waitFor();
  await page.getByLabel("Update users every (minutes)").fill("20");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.textContent === "Edit what sev2 asks");
  assert.match(await page.locator(".hb-severities").innerText(), /sev2 · major[\s\S]*Updates every 20 min\./);
  assert.match(await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText(), /sev2: updates every 20 min \(was every 30 min\)\./);

  // The escalation path and the release checklist too.
  await page.getByRole("button", { name: /^Edit: From 1st line support to 2nd line support/ }).click();
  await page.getByLabel("After (minutes) without progress").fill("20");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("heading", { name: "Escalation" }).locator("..").getByText("From 1st line support to 2nd line support after 20 min without progress; at once for sev1, sev2").waitFor();
  await page.getByRole("button", { name: "Add a release step" }).click();
  await page.getByRole("textbox", { name: "Release step", exact: true }).fill("Post the release notes in the forum");
  await page.getByLabel("Stage").selectOption({ label: "Done or roll back" });
  await page.getByRole("button", { name: "Save step" }).click();
  const releaseSection = page.getByRole("heading", { name: "Release process" }).locator("..");
  assert.match(await releaseSection.innerText(), /Done or roll back[\s\S]*Post the release notes in the forum \(Release manager\)/);
  assert.match(await page.getByRole("heading", { name: "Changelog" }).locator("..").innerText(), /Release, Done or roll back: added “Post the release notes in the forum” \(Release manager\)\./);

  // It travels: the workspace holds it, and the handbook's Markdown says it.
  // Saved after the last edit (a save waits for a pause in editing).
  let stored;
  for (let i = 0; i < 50; i++) {
    stored = JSON.parse((await storedJson(page)) ?? "{}");
    if (stored.process?.severities.some((p) => p.update_every_minutes === 20)) break;
    await page.waitForTimeout(100);
  }
  const scribeSteps = stored.process.roles.find((r) => r.role === "scribe").checklist.map((s) => s.text);
  assert.ok(scribeSteps.includes("Share the timeline link in the channel"), scribeSteps.join("; "));
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as Markdown" }).click()]);
  const md = readFileSync(await dl.path(), "utf8");
  assert.match(md, /Confirm the severity against the policy \(within 10 min of taking the role, for sev1\)/);
  assert.match(md, /Share the timeline link in the channel \(every 45 min\)/);
  assert.match(md, /## Changelog[\s\S]*Took up Hatrack's suggested process\./);
  assert.match(md, /From 1st line support to 2nd line support after 20 min without progress/);
  assert.match(md, /1\. Post the release notes in the forum \(Release manager\)/);
  s.check();
  await s.context.close();
});
