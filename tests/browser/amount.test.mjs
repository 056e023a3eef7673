// Amounts typed the Dutch way in Chromium: the shared case table run by the page's
// own module, then "54.100" typed into every amount field of every page, read as
// € 54.100,00 before it is sent and sent as 54100.00; an ambiguous form refused
// with both readings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  useServerAndBrowser, server, browser, watchedPage, provision, signInThroughApi,
} from "./support.mjs";

useServerAndBrowser();

const cases = JSON.parse(readFileSync(new URL("../../site/tests/amount-cases.json", import.meta.url), "utf8"));
const expected = (want) => (typeof want === "string" ? { ok: true, value: want } : { ok: false, ...want });
const plain = (s) => s.replace(/\s/g, " ").trim();

/** The JSON bodies the page posts to `path`, as they leave the browser. */
function sentBodies(page, path) {
  const bodies = [];
  page.on("request", (r) => r.url().includes(path) && r.method() !== "GET" && bodies.push(r.postDataJSON()));
  return bodies;
}

test("the case table, read by the page's own module in Chromium", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/rekenhulp-verzuimpremie/`);
  const got = await page.evaluate(async (table) => {
    const { readAmount } = await import("/static/amount.js");
    return Object.fromEntries(["nl", "en"].map((lang) => [lang, table[lang].map(([input]) => readAmount(input, lang))]));
  }, cases);
  for (const lang of ["nl", "en"]) {
    cases[lang].forEach(([input, want], i) => assert.deepEqual(got[lang][i], expected(want), `${lang}: ${JSON.stringify(input)}`));
  }
  assert.deepEqual(problems, []);
});

test("calculators: 54.100 in every amount field is read and sent as 54100.00", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/nl/rekenhulp-verzuimpremie/`);
  const absence = sentBodies(page, "/api/calc/absence-premium");
  await page.getByLabel("Verzekerde loonsom in euro's").fill("115.990");
  assert.equal(plain(await page.locator("#insured_wage_sum-read").textContent()), "= € 115.990,00");
  await page.getByLabel("Premiepercentage").fill("4,25");
  await page.getByRole("button", { name: "Berekenen" }).click();
  // 115,990 × 4.25 % = 4,929.575, rounded half away from zero.
  await page.locator("#result-premium [data-amount]").filter({ hasText: "4.929,58" }).waitFor();
  assert.equal(absence[0].insured_wage_sum, "115990.00");

  await page.goto(`${server.url}/nl/rekenhulp-wga-hiaat/`);
  const wga = sentBodies(page, "/api/calc/wga-gap");
  const fields = page.locator("input[data-amount]:visible");
  const names = await fields.evaluateAll((inputs) => inputs.map((i) => i.name));
  assert.deepEqual(names, ["old_yearly_wage", "wga_benefit", "new_yearly_wage", "other_benefits"]);
  for (const name of names) {
    const input = page.locator(`input[name=${name}]`);
    await input.fill("54.100");
    assert.equal(plain(await page.locator(`#${name}-read`).textContent()), "= € 54.100,00", name);
  }
  await page.getByLabel("Arbeidsongeschiktheid in procenten").fill("50");
  await page.getByLabel("Deel van de restverdiencapaciteit dat wordt benut, in procenten").fill("0");
  await page.getByRole("button", { name: "Berekenen" }).click();
  await page.locator("#result-wga").waitFor();
  for (const name of names) assert.equal(wga[0][name], "54100.00", name);

  // "54.10" on a Dutch page could be either: refused next to the field, nothing sent.
  await page.locator("input[name=old_yearly_wage]").fill("54.10");
  await page.getByRole("button", { name: "Berekenen" }).click();
  const error = page.locator("#old_yearly_wage-error");
  await error.filter({ hasText: "€ 54,10" }).waitFor();
  assert.match(plain(await error.textContent()), /Bedoelt u € 54,10 of € 5\.410,00\?/);
  assert.equal(await page.locator("input[name=old_yearly_wage]").getAttribute("aria-invalid"), "true");
  assert.equal(wga.length, 1, "an ambiguous amount is never sent");
  assert.deepEqual(problems, []);
});

test("settlement wages: 54.100 saved as € 54.100,00; 54,100 on the English page refused with both readings", async () => {
  const year = new Date().getFullYear() - 1;
  const email = "a.smit@bedrag-bakkerij.nl";
  await provision({
    policy_number: "660000077",
    company_name: "Bedrag Bakkerij B.V.",
    main_user: { name: "A. Smit", email },
    policy: { product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: `${year}-01-01` },
  });
  const { page, problems } = await watchedPage(browser);
  await signInThroughApi(page.context(), email, "een lange zin als wachtwoord");
  const added = await page.context().request.post(`${server.url}/api/employees`, {
    data: { bsn: "123456782", initials: "J.", last_name: "Visser", gender: "M", birth_date: "1980-05-01", start_date: `${year}-01-01` },
  });
  assert.equal(added.status(), 201);
  const { id } = await added.json();

  await page.goto(`${server.url}/nl/portaal/naverrekening/?year=${year}`);
  await page.getByRole("button", { name: "Volgende stap" }).first().click();
  const wage = page.getByLabel("Loon van J. Visser");
  await wage.fill("54.100");
  assert.equal(plain(await page.locator(`#wage-${id}-read`).textContent()), "= € 54.100,00");
  await page.locator("#step-wages").getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#wages-status").filter({ hasText: "Loon van J. Visser opgeslagen." }).waitFor();
  const saved = await (await page.context().request.get(`${server.url}/api/employees/${id}`)).json();
  assert.deepEqual(saved.wages, [{ year, insured_wage: "54100.00" }]);
  assert.equal(await wage.inputValue(), "54.100,00");

  await page.goto(`${server.url}/en/portal/settlement/?year=${year}`);
  await page.getByRole("button", { name: "Next step" }).first().click();
  const wageEn = page.getByLabel("Wage of J. Visser");
  assert.equal(await wageEn.inputValue(), "54,100.00");
  await wageEn.fill("54,100");
  await page.locator("#step-wages").getByRole("button", { name: "Save" }).click();
  const alert = page.locator("#step-wages [role=alert]:visible");
  await alert.waitFor();
  assert.match(plain(await alert.textContent()), /Did you mean €54\.10 or €54,100\.00\?/);
  const after = await (await page.context().request.get(`${server.url}/api/employees/${id}`)).json();
  assert.deepEqual(after.wages, [{ year, insured_wage: "54100.00" }], "nothing changed by a refused amount");
  assert.deepEqual(problems, []);
});
