// The release process: the go/no-go is recorded with who and when (backfilled here), shows on
// the release and in its history and ticks the checklist; a release with no go recorded is not
// marked deployed silently: the page says why, asks for the reason, and keeps it in the history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, go, importFile, FIXTURES, useBrowser } from "./helpers.mjs";

const TEAM = join(FIXTURES, "incident-team.json");
const ZONE = "Europe/Berlin";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/** The date-time field value and the shown "28 Nov 2026, 14:05" of `date` in ZONE. */
function local(date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: ZONE,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  const num = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  return { input: `${num}T${p.hour}:${p.minute}`, shown: `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}` };
}

/** The incident team with a short written release process of its own. */
function teamWithProcess() {
  const ws = JSON.parse(readFileSync(TEAM, "utf8"));
  ws.process = {
    release: [
      { id: "rel-go", stage: "go-no-go", owner: "release-manager", text: "Record go or no-go, with who decided and when" },
      { id: "rel-deploy", stage: "deploy", owner: "deployment-manager", text: "Deploy, and say so in the team channel" },
    ],
  };
  const path = join(mkdtempSync(join(tmpdir(), "hatrack-")), "team-with-process.json");
  writeFileSync(path, JSON.stringify(ws));
  return path;
}

const form = (page) => page.locator("section", { has: page.getByRole("heading", { name: "Record a release" }) });
const item = (page, name) => page.locator("li.release", { has: page.getByRole("heading", { level: 3, name, exact: true }) });

async function record(page, name) {
  const f = form(page);
  await f.getByLabel("Name").fill(name);
  await f.getByLabel("Release manager").selectOption("p-noor");
  await f.getByLabel("Deployment manager").selectOption("p-ana");
  await f.getByRole("button", { name: "Record release" }).click();
  const rel = item(page, name);
  await rel.waitFor();
  return rel;
}

test("a go decided earlier, by the release manager, shows on the release, in its history and on its checklist", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, teamWithProcess());
  await go(page, server.url, "#/releases");
  const rel = await record(page, "6.0.0");

  // The checklist, stage by stage, each step with its owner and who that is on this release.
  const list = rel.locator(".release-checklist");
  assert.match(await list.locator("summary").innerText(), /Release checklist \(0 of 2 done\)/);
  const text = await list.innerText();
  assert.match(text, /Go \/ no-go\s+Record go or no-go, with who decided and when Release manager \(Noor Haddad\)/);
  assert.match(text, /Deploy\s+Deploy, and say so in the team channel Deployment manager \(Ana Lima\)/);

  const decision = rel.getByRole("group", { name: "Go / no-go of release 6.0.0" });
  assert.match(await decision.innerText(), /No go\/no-go recorded yet\./);
  assert.equal(await decision.getByRole("radio", { name: "Go", exact: true }).isChecked(), true);
  // The release manager decides, unless someone else is picked.
  assert.equal(await decision.getByLabel("Decided by").inputValue(), "p-noor");
  await decision.getByLabel("Note").fill("Tests green on staging");
  // Decided an hour and a half ago, typed as such.
  const earlier = local(new Date(Date.now() - 90 * 60_000));
  await decision.getByRole("button", { name: /When: now/ }).click();
  await decision.locator(".when-input input").fill(earlier.input);
  await decision.getByRole("button", { name: "Record decision" }).click();

  await decision.getByText(`Go — Noor Haddad, ${earlier.shown}: Tests green on staging`).waitFor();
  assert.match(await page.getByRole("status").first().innerText(), /Recorded the decision: go\./);
  assert.match(await list.locator("summary").innerText(), /\(1 of 2 done\)/);
  assert.match(await list.locator("li.step.done").innerText(), /Record go or no-go.*Done/s);
  await rel.locator(".release-history summary").click();
  const history = await rel.locator(".release-history").innerText();
  assert.match(history, new RegExp(`${earlier.shown}\\s+Go: Tests green on staging \\(decided by Noor Haddad\\)`));

  // With the go on record, it goes out in one press.
  await rel.getByRole("button", { name: "Mark deployed release 6.0.0" }).click();
  await rel.locator(".tag.release-deployed").waitFor();
  assert.equal(await rel.locator(".deploy-why-form").count(), 0);
  s.check();
  await s.context.close();
});

test("marking a release deployed with no go recorded says so, asks why, and keeps the reason in its history", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/releases");
  const rel = await record(page, "6.1.0");
  // No written process: no checklist, but the decision still has its place on the release.
  assert.equal(await rel.locator(".release-checklist").count(), 0);
  assert.match(await rel.getByRole("group", { name: "Go / no-go of release 6.1.0" }).innerText(), /No go\/no-go recorded yet\./);

  await rel.getByRole("button", { name: "Mark deployed release 6.1.0" }).click();
  const why = rel.locator(".deploy-why-form");
  await why.waitFor();
  assert.match(
    await why.getByRole("alert").innerText(),
    /No go\/no-go is recorded for this release\. Record the go\/no-go first, or say why it went out without one\./,
  );
  // The reason field has the cursor; Escape puts everything back as it was.
  await page.waitForFunction(() => document.activeElement?.id?.endsWith("-why"));
  await page.keyboard.press("Escape");
  await why.waitFor({ state: "detached" });
  assert.equal(await rel.locator(".tag.release-planned").innerText(), "Planned");
  // Back on the button that asked, which opens it again from the keyboard.
  await page.waitForFunction(() => document.activeElement?.textContent?.startsWith("Mark deployed"));
  await page.keyboard.press("Enter");
  await why.waitFor();
  await why.getByRole("button", { name: "Cancel" }).click();
  await why.waitFor({ state: "detached" });

  await rel.getByRole("button", { name: "Mark deployed release 6.1.0" }).click();
  await why.getByLabel("Why did it go out without a go?").fill("Hotfix for the login outage; Noor was asleep");
  await why.getByRole("button", { name: "Mark deployed anyway" }).click();
  await rel.locator(".tag.release-deployed").waitFor();
  assert.equal(await why.count(), 0);
  await rel.locator(".release-history summary").click();
  assert.match(
    await rel.locator(".release-history").innerText(),
    /Status: Planned → Deployed; roles ended: Noor Haddad \(Release manager\), Ana Lima \(Deployment manager\)\. Deployed without a recorded go\/no-go: Hotfix for the login outage; Noor was asleep/,
  );

  // The release form asks the same of a release recorded as already out.
  const f = form(page);
  await f.getByLabel("Name").fill("6.1.1");
  await f.getByLabel("Status").selectOption("deployed");
  await f.getByLabel("Deployed").fill(local(new Date(Date.now() - 30 * 60_000)).input);
  await f.getByRole("button", { name: "Record release" }).click();
  assert.match(await f.getByRole("alert").innerText(), /Record the go\/no-go first, or say why it went out without one\./);
  assert.equal(await item(page, "6.1.1").count(), 0);
  await f.getByLabel("Why did it go out without a go?").fill("Recorded after the fact");
  await f.getByRole("button", { name: "Record release" }).click();
  const later = item(page, "6.1.1");
  await later.waitFor();
  await later.locator(".release-history summary").click();
  assert.match(await later.locator(".release-history").innerText(), /Recorded as deployed\. Deployed without a recorded go\/no-go: Recorded after the fact/);
  s.check();
  await s.context.close();
});

test("a deploy time corrected to before its go asks why, and its history line moves with it", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/releases");
  const f = form(page);
  await f.getByLabel("Name").fill("6.2.0");
  await f.getByRole("button", { name: "Record release" }).click();
  const rel = item(page, "6.2.0");
  await rel.waitFor();
  // A go an hour ago, then deployed on it.
  const decision = rel.getByRole("group", { name: "Go / no-go of release 6.2.0" });
  const goDate = new Date(Date.now() - 60 * 60_000);
  const goAt = local(goDate);
  await decision.getByRole("button", { name: /When: now/ }).click();
  await decision.locator(".when-input input").fill(goAt.input);
  await decision.getByRole("button", { name: "Record decision" }).click();
  await decision.getByText(`Go — who decided was not said, ${goAt.shown}`).waitFor();
  await rel.getByRole("button", { name: "Mark deployed release 6.2.0" }).click();
  await rel.locator(".tag.release-deployed").waitFor();

  // Corrected to before the go: the form says so and asks why; nothing is saved until it is said.
  const earlier = local(new Date(Date.now() - 90 * 60_000));
  await rel.getByRole("button", { name: /^Edit/ }).click();
  const edit = page.locator("li.release form");
  await edit.getByLabel("Deployed").fill(earlier.input);
  await edit.getByRole("button", { name: "Save release" }).click();
  assert.match(
    await edit.getByRole("alert").innerText(),
    new RegExp(`The release's go was recorded at ${goDate.toISOString().slice(0, 16).replace("T", " ")} UTC, after this deploy\\. Record the go/no-go first, or say why it went out without one\\.`),
  );
  await edit.getByLabel("Why did it go out without a go?").fill("Shipped before the call ended");
  await edit.getByRole("button", { name: "Save release" }).click();
  await rel.locator(".release-history summary").waitFor();
  assert.match(await rel.locator(".release-facts").innerText(), new RegExp(`Deployed\\s+${earlier.shown}`));
  await rel.locator(".release-history summary").click();
  // The deploy's line is at the corrected time, with the reason; the go's line is unchanged.
  const history = await rel.locator(".release-history").innerText();
  assert.match(history, new RegExp(`${earlier.shown}\\s+Status: Planned → Deployed\\. Deployed without a recorded go/no-go: Shipped before the call ended`));
  assert.match(history, new RegExp(`${goAt.shown}\\s+Go`));
  s.check();
  await s.context.close();
});

test("recording a go leaves the release's status buttons as they were set: who and when stay chosen", async () => {
  const s = await open(browser, server.origin, { timezoneId: ZONE });
  const { page } = s;
  await importFile(page, server.url, TEAM);
  await go(page, server.url, "#/releases");
  const rel = await record(page, "6.3.0");
  const actions = rel.getByRole("group", { name: "Move release 6.3.0 on" });
  // Started by the release manager unless someone else is said; here Ana, half an hour ago.
  const by = actions.getByLabel("By", { exact: true });
  assert.equal(await by.inputValue(), "p-noor");
  await by.selectOption("p-ana");
  const started = local(new Date(Date.now() - 30 * 60_000));
  await actions.getByRole("button", { name: /When: now/ }).click();
  await actions.locator(".when-input input").fill(started.input);

  // Meanwhile the go is recorded on the same card.
  const decision = rel.getByRole("group", { name: "Go / no-go of release 6.3.0" });
  await decision.getByRole("button", { name: "Record decision" }).click();
  await decision.getByText(/^Go — Noor Haddad, /).waitFor();
  assert.equal(await by.inputValue(), "p-ana");
  assert.equal(await actions.locator(".when-input input").inputValue(), started.input);

  // And the start is recorded as set.
  await actions.getByRole("button", { name: "Start release 6.3.0" }).click();
  await rel.locator(".tag.release-in-progress").waitFor();
  await rel.locator(".release-history summary").click();
  assert.match(
    await rel.locator(".release-history").innerText(),
    new RegExp(`${started.shown}\\s+Status: Planned → In progress \\(by Ana Lima\\)`),
  );
  s.check();
  await s.context.close();
});
