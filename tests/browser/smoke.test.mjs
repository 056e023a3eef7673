// Browser smoke test: the help site opens in headless Chromium, switches language,
// and loads without console errors or CSP violations, in light and dark mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { useServerAndBrowser, server, browser, watchedPage } from "./support.mjs";

useServerAndBrowser();

for (const colorScheme of ["light", "dark"]) {
  test(`home page opens and switches language (${colorScheme})`, async () => {
    const { page, problems } = await watchedPage(browser, { colorScheme });
    const response = await page.goto(`${server.url}/`);
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).pathname, "/nl/");
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    assert.match(await page.title(), /Balie/);
    assert.ok(await page.locator("main h1").isVisible());

    await page.click("a.lang-switch");
    await page.waitForURL(/\/en\/$/);
    assert.equal(await page.getAttribute("html", "lang"), "en");

    // The skip link is the first thing a keyboard reaches.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");

    mkdirSync("target/screenshots", { recursive: true });
    await page.screenshot({ path: `target/screenshots/home-${colorScheme}.png`, fullPage: true });
    assert.deepEqual(problems, []);
  });
}

test("the API answers the browser with JSON", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/`);
  const health = await page.evaluate(async () => (await fetch("/api/health")).json());
  assert.equal(health.status, "ok");
  assert.deepEqual(problems, []);
});
