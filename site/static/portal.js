// @ts-check
// What every portal page shares: the API call, errors shown next to their field,
// amounts read before a form is sent, steps, the signed-in user (with the page's
// roles enforced) and the account bar. Each page's own script imports from here.
// No inline script anywhere (the CSP forbids it), no framework.

import { readAmount, formatAmount, typedAmount } from "./amount.js";
import { t } from "./texts.js";

// The API's bodies as the pages read them (functions/openapi.json has the full
// schemas). Other modules use them as `import("./portal.js").User` and so on.
/**
 * @typedef {"user_management" | "hr" | "finance"} Role
 * @typedef {{ id: string, company_name: string, policy_number: string | null, policy_start: string | null }} Employer
 * @typedef {{ id: string, name: string, email: string, roles: Role[], employer: Employer }} User
 *   The signed-in user (GET /api/me).
 * @typedef {{ id: string, name: string, email: string, roles: Role[], status: "invited" | "active" | "disabled" }} OrgUser
 *   A user of the organisation (GET /api/users).
 * @typedef {{ code: string, message: string, field?: string, employee_id?: string }} ApiError
 * @typedef {{ error: ApiError }} ErrorBody
 *   What every failed call answers.
 * @typedef {{ status: number, body: any }} Answer
 *   What `api()` resolves to: the HTTP status (0 without a connection) and the JSON body (null without one).
 * @typedef {{ id: string, bsn_last4: string, initials: string, prefix: string | null, last_name: string,
 *   gender: "M" | "V" | "X", birth_date: string, start_date: string, end_date: string | null,
 *   employee_number: string | null, status: "active" | "inactive" }} Employee
 *   An employee row (GET /api/employees).
 * @typedef {{ start_date: string, end_date: string | null, fixed_term: boolean }} EmploymentPeriod
 * @typedef {{ field: string, old: string | null, new: string | null }} FieldChange
 * @typedef {Employee & { employments: EmploymentPeriod[], wages: { year: number, insured_wage: string }[],
 *   history: { at: string, by: string, fields: FieldChange[] }[] }} EmployeeDetail
 *   One employee (GET and PATCH /api/employees/{id}).
 * @typedef {{ id: string, name: string, wage: string | null, insured_wage: string, premium: string }} SettlementRow
 * @typedef {{ year: number, status: "open" | "submitted", submitted_at: string | null, reference: string | null,
 *   premium_rate_percent: string, wage_cap: "none" | "max_premieloon", max_insured_wage?: string | null,
 *   employees: SettlementRow[], employees_without_wage: number, total_insured_wage: string, final_premium: string,
 *   rounding_difference: string, provisional_premium: string,
 *   balance: { amount: string, direction: "due_from_employer" | "refund_to_employer" | "none" } }} Settlement
 *   A year's settlement (GET /api/settlements/{year}).
 * @typedef {{ code: string, severity: "error" | "warning", field?: string, row?: number | null, message: string }} Finding
 *   One finding of a document check.
 * @typedef {{ accepted: boolean, findings: Finding[] }} Findings
 * @typedef {{ id: string, kind: "payroll_statement" | "absence_report", year: number, file_name: string,
 *   size: number, uploaded_at: string, uploaded_by: string }} DocumentRow
 *   A document sent (GET /api/documents).
 * @typedef {{ kind: "settlement_open" | "wages_missing", year: number, count?: number, contract_id: string,
 *   contract_number: string, employer_id: string, company_name: string }} Task
 *   What waits for the user (GET /api/tasks).
 * @typedef {"verzuim" | "wga_hiaat" | "pensioen" | "zorg"} Product
 * @typedef {{ id: string, product: Product, contract_number: string, name: string, start_date: string,
 *   end_date: string | null, employer: { id: string, company_name: string } }} Contract
 *   A contract the organisation reaches (GET /api/contracts).
 * @typedef {{ street: string, house_number: string, postcode: string, city: string }} PostalAddress
 * @typedef {{ name: string, email: string, phone: string | null }} Contact
 * @typedef {{ id: string, company_name: string, customer_number: string | null, kvk_number: string | null,
 *   payroll_tax_number: string | null, postal_address: PostalAddress | null, contact_person: Contact | null,
 *   adviser: Contact | null, linked: boolean }} OrgEmployer
 *   An employer of the organisation, own or linked (GET /api/employers).
 */

export const lang = document.documentElement.lang === "en" ? "en" : "nl";

export const urls = JSON.parse(/** @type {HTMLElement | null} */ (document.querySelector("[data-urls]"))?.dataset.urls || "{}");

/**
 * Calls the API; resolves to { status, body } and never throws for HTTP errors.
 * A body goes as JSON, or as it is (a file) when its content `type` is given; a
 * FormData goes as multipart/form-data (the browser sets the type and boundary).
 * @param {string} method
 * @param {string} path
 * @param {any} [body]
 * @param {string} [type]
 * @returns {Promise<Answer>}
 */
export async function api(method, path, body, type) {
  path = scoped(path);
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = {
    method,
    credentials: "same-origin",
    headers: { "accept-language": lang },
  };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers["content-type"] = type || "application/json";
    init.body = type ? body : JSON.stringify(body);
  }
  try {
    const response = await fetch(path, init);
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { status: response.status, body: data };
  } catch {
    return { status: 0, body: { error: { message: t("portal.network") } } };
  }
}

/** The page's `?employer=` and `?contract=`: what it works on (absent: the user's own employer). */
export const chosen = (() => {
  const params = new URLSearchParams(location.search);
  return { employer: params.get("employer") || "", contract: params.get("contract") || "" };
})();

/** The API's routes that act on one employer (`?employer=`); settlements also on a contract. */
const EMPLOYER_ROUTES = ["/api/employees", "/api/wages/", "/api/settlements/", "/api/documents"];

/**
 * `path` with the page's chosen employer and contract when it is one of the API's
 * employer-scoped routes, so every page keeps working on what the user chose.
 * @param {string} path
 */
function scoped(path) {
  if (!EMPLOYER_ROUTES.some((route) => path.startsWith(route))) return path;
  const url = new URL(path, location.origin);
  if (chosen.employer && !url.searchParams.has("employer")) url.searchParams.set("employer", chosen.employer);
  if (chosen.contract && path.startsWith("/api/settlements/") && !url.searchParams.has("contract")) {
    url.searchParams.set("contract", chosen.contract);
  }
  return url.pathname + url.search;
}

/**
 * A portal address that keeps the page's chosen employer and contract.
 * @param {string} href
 */
function keepChoice(href) {
  const url = new URL(href, location.origin);
  for (const [key, value] of Object.entries(chosen)) {
    if (value && !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.pathname + url.search + url.hash;
}

// A link from one portal page to another keeps the choice, whoever made the link.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.origin !== location.origin || link.hasAttribute("download")) return;
  if (Object.values(urls).some((page) => page !== urls.login && link.pathname === page)) link.href = keepChoice(link.href);
});

/**
 * The error line that describes a field (its own or its fieldset's), if it has one.
 * @param {Element} field
 * @returns {HTMLElement | undefined}
 */
function fieldErrorOf(field) {
  const ids = field.getAttribute("aria-describedby") || field.closest("fieldset")?.getAttribute("aria-describedby");
  return (ids || "").split(" ").map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"));
}

/**
 * Shows an API error and marks the field it names (`error.field`): the message goes
 * next to that field when it has an error line, otherwise to the form's alert.
 * @param {HTMLFormElement} form
 * @param {{ body: any }} answer an `Answer`, or a made-up one with an `ErrorBody`
 */
export function showError(form, answer) {
  clearError(form);
  /** @type {Partial<ApiError>} */
  const error = answer.body?.error || { message: t("portal.network") };
  /** @type {HTMLInputElement | null} */
  const field = error.field && form.querySelector(`[name="${CSS.escape(error.field)}"]`);
  const line = field && fieldErrorOf(field);
  const target = line || /** @type {HTMLElement} */ (form.querySelector("[role=alert]"));
  // Away from its field, a message says which field it is about, by its label.
  const label = !line && field ? labelOf(field) : "";
  target.textContent = label && !error.message.includes(label) ? `${label}: ${error.message}` : error.message;
  target.hidden = false;
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

/**
 * A field's visible name: its label, or its fieldset's legend.
 * @param {HTMLInputElement} field
 */
function labelOf(field) {
  const label = field.labels?.[0] || field.closest("fieldset")?.querySelector("legend");
  return (label?.textContent || "").trim();
}

/** @typedef {import("./amount.js").Refusal} Refusal */

/**
 * Why an amount could not be read, in words, with the readings it could have.
 * @param {Refusal} reading
 */
function amountMessage(reading) {
  if (reading.reason !== "ambiguous") return t(`portal.amount.${reading.reason}`);
  const [a, b] = reading.readings;
  return t("portal.amount.ambiguous", { a: money(a), b: money(b), typed_a: typedAmount(a, lang), typed_b: typedAmount(b, lang) });
}

/**
 * Replaces each typed amount of the form (`input[data-amount]`, not hidden, not
 * empty) in `values` by the API's form, or shows why one cannot be read.
 * @param {HTMLFormElement} form
 * @param {Record<string, any>} values
 */
function readAmounts(form, values) {
  for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[data-amount]"))) {
    if (input.closest("[hidden]") || input.value.trim() === "") continue;
    const reading = readAmount(input.value, lang);
    if (!reading.ok) {
      showError(form, { body: { error: { message: amountMessage(/** @type {Refusal} */ (reading)), field: input.name } } });
      return false;
    }
    values[input.name] = reading.value;
  }
  return true;
}

/**
 * Shows next to an amount field how its text reads: "= € 54.100,00", or both readings.
 * @param {HTMLInputElement} input
 */
function showReading(input) {
  const out = document.getElementById(`${input.id}-read`);
  if (!out) return;
  const reading = readAmount(input.value, lang);
  out.textContent = reading.ok
    ? `= ${money(reading.value)}`
    : /** @type {Refusal} */ (reading).reason === "ambiguous" ? amountMessage(/** @type {Refusal} */ (reading)) : "";
}

// A table box that scrolls sideways takes keyboard focus, so it can be scrolled
// without a mouse; one that fits stays out of the tab order.
const scrollable = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth) target.setAttribute("tabindex", "0");
    else target.removeAttribute("tabindex");
  }
});
document.querySelectorAll(".table-scroll").forEach((box) => {
  scrollable.observe(box);
  scrollable.observe(box.firstElementChild);
});

document.addEventListener("input", (event) => {
  if (event.target instanceof HTMLInputElement && event.target.matches("[data-amount]")) showReading(event.target);
});

/** @param {HTMLFormElement} form */
export function clearError(form) {
  form.querySelectorAll("[role=alert], .field-error").forEach((/** @type {HTMLElement} */ el) => {
    el.hidden = true;
    el.textContent = "";
  });
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
}

/**
 * Wires a form: `handler(values)` runs on submit with the form's values.
 * @param {HTMLFormElement} form
 * @param {(values: Record<string, any>, form: HTMLFormElement) => unknown} handler
 */
export function onSubmit(form, handler) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(form);
    form.querySelectorAll("[role=status]").forEach((el) => (el.textContent = ""));
    /** @type {HTMLButtonElement} */
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const values = Object.fromEntries(new FormData(form));
      if (readAmounts(form, values)) await handler(values, form);
    } finally {
      button.disabled = false;
    }
  });
}

/** Shows one step (section) of a multi-step page and moves focus to its heading. */
export function showStep(id) {
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-step]")).forEach((s) => (s.hidden = s.id !== id));
  const heading = /** @type {HTMLElement | null} */ (document.querySelector(`#${id} h2`) || document.querySelector("main h1"));
  heading?.setAttribute("tabindex", "-1");
  heading?.focus();
}

export const token = new URLSearchParams(location.search).get("token") || "";
// The language switch keeps the link's token, so a link works in either language.
if (token) {
  /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("a.lang-switch")).forEach((a) => (a.search = location.search));
}

/**
 * @param {Record<string, any>} values
 * @param {HTMLFormElement} form
 */
export function passwordsMatch(values, form) {
  if (values.password !== values.password_repeat) {
    showError(form, { body: { error: { message: t("portal.mismatch"), field: "password_repeat" } } });
    return false;
  }
  return true;
}


// --- public calculators -----------------------------------------------------

/** An API amount ("21844.12") in the page's notation (€ 21.844,12 / €21,844.12), never through a float. */
export const money = (/** @type {string} */ amount) => formatAmount(amount, lang);
