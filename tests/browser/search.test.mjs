// The help site's scripts in headless Chromium on the real site: search (index
// fetched on first use only, Dutch queries, words from other portals through the
// index's synonyms, marks, keyboard, live status, the same normalisation and the
// same first answers as the site builder, the no-JS fallback), the theme toggle
// without a flash, and answers opened for links and print.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, server, browser, watchedPage } from "./support.mjs";

const cases = JSON.parse(
  readFileSync(new URL("../../site/tests/normalise-cases.json", import.meta.url), "utf8"),
);
/** Per language, [query, the answer it must put first]; asserted natively too. */
const queryCases = JSON.parse(
  readFileSync(new URL("../../site/tests/search-cases.json", import.meta.url), "utf8"),
);

useServerAndBrowser();

/** Types `query` into the search box and waits for the status to report on it. */
async function searchFor(page, query) {
  await page.fill("#search-q", query);
  await page.waitForFunction(
    () => document.querySelector(".search-status").textContent !== "",
  );
  return page.locator(".search-list a");
}

test("the index is fetched on first use of the search box, once", async () => {
  const { page, problems } = await watchedPage(browser);
  const fetched = [];
  page.on("request", (r) => r.url().includes("/search/") && fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/nl/`, { waitUntil: "networkidle" });
  assert.deepEqual(fetched, [], "nothing before the search box is used");

  const index = page.waitForResponse((r) => r.url().endsWith("/search/nl.json"));
  await page.focus("#search-q");
  assert.equal((await index).status(), 200);
  await searchFor(page, "werknemers");
  await searchFor(page, "lonen");
  assert.deepEqual(fetched, ["/search/nl.json"]);
  assert.deepEqual(problems, []);
});

test("Dutch queries typed as an employer find their question", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/vragen/`);
  for (const [query, expected] of [
    ["hoe voeg ik werknemers toe", "/nl/vragen/werknemers/#werknemer-toevoegen"],
    ["wachtwoord vergeten", "/nl/vragen/wachtwoord-en-account/#wachtwoord-vergeten"],
    ["telefoon kwijt", "/nl/vragen/inloggen/#telefoon-kwijt"],
    ["Werknemer uit dienst melden", "/nl/vragen/in-en-uit-dienst/#uit-dienst-melden"],
    ["een werknemer staat dubbel", "/nl/vragen/werknemers/#dubbele-werknemer"],
    ["wat is een verzamelloonstaat", "/nl/vragen/documenten/#wat-is-verzamelloonstaat"],
    ["cache wissen", "/nl/vragen/browser-en-instellingen/#cache-wissen"],
  ]) {
    const links = await searchFor(page, query);
    const top = await links.evaluateAll((as) => as.slice(0, 3).map((a) => a.getAttribute("href")));
    assert.ok(top.includes(expected), `${query}: ${expected} in ${top}`);
  }
  assert.deepEqual(problems, []);
});

test("results mark the matching words, are announced and keyboard usable", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/`);
  const links = await searchFor(page, "werknemers toevoegen");
  const status = page.locator(".search-status");
  assert.equal(await status.getAttribute("role"), "status");
  assert.match(await status.textContent(), /^\d+ antwoorden gevonden$/);
  // "werknemers" marks "werknemer" in the question: the same stem.
  const question = links.filter({ hasText: "Hoe voeg ik een werknemer toe?" });
  assert.deepEqual(await question.locator("mark").allTextContents(), ["werknemer"]);

  // Arrow keys go through the results and back to the box; Escape closes them.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), await links.first().getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), await links.nth(1).getAttribute("href"));
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.keyboard.press("Escape");
  assert.ok(await page.locator(".search-results").isHidden());

  // Arrow down opens the results again; Enter on a result opens its answer.
  await page.keyboard.press("ArrowDown");
  assert.ok(await page.locator(".search-results").isVisible());
  const target = await question.getAttribute("href");
  await question.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname + url.hash === target);
  const id = target.split("#")[1];
  assert.equal(await page.locator(`details#${id}`).getAttribute("open"), "");

  // Nothing found: said so, with the way to every question.
  await searchFor(page, "xyzzy");
  assert.match(await status.textContent(), /^Geen antwoord gevonden/);
  assert.equal(await page.locator(".search-results a").getAttribute("href"), "/nl/vragen/");
  assert.deepEqual(problems, []);
});

test("English pages search the English index", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/en/`);
  const links = await searchFor(page, "forgot password");
  assert.equal(await links.first().getAttribute("href"), "/en/faq/password-and-account/#wachtwoord-vergeten");
  assert.match(await page.locator(".search-status").textContent(), /answers? found$/);
  assert.deepEqual(problems, []);
});

test("the browser normalises as the site builder does", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/`);
  const actual = await page.evaluate(async (cases) => {
    const { terms } = await import("/static/search.js");
    const out = {};
    for (const [lang, list] of Object.entries(cases)) {
      const { norm } = await (await fetch(`/search/${lang}.json`)).json();
      out[lang] = list.map(([input]) => [input, terms(norm, input)]);
    }
    return out;
  }, cases);
  assert.deepEqual(actual, cases);
  assert.deepEqual(problems, []);
});

test("each query of the shared table puts its answer first, as natively", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/`);
  const actual = await page.evaluate(async (cases) => {
    const { search, prepare } = await import("/static/search.js");
    const out = {};
    for (const [lang, list] of Object.entries(cases)) {
      const index = prepare(await (await fetch(`/search/${lang}.json`)).json());
      out[lang] = list.map(([query]) => {
        const [first] = search(index, query).results;
        return [query, first ? index.docs[first.doc][0] : null];
      });
    }
    return out;
  }, queryCases);
  assert.deepEqual(actual, queryCases);
  assert.deepEqual(problems, []);
});

test("words from other portals find the pages' own words in the search box", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/`);
  let links = await searchFor(page, "twee-factor");
  assert.equal(await links.first().getAttribute("href"), "/nl/vragen/inloggen/#tweestapsverificatie");
  assert.deepEqual(await links.first().locator("mark").allTextContents(), ["tweestapsverificatie"]);
  links = await searchFor(page, "schermprint geweigerd");
  assert.equal(await links.first().getAttribute("href"), "/nl/vragen/documenten/#schermafbeelding");

  await page.goto(`${server.url}/en/`);
  links = await searchFor(page, "backup codes");
  assert.equal(await links.first().getAttribute("href"), "/en/faq/signing-in/#herstelcodes");
  assert.deepEqual(problems, []);
});

test("without JS the search form opens the FAQ index", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/nl/handleiding/`);
  assert.ok(await page.locator(".theme-toggle").isHidden(), "no dead toggle without JS");
  await page.fill("#search-q", "werknemers");
  await page.click(".search button[type=submit]");
  await page.waitForURL(/\/nl\/vragen\/\?q=werknemers$/);
  assert.equal(await page.locator("main h1").textContent(), "Veelgestelde vragen");
  // The FAQ index lists every question, so the answer is one click away.
  assert.ok(await page.locator('.questions a[href="/nl/vragen/werknemers/#werknemer-toevoegen"]').isVisible());
  await context.close();
});

const DARK_BACKGROUND = "rgb(20, 23, 28)";
const LIGHT_BACKGROUND = "rgb(255, 255, 255)";

test("the theme toggle persists and the page never flashes", async () => {
  const { page, problems } = await watchedPage(browser, { colorScheme: "light" });
  // Record the body's background the moment the body exists, before any paint.
  await page.context().addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      window.firstBody = getComputedStyle(document.body).backgroundColor;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}/nl/`);
  assert.equal(await page.evaluate(() => window.firstBody), LIGHT_BACKGROUND);
  const toggle = page.locator(".theme-toggle");
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");

  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BACKGROUND);

  await page.goto(`${server.url}/en/faq/`);
  assert.equal(await page.evaluate(() => window.firstBody), DARK_BACKGROUND, "dark from the first paint");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");

  // Back to what the system shows: the choice is forgotten, the system leads again.
  await toggle.click();
  assert.equal(await page.getAttribute("html", "data-theme"), null);
  assert.equal(await page.evaluate(() => localStorage.getItem("balie-theme")), null);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), LIGHT_BACKGROUND);
  assert.deepEqual(problems, []);
});

test("the system's dark preference gives the same dark theme", async () => {
  const { page, problems } = await watchedPage(browser, { colorScheme: "dark" });
  await page.goto(`${server.url}/nl/`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BACKGROUND);
  assert.equal(await page.locator(".theme-toggle").getAttribute("aria-pressed"), "true");
  assert.deepEqual(problems, []);
});

test("print shows every answer and no page frame", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/vragen/inloggen/`);
  const answer = page.locator("details.question .answer").nth(1);
  assert.ok(await answer.isHidden(), "answers start closed on screen");
  // The script opens every answer for printing and closes them again afterwards.
  const closed = () => page.locator("details:not([open])").count();
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  assert.equal(await closed(), 0);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.ok((await closed()) > 1);
  // Without the script too: the print stylesheet shows closed answers.
  await page.emulateMedia({ media: "print" });
  assert.ok(await answer.isVisible(), "closed answers print");
  assert.ok(await page.locator(".site-header").isHidden());
  assert.deepEqual(problems, []);
});
