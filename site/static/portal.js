// What every portal page shares: the API call, errors shown next to their field,
// amounts read before a form is sent, steps, the signed-in user (with the page's
// roles enforced) and the account bar. Each page's own script imports from here.
// No inline script anywhere (the CSP forbids it), no framework.

import { readAmount, formatAmount, typedAmount } from "./amount.js";

export const lang = document.documentElement.lang === "en" ? "en" : "nl";
export const text = {
  nl: {
    network: "Er is geen verbinding. Controleer uw internet en probeer het opnieuw.",
    mismatch: "De twee wachtwoorden zijn niet gelijk.",
    roles: { user_management: "Gebruikersbeheer", hr: "HR", finance: "Financiën" },
    status: { invited: "Uitgenodigd", active: "Actief", disabled: "Geblokkeerd" },
    qr: "QR-code om te scannen met uw authenticator-app",
    codesFile: "herstelcodes.txt",
    codesHeader: "Herstelcodes voor",
    enable: "Deblokkeren",
    events: {
      sign_in_ok: "Ingelogd", sign_in_failed: "Inloggen mislukt", totp_failed: "Verkeerde code",
      totp_enrolled: "App ingesteld", totp_reset: "Herstelcode gebruikt", password_changed: "Wachtwoord gewijzigd",
      password_reset_requested: "Nieuw wachtwoord aangevraagd", user_activated: "Account geactiveerd",
      user_invited: "Uitgenodigd", roles_changed: "Rollen gewijzigd", user_disabled: "Geblokkeerd", user_enabled: "Gedeblokkeerd",
      employee_corrected: "Gegevens van een werknemer verbeterd", activation_resent: "Nieuwe activeringslink aangevraagd",
    },
    tasks: {
      settlement_open: (t) => `De naverrekening over ${t.year} is nog niet verzonden.`,
      wages_missing: (t) =>
        `Over ${t.year} ontbreekt nog het loon van ${t.count === 1 ? "1 werknemer" : `${t.count} werknemers`}.`,
    },
    saved: "Opgeslagen.",
    invited: "Uitnodiging verstuurd naar",
    months: (n) => (n === null ? "zolang de WGA-uitkering loopt" : `${n} maanden`),
    notYours: (role, roles) =>
      `Deze pagina is voor gebruikers met de rol ${role}. U heeft de rol ${roles}. ` +
      "Wie de rol Gebruikersbeheer heeft in uw organisatie, kan u deze rol geven.",
    backHome: "Naar Mijn portaal",
    amount: {
      empty: "Vul een bedrag in.",
      not_a_number: "Typ een bedrag in euro's, bijvoorbeeld 54.100,00.",
      negative: "Een bedrag kan niet negatief zijn.",
      too_precise: "Een bedrag heeft hoogstens twee cijfers na de komma, bijvoorbeeld 54.100,25.",
      too_large: "Dit bedrag is te groot.",
      ambiguous: (a, b, typedA, typedB) => `Bedoelt u ${a} of ${b}? Typ dan ${typedA} of ${typedB}.`,
    },
  },
  en: {
    network: "There is no connection. Check your internet and try again.",
    mismatch: "The two passwords are not the same.",
    roles: { user_management: "User management", hr: "HR", finance: "Finance" },
    status: { invited: "Invited", active: "Active", disabled: "Disabled" },
    qr: "QR code to scan with your authenticator app",
    codesFile: "recovery-codes.txt",
    codesHeader: "Recovery codes for",
    enable: "Enable",
    events: {
      sign_in_ok: "Signed in", sign_in_failed: "Sign-in failed", totp_failed: "Wrong code",
      totp_enrolled: "App set up", totp_reset: "Recovery code used", password_changed: "Password changed",
      password_reset_requested: "New password requested", user_activated: "Account activated",
      user_invited: "Invited", roles_changed: "Roles changed", user_disabled: "Disabled", user_enabled: "Enabled",
      employee_corrected: "Employee details corrected", activation_resent: "New activation link requested",
    },
    tasks: {
      settlement_open: (t) => `The settlement for ${t.year} has not been submitted yet.`,
      wages_missing: (t) => `For ${t.year}, the wage of ${t.count === 1 ? "1 employee is" : `${t.count} employees are`} still missing.`,
    },
    saved: "Saved.",
    invited: "Invitation sent to",
    months: (n) => (n === null ? "as long as the WGA benefit runs" : `${n} months`),
    notYours: (role, roles) =>
      `This page is for users with the role ${role}. Your role is ${roles}. ` +
      "Someone with the role User management in your organisation can give you this role.",
    backHome: "Go to My portal",
    amount: {
      empty: "Enter an amount.",
      not_a_number: "Type an amount in euros, e.g. 54,100.00.",
      negative: "An amount cannot be negative.",
      too_precise: "An amount has at most two digits after the decimal point, e.g. 54,100.25.",
      too_large: "This amount is too large.",
      ambiguous: (a, b, typedA, typedB) => `Did you mean ${a} or ${b}? Then type ${typedA} or ${typedB}.`,
    },
  },
}[lang];

export const urls = JSON.parse(document.querySelector("[data-urls]")?.dataset.urls || "{}");

/**
 * Calls the API; resolves to { status, body } and never throws for HTTP errors.
 * A body goes as JSON, or as it is (a file) when its content `type` is given; a
 * FormData goes as multipart/form-data (the browser sets the type and boundary).
 */
export async function api(method, path, body, type) {
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
    return { status: 0, body: { error: { message: text.network } } };
  }
}

/** The error line that describes a field (its own or its fieldset's), if it has one. */
function fieldErrorOf(field) {
  const ids = field.getAttribute("aria-describedby") || field.closest("fieldset")?.getAttribute("aria-describedby");
  return (ids || "").split(" ").map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"));
}

/**
 * Shows an API error and marks the field it names (`error.field`): the message goes
 * next to that field when it has an error line, otherwise to the form's alert.
 */
export function showError(form, answer) {
  clearError(form);
  const error = answer.body?.error || { message: text.network };
  const field = error.field && form.querySelector(`[name="${CSS.escape(error.field)}"]`);
  const line = field && fieldErrorOf(field);
  const target = line || form.querySelector("[role=alert]");
  // Away from its field, a message says which field it is about, by its label.
  const label = !line && field ? labelOf(field) : "";
  target.textContent = label && !error.message.includes(label) ? `${label}: ${error.message}` : error.message;
  target.hidden = false;
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

/** A field's visible name: its label, or its fieldset's legend. */
function labelOf(field) {
  const label = field.labels?.[0] || field.closest("fieldset")?.querySelector("legend");
  return (label?.textContent || "").trim();
}

/** Why an amount could not be read, in words, with the readings it could have. */
function amountMessage(reading) {
  if (reading.reason !== "ambiguous") return text.amount[reading.reason];
  const [a, b] = reading.readings;
  return text.amount.ambiguous(money(a), money(b), typedAmount(a, lang), typedAmount(b, lang));
}

/**
 * Replaces each typed amount of the form (`input[data-amount]`, not hidden, not
 * empty) in `values` by the API's form, or shows why one cannot be read.
 */
function readAmounts(form, values) {
  for (const input of form.querySelectorAll("input[data-amount]")) {
    if (input.closest("[hidden]") || input.value.trim() === "") continue;
    const reading = readAmount(input.value, lang);
    if (!reading.ok) {
      showError(form, { body: { error: { message: amountMessage(reading), field: input.name } } });
      return false;
    }
    values[input.name] = reading.value;
  }
  return true;
}

/** Shows next to an amount field how its text reads: "= € 54.100,00", or both readings. */
export function showReading(input) {
  const out = document.getElementById(`${input.id}-read`);
  if (!out) return;
  const reading = readAmount(input.value, lang);
  out.textContent = reading.ok ? `= ${money(reading.value)}` : reading.reason === "ambiguous" ? amountMessage(reading) : "";
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

export function clearError(form) {
  form.querySelectorAll("[role=alert], .field-error").forEach((el) => {
    el.hidden = true;
    el.textContent = "";
  });
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
}

/** Wires a form: `handler(values)` runs on submit with the form's values. */
export function onSubmit(form, handler) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(form);
    form.querySelectorAll("[role=status]").forEach((el) => (el.textContent = ""));
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
  document.querySelectorAll("[data-step]").forEach((s) => (s.hidden = s.id !== id));
  const heading = document.querySelector(`#${id} h2`) || document.querySelector("main h1");
  heading?.setAttribute("tabindex", "-1");
  heading?.focus();
}

export const token = new URLSearchParams(location.search).get("token") || "";
// The language switch keeps the link's token, so a link works in either language.
if (token) {
  document.querySelectorAll("a.lang-switch").forEach((a) => (a.search = location.search));
}

export function passwordsMatch(values, form) {
  if (values.password !== values.password_repeat) {
    showError(form, { body: { error: { message: text.mismatch, field: "password_repeat" } } });
    return false;
  }
  return true;
}


// --- public calculators -----------------------------------------------------

/** An API amount ("21844.12") in the page's notation (€ 21.844,12 / €21,844.12), never through a float. */
export const money = (amount) => formatAmount(amount, lang);
