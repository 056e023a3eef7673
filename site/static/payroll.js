// @ts-check
// What the employee and settlement pages share: their texts, table cells, year
// lists, the payroll user (hr may change, finance only reads: [data-hr] hidden),
// dialogs, the CSV wage import, and the settlement's rows and totals.

import { lang, clearError, onSubmit, money } from "./portal.js";
import { me } from "./session.js";
import { policyYears } from "./dates.js";

/**
 * @typedef {import("./portal.js").User} User
 * @typedef {import("./portal.js").Settlement} Settlement
 */

export const text = {
  nl: {
    caption: { active: "Werknemers in dienst", inactive: "Werknemers uit dienst (oud-werknemers)" },
    found: (n) => (n === 1 ? "1 werknemer gevonden." : `${n} werknemers gevonden.`),
    pageOf: (p, n) => `Pagina ${p} van ${n}`,
    end: "Uit dienst melden",
    rehire: "Opnieuw in dienst nemen",
    added: (name) => `${name} is toegevoegd.`,
    ended: (name) => `${name} is uit dienst gemeld.`,
    rehired: (name) => `${name} is opnieuw in dienst.`,
    chooseFile: "Kies een CSV-bestand.",
    imported: (n, year) => `${n} ${n === 1 ? "loon" : "lonen"} over ${year} geïmporteerd.`,
    row: (row, message) => `Regel ${row}: ${message}`,
    checkCaption: (year, n) => `In dienst in ${year}: ${n} ${n === 1 ? "werknemer" : "werknemers"}`,
    missing: "Loon ontbreekt",
    missingCount: (n) => (n === 1 ? "Bij 1 werknemer ontbreekt nog het loon." : `Bij ${n} werknemers ontbreekt nog het loon.`),
    allWages: "Alle lonen zijn ingevuld.",
    wageOf: (name) => `Loon van ${name}`,
    wageSaved: (name) => `Loon van ${name} opgeslagen.`,
    fillFirst: (n) => `Vul eerst het loon in van ${n === 1 ? "1 werknemer" : `${n} werknemers`}, in de stap Lonen invullen.`,
    unsaved: (n) =>
      n === 1
        ? "1 loon is nog niet opgeslagen. Verbeter of bewaar het voordat u verdergaat."
        : `${n} lonen zijn nog niet opgeslagen. Verbeter of bewaar ze voordat u verdergaat.`,
    corrected: (name) => `De gegevens van ${name} zijn opgeslagen.`,
    unchanged: "U heeft niets gewijzigd.",
    fixedTerm: { true: "Bepaalde tijd", false: "Onbepaalde tijd" },
    noHistory: "Nog geen wijzigingen.",
    gender: { M: "M (man)", V: "V (vrouw)", X: "X" },
    fields: {
      initials: "Voorletters", prefix: "Tussenvoegsel", last_name: "Achternaam", gender: "Geslacht",
      birth_date: "Geboortedatum", employee_number: "Werknemersnummer",
    },
    changed: (field, from, to) => `${field}: ${from || "(leeg)"} → ${to || "(leeg)"}`,
    bsnRead: (digits) => `Gelezen: ${digits.replace(/(\d{3})(?=\d)/g, "$1 ")} (${digits.length} cijfers)`,
    balance: {
      due_from_employer: (a) => `U betaalt ${a} bij.`,
      refund_to_employer: (a) => `U krijgt ${a} terug.`,
      none: () => "U betaalt niets bij en krijgt niets terug.",
    },
    submittedOn: (d, ref) =>
      `U heeft de naverrekening verzonden op ${d}${ref ? `, met kenmerk ${ref}` : ""}. Het jaar staat op slot. ` +
      "U krijgt een e-mail met dit kenmerk; noem het als u contact opneemt met uw verzekeraar.",
    next: {
      due_from_employer: (a) => `U krijgt van uw verzekeraar een factuur voor ${a}.`,
      refund_to_employer: (a) => `Uw verzekeraar betaalt ${a} aan u terug.`,
      none: () => "Er hoeft niets betaald of terugbetaald te worden.",
    },
    status: { open: "Nog niet verzonden", submitted: (d) => `Verzonden op ${d}` },
    specHeading: (year) => `Specificatie naverrekening ${year}`,
    badYear: "Kies een jaar op de pagina Naverrekening.",
  },
  en: {
    caption: { active: "Current employees", inactive: "Former employees" },
    found: (n) => (n === 1 ? "1 employee found." : `${n} employees found.`),
    pageOf: (p, n) => `Page ${p} of ${n}`,
    end: "End employment",
    rehire: "Re-hire",
    added: (name) => `${name} was added.`,
    ended: (name) => `The employment of ${name} was ended.`,
    rehired: (name) => `${name} was re-hired.`,
    chooseFile: "Choose a CSV file.",
    imported: (n, year) => `${n} ${n === 1 ? "wage" : "wages"} for ${year} imported.`,
    row: (row, message) => `Line ${row}: ${message}`,
    checkCaption: (year, n) => `Employed in ${year}: ${n} ${n === 1 ? "employee" : "employees"}`,
    missing: "Wage missing",
    missingCount: (n) => (n === 1 ? "1 employee still has no wage." : `${n} employees still have no wage.`),
    allWages: "All wages are filled in.",
    wageOf: (name) => `Wage of ${name}`,
    wageSaved: (name) => `Wage of ${name} saved.`,
    fillFirst: (n) => `First enter the wage of ${n === 1 ? "1 employee" : `${n} employees`}, in the Enter wages step.`,
    unsaved: (n) =>
      n === 1
        ? "1 wage is not saved yet. Correct or save it before you go on."
        : `${n} wages are not saved yet. Correct or save them before you go on.`,
    corrected: (name) => `The details of ${name} were saved.`,
    unchanged: "You have not changed anything.",
    fixedTerm: { true: "Fixed term", false: "Permanent" },
    noHistory: "No changes yet.",
    gender: { M: "Male", V: "Female", X: "X" },
    fields: {
      initials: "Initials", prefix: "Prefix", last_name: "Last name", gender: "Gender",
      birth_date: "Date of birth", employee_number: "Employee number",
    },
    changed: (field, from, to) => `${field}: ${from || "(empty)"} → ${to || "(empty)"}`,
    bsnRead: (digits) => `Read: ${digits.replace(/(\d{3})(?=\d)/g, "$1 ")} (${digits.length} digits)`,
    balance: {
      due_from_employer: (a) => `You pay ${a} extra.`,
      refund_to_employer: (a) => `You get ${a} back.`,
      none: () => "You pay nothing extra and get nothing back.",
    },
    submittedOn: (d, ref) =>
      `You submitted the settlement on ${d}${ref ? `, with reference ${ref}` : ""}. The year is locked. ` +
      "You will get an e-mail with this reference; mention it when you contact your insurer.",
    next: {
      due_from_employer: (a) => `Your insurer will send you an invoice for ${a}.`,
      refund_to_employer: (a) => `Your insurer will pay ${a} back to you.`,
      none: () => "Nothing needs to be paid or refunded.",
    },
    status: { open: "Not submitted yet", submitted: (d) => `Submitted on ${d}` },
    specHeading: (year) => `Settlement specification ${year}`,
    badYear: "Choose a year on the Settlement page.",
  },
}[lang];

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
      const wage = e.wage === null ? cell(text.missing, "align-right flag-missing") : cell(money(e.wage), "align-right");
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
    balance: text.balance[s.balance.direction](money(s.balance.amount)),
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

