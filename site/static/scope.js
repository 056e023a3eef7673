// @ts-check
// The scope bar of the pages that work on one employer (or one of its verzuim
// contracts): when the organisation has more than one, it says which one the page
// works on and offers the others. The choice lives in the URL (`?employer=`,
// `?contract=`), so a link or a reload stays on it; portal.js carries it to the
// API and to the next page.

import { api, chosen, urls } from "./portal.js";
import { t } from "./texts.js";

/**
 * @typedef {import("./portal.js").User} User
 * @typedef {import("./portal.js").OrgEmployer} OrgEmployer
 * @typedef {import("./portal.js").Contract} Contract
 */

/**
 * @param {HTMLSelectElement} select
 * @param {{ value: string, label: string }[]} options
 * @param {string} selected
 */
function fill(select, options, selected) {
  select.replaceChildren(
    ...options.map(({ value, label }) => Object.assign(document.createElement("option"), { value, textContent: label, selected: value === selected })),
  );
}

/**
 * Shows the bar on a page that has one (`form[data-scope]`), when there is a choice.
 * @param {User} user
 */
export async function showScope(user) {
  const bar = document.querySelector("form[data-scope]");
  if (!(bar instanceof HTMLFormElement)) return;
  const withContract = bar.dataset.scope === "contract";
  const [employersAnswer, contractsAnswer] = await Promise.all([
    api("GET", "/api/employers"),
    withContract ? api("GET", "/api/contracts") : Promise.resolve(null),
  ]);
  /** @type {OrgEmployer[]} */
  const employers = employersAnswer.body?.employers || [];
  /** @type {Contract[]} */
  const verzuim = (contractsAnswer?.body?.contracts || []).filter((/** @type {Contract} */ c) => c.product === "verzuim");
  const current = employers.find((e) => e.id === (chosen.employer || user.employer.id));
  if (!current) return;
  const contractsOf = (/** @type {string} */ employerId) => verzuim.filter((c) => c.employer.id === employerId);
  const own = contractsOf(current.id);
  const contract = own.find((c) => c.id === chosen.contract) || (own.length === 1 ? own[0] : undefined);
  if (employers.length < 2 && own.length < 2) return;

  const employerSelect = /** @type {HTMLSelectElement} */ (bar.elements.namedItem("employer"));
  const contractSelect = /** @type {HTMLSelectElement} */ (bar.elements.namedItem("contract"));
  const contractField = /** @type {HTMLElement} */ (contractSelect.closest(".scope-field"));
  const name = (/** @type {OrgEmployer} */ e) => (e.linked ? `${e.company_name} (${t("organisation.linked")})` : e.company_name);
  fill(employerSelect, employers.map((e) => ({ value: e.id, label: name(e) })), current.id);
  const showContracts = (/** @type {string} */ employerId) => {
    const options = contractsOf(employerId).map((c) => ({ value: c.id, label: t("organisation.contract_option", { name: c.name, number: c.contract_number }) }));
    fill(contractSelect, options, contract?.id || "");
    contractField.hidden = !withContract || options.length < 2;
  };
  showContracts(current.id);
  employerSelect.addEventListener("change", () => showContracts(employerSelect.value));

  const line = /** @type {HTMLElement} */ (bar.querySelector(".scope-current"));
  line.textContent = contract
    ? t("organisation.working_for_contract", { company: current.company_name, contract: contract.name, number: contract.contract_number })
    : t("organisation.working_for", { company: current.company_name });
  bar.addEventListener("submit", (event) => {
    event.preventDefault();
    // One employee belongs to one employer: another employer starts at the list.
    const next = new URL(location.pathname === urls.employee ? urls.employees : location.pathname, location.origin);
    next.searchParams.set("employer", employerSelect.value);
    if (!contractField.hidden && contractSelect.value) next.searchParams.set("contract", contractSelect.value);
    const year = new URLSearchParams(location.search).get("year");
    if (year) next.searchParams.set("year", year);
    location.assign(next.pathname + next.search);
  });
  bar.hidden = false;
}
