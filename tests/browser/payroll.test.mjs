// Employees, wages and the settlement in headless Chromium, as an HR officer does
// it: employees added on the page (a former employee's BSN offers re-hiring), one
// employment ended, wages entered on a row and imported from a CSV file (a refused
// file first), the totals and balance checked against the API, submitting with
// confirmation, then the specification as CSV and as a printable page. Every
// screen passes axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  useServerAndBrowser, server, browser, watchedPage, axeSource, violations, provision, signInThroughApi,
} from "./support.mjs";

useServerAndBrowser();

// Last year: every date below is in the past, and this year's January is not too far ahead.
const year = new Date().getFullYear() - 1;
const plain = (s) => s.replace(/\s/g, " ").trim();

/** An API amount in Dutch notation, written out here rather than with the page's Intl. */
function euroNl(amount) {
  const [whole, cents] = amount.replace("-", "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${amount.startsWith("-") ? "-" : ""}€ ${grouped},${cents}`;
}

test("add employees, enter and import wages, review and submit the settlement, print the specification", async () => {
  const email = "p.bakker@loon-bakkerij.nl";
  await provision({
    policy_number: "660000002",
    company_name: "Loon Bakkerij B.V.",
    main_user: { name: "P. Bakker", email },
    policy: {
      product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: `${year - 1}-01-01`,
      provisional_premium: { [year]: "5600.00" },
    },
  });
  const { page, problems } = await watchedPage(browser);
  const context = page.context();
  await context.addInitScript({ content: axeSource });
  await signInThroughApi(context, email, "een lange zin als wachtwoord");
  const axeFound = [];
  const checkA11y = async (where) => axeFound.push(...(await violations(page)).map((v) => `${where}: ${v}`));

  // The home page says what waits, and leads HR to the employees.
  await page.goto(`${server.url}/nl/portaal/`);
  const task = page.getByRole("link", { name: `De naverrekening over ${year} is nog niet verzonden.` });
  await task.waitFor();
  assert.equal(await task.getAttribute("href"), `/nl/portaal/naverrekening/?year=${year}`);
  await page.getByRole("link", { name: "Werknemers" }).click();
  await page.waitForURL(/\/nl\/portaal\/werknemers\/$/);
  const status = page.locator("#employees-status");
  await status.filter({ hasText: "0 werknemers gevonden." }).waitFor();
  await checkA11y("employees, empty");

  const form = page.locator("#form-add");
  const add = async (e) => {
    await form.getByLabel("BSN", { exact: true }).fill(e.bsn);
    await form.getByLabel("Voorletters").fill(e.initials);
    await form.getByLabel("Tussenvoegsel (niet verplicht)").fill(e.prefix || "");
    await form.getByLabel("Achternaam").fill(e.last);
    await form.getByLabel(e.gender, { exact: true }).check();
    await form.getByLabel("Geboortedatum").fill(e.born);
    await form.getByLabel("Datum in dienst").fill(e.start);
    await form.getByLabel("Einddatum (alleen bij een contract voor bepaalde tijd)").fill(e.end || "");
    await form.getByRole("button", { name: "Werknemer toevoegen" }).click();
  };
  const rows = page.locator("#employees-body tr");

  // A BSN failing the 11-check: the message stands next to the BSN field.
  const boer = { bsn: "123456789", initials: "M.", prefix: "de", last: "Boer", gender: "V (vrouw)", born: "12-03-1985", start: "01-01-2021" };
  await add(boer);
  await page.locator("#add-bsn-error").filter({ hasText: "elfproef" }).waitFor();
  assert.equal(await form.getByLabel("BSN", { exact: true }).getAttribute("aria-invalid"), "true");
  await checkA11y("add form with an error");

  await add({ ...boer, bsn: "123456782" });
  await page.locator("#add-status").filter({ hasText: "M. de Boer is toegevoegd." }).waitFor();
  const yilmaz = { bsn: "111222333", initials: "S.", last: "Yilmaz", gender: "X", born: "30-06-1990", start: `01-03-${year}` };
  await add(yilmaz);
  await page.locator("#add-status").filter({ hasText: "S. Yilmaz is toegevoegd." }).waitFor();
  await status.filter({ hasText: "2 werknemers gevonden." }).waitFor();
  assert.deepEqual(await rows.locator("th").allTextContents(), ["M. de Boer", "S. Yilmaz"]);
  assert.deepEqual(await rows.first().locator("td").allTextContents().then((t) => t.slice(0, 3)), ["6782", "12-03-1985", "01-01-2021"]);

  // Search by the last 4 digits of the BSN, then the whole list again.
  await page.getByLabel(/^Zoek op naam/).fill("6782");
  await page.getByRole("button", { name: "Zoeken", exact: true }).last().click();
  await status.filter({ hasText: "1 werknemer gevonden." }).waitFor();
  assert.deepEqual(await rows.locator("th").allTextContents(), ["M. de Boer"]);
  await page.getByLabel(/^Zoek op naam/).fill("");
  await page.getByLabel(/^Zoek op naam/).press("Enter");
  await status.filter({ hasText: "2 werknemers gevonden." }).waitFor();

  // The same BSN again, while employed: refused with a clear message, no re-hire offer.
  await add({ ...boer, bsn: "123456782" });
  await page.locator("#add-bsn-error").filter({ hasText: "Er is al een werknemer in dienst met dit BSN." }).waitFor();
  assert.ok(await page.locator("#rehire-offer").isHidden());

  // Yilmaz left on 31 August: end the employment from the list.
  await page.getByRole("button", { name: "Uit dienst melden S. Yilmaz" }).click();
  const endDialog = page.locator("#dialog-end");
  await endDialog.getByLabel("Einddatum: de laatste dag in dienst").fill(`31-08-${year}`);
  await checkA11y("end dialog");
  await endDialog.getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#change-status").filter({ hasText: "S. Yilmaz is uit dienst gemeld." }).waitFor();
  assert.ok(await endDialog.isHidden());
  await rows.filter({ hasText: "S. Yilmaz" }).waitFor({ state: "detached" });

  // A former employee (left two years ago), then their BSN once more: the page offers re-hiring.
  const visser = { bsn: "249566758", initials: "L.", last: "Visser", gender: "M (man)", born: "01-02-1970", start: "01-02-2015", end: `31-12-${year - 2}` };
  await add(visser);
  await page.locator("#add-status").filter({ hasText: "L. Visser is toegevoegd." }).waitFor();
  await page.getByLabel("Uit dienst", { exact: true }).check();
  await page.locator("#employees-caption").filter({ hasText: "Werknemers uit dienst" }).waitFor();
  await status.filter({ hasText: "2 werknemers gevonden." }).waitFor();
  await checkA11y("former employees");
  await add({ ...visser, start: `01-01-${year + 1}`, end: "" });
  await page.locator("#add-bsn-error").filter({ hasText: "oud-werknemer" }).waitFor();
  await page.locator("#rehire-offer").getByRole("button", { name: "Opnieuw in dienst nemen" }).click();
  const rehire = page.locator("#dialog-rehire");
  await rehire.getByRole("heading", { name: "Opnieuw in dienst nemen: L. Visser" }).waitFor();
  assert.equal(await rehire.getByLabel("Datum in dienst").inputValue(), `01-01-${year + 1}`);
  await checkA11y("re-hire dialog");
  // Keyboard only: the dialog's form submits with Enter.
  await rehire.getByLabel("Datum in dienst").press("Enter");
  await page.locator("#change-status").filter({ hasText: "L. Visser is opnieuw in dienst." }).waitFor();
  assert.ok(await page.locator("#rehire-offer").isHidden());
  const visserApi = await (await context.request.get(`${server.url}/api/employees?status=active&q=Visser`)).json();
  assert.equal(visserApi.employees.length, 1);
  assert.equal(visserApi.employees[0].start_date, `${year + 1}-01-01`);

  // The settlement of last year: the two employees of that year, without wages yet.
  await page.goto(`${server.url}/nl/portaal/`);
  await page.getByRole("link", { name: "Naverrekening", exact: true }).click();
  // The year list starts at the policy's start: a year before it is not offered.
  await page.locator(`#year option[value="${year}"]`).waitFor({ state: "attached" });
  const offered = await page.locator("#year option").allTextContents();
  assert.deepEqual(offered, [String(year + 1), String(year), String(year - 1)]);
  await page.getByLabel("Jaar", { exact: true }).selectOption(String(year));
  await page.getByRole("button", { name: "Jaar kiezen" }).click();
  await page.locator("#check-caption").filter({ hasText: `In dienst in ${year}: 2 werknemers` }).waitFor();
  assert.deepEqual(await page.locator("#check-body th").allTextContents(), ["M. de Boer", "S. Yilmaz"]);
  await checkA11y("step 1");

  await page.locator("#step-check").getByRole("button", { name: "Volgende stap" }).click();
  await page.getByRole("heading", { name: "Lonen invullen" }).waitFor();
  assert.equal(await page.locator("#wages-missing").textContent(), "Bij 2 werknemers ontbreekt nog het loon.");
  await page.getByLabel("Loon van M. de Boer").fill("41237,50");
  await page.getByLabel("Loon van M. de Boer").press("Enter");
  await page.locator("#wages-status").filter({ hasText: "Loon van M. de Boer opgeslagen." }).waitFor();
  await page.locator("#wages-missing").filter({ hasText: "Bij 1 werknemer ontbreekt nog het loon." }).waitFor();
  await checkA11y("step 2");

  // A file with a wrong BSN on line 3 is refused whole, with the line named.
  const csv = (body) => ({ name: "lonen.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
  const importForm = page.locator("#step-wages #form-import");
  await importForm.getByLabel("Bestand (CSV)").setInputFiles(csv("BSN;loon\n111222333;9876,54\n123456789;100\n"));
  await importForm.getByRole("button", { name: "Lonen importeren" }).click();
  await page.locator("#import-errors li").first().waitFor();
  assert.deepEqual(await page.locator("#import-errors li").allTextContents(), [
    "Regel 3: Dit BSN klopt niet: het heeft 9 cijfers en moet de elfproef doorstaan.",
  ]);
  await checkA11y("refused import");
  await importForm.getByLabel("Bestand (CSV)").setInputFiles(csv("BSN;loon\n111222333;9876,54\n"));
  await importForm.getByRole("button", { name: "Lonen importeren" }).click();
  await page.locator("#import-status").filter({ hasText: `1 loon over ${year} geïmporteerd.` }).waitFor();
  assert.ok(await page.locator("#import-errors").isHidden());
  await page.locator("#wages-missing").filter({ hasText: "Alle lonen zijn ingevuld." }).waitFor();
  assert.equal(await page.getByLabel("Loon van S. Yilmaz").inputValue(), "9.876,54");

  // Review: what the page shows is what the API computed, in Dutch notation.
  await page.locator("#step-wages").getByRole("button", { name: "Volgende stap" }).click();
  await page.getByRole("heading", { name: "Controleren" }).waitFor();
  const api = await (await context.request.get(`${server.url}/api/settlements/${year}`)).json();
  // The worked example of the manual: 51,114.04 × 4.25 % = 2,172.35, rows sum to 2,172.34.
  assert.deepEqual(
    [api.total_insured_wage, api.final_premium, api.rounding_difference, api.provisional_premium, api.balance],
    ["51114.04", "2172.35", "0.01", "5600.00", { amount: "3427.65", direction: "refund_to_employer" }],
  );
  const review = page.locator("#step-review");
  const total = async (key) => plain(await review.locator(`[data-total="${key}"]`).textContent());
  assert.equal(await total("total_insured_wage"), euroNl(api.total_insured_wage));
  assert.equal(await total("premium_rate_percent"), "4,25%");
  assert.equal(await total("final_premium"), euroNl(api.final_premium));
  assert.equal(await total("rounding_difference"), euroNl(api.rounding_difference));
  assert.ok(await review.getByText("Afrondingsverschil").isVisible(), "a rounding difference has its own line");
  assert.equal(await total("provisional_premium"), euroNl(api.provisional_premium));
  assert.equal(await total("balance"), `U krijgt ${euroNl(api.balance.amount)} terug.`);
  const reviewRows = (await review.locator("#review-body tr").allTextContents()).map(plain);
  assert.deepEqual(reviewRows, api.employees.map((e) => plain(`${e.name}${euroNl(e.wage)}${euroNl(e.insured_wage)}${euroNl(e.premium)}`)));
  await checkA11y("step 3");

  // Done and submit: a confirmation first; Escape cancels it and nothing is sent.
  await review.getByRole("button", { name: "Volgende stap" }).click();
  await page.locator("#step-submit").getByRole("button", { name: "Klaar en verzenden" }).click();
  const confirm = page.locator("#dialog-submit");
  await confirm.getByRole("heading", { name: "Naverrekening verzenden?" }).waitFor();
  await checkA11y("confirmation");
  await page.keyboard.press("Escape");
  assert.ok(await confirm.isHidden());
  assert.equal((await (await context.request.get(`${server.url}/api/settlements/${year}`)).json()).status, "open");
  await page.locator("#step-submit").getByRole("button", { name: "Klaar en verzenden" }).click();
  await confirm.getByRole("button", { name: "Ja, verzenden" }).click();
  await page.getByRole("heading", { name: "Naverrekening verzonden" }).waitFor();
  const submitted = await (await context.request.get(`${server.url}/api/settlements/${year}`)).json();
  assert.equal(submitted.status, "submitted");
  const when = submitted.submitted_at.slice(0, 10).split("-").reverse().join("-");
  assert.match(submitted.reference, /^NV-\d{4}-[A-Z0-9]{6}$/);
  assert.equal(
    await page.locator("#submitted-when").textContent(),
    `U heeft de naverrekening verzonden op ${when}, met kenmerk ${submitted.reference}. Het jaar staat op slot. ` +
      "U krijgt een e-mail met dit kenmerk; noem het als u contact opneemt met uw verzekeraar.",
  );
  const next = { due_from_employer: "U krijgt van uw verzekeraar een factuur voor", refund_to_employer: "Uw verzekeraar betaalt" };
  assert.ok(plain(await page.locator("#submitted-next").textContent()).startsWith(next[submitted.balance.direction]));
  assert.ok(plain(await page.locator("#submitted-next").textContent()).includes(euroNl(submitted.balance.amount)));
  const { messages } = await (await fetch(`${server.url}/api/dev/outbox`)).json();
  assert.ok(messages.some((m) => m.to === email && m.text.includes(submitted.reference)), "an e-mail with the reference");
  assert.ok(await page.locator("#steps-nav").isHidden(), "no steps to change a submitted year");
  await checkA11y("submitted");

  // The specification: the CSV download and the printable page.
  const download = page.getByRole("link", { name: "Specificatie downloaden" });
  const file = await context.request.get(new URL(await download.getAttribute("href"), server.url).href);
  assert.equal(file.status(), 200);
  const lines = (await file.text()).split(/\r?\n/);
  assert.ok(lines.some((l) => l.includes(";M.;6782;01-01-2021;;41237,50;")), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("Afrondingsverschil")), "the CSV has the rounding line");
  const print = page.getByRole("link", { name: "Specificatie afdrukken" });
  assert.equal(await print.getAttribute("href"), `/nl/portaal/naverrekening/specificatie/?year=${year}&print=1`);

  await page.goto(`${server.url}/nl/portaal/naverrekening/specificatie/?year=${year}`);
  await page.locator("#signed-in").waitFor();
  assert.equal(await page.locator("h1").textContent(), `Specificatie naverrekening ${year}`);
  assert.equal(await page.locator("#spec-company").textContent(), "Loon Bakkerij B.V.");
  assert.equal(await page.locator("#spec-policy").textContent(), "660000002");
  assert.equal(await page.locator("#spec-status").textContent(), `Verzonden op ${when}`);
  assert.deepEqual((await page.locator("#spec-body tr").allTextContents()).map(plain), reviewRows);
  assert.equal(plain(await page.locator('[data-total="balance"]').textContent()), "U krijgt € 3.427,65 terug.");
  await checkA11y("specification");
  // Printed (to PDF): only the document, without the site's frame or buttons.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator(".site-header").isHidden());
  assert.ok(await page.getByRole("button", { name: "Afdrukken" }).isHidden());
  assert.ok(await page.locator("#spec-body").isVisible());
  await page.emulateMedia({ media: "screen" });

  // The English page of the same year, in English notation.
  await page.goto(`${server.url}/en/portal/settlement/?year=${year}`);
  await page.getByRole("heading", { name: "Settlement submitted" }).waitFor();
  assert.equal(plain(await page.locator('#step-submitted [data-total="balance"]').textContent()), "You get €3,427.65 back.");

  assert.deepEqual(axeFound, []);
  // The browser logs the API's refusals (422, 409) as console errors; nothing else may be.
  assert.ok(problems.every((p) => /\b(422|409)\b/.test(p)), problems.join("\n"));
});

test("finance reads employees and the settlement but changes nothing", async () => {
  const main = "r.smit@lees-bakkerij.nl";
  const finance = "f.jansen@lees-bakkerij.nl";
  await provision({
    policy_number: "660000003",
    company_name: "Lees Bakkerij B.V.",
    main_user: { name: "R. Smit", email: main },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: "2020-01-01" },
  });
  const hr = await browser.newContext();
  await signInThroughApi(hr, main, "een lange zin als wachtwoord");
  const post = async (path, data) => {
    const answer = await hr.request.post(`${server.url}${path}`, { data });
    assert.equal(answer.status(), 201, await answer.text());
    return answer.json();
  };
  const { id } = await post("/api/employees", {
    bsn: "123456782", initials: "A.", last_name: "Jansen", gender: "V", birth_date: "1980-05-01", start_date: "2018-06-01",
  });
  const wage = await hr.request.put(`${server.url}/api/employees/${id}/wages/${year}`, { data: { insured_wage: "41237.50" } });
  assert.equal(wage.status(), 200);
  await post("/api/users", { name: "F. Jansen", email: finance, roles: ["finance"] });
  await hr.close();

  // In the dark theme, so axe checks the new pages in both (the HR journey runs light).
  const { page, problems } = await watchedPage(browser, { colorScheme: "dark" });
  await page.context().addInitScript({ content: axeSource });
  await signInThroughApi(page.context(), finance, "nog een lange zin als wachtwoord");
  await page.goto(`${server.url}/nl/portaal/`);
  await page.getByRole("link", { name: "Werknemers" }).click();
  await page.locator("#employees-body th").filter({ hasText: "A. Jansen" }).waitFor();
  assert.ok(await page.getByText("Wijzigen kan alleen met de rol HR.").isVisible());
  for (const hidden of ["#form-add", "#form-import", "#employees-body button"]) {
    assert.equal(await page.locator(hidden).filter({ visible: true }).count(), 0, `${hidden} hidden`);
  }
  assert.deepEqual(await violations(page), []);

  await page.goto(`${server.url}/nl/portaal/naverrekening/?year=${year}`);
  await page.getByRole("heading", { name: "Werknemers controleren" }).waitFor();
  await page.getByRole("button", { name: "Lonen invullen" }).click();
  assert.equal(await page.getByLabel("Loon van A. Jansen").inputValue(), "41.237,50");
  assert.ok(!(await page.getByLabel("Loon van A. Jansen").isEditable()), "the wage is read-only");
  assert.equal(await page.locator("#step-wages").getByRole("button", { name: "Opslaan" }).count(), 0);
  await page.getByRole("button", { name: "Klaar en verzenden" }).click();
  await page.getByRole("heading", { name: "Klaar en verzenden" }).waitFor();
  assert.equal(await page.locator("#step-submit").getByRole("button", { name: "Klaar en verzenden" }).count(), 0);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
});
