// @ts-check
// Mijn bedrijf: the chosen employer's details. What the insurer keeps is shown
// read-only; the postal address and the contact person are kept here
// (PATCH /api/employers/{id}).

import { api, chosen, showError, onSubmit } from "./portal.js";
import { t } from "./texts.js";
import { me } from "./session.js";

/** @typedef {import("./portal.js").OrgEmployer} OrgEmployer */

/**
 * The form's values under `prefix.` as an object, blank ones left out.
 * @param {Record<string, any>} values
 * @param {string} prefix
 */
function part(values, prefix) {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name, value]) => name.startsWith(`${prefix}.`) && String(value).trim() !== "")
      .map(([name, value]) => [name.slice(prefix.length + 1), String(value).trim()]),
  );
}

/**
 * @param {HTMLFormElement} form
 * @param {Record<string, string | null> | null} values
 * @param {string} prefix
 */
function show(form, values, prefix) {
  for (const input of form.querySelectorAll("input")) {
    input.value = values?.[input.name.slice(prefix.length + 1)] || "";
  }
}

async function company() {
  const user = await me();
  const employerId = chosen.employer || user.employer.id;
  const answer = await api("GET", "/api/employers");
  /** @type {OrgEmployer | undefined} */
  let employer = answer.body?.employers?.find((/** @type {OrgEmployer} */ e) => e.id === employerId);
  if (!employer) return;
  const address = /** @type {HTMLFormElement} */ (document.getElementById("form-address"));
  const contact = /** @type {HTMLFormElement} */ (document.getElementById("form-contact"));
  const remove = /** @type {HTMLButtonElement} */ (document.getElementById("remove-contact"));
  const render = (/** @type {OrgEmployer} */ e) => {
    document.getElementById("company-name").textContent = e.company_name;
    document.querySelectorAll("dd[data-fact]").forEach((dd) => {
      const value = e[/** @type {HTMLElement} */ (dd).dataset.fact];
      dd.textContent = value || t("organisation.none");
    });
    // The customer number is shown to the own organisation's user managers only.
    document.querySelectorAll('[data-fact="customer_number"]').forEach((el) => ((/** @type {HTMLElement} */ (el)).hidden = !e.customer_number));
    show(address, e.postal_address, "postal_address");
    show(contact, e.contact_person, "contact_person");
    remove.hidden = !e.contact_person;
  };
  render(employer);
  /**
   * @param {HTMLFormElement} form
   * @param {Record<string, any>} body
   * @param {string} status the id of the form's status line
   */
  const save = async (form, body, status) => {
    const saved = await api("PATCH", `/api/employers/${encodeURIComponent(employer.id)}`, body);
    if (saved.status !== 200) return showError(form, saved);
    employer = saved.body;
    render(employer);
    document.getElementById(status).textContent = t("organisation.saved");
  };
  onSubmit(address, (values, form) => save(form, { postal_address: part(values, "postal_address") }, "address-status"));
  onSubmit(contact, (values, form) => save(form, { contact_person: part(values, "contact_person") }, "contact-status"));
  remove.addEventListener("click", () => save(contact, { contact_person: null }, "contact-status"));
  document.getElementById("signed-in").hidden = false;
}

company();
