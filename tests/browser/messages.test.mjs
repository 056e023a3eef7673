// Every error a page shows is in words: forms sent empty or half filled show
// messages that name the field by its label, never by an API field name (the
// watch in support.mjs turns any quoted snake_case name into a console error).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, server, browser, watchedPage, provision, signInThroughApi } from "./support.mjs";

useServerAndBrowser();

/** The visible text of every message on the page. */
const messages = (page) =>
  page.locator("[role=alert]:visible, .field-error:visible").evaluateAll((els) => els.map((e) => e.textContent.trim()).filter(Boolean));

test("empty and half-filled forms: messages in words, in both languages", async () => {
  const year = new Date().getFullYear() - 1;
  const email = "t.taal@taal-bakkerij.nl";
  await provision({
    policy_number: "660000088",
    company_name: "Woorden Bakkerij B.V.",
    main_user: { name: "T. Taal", email },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: `${year}-01-01` },
  });
  const { page, problems } = await watchedPage(browser);
  await signInThroughApi(page.context(), email, "een lange zin als wachtwoord");

  for (const [lang, path, button] of [
    ["nl", "/nl/portaal/werknemers/", "Werknemer toevoegen"],
    ["en", "/en/portal/employees/", "Add employee"],
  ]) {
    await page.goto(`${server.url}${path}`);
    await page.locator("#form-add").getByRole("button", { name: button }).click();
    await page.locator("#form-add .field-error:visible, #form-add [role=alert]:visible").first().waitFor();
    const shown = await messages(page);
    assert.ok(shown.length > 0, lang);
    // Half filled: the first missing field after the BSN is named.
    await page.locator("#add-bsn").fill("131 860 914");
    assert.match(await page.locator("#add-bsn-read").textContent(), /131 860 914 \(9 (cijfers|digits)\)/);
    await page.locator("#form-add").getByRole("button", { name: button }).click();
    await page.locator("#add-initials-error:visible").waitFor();
    assert.match(await page.locator("#add-initials-error").textContent(), lang === "nl" ? /Voorletters/ : /Initials/);
  }

  await page.goto(`${server.url}/nl/portaal/gebruikers/`);
  await page.locator("#form-invite").getByRole("button", { name: "Collega uitnodigen" }).click();
  await page.locator("#form-invite [role=alert]:visible").waitFor();
  assert.match(await page.locator("#form-invite [role=alert]").textContent(), /Naam/);

  await page.goto(`${server.url}/en/absence-premium-calculator/`);
  await page.getByRole("button", { name: "Calculate" }).click();
  await page.locator("#form-absence .field-error:visible, #form-absence [role=alert]:visible").first().waitFor();
  for (const message of await messages(page)) assert.doesNotMatch(message, /_/);

  assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), []);
});
