// Version 2's organisation pages as an employer uses them: link another employer
// by typing its numbers as they are printed, see its contracts as tiles, work on
// it through the scope bar, keep the own address and contact person, read the
// adviser, and undo the link from the e-mail. Axe checks every new page in both
// themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, server, browser, watchedPage, provision, signInThroughApi, mailedLink, axeSource, violations } from "./support.mjs";

useServerAndBrowser();

const PASSWORD = "een lange zin als wachtwoord";
const A = "p.de.boer@bouwbedrijf-de-boer.nl";
const B = "r.smit@smit-installaties.nl";

function employer(n, company, email) {
  return {
    policy_number: `55${n}000001`, company_name: company,
    main_user: { name: n === 1 ? "P. de Boer" : "R. Smit", email },
    kvk_number: "01234567", payroll_tax_number: "111222333L01",
    postal_address: { street: "Industrieweg", house_number: "7", postcode: "3811AB", city: "Amersfoort" },
    adviser: { name: "M. Jansen", email: "m.jansen@jansen-advies.nl", phone: "033 123 45 67" },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: "2024-01-01" },
    contracts: [
      { product: "pensioen", contract_number: `55${n}000002`, name: "Pensioenregeling", start_date: "2024-01-01",
        settings: { scheme_name: "Basis", anw_hiaat_available: true } },
    ],
  };
}

/** A signed-in browser context for `email`, and that user's API. */
async function signedIn(email, options = {}) {
  const { page, problems } = await watchedPage(browser, options);
  await signInThroughApi(page.context(), email, PASSWORD);
  const call = async (method, path, data) => {
    const answer = await page.context().request.fetch(`${server.url}${path}`, { method, data });
    return { status: answer.status(), body: answer.status() === 204 ? null : await answer.json() };
  };
  return { page, problems, call };
}

let a;
let bCustomer = "";
let bId = "";

test("a user manager links another employer by its printed numbers and sees its contracts", async () => {
  await provision(employer(1, "Bouwbedrijf De Boer B.V.", A));
  await provision(employer(2, "Smit Installaties B.V.", B));
  const b = await signedIn(B);
  const own = (await b.call("GET", "/api/employers")).body.employers[0];
  bCustomer = own.customer_number;
  bId = own.id;
  await b.call("POST", "/api/employees", {
    bsn: "123456782", initials: "K.", last_name: "Kok", gender: "M", birth_date: "1985-03-01", start_date: "2024-01-01",
  });
  await b.page.context().close();

  a = await signedIn(A);
  const { page } = a;
  await page.goto(`${server.url}/nl/portaal/contracten/`);
  await page.locator("#contracts-body tr").first().waitFor();
  assert.equal(await page.locator("#contracts-body tr").count(), 2);
  // Typed as printed on a letter: the customer number in groups.
  const printed = `${bCustomer.slice(0, 2)} ${bCustomer.slice(2, 6)} ${bCustomer.slice(6)}`;
  await page.getByLabel("Klantnummer").fill(printed);
  await page.getByLabel("Contractnummer").fill("551000002"); // A's own pension contract: not B's
  await page.getByRole("button", { name: "Koppelen" }).click();
  const alert = page.locator("#form-link [role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /combinatie van klantnummer en contractnummer/);
  await page.getByLabel("Contractnummer").fill("552000002");
  await page.getByRole("button", { name: "Koppelen" }).click();
  await page.getByText("Smit Installaties B.V. is gekoppeld.").waitFor();
  await page.locator("#linked-list li").waitFor();
  assert.equal(await page.locator("#contracts-body tr").count(), 4);
  assert.equal(await page.locator("#contracts-body tr", { hasText: "Smit Installaties B.V. (gekoppeld)" }).count(), 2);
  assert.equal(await page.locator("#linked-list li").count(), 1);
  // The refused pair was answered 422, as the browser logs; nothing else went wrong.
  assert.deepEqual(a.problems, ["Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]);
  a.problems.length = 0;
});

test("the home page shows a tile per contract and the scope bar follows the chosen employer", async () => {
  const { page } = a;
  await page.goto(`${server.url}/nl/portaal/`);
  await page.locator("#tiles .tile").first().waitFor();
  assert.equal(await page.locator("#tiles .tile").count(), 4);
  const smit = page.locator(".tile", { hasText: "Smit Installaties B.V." }).filter({ hasText: "Contractnummer 552000001" });
  await smit.getByRole("link", { name: "Werknemers" }).click();
  await page.waitForURL(/\/nl\/portaal\/werknemers\/\?employer=/);
  await page.locator("#scope-bar:not([hidden])").waitFor();
  assert.equal(await page.locator("#scope-current").textContent(), "U werkt nu voor: Smit Installaties B.V.");
  await page.locator("#employees-body tr", { hasText: "Kok" }).waitFor();
  // A pension tile offers no payroll pages, only the contract's details.
  await page.goto(`${server.url}/nl/portaal/`);
  const pension = page.locator(".tile", { hasText: "Pensioenregeling, contractnummer 551000002" });
  await pension.waitFor();
  assert.equal(await pension.getByRole("link", { name: "Werknemers" }).isVisible(), false);
  assert.equal(await pension.getByRole("link", { name: "Contracten" }).isVisible(), true);
  // Switching back with the bar keeps the choice in the address.
  await page.goto(`${server.url}/nl/portaal/werknemers/?employer=${bId}`);
  await page.locator("#scope-bar:not([hidden])").waitFor();
  await page.getByLabel("Werkgever", { exact: true }).selectOption({ label: "Bouwbedrijf De Boer B.V." });
  await page.getByRole("button", { name: "Wisselen" }).click();
  await page.waitForURL((url) => url.searchParams.get("employer") !== bId);
  await page.locator("#scope-current", { hasText: "Bouwbedrijf De Boer B.V." }).waitFor();
  assert.deepEqual(a.problems, []);
});

test("Mijn bedrijf keeps the address and contact person as typed, and names a wrong field", async () => {
  const { page } = a;
  await page.goto(`${server.url}/nl/portaal/mijn-bedrijf/`);
  await page.locator("#signed-in:not([hidden])").waitFor();
  assert.equal(await page.locator('dd[data-fact="kvk_number"]').textContent(), "01234567");
  assert.equal(await page.getByLabel("Postcode").inputValue(), "3811 AB");
  await page.getByLabel("Postcode").fill("0123 ab");
  await page.locator("#form-address").getByRole("button", { name: "Opslaan" }).click();
  const error = page.locator("#postcode-error");
  await error.waitFor();
  assert.match(await error.textContent(), /4 cijfers en 2 letters/);
  a.problems.length = 0; // the refused postcode's 422
  await page.getByLabel("Postcode").fill("9711lm");
  await page.getByLabel("Plaats").fill("Groningen");
  await page.locator("#form-address").getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#address-status", { hasText: "Opgeslagen." }).waitFor();
  assert.equal(await page.getByLabel("Postcode").inputValue(), "9711 LM");
  await page.getByLabel("Naam", { exact: true }).fill("L. Bakker");
  await page.getByLabel("E-mailadres", { exact: true }).fill("l.bakker@bouwbedrijf-de-boer.nl");
  await page.locator("#form-contact").getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#contact-status", { hasText: "Opgeslagen." }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Contactpersoon verwijderen" }).isVisible(), true);
  // Reloaded, the page shows what was stored.
  await page.reload();
  await page.locator("#signed-in:not([hidden])").waitFor();
  assert.equal(await page.getByLabel("Plaats").inputValue(), "Groningen");
  assert.equal(await page.getByLabel("Naam", { exact: true }).inputValue(), "L. Bakker");
  assert.deepEqual(a.problems, []);
});

test("Mijn adviseur shows the adviser with links to write or call", async () => {
  const { page } = a;
  await page.goto(`${server.url}/en/portal/my-adviser/`);
  await page.locator("#adviser:not([hidden])").waitFor();
  assert.equal(await page.locator("#adviser-name").textContent(), "M. Jansen");
  assert.equal(await page.locator("#adviser-phone").getAttribute("href"), "tel:0331234567");
  assert.deepEqual(a.problems, []);
});

test("the linked employer's user manager undoes the link from the e-mail, once", async () => {
  const link = await mailedLink(B, "/koppeling-intrekken");
  const { page, problems } = await watchedPage(browser);
  await page.goto(link);
  await page.waitForURL(/\/nl\/koppeling-intrekken\/\?token=/);
  await page.getByRole("button", { name: "Koppeling ongedaan maken" }).click();
  await page.getByText("De koppeling is ongedaan gemaakt.").waitFor();
  await page.goto(link);
  await page.getByRole("button", { name: "Koppeling ongedaan maken" }).click();
  const alert = page.locator("#form-revoke [role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /werkt niet meer/);
  const contracts = await a.call("GET", "/api/contracts");
  assert.equal(contracts.body.contracts.length, 2);
  // Only the second, refused use was answered with an error (400).
  assert.deepEqual(problems, ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
});

for (const colorScheme of ["light", "dark"]) {
  test(`the organisation pages pass axe (${colorScheme})`, async () => {
    const { page, problems } = await watchedPage(browser, { colorScheme, storageState: await a.page.context().storageState() });
    await page.context().addInitScript({ content: axeSource });
    const found = [];
    for (const path of [
      "/nl/portaal/", "/en/portal/", "/nl/portaal/mijn-bedrijf/", "/en/portal/my-company/",
      "/nl/portaal/mijn-adviseur/", "/en/portal/my-adviser/", "/nl/portaal/contracten/", "/en/portal/contracts/",
      "/nl/koppeling-intrekken/?token=x", "/en/undo-link/",
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState("networkidle");
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  });
}
