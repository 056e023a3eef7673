// WCAG 2.2 AA with axe-core on every page of the built site (every URL in
// dist/sitemap.xml and the 404 page), in the light and the dark theme: 0 violations.
// Answers are opened first, so their text is checked too. One browser context per
// theme; axe comes in through an init script, which the CSP does not block.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, server, browser, watchedPage, axeSource, violations } from "./support.mjs";

const MISSING = "/nl/bestaat-niet/";

/** Every page of the built site, by path. */
function sitePaths() {
  const sitemap = readFileSync(new URL("../../dist/sitemap.xml", import.meta.url), "utf8");
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(paths.length > 0, "the sitemap lists pages");
  return [...paths, MISSING];
}

useServerAndBrowser();

async function openAnswers(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
}

for (const colorScheme of ["light", "dark"]) {
  test(`every page passes axe (${colorScheme})`, async () => {
    const paths = sitePaths();
    const { page, problems } = await watchedPage(browser, { colorScheme });
    await page.context().addInitScript({ content: axeSource });
    const found = [];
    for (const path of paths) {
      const response = await page.goto(`${server.url}${path}`);
      assert.equal(response.status(), path === MISSING ? 404 : 200, path);
      await openAnswers(page);
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
      // The 404 answer itself is logged as a console error; nothing else may be.
      if (path === MISSING) problems.length = 0;
    }
    assert.deepEqual(found, [], `${found.length} violation(s) on ${paths.length} pages`);
    assert.deepEqual(problems, []);
  });

  test(`search results pass axe (${colorScheme})`, async () => {
    const { page, problems } = await watchedPage(browser, { colorScheme });
    await page.context().addInitScript({ content: axeSource });
    await page.goto(`${server.url}/nl/vragen/`);
    await page.fill("#search-q", "werknemers");
    await page.locator(".search-list mark").first().waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(problems, []);
  });
}

test("the toggled dark theme passes axe on a light system", async () => {
  const { page, problems } = await watchedPage(browser, { colorScheme: "light" });
  await page.context().addInitScript({ content: axeSource });
  await page.goto(`${server.url}/nl/vragen/lonen/`);
  await page.click(".theme-toggle");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await openAnswers(page);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
});
