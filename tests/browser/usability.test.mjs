// What a new employer used to trip over, tried again as they would: a used
// activation link, a wage typed but not saved before the next step, a name
// corrected on the employee's page, a whole BSN typed with spaces in the search,
// and the header once signed in.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  useServerAndBrowser, server, browser, watchedPage, provision, signInThroughApi, mailedLink,
} from "./support.mjs";

useServerAndBrowser();

const year = new Date().getFullYear() - 1;
const plain = (s) => s.replace(/\s/g, " ").trim();

async function employer(policy, email) {
  await provision({
    policy_number: policy,
    company_name: "Proef Bakkerij B.V.",
    main_user: { name: "P. Proef", email },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: `${year}-01-01` },
  });
}

test("a used or expired activation link offers a new one by e-mail, which works", async () => {
  const email = "p.proef@proef-bakkerij.nl";
  await employer("660000401", email);
  const first = await mailedLink(email, "/activeren");
  const { page, problems } = await watchedPage(browser);
  const password = "een lange zin als wachtwoord";
  const activate = async (link) => {
    await page.goto(link);
    await page.getByLabel("Nieuw wachtwoord").fill(password);
    await page.getByLabel("Herhaal het wachtwoord").fill(password);
    await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  };
  // A link that no longer works: no dead end, but a way to a new link.
  await activate(`${server.url}/nl/activeren/?token=${"0".repeat(64)}`);
  await page.getByRole("heading", { name: "Deze link werkt niet meer" }).waitFor();
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Nieuwe link versturen" }).click();
  await page.getByRole("heading", { name: "Kijk in uw e-mail" }).waitFor();
  const { messages } = await (await fetch(`${server.url}/api/dev/outbox`)).json();
  const links = messages.filter((m) => m.to === email).map((m) => m.text.match(/https?:\/\/\S*\/activeren\?token=\S+/)?.[0]).filter(Boolean);
  assert.equal(links.length, 2, "the invitation and the new link");
  assert.notEqual(links[0], first, "newest first: a new link");
  await activate(links[0]);
  await page.getByRole("heading", { name: "Uw account is actief. U kunt nu inloggen." }).waitFor();
  // The new link replaced the old one.
  await activate(first);
  await page.getByRole("heading", { name: "Deze link werkt niet meer" }).waitFor();
  assert.ok(problems.every((p) => /status of 400/.test(p)), problems.join("\n"));
});

test("wages save on the way, names are corrected on the employee's page, a whole BSN is found", async () => {
  const email = "h.hr@proef-bakkerij.nl";
  await employer("660000402", email);
  const { page, problems } = await watchedPage(browser);
  const context = page.context();
  await signInThroughApi(context, email, "een lange zin als wachtwoord");

  // Signed in, the help site's header offers the portal, and every portal page the account bar.
  await page.goto(`${server.url}/nl/vragen/`);
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  assert.ok(await nav.getByRole("link", { name: "Inloggen" }).isHidden());
  await nav.getByRole("link", { name: "Mijn portaal" }).click();
  await page.locator("#account-bar").filter({ hasText: "Proef Bakkerij B.V. · P. Proef" }).waitFor();

  // An employee added with the BSN typed in groups, found by the whole BSN.
  await page.goto(`${server.url}/nl/portaal/werknemers/`);
  const form = page.locator("#form-add");
  await form.getByLabel("BSN", { exact: true }).fill("131 860 914");
  await form.getByLabel("Voorletters").fill("K.");
  await form.getByLabel("Achternaam").fill("Jansne");
  await form.getByLabel("M (man)").check();
  await form.getByLabel("Geboortedatum").fill("1-2-1985");
  await form.getByLabel("Datum in dienst").fill(`1-1-${year}`);
  await form.getByRole("button", { name: "Werknemer toevoegen" }).click();
  await page.locator("#add-status").filter({ hasText: "K. Jansne is toegevoegd." }).waitFor();
  await page.getByLabel(/Zoek op naam/).fill("131 860 914");
  await page.locator("#form-filter").getByRole("button", { name: "Zoeken" }).click();
  await page.locator("#employees-status").filter({ hasText: "1 werknemer gevonden." }).waitFor();

  // The misspelled name corrected on the employee's page, with its history.
  await page.getByRole("link", { name: "K. Jansne" }).click();
  await page.getByRole("heading", { name: "K. Jansne" }).waitFor();
  assert.match(await page.locator(".hint").filter({ hasText: "BSN" }).textContent(), /verzekeraar/);
  await page.locator("#form-correct").getByLabel("Achternaam").fill("Jansen");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await page.locator("#employee-status").filter({ hasText: "De gegevens van K. Jansen zijn opgeslagen." }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "K. Jansen");
  assert.match(plain(await page.locator("#history-body").textContent()), /P\. Proef\s*Achternaam: Jansne → Jansen/);
  assert.match(plain(await page.locator("#periods-body").textContent()), new RegExp(`01-01-${year}`));

  // A wage typed but not saved with its button is saved when the user goes on.
  await page.goto(`${server.url}/nl/portaal/naverrekening/?year=${year}`);
  await page.locator("#step-check").getByRole("button", { name: "Volgende stap" }).click();
  await page.getByLabel("Loon van K. Jansen").fill("41.237,50");
  await page.locator("#step-wages").getByRole("button", { name: "Volgende stap" }).click();
  await page.getByRole("heading", { name: "Controleren" }).waitFor();
  const settlement = await (await context.request.get(`${server.url}/api/settlements/${year}`)).json();
  assert.equal(settlement.employees[0].wage, "41237.50");
  // A wage that cannot be read keeps the user on the step, with the reason.
  await page.locator("#step-review").getByRole("button", { name: "Vorige stap" }).click();
  await page.getByLabel("Loon van K. Jansen").fill("41.23");
  // Leaving the field shows why the row cannot be saved (the layout shifts, so a
  // click may land beside the button: the user clicks again).
  await page.getByLabel("Loon van K. Jansen").blur();
  const rowError = page.locator("#wages-body [role=alert]:visible");
  await rowError.waitFor();
  assert.match(plain(await rowError.textContent()), /Bedoelt u € 41,23 of € 4\.123,00\?/);
  await page.locator("#step-wages").getByRole("button", { name: "Volgende stap" }).click();
  await page.locator("#wages-unsaved").filter({ hasText: "1 loon is nog niet opgeslagen." }).waitFor();
  assert.ok(await page.locator("#step-wages").isVisible());
  const after = await (await context.request.get(`${server.url}/api/settlements/${year}`)).json();
  assert.equal(after.employees[0].wage, "41237.50", "the refused text changed nothing");
  assert.deepEqual(problems, []);
});
