// The public calculators in headless Chromium: the seed's worked example, a WGA
// Hiaat cover, amounts in the page's notation, and a refused field marked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, server, browser, watchedPage } from "./support.mjs";

useServerAndBrowser();

const plain = (s) => s.replace(/\s/g, " ").trim();

test("absence premium: the seed example, and a rate above 100 refused", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/rekenhulp-verzuimpremie/`);
  await page.getByLabel("Verzekerde loonsom in euro's").fill("456036");
  await page.getByLabel("Premiepercentage").fill("4,79");
  await page.getByRole("button", { name: "Berekenen" }).click();
  const amount = page.locator("#result-premium [data-amount]");
  await amount.waitFor();
  assert.equal(plain(await amount.textContent()), "€ 21.844,12");

  await page.getByLabel("Premiepercentage").fill("101");
  await page.getByRole("button", { name: "Berekenen" }).click();
  await page.locator("#form-absence [role=alert]").waitFor();
  assert.equal(await page.getByLabel("Premiepercentage").getAttribute("aria-invalid"), "true");
  assert.ok(await page.locator("#result-premium").isHidden(), "no stale result next to an error");
  assert.ok(problems.every((p) => p.includes("422")), problems.join("\n"));
});

test("WGA Hiaat: inkomenscompensatie in English notation", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/en/wga-hiaat-calculator/`);
  await page.getByLabel("Cover", { exact: true }).selectOption("inkomenscompensatie");
  assert.ok(await page.getByLabel("WGA benefit per year in euros").isHidden(), "fields of other covers hidden");
  await page.getByLabel("Year", { exact: true }).selectOption("2025");
  await page.getByLabel("Old yearly wage in euros").fill("80000");
  await page.getByLabel("Disability in percent").fill("20");
  await page.getByRole("button", { name: "Calculate" }).click();
  await page.locator("#result-wga").waitFor();
  // 25 % of the wage capped at the 2025 maximum premieloon (75,864): 18,966.00 a year.
  assert.equal(plain(await page.locator("#wga-yearly").textContent()), "€18,966.00");
  assert.equal(plain(await page.locator("#wga-monthly").textContent()), "€1,580.50");
  assert.equal(await page.locator("#wga-duration").textContent(), "12 months");
  assert.ok((await page.locator("#wga-explanation").textContent()).length > 20);
  assert.deepEqual(problems, []);
});
