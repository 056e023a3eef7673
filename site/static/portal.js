// The portal's forms: each page is static HTML that works through the JSON API.
// One module for the portal's pages; it wires what the page has ([data-page]).
// The employee and settlement pages live in payroll.js, the documents page in
// documents.js; both import the shared helpers exported here. No inline script anywhere (the CSP forbids it), no framework.

import { readAmount, formatAmount, typedAmount } from "./amount.js";
import { showDateTime } from "./dates.js";

export const lang = document.documentElement.lang === "en" ? "en" : "nl";
const text = {
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

const page = document.querySelector("[data-page]")?.dataset.page;
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

const token = new URLSearchParams(location.search).get("token") || "";
// The language switch keeps the link's token, so a link works in either language.
if (token) {
  document.querySelectorAll("a.lang-switch").forEach((a) => (a.search = location.search));
}

function passwordsMatch(values, form) {
  if (values.password !== values.password_repeat) {
    showError(form, { body: { error: { message: text.mismatch, field: "password_repeat" } } });
    return false;
  }
  return true;
}

// --- sign in -----------------------------------------------------------------

function signIn() {
  let challenge = "";
  const finish = () => location.assign(urls.home);

  const setup = (answer) => {
    challenge = answer.challenge;
    const svg = new DOMParser().parseFromString(answer.qr_svg, "image/svg+xml").documentElement;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", text.qr);
    document.getElementById("qr").replaceChildren(document.importNode(svg, true));
    document.getElementById("secret").textContent = answer.secret.replace(/(.{4})/g, "$1 ").trim();
    showStep("step-setup");
  };

  const confirmCode = async (values, form) => {
    const answer = await api("POST", "/api/auth/totp", { challenge, code: values.code.replace(/\s/g, "") });
    if (answer.status !== 200) {
      if (answer.body?.error?.code === "invalid_challenge") {
        showStep("step-password");
        showError(document.getElementById("form-password"), answer);
      } else {
        showError(form, answer);
      }
      return;
    }
    const codes = answer.body.recovery_codes;
    if (!codes) return finish();
    const list = document.getElementById("codes");
    list.replaceChildren(...codes.map((c) => Object.assign(document.createElement("li"), { textContent: c })));
    const email = document.getElementById("form-password").email.value;
    const file = new Blob([`${text.codesHeader} ${email}\n\n${codes.join("\n")}\n`], { type: "text/plain" });
    const download = document.getElementById("download-codes");
    download.href = URL.createObjectURL(file);
    download.download = text.codesFile;
    showStep("step-codes");
  };

  onSubmit(document.getElementById("form-password"), async (values, form) => {
    const answer = await api("POST", "/api/auth/login", { email: values.email, password: values.password });
    if (answer.status !== 200) return showError(form, answer);
    if (answer.body.next === "totp_setup") return setup(answer.body);
    challenge = answer.body.challenge;
    showStep("step-code");
  });
  onSubmit(document.getElementById("form-code"), confirmCode);
  onSubmit(document.getElementById("form-setup"), confirmCode);
  onSubmit(document.getElementById("form-recovery"), async (values, form) => {
    const answer = await api("POST", "/api/auth/recovery", { challenge, recovery_code: values.recovery_code });
    if (answer.status !== 200) return showError(form, answer);
    setup(answer.body);
  });
  document.getElementById("use-recovery").addEventListener("click", () => showStep("step-recovery"));
  document.getElementById("print-codes").addEventListener("click", () => window.print());
  document.getElementById("codes-done").addEventListener("click", finish);
}

// --- activation, forgotten and new password ----------------------------------

function activate() {
  onSubmit(document.getElementById("form-activate"), async (values, form) => {
    if (!passwordsMatch(values, form)) return;
    const answer = await api("POST", "/api/auth/activate", { token, password: values.password });
    // A used or expired link: offer a new one instead of a dead end.
    if (answer.body?.error?.code === "invalid_token") return showStep("step-expired");
    if (answer.status !== 200) return showError(form, answer);
    showStep("step-done");
  });
  onSubmit(document.getElementById("form-resend"), async (values, form) => {
    const answer = await api("POST", "/api/auth/activate/resend", { email: values.email });
    if (answer.status !== 202) return showError(form, answer);
    showStep("step-resent");
  });
}

function forgot() {
  onSubmit(document.getElementById("form-forgot"), async (values, form) => {
    const answer = await api("POST", "/api/auth/password/forgot", { email: values.email });
    if (answer.status !== 202) return showError(form, answer);
    showStep("step-done");
  });
}

function reset() {
  onSubmit(document.getElementById("form-reset"), async (values, form) => {
    if (!passwordsMatch(values, form)) return;
    const answer = await api("POST", "/api/auth/password/reset", { token, password: values.password });
    document.getElementById("reset-expired").hidden = answer.body?.error?.code !== "invalid_token";
    if (answer.status !== 200) return showError(form, answer);
    showStep("step-done");
  });
}

// --- signed in -------------------------------------------------------------------

/** The roles that may use this page (`data-roles`, from the page table); any role when empty. */
const pageRoles = JSON.parse(document.querySelector("[data-roles]")?.dataset.roles || "[]");

/**
 * The signed-in user, shown in the account bar; without a session, a redirect to
 * the sign-in page. A user whose roles the page does not serve is told why, and
 * the promise never resolves.
 */
export async function me() {
  const answer = await api("GET", "/api/me");
  if (answer.status !== 200) {
    document.cookie = "signed_in=; Path=/; Max-Age=0; SameSite=Strict";
    location.assign(urls.login);
    return new Promise(() => {});
  }
  const user = answer.body;
  const bar = document.getElementById("account-bar");
  if (bar) {
    document.getElementById("account-org").textContent = user.employer.company_name;
    document.getElementById("account-user").textContent = user.name;
    bar.hidden = false;
  }
  if (pageRoles.length) await requireRole(user, pageRoles);
  return user;
}

/**
 * For a signed-in user whose roles lack every one of `roles`: says on the page why
 * it is not theirs and who can change that, instead of sending them away silently.
 * Resolves only when the user may use the page.
 */
function requireRole(user, roles) {
  if (roles.some((r) => user.roles.includes(r))) return Promise.resolve();
  const names = (list) => list.map((r) => text.roles[r]).join(lang === "nl" ? " of " : " or ");
  const message = Object.assign(document.createElement("p"), {
    className: "notice",
    textContent: text.notYours(names(roles), names(user.roles)),
  });
  const back = Object.assign(document.createElement("a"), { href: urls.home, textContent: text.backHome });
  const box = document.createElement("div");
  box.append(message, Object.assign(document.createElement("p"), {}));
  box.lastElementChild.append(back);
  document.getElementById("signed-in").replaceWith(box);
  return new Promise(() => {});
}

document.getElementById("sign-out")?.addEventListener("click", async () => {
  await api("POST", "/api/auth/logout");
  location.assign(urls.login);
});

async function home() {
  const user = await me();
  document.getElementById("me-name").textContent = user.name;
  document.getElementById("me-email").textContent = user.email;
  document.getElementById("me-company").textContent = user.employer.company_name;
  document.getElementById("me-policy").textContent = user.employer.policy_number;
  document.getElementById("me-roles").textContent = user.roles.map((r) => text.roles[r]).join(", ");
  document.getElementById("link-users").hidden = !user.roles.includes("user_management");
  const payroll = user.roles.includes("hr") || user.roles.includes("finance");
  document.getElementById("link-employees").hidden = !payroll;
  document.getElementById("link-settlement").hidden = !payroll;
  document.getElementById("link-documents").hidden = !user.roles.includes("hr");
  // What waits for this user, each with the page where it is done.
  const tasks = (await api("GET", "/api/tasks")).body?.tasks || [];
  document.getElementById("tasks").replaceChildren(
    ...tasks.map((t) => {
      const link = Object.assign(document.createElement("a"), {
        href: `${urls.settlement}?year=${t.year}`,
        textContent: text.tasks[t.kind](t),
      });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }),
  );
  document.getElementById("no-tasks").hidden = tasks.length > 0;
  document.getElementById("signed-in").hidden = false;
}

function roleBoxes(name, checked) {
  const template = document.getElementById("role-boxes");
  const boxes = template.content.cloneNode(true);
  boxes.querySelectorAll("input").forEach((input) => {
    input.name = name;
    input.id = `${name}-${input.value}`;
    input.nextElementSibling.htmlFor = input.id;
    input.checked = checked.includes(input.value);
  });
  return boxes;
}

async function users() {
  const user = await me();
  document.getElementById("signed-in").hidden = false;
  const body = document.getElementById("users-body");
  const cell = (value, className = "") => Object.assign(document.createElement("td"), { textContent: value ?? "", className });
  const render = async () => {
    const answer = await api("GET", "/api/users");
    body.replaceChildren(...answer.body.users.map(userRow));
    const log = await api("GET", "/api/security-log");
    document.getElementById("log-body").replaceChildren(
      ...log.body.events.map((e) => {
        const row = document.createElement("tr");
        row.append(cell(showDateTime(e.at), "date"), cell(text.events[e.kind]), cell(e.user_email), cell(e.actor_email));
        return row;
      }),
    );
  };

  const userRow = (u) => {
    const row = document.getElementById("user-row").content.firstElementChild.cloneNode(true);
    row.querySelector("[data-name]").textContent = u.name;
    row.querySelector("[data-email]").textContent = u.email;
    row.querySelector("[data-status]").textContent = text.status[u.status];
    const form = row.querySelector("form");
    form.querySelector("fieldset").append(roleBoxes(`roles-${u.id}`, u.roles));
    form.querySelector("legend").textContent += ` ${u.name}`;
    onSubmit(form, async (_, f) => {
      const roles = [...f.querySelectorAll("input:checked")].map((i) => i.value);
      const answer = await api("PATCH", `/api/users/${u.id}`, { roles });
      if (answer.status !== 200) return showError(f, answer);
      await render();
    });
    const toggle = row.querySelector("[data-toggle]");
    if (u.status === "disabled") toggle.textContent = text.enable;
    toggle.hidden = u.status === "invited" || u.id === user.id;
    toggle.addEventListener("click", async () => {
      const status = u.status === "disabled" ? "active" : "disabled";
      const answer = await api("PATCH", `/api/users/${u.id}`, { status });
      if (answer.status !== 200) return showError(form, answer);
      await render();
    });
    return row;
  };

  const invite = document.getElementById("form-invite");
  invite.querySelector("fieldset").append(roleBoxes("roles", []));
  onSubmit(invite, async (values, form) => {
    const roles = [...form.querySelectorAll("input[name=roles]:checked")].map((i) => i.value);
    const answer = await api("POST", "/api/users", { name: values.name, email: values.email, roles });
    if (answer.status !== 201) return showError(form, answer);
    const status = document.getElementById("invite-status");
    status.textContent = `${text.invited} ${values.email}.`;
    form.reset();
    await render();
  });
  await render();
}

// --- public calculators -----------------------------------------------------

/** An API amount ("21844.12") in the page's notation (€ 21.844,12 / €21,844.12), never through a float. */
export const money = (amount) => formatAmount(amount, lang);

function calcAbsence() {
  onSubmit(document.getElementById("form-absence"), async (values, form) => {
    const answer = await api("POST", "/api/calc/absence-premium", values);
    const result = document.getElementById("result-premium");
    if (answer.status !== 200) {
      result.hidden = true;
      return showError(form, answer);
    }
    result.querySelector("[data-amount]").textContent = money(answer.body.premium);
    result.hidden = false;
  });
}

function calcWga() {
  const form = document.getElementById("form-wga");
  // Each cover reads only its own fields; show just those.
  const showCover = () =>
    form.querySelectorAll("[data-cover]").forEach((group) => (group.hidden = group.dataset.cover !== form.cover.value));
  form.cover.addEventListener("change", showCover);
  showCover();
  onSubmit(form, async (values) => {
    const body = { ...values, year: Number(values.year), duration_years: Number(values.duration_years) };
    const answer = await api("POST", "/api/calc/wga-gap", body);
    const result = document.getElementById("result-wga");
    if (answer.status !== 200) {
      result.hidden = true;
      return showError(form, answer);
    }
    const b = answer.body;
    document.getElementById("wga-explanation").textContent = b.explanation;
    document.getElementById("wga-yearly").textContent = money(b.yearly_benefit);
    document.getElementById("wga-monthly").textContent = money(b.monthly_benefit);
    document.getElementById("wga-duration").textContent = text.months(b.max_duration_months);
    result.hidden = false;
  });
}

({ "sign-in": signIn, activate, forgot, reset, home, users, "calc-absence": calcAbsence, "calc-wga": calcWga })[page]?.();
