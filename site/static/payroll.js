// @ts-check
// What the employee and settlement pages share: table cells, year
// lists, the payroll user (hr may change, finance only reads: [data-hr] hidden),
// dialogs, the CSV wage import, and the settlement's rows and totals.

import { lang, clearError, onSubmit, money } from "./portal.js";
import { me } from "./session.js";
import { policyYears } from "./dates.js";
import { t } from "./texts.js";

/**
 * @typedef {import("./portal.js").User} User
 * @typedef {import("./portal.js").Settlement} Settlement
 */


/**
 * The element with this id, as the type the caller expects (`HTMLElement` unless
 * the variable or cast it goes to says, e.g., `HTMLFormElement`).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
export const $ = (id) => /** @type {T} */ (document.getElementById(id));

// --- notation ------------------------------------------------------------------

const percent = (/** @type {string} */ value) => `${lang === "nl" ? value.replace(".", ",") : value}%`;

const isZero = (/** @type {string} */ amount) => /^-?0*(\.0*)?$/.test(amount);

/** @param {{ initials?: string, prefix?: string | null, last_name?: string }} e an employee, or a new one's values */
export const fullName = (e) => [e.initials, e.prefix, e.last_name].filter(Boolean).join(" ");

/**
 * @param {string | null | undefined} value
 * @param {string} [className]
 */
export function cell(value, className) {
  const td = document.createElement("td");
  td.textContent = value ?? "";
  if (className) td.className = className;
  return td;
}

/**
 * A button named by its visible label plus, for screen readers, whom it is about.
 * @param {string} label
 * @param {string} who
 */
export function actionButton(label, who) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  const hidden = Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: ` ${who}` });
  button.append(label, hidden);
  return button;
}

/**
 * Fills the year selects from this year back to the policy's start, `chosen` selected.
 * @param {number} chosen
 * @param {User} user
 */
export function fillYears(chosen, user) {
  const years = policyYears(user.employer.policy_start, new Date().getFullYear());
  /** @type {NodeListOf<HTMLSelectElement>} */ (document.querySelectorAll("select[data-years]")).forEach((select) => {
    for (const year of years) select.add(new Option(String(year), String(year), false, year === chosen));
  });
}

/**
 * The signed-in user with role hr or finance (others go home); hides what hr alone may do.
 * @returns {Promise<{ user: User, hr: boolean }>}
 */
export async function payrollUser() {
  const user = await me();
  const hr = user.roles.includes("hr");
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-hr]")).forEach((el) => (el.hidden = !hr));
  // Pages with forms say that finance only reads; the printable specification has none.
  $("read-only")?.toggleAttribute("hidden", hr);
  $("signed-in").hidden = false;
  return { user, hr };
}

/**
 * A modal dialog around a form: opened by `open(who)`, closed by Cancel or Escape.
 * @param {HTMLDialogElement} dialog
 * @param {(values: Record<string, any>, form: HTMLFormElement, close: () => void) => unknown} save
 * @returns {(who: string) => void}
 */
export function dialogForm(dialog, save) {
  const form = dialog.querySelector("form");
  dialog.querySelectorAll("[data-close]").forEach((b) => b.addEventListener("click", () => dialog.close()));
  onSubmit(form, (values, f) => save(values, f, () => dialog.close()));
  return (who) => {
    form.reset();
    clearError(form);
    dialog.querySelectorAll("[data-who]").forEach((el) => (el.textContent = who));
    dialog.showModal();
  };
}


// --- settlement: totals shared by the wizard and the specification --------------

/**
 * @param {HTMLElement} body the table body
 * @param {Settlement} s
 */
export function renderRows(body, s) {
  body.replaceChildren(
    ...s.employees.map((e) => {
      const tr = document.createElement("tr");
      const th = Object.assign(document.createElement("th"), { scope: "row", textContent: e.name });
      const wage = e.wage === null ? cell(t("payroll.missing"), "align-right flag-missing") : cell(money(e.wage), "align-right");
      tr.append(th, wage, cell(money(e.insured_wage), "align-right"), cell(money(e.premium), "align-right"));
      return tr;
    }),
  );
}

/** @param {Settlement} s */
export function renderTotals(s) {
  const shown = {
    total_insured_wage: money(s.total_insured_wage),
    premium_rate_percent: percent(s.premium_rate_percent),
    final_premium: money(s.final_premium),
    rounding_difference: money(s.rounding_difference),
    provisional_premium: money(s.provisional_premium),
    balance: t(`payroll.balance.${s.balance.direction}`, { amount: money(s.balance.amount) }),
  };
  document.querySelectorAll("[data-totals]").forEach((dl) => {
    dl.querySelectorAll("[data-total]").forEach((/** @type {HTMLElement} */ dd) => (dd.textContent = shown[dd.dataset.total]));
    dl.querySelectorAll("[data-rounding]").forEach((/** @type {HTMLElement} */ el) => (el.hidden = isZero(s.rounding_difference)));
  });
}

export function yearParam() {
  const year = Number(new URLSearchParams(location.search).get("year"));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

