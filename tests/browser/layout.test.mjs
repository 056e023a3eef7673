// Every page at 1280 and 390 px wide, in both languages and both themes: nothing
// scrolls sideways, dates never wrap, and the recovery codes never overlap. With
// SCREENSHOTS=<folder> each screen is also written there as a PNG, to look at
// (keep the folder out of the repository, e.g. under target/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { useServerAndBrowser, server, browser, watchedPage, provision, signInThroughApi } from "./support.mjs";

useServerAndBrowser();

const shots = process.env.SCREENSHOTS;
const year = new Date().getFullYear() - 1;
const email = "m.van.der.meulen-schoonhoven@bakkerij-de-gouden-korst.nl";
/** The signed-in browser state every screen starts from, made once for the file's tests. */
let made;
const signedIn = () => (made ||= demoEmployer());

async function demoEmployer() {
  await provision({
    policy_number: "660000301",
    company_name: "Bakkerij De Gouden Korst en Zonen Holding B.V.",
    main_user: { name: "M. van der Meulen-Schoonhoven", email },
    kvk_number: "01234567",
    payroll_tax_number: "111222333L01",
    postal_address: { street: "Burgemeester van Randwijcklaan", house_number: "1234-a", postcode: "3811AB", city: "Amersfoort" },
    adviser: { name: "M. Jansen, Jansen Verzekeringsadvies en Pensioenen", email: "m.jansen@jansen-verzekeringsadvies.nl", phone: "033 123 45 67" },
    policy: {
      product: "verzuim", premium_rate_percent: "4.25", insured_wage: "sv_loon", start_date: `${year - 1}-01-01`,
      provisional_premium: { [year - 1]: "5600.00", [year]: "5600.00" },
    },
    contracts: [
      { product: "wga_hiaat", contract_number: "660000311", name: "WGA Hiaat Inkomenscompensatie Meerjarig", start_date: `${year - 1}-01-01`,
        settings: { covers: ["inkomenscompensatie_meerjarig"], coverage_percent: "70", duration_years: 10, participation: "verplicht", premium_rate_percent: "0.45" } },
      { product: "zorg", contract_number: "660000312", name: "Collectieve zorgverzekering", start_date: `${year}-01-01`,
        settings: { payment: "salary", products: [{ product: "Basis", type: "basis", monthly_premium: "152.50", discount_percent: "0" }] } },
    ],
  });
  // A second organisation's employer, linked: the scope bar and the tiles of both.
  const other = "h.de.groot@de-groot-vestiging-utrecht.nl";
  await provision({
    policy_number: "660000302", company_name: "Bakkerij De Gouden Korst Vestiging Utrecht B.V.",
    main_user: { name: "H. de Groot", email: other },
    policy: { product: "verzuim", premium_rate_percent: "3.9", insured_wage: "sv_loon", start_date: `${year - 1}-01-01` },
  });
  const otherContext = await browser.newContext();
  await signInThroughApi(otherContext, other, "een lange zin als wachtwoord");
  const customer = (await (await otherContext.request.get(`${server.url}/api/employers`)).json()).employers[0].customer_number;
  await otherContext.close();
  const { page } = await watchedPage(browser);
  const context = page.context();
  await signInThroughApi(context, email, "een lange zin als wachtwoord");
  const call = async (method, path, data) => {
    const answer = await context.request.fetch(`${server.url}${path}`, { method, data });
    assert.ok(answer.status() < 300, `${method} ${path}: ${await answer.text()}`);
    return answer.status() === 204 ? null : answer.json();
  };
  const people = [
    ["123456782", "A.B.C.", "van der", "Meulen-Schoonhoven", "PERS-000123"],
    ["111222333", "S.", null, "Yilmaz", null],
    ["131860914", "J.", null, "Visser", "42"],
  ];
  const ids = [];
  for (const [bsn, initials, prefix, last_name, employee_number] of people) {
    const body = { bsn, initials, prefix, last_name, employee_number, gender: "X", birth_date: "1980-05-01", start_date: `${year - 1}-01-01` };
    ids.push((await call("POST", "/api/employees", body)).id);
  }
  for (const [i, id] of ids.entries()) {
    await call("PUT", `/api/employees/${id}/wages/${year - 1}`, { insured_wage: `${41000 + i * 1000}.00` });
    if (i < 2) await call("PUT", `/api/employees/${id}/wages/${year}`, { insured_wage: `${52000 + i * 1000}.50` });
  }
  await call("POST", `/api/employees/${ids[2]}/end`, { end_date: `${year}-06-30` });
  await call("POST", `/api/settlements/${year - 1}/submit`);
  await call("POST", "/api/users", { name: "F. Financieel", email: "f.financieel@bakkerij-de-gouden-korst.nl", roles: ["finance"] });
  const csv = [
    "Werkgever;Bakkerij De Gouden Korst en Zonen Holding B.V.",
    `Verzamelloonstaat ${year}`,
    "Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)",
    `van der Meulen-Schoonhoven;A.B.C.;01-01-${year - 1};;52.000,50`,
    `Yilmaz;S.;01-01-${year - 1};;53.000,50`,
    "Totaal;;;;105.001,00",
    "",
  ].join("\r\n");
  const upload = await context.request.post(`${server.url}/api/documents`, {
    multipart: {
      kind: "payroll_statement",
      year: String(year),
      file: { name: `verzamelloonstaat_${year}_bakkerij_de_gouden_korst_en_zonen_definitief_versie3.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) },
    },
  });
  assert.equal(upload.status(), 201, await upload.text());
  await call("PATCH", `/api/employees/${ids[0]}`, { initials: "A.B.C.D." });
  await call("POST", "/api/links", { customer_number: customer, contract_number: "660000302" });
  await call("PATCH", `/api/employers/${(await call("GET", "/api/me")).employer.id}`, {
    contact_person: { name: "A. van der Meulen-Schoonhoven", email: "a.vandermeulen@bakkerij-de-gouden-korst.nl", phone: "+31 6 12 34 56 78" },
  });
  const state = await context.storageState();
  await context.close();
  employeeId = ids[0];
  return state;
}
let employeeId = "";

/** The screens: a path per language, and what to do there before looking. */
const settlementStep = (button) => async (page) => {
  const next = page.locator("#step-check [data-goto=step-wages]");
  await next.waitFor();
  for (let i = 0; i < button; i++) await page.locator("section[data-step]:not([hidden]) .actions [data-goto]").last().click();
};
const screens = [
  { name: "home", nl: "/nl/portaal/", en: "/en/portal/", ready: "#tiles .tile" },
  { name: "users", nl: "/nl/portaal/gebruikers/", en: "/en/portal/users/" },
  { name: "employees", nl: "/nl/portaal/werknemers/", en: "/en/portal/employees/", ready: "#scope-bar:not([hidden])", then: (page) => page.locator("#employees-body tr").first().waitFor() },
  { name: "employee", nl: () => `/nl/portaal/werknemers/werknemer/?id=${employeeId}`, en: () => `/en/portal/employees/employee/?id=${employeeId}`, ready: "#history-body tr" },
  { name: "settlement-check", nl: `/nl/portaal/naverrekening/?year=${year}`, en: `/en/portal/settlement/?year=${year}`, then: settlementStep(0) },
  { name: "settlement-wages", nl: `/nl/portaal/naverrekening/?year=${year}`, en: `/en/portal/settlement/?year=${year}`, then: settlementStep(1) },
  { name: "settlement-review", nl: `/nl/portaal/naverrekening/?year=${year}`, en: `/en/portal/settlement/?year=${year}`, then: settlementStep(2) },
  { name: "settlement-submit", nl: `/nl/portaal/naverrekening/?year=${year}`, en: `/en/portal/settlement/?year=${year}`, then: settlementStep(3) },
  { name: "settlement-submitted", nl: `/nl/portaal/naverrekening/?year=${year - 1}`, en: `/en/portal/settlement/?year=${year - 1}`, ready: "#step-submitted:not([hidden])" },
  { name: "specification", nl: `/nl/portaal/naverrekening/specificatie/?year=${year - 1}`, en: `/en/portal/settlement/specification/?year=${year - 1}` },
  { name: "documents", nl: "/nl/portaal/documenten/", en: "/en/portal/documents/", ready: "#documents-body tr" },
  { name: "company", nl: "/nl/portaal/mijn-bedrijf/", en: "/en/portal/my-company/", ready: "#signed-in:not([hidden])" },
  { name: "adviser", nl: "/nl/portaal/mijn-adviseur/", en: "/en/portal/my-adviser/", ready: "#signed-in:not([hidden])" },
  { name: "contracts", nl: "/nl/portaal/contracten/", en: "/en/portal/contracts/", ready: "#linked-list li" },
  { name: "revoke-link", nl: "/nl/koppeling-intrekken/?token=x", en: "/en/undo-link/?token=x", public: true },
  { name: "sign-in", nl: "/nl/inloggen/", en: "/en/sign-in/", public: true },
  { name: "activate", nl: "/nl/activeren/", en: "/en/activate/", public: true },
  { name: "forgot", nl: "/nl/wachtwoord-vergeten/", en: "/en/forgot-password/", public: true },
  { name: "calc-absence", nl: "/nl/rekenhulp-verzuimpremie/", en: "/en/absence-premium-calculator/", public: true },
  { name: "calc-wga", nl: "/nl/rekenhulp-wga-hiaat/", en: "/en/wga-hiaat-calculator/", public: true },
  { name: "help-home", nl: "/nl/", en: "/en/", public: true },
  { name: "help-faq", nl: "/nl/vragen/lonen/", en: "/en/faq/wages/", public: true },
];

/** What sticks out past the viewport's right edge, for the failure message. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`);
    return `${document.documentElement.scrollWidth} > ${width}: ${wide.join(", ")}`;
  });
}

for (const width of [1280, 390]) {
  test(`no page scrolls sideways at ${width} px, in both languages and themes`, async () => {
    const found = [];
    const session = await signedIn();
    for (const colorScheme of ["light", "dark"]) {
      for (const lang of ["nl", "en"]) {
        const { page, problems } = await watchedPage(browser, {
          viewport: { width, height: 900 },
          colorScheme,
          storageState: session,
        });
        for (const screen of screens) {
          const path = typeof screen[lang] === "function" ? screen[lang]() : screen[lang];
          await page.goto(`${server.url}${path}`);
          if (!screen.public) await page.locator("#account-bar:not([hidden])").waitFor();
          if (screen.ready) await page.locator(screen.ready).first().waitFor();
          if (screen.then) await screen.then(page);
          const wide = await overflow(page);
          if (wide) found.push(`${screen.name} ${lang} ${colorScheme}: ${wide}`);
          // A date's text on more than one line: its range has boxes at different heights.
          const wrapped = await page.evaluate(() =>
            [...document.querySelectorAll("td.date")]
              .filter((td) => {
                const range = document.createRange();
                range.selectNodeContents(td);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
              })
              .map((td) => td.textContent),
          );
          if (wrapped.length) found.push(`${screen.name} ${lang}: dates wrap: ${wrapped.join(", ")}`);
          if (shots) {
            mkdirSync(shots, { recursive: true });
            await page.screenshot({ path: join(shots, `${screen.name}-${lang}-${colorScheme}-${width}.png`), fullPage: true });
          }
        }
        assert.deepEqual(problems, [], `${lang} ${colorScheme}`);
        await page.context().close();
      }
    }
    assert.deepEqual(found, []);
  });
}

test("the ten recovery codes sit in a grid that cannot overlap, at both widths", async () => {
  for (const width of [1280, 390]) {
    const { page } = await watchedPage(browser, { viewport: { width, height: 900 } });
    await page.goto(`${server.url}/nl/inloggen/`);
    // The step as the sign-in shows it after a first set-up, with codes of the real length.
    await page.evaluate(() => {
      const list = document.getElementById("codes");
      for (let i = 0; i < 10; i++) list.append(Object.assign(document.createElement("li"), { textContent: "WXYZ-2345-6789-ABCD" }));
      document.querySelectorAll("[data-step]").forEach((s) => (s.hidden = s.id !== "step-codes"));
    });
    const boxes = await page.locator("#codes li").evaluateAll((items) =>
      items.map((li) => {
        const range = document.createRange();
        range.selectNodeContents(li);
        const r = range.getBoundingClientRect();
        return { left: r.left - 24, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        assert.ok(apart, `codes overlap at ${width} px: ${JSON.stringify([a, b])}`);
      }
    }
    assert.equal(await overflow(page), null);
    if (shots) await page.screenshot({ path: join(shots, `recovery-codes-${width}.png`), fullPage: true });
    await page.context().close();
  }
});
