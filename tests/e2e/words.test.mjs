// Words stay whole: on every view with data, at a phone's 360 px and a laptop's 1280 px, in
// light and dark, no button, heading, table header or label breaks inside a word. "No
// sideways scroll" once passed while buttons read "M e r g e"; this checks what people read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, go, settled, FIXTURES, loadExampleTeam, useBrowser } from "./helpers.mjs";

let server, browser;
useBrowser((s, b) => ([server, browser] = [s, b]));

/**
 * Every word in a button, heading, table header or label that the browser laid out on more
 * than one line: a word's characters spread over two line boxes means it was broken inside.
 */
async function brokenWords(page) {
  return page.evaluate(() => {
    const found = [];
    const sel = "button, h1, h2, h3, h4, th, label, legend, summary, .tag, a.button";
    for (const el of document.querySelectorAll(sel)) {
      if (!el.offsetParent && getComputedStyle(el).position !== "fixed") continue;
      if (el.closest(".visually-hidden")) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(".visually-hidden")) continue;
        const text = node.textContent;
        for (const m of text.matchAll(/[^\s\u2014\u2013/–—-]+/g)) {
          if (m[0].length < 2) continue;
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          if (tops.size > 1) found.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}": "${m[0]}"`);
        }
      }
    }
    return [...new Set(found)];
  });
}

async function detailRoutes(page) {
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

test("the word check catches a word broken letter by letter (it can fail)", async () => {
  const s = await open(browser, server.origin, { viewport: { width: 360, height: 740 } });
  await go(s.page, server.url, "#/data");
  await s.page.evaluate(() => {
    const b = document.createElement("button");
    b.textContent = "Merge";
    b.style.width = "1ch";
    b.style.wordBreak = "break-all";
    document.querySelector("main").append(b);
  });
  const found = await brokenWords(s.page);
  assert.ok(found.some((f) => f.includes('"Merge"')), found.join("\n"));
  await s.context.close();
});

for (const width of [360, 1280]) {
  for (const scheme of ["light", "dark"]) {
    test(`no word breaks inside at ${width} px, ${scheme}`, async () => {
      const s = await open(browser, server.origin, { viewport: { width, height: 800 }, colorScheme: scheme });
      const { page } = s;
      await loadExampleTeam(page, server.url);
      const all = ["#/incidents", "#/releases", "#/people", "#/load", "#/rota", "#/reviews", "#/handbook", "#/data", ...(await detailRoutes(page))];
      const problems = [];
      for (const hash of all) {
        await go(page, server.url, hash);
        await page.evaluate(() => document.querySelector(".toast-host button.close")?.click());
        if (hash === "#/load") {
          // The heat-map's newest squares are on screen, not off the right edge.
          await page.waitForTimeout(100);
          const off = await page.evaluate(() => {
            const rows = [...document.querySelectorAll(".heatmap .heat-row")];
            return rows
              .map((row) => [...row.querySelectorAll("g.cell")].pop())
              .filter((c) => c && c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map((c) => c.getAttribute("aria-label"));
          });
          if (off.length) problems.push(`#/load: the newest heat-map squares are off screen: ${off[0]}`);
        }
        for (const w of await brokenWords(page)) problems.push(`${hash}: ${w}`);
      }
      // The import choice: what someone merging a colleague's file reads.
      await go(page, server.url, "#/data");
      await page.locator("#import-file").waitFor();
      await page.setInputFiles("#import-file", join(FIXTURES, "sharing-base.json"));
      await page.getByRole("button", { name: "Merge", exact: true }).waitFor();
      for (const w of await brokenWords(page)) problems.push(`#/data import: ${w}`);
      assert.deepEqual(problems, []);
      s.check();
      await s.context.close();
    });
  }
}
