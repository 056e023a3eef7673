// The employee and settlement pages: the employee list with adding, ending and
// re-hiring, wages per year (one by one or a CSV import), the settlement wizard and
// its printable specification. Static HTML driven through the JSON API with the
// helpers of portal.js. Role hr may change; finance only reads ([data-hr] hidden).

import { lang, urls, api, showError, clearError, onSubmit, showStep, me, money } from "./portal.js";
import { typedAmount } from "./amount.js";
import { isoDate, showDate, showDateTime, policyYears } from "./dates.js";

const text = {
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

const page = document.querySelector("[data-page]")?.dataset.page;
const $ = (id) => document.getElementById(id);

// --- notation ------------------------------------------------------------------

const percent = (value) => `${lang === "nl" ? value.replace(".", ",") : value}%`;

const isZero = (amount) => /^-?0*(\.0*)?$/.test(amount);

const fullName = (e) => [e.initials, e.prefix, e.last_name].filter(Boolean).join(" ");

function cell(value, className) {
  const td = document.createElement("td");
  td.textContent = value ?? "";
  if (className) td.className = className;
  return td;
}

/** A button named by its visible label plus, for screen readers, whom it is about. */
function actionButton(label, who) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  const hidden = Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: ` ${who}` });
  button.append(label, hidden);
  return button;
}

/** Fills the year selects from this year back to the policy's start, `chosen` selected. */
function fillYears(chosen, user) {
  const years = policyYears(user.employer.policy_start, new Date().getFullYear());
  document.querySelectorAll("select[data-years]").forEach((select) => {
    for (const year of years) select.add(new Option(String(year), String(year), false, year === chosen));
  });
}

/** The signed-in user with role hr or finance (others go home); hides what hr alone may do. */
async function payrollUser() {
  const user = await me();
  const hr = user.roles.includes("hr");
  document.querySelectorAll("[data-hr]").forEach((el) => (el.hidden = !hr));
  $("read-only").hidden = hr;
  $("signed-in").hidden = false;
  return { user, hr };
}

/** A modal dialog around a form: opened by `open(who)`, closed by Cancel or Escape. */
function dialogForm(dialog, save) {
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

// --- CSV wage import -------------------------------------------------------------

/** Wires the import form: the file goes as text/csv; a refused file lists its errors per line. */
function wageImport(yearOf, afterImport) {
  const form = $("form-import");
  const list = $("import-errors");
  onSubmit(form, async (_, f) => {
    list.hidden = true;
    $("import-status").textContent = "";
    const file = f.file.files[0];
    if (!file) return showError(f, { body: { error: { message: text.chooseFile, field: "file" } } });
    const year = yearOf();
    const answer = await api("POST", `/api/wages/${year}/import`, file, "text/csv");
    if (answer.status !== 200) {
      const rows = answer.body?.errors || [];
      list.replaceChildren(...rows.map((r) => Object.assign(document.createElement("li"), { textContent: text.row(r.row, r.message) })));
      list.hidden = rows.length === 0;
      return showError(f, answer);
    }
    $("import-status").textContent = text.imported(answer.body.imported, year);
    f.file.value = "";
    await afterImport();
  });
}

// --- employees -------------------------------------------------------------------

async function employees() {
  const { user, hr } = await payrollUser();
  const filter = $("form-filter");
  const status = $("employees-status");
  let pageNo = 1;
  let pages = 1;

  const load = async () => {
    const state = filter.status.value;
    const query = new URLSearchParams({ status: state, q: filter.q.value.trim(), page: String(pageNo) });
    const answer = await api("GET", `/api/employees?${query}`);
    if (answer.status !== 200) return showError(filter, answer);
    ({ pages } = answer.body);
    $("employees-caption").textContent = text.caption[state];
    $("employees-body").replaceChildren(...answer.body.employees.map((e) => row(e, state)));
    status.textContent = text.found(answer.body.total);
    $("page-info").textContent = text.pageOf(pageNo, pages);
    $("page-prev").disabled = pageNo <= 1;
    $("page-next").disabled = pageNo >= pages;
  };

  const row = (e, state) => {
    const tr = document.createElement("tr");
    const name = fullName(e);
    const th = Object.assign(document.createElement("th"), { scope: "row" });
    th.append(Object.assign(document.createElement("a"), { href: `${urls.employee}?id=${encodeURIComponent(e.id)}`, textContent: name }));
    tr.append(th, cell(e.bsn_last4), cell(showDate(e.birth_date), "date"), cell(showDate(e.start_date), "date"), cell(showDate(e.end_date), "date"), cell(e.employee_number));
    if (hr) {
      const action = state === "active" ? actionButton(text.end, name) : actionButton(text.rehire, name);
      action.addEventListener("click", () => (state === "active" ? openEnd : openRehire)(e.id, name));
      const td = document.createElement("td");
      td.append(action);
      tr.append(td);
    }
    return tr;
  };

  const add = $("form-add");
  const offer = $("rehire-offer");
  // The former employee whose BSN the add form was given, offered for re-hiring.
  let former = null;
  // A dialog's save: the change, then a fresh list and a message.
  let current = { id: "", name: "" };
  const save = (path, body, done) => async (values, form, close) => {
    const answer = await api("POST", `/api/employees/${current.id}/${path}`, body(values));
    if (answer.status !== 200) return showError(form, answer);
    close();
    // The row may leave the list (an ended employment): the message says what happened.
    $("change-status").textContent = done(current.name);
    $("change-status").focus();
    if (current.id === former?.id) {
      // The re-hire that the add form offered: that form's work is done.
      offer.hidden = true;
      add.reset();
      clearError(add);
      former = null;
    }
    await load();
  };
  const period = (v) => ({ start_date: isoDate(v.start_date), end_date: isoDate(v.end_date) || undefined });
  const end = dialogForm($("dialog-end"), save("end", (v) => ({ end_date: isoDate(v.end_date) }), text.ended));
  const rehire = dialogForm($("dialog-rehire"), save("rehire", period, text.rehired));
  const openEnd = (id, name) => {
    current = { id, name };
    $("change-status").textContent = "";
    end(name);
  };
  const openRehire = (id, name, start = "") => {
    current = { id, name };
    rehire(name);
    $("rehire-start-date").value = start;
  };

  filter.addEventListener("change", (event) => {
    if (event.target.name !== "status") return;
    pageNo = 1;
    load();
  });
  onSubmit(filter, async () => {
    pageNo = 1;
    await load();
  });
  $("page-prev").addEventListener("click", () => (pageNo = Math.max(1, pageNo - 1), load()));
  $("page-next").addEventListener("click", () => (pageNo = Math.min(pages, pageNo + 1), load()));

  // A BSN as people type it ("131 860 914", "131.860.914"): the page says which digits it read.
  const bsnDigits = (typed) => (/^[\d\s.]+$/.test(typed.trim()) ? typed.replace(/[\s.]/g, "") : typed.trim());
  add.bsn.addEventListener("input", () => {
    const digits = bsnDigits(add.bsn.value);
    $("add-bsn-read").textContent = /^\d+$/.test(digits) ? text.bsnRead(digits) : "";
  });
  onSubmit(add, async (values, form) => {
    offer.hidden = true;
    $("add-bsn-read").textContent = "";
    const body = {
      ...values,
      bsn: bsnDigits(values.bsn),
      prefix: values.prefix.trim() || undefined,
      employee_number: values.employee_number.trim() || undefined,
      birth_date: isoDate(values.birth_date),
      start_date: isoDate(values.start_date),
      end_date: isoDate(values.end_date) || undefined,
    };
    const answer = await api("POST", "/api/employees", body);
    if (answer.status !== 201) {
      showError(form, answer);
      // A former employee's BSN: offer to re-hire that person instead.
      const id = answer.body?.error?.code === "employee_inactive" && answer.body.error.employee_id;
      if (id) {
        const known = await api("GET", `/api/employees/${id}`);
        former = { id, name: known.status === 200 ? fullName(known.body) : "", start: values.start_date };
        offer.hidden = false;
      }
      return;
    }
    $("add-status").textContent = text.added(fullName(body));
    form.reset();
    await load();
  });
  $("offer-rehire").addEventListener("click", () => openRehire(former.id, former.name, former.start));

  if (hr) wageImport(() => $("import-year").value, async () => {});
  fillYears(new Date().getFullYear() - 1, user);
  await load();
}

// --- one employee: details, corrections, periods, wages, history -----------------

async function employee() {
  const { hr } = await payrollUser();
  const id = new URLSearchParams(location.search).get("id") || "";
  const form = $("form-correct");
  let known = null;

  const render = (e) => {
    known = e;
    const name = fullName(e);
    $("employee-heading").textContent = name;
    document.title = `${name} · ${document.title.split(" · ").pop()}`;
    const facts = {
      "emp-bsn": e.bsn_last4, "emp-initials": e.initials, "emp-prefix": e.prefix, "emp-last-name": e.last_name,
      "emp-gender": text.gender[e.gender], "emp-birth-date": showDate(e.birth_date), "emp-number": e.employee_number,
    };
    for (const [key, value] of Object.entries(facts)) $(key).textContent = value || "";
    form.initials.value = e.initials;
    form.prefix.value = e.prefix || "";
    form.last_name.value = e.last_name;
    form.querySelector(`input[name=gender][value="${e.gender}"]`).checked = true;
    form.birth_date.value = showDate(e.birth_date);
    form.employee_number.value = e.employee_number || "";
    $("periods-body").replaceChildren(
      ...e.employments.map((p) => {
        const tr = document.createElement("tr");
        tr.append(cell(showDate(p.start_date), "date"), cell(showDate(p.end_date), "date"), cell(text.fixedTerm[p.fixed_term]));
        return tr;
      }),
    );
    $("emp-wages-body").replaceChildren(
      ...e.wages.map((w) => {
        const tr = document.createElement("tr");
        tr.append(Object.assign(document.createElement("th"), { scope: "row", textContent: String(w.year) }), cell(money(w.insured_wage), "align-right"));
        return tr;
      }),
    );
    const shown = (field, value) => (field === "birth_date" ? showDate(value) : field === "gender" ? text.gender[value] : value);
    $("history-body").replaceChildren(
      ...(e.history.length ? e.history : [null]).map((h) => {
        const tr = document.createElement("tr");
        if (!h) {
          const td = cell(text.noHistory);
          td.colSpan = 3;
          tr.append(td);
          return tr;
        }
        const changes = h.fields.map((f) => text.changed(text.fields[f.field], shown(f.field, f.old), shown(f.field, f.new))).join("; ");
        tr.append(cell(showDateTime(h.at), "date"), cell(h.by), cell(changes));
        return tr;
      }),
    );
  };

  const answer = await api("GET", `/api/employees/${encodeURIComponent(id)}`);
  if (answer.status !== 200) {
    $("employee-status").textContent = answer.body?.error?.message || "";
    return;
  }
  render(answer.body);

  if (!hr) return;
  onSubmit(form, async (values, f) => {
    // Only what changed goes to the API, so the history names just that.
    const now = {
      initials: values.initials.trim(), prefix: values.prefix.trim(), last_name: values.last_name.trim(),
      gender: values.gender, birth_date: isoDate(values.birth_date), employee_number: values.employee_number.trim(),
    };
    const body = Object.fromEntries(Object.entries(now).filter(([k, v]) => v !== (known[k] || "")));
    if (!Object.keys(body).length) return ($("employee-status").textContent = text.unchanged);
    const saved = await api("PATCH", `/api/employees/${encodeURIComponent(id)}`, body);
    if (saved.status !== 200) return showError(f, saved);
    render(saved.body);
    $("employee-status").textContent = text.corrected(fullName(saved.body));
  });
}

// --- settlement: totals shared by the wizard and the specification --------------

function renderRows(body, s) {
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

function renderTotals(s) {
  const shown = {
    total_insured_wage: money(s.total_insured_wage),
    premium_rate_percent: percent(s.premium_rate_percent),
    final_premium: money(s.final_premium),
    rounding_difference: money(s.rounding_difference),
    provisional_premium: money(s.provisional_premium),
    balance: text.balance[s.balance.direction](money(s.balance.amount)),
  };
  document.querySelectorAll("[data-totals]").forEach((dl) => {
    dl.querySelectorAll("[data-total]").forEach((dd) => (dd.textContent = shown[dd.dataset.total]));
    dl.querySelectorAll("[data-rounding]").forEach((el) => (el.hidden = isZero(s.rounding_difference)));
  });
}

function yearParam() {
  const year = Number(new URLSearchParams(location.search).get("year"));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

// --- settlement wizard -----------------------------------------------------------

async function settlement() {
  const { user, hr } = await payrollUser();
  const yearForm = $("form-year");
  let year = yearParam() || new Date().getFullYear() - 1;
  let data = null;

  // Wages save as the user goes (on leaving a field); a step further waits for
  // those saves and stays while a wage is refused or unsaved.
  const pending = new Set();
  const track = (promise) => {
    pending.add(promise);
    promise.finally(() => pending.delete(promise));
    return promise;
  };
  const unsaved = () =>
    [...document.querySelectorAll("#wages-body input[name=insured_wage]")].filter(
      (input) => !input.readOnly && input.value.trim() !== input.dataset.saved,
    );
  window.addEventListener("beforeunload", (event) => {
    if (unsaved().length) event.preventDefault();
  });

  const go = async (step) => {
    if (!$("step-wages").hidden && step !== "step-wages") {
      await Promise.allSettled([...pending]);
      const left = unsaved();
      $("wages-unsaved").hidden = left.length === 0;
      if (left.length) {
        $("wages-unsaved").textContent = text.unsaved(left.length);
        return left[0].focus();
      }
    }
    showStep(step);
    document.querySelectorAll("#steps-nav [data-goto]").forEach((b) => {
      if (b.dataset.goto === step) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
    });
  };

  const wageRow = (e) => {
    const tr = $("wage-row").content.firstElementChild.cloneNode(true);
    tr.querySelector("[data-name]").textContent = e.name;
    const form = tr.querySelector("form");
    const input = form.insured_wage;
    input.id = `wage-${e.id}`;
    const label = form.querySelector("label");
    label.htmlFor = input.id;
    label.textContent = text.wageOf(e.name);
    input.value = e.wage === null ? "" : typedAmount(e.wage, lang);
    const read = tr.querySelector("[data-read]");
    read.id = `${input.id}-read`;
    input.setAttribute("aria-describedby", read.id);
    const flag = tr.querySelector("[data-flag]");
    flag.textContent = e.wage === null ? text.missing : "";
    input.dataset.saved = input.value;
    if (!hr) input.readOnly = true;
    form.querySelector("button").hidden = !hr;
    const save = async (values, f) => {
      if (input.value.trim() === input.dataset.saved) return;
      $("wages-status").textContent = "";
      const answer = await api("PUT", `/api/employees/${e.id}/wages/${year}`, { insured_wage: values.insured_wage });
      if (answer.status !== 200) return showError(f, answer);
      input.value = input.dataset.saved = typedAmount(answer.body.insured_wage, lang);
      read.textContent = "";
      flag.textContent = "";
      $("wages-status").textContent = text.wageSaved(e.name);
      if (!unsaved().length) $("wages-unsaved").hidden = true;
      await fetchYear();
    };
    onSubmit(form, (values, f) => track(save(values, f)));
    if (hr) input.addEventListener("change", () => form.requestSubmit());
    return tr;
  };

  // Everything but the wage inputs, which keep what the user is typing.
  const render = () => {
    const s = data;
    $("check-caption").textContent = text.checkCaption(s.year, s.employees.length);
    $("check-body").replaceChildren(
      ...s.employees.map((e) => {
        const tr = document.createElement("tr");
        const th = Object.assign(document.createElement("th"), { scope: "row", textContent: e.name });
        tr.append(th, e.wage === null ? cell(text.missing, "align-right flag-missing") : cell(money(e.wage), "align-right"));
        return tr;
      }),
    );
    const missing = s.employees_without_wage;
    $("wages-missing").textContent = missing ? text.missingCount(missing) : text.allWages;
    $("wages-missing").classList.toggle("flag-missing", missing > 0);
    renderRows($("review-body"), s);
    renderTotals(s);
    $("submit-missing").textContent = text.fillFirst(missing);
    $("submit-missing").hidden = missing === 0;
    $("submitted-when").textContent = text.submittedOn(showDate(s.submitted_at), s.reference);
    $("submitted-next").textContent = text.next[s.balance.direction](money(s.balance.amount));
    $("spec-download").href = `/api/settlements/${s.year}/specification.csv`;
    $("spec-print").href = `${urls.specification}?year=${s.year}&print=1`;
  };

  const fetchYear = async () => {
    const answer = await api("GET", `/api/settlements/${year}`);
    if (answer.status !== 200) {
      $("wizard").hidden = true;
      showError(yearForm, answer);
      return false;
    }
    data = answer.body;
    render();
    return true;
  };

  const open = async () => {
    clearError(yearForm);
    history.replaceState(null, "", `?year=${year}`);
    if (!(await fetchYear())) return;
    $("wages-body").replaceChildren(...data.employees.map(wageRow));
    $("wizard").hidden = false;
    const submitted = data.status === "submitted";
    $("steps-nav").hidden = submitted;
    go(submitted ? "step-submitted" : "step-check");
  };

  fillYears(year, user);
  onSubmit(yearForm, async (values) => {
    year = Number(values.year);
    await open();
  });
  document.querySelectorAll("[data-goto]").forEach((b) => b.addEventListener("click", () => go(b.dataset.goto)));

  if (hr) {
    wageImport(() => year, async () => {
      await fetchYear();
      $("wages-body").replaceChildren(...data.employees.map(wageRow));
    });
    const dialog = $("dialog-submit");
    $("submit-open").addEventListener("click", () => {
      if (data.employees_without_wage > 0) return $("submit-missing").focus();
      clearError($("form-submit"));
      dialog.showModal();
    });
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    onSubmit($("form-submit"), async (_, form) => {
      const answer = await api("POST", `/api/settlements/${year}/submit`);
      if (answer.status !== 200) return showError(form, answer);
      dialog.close();
      await open();
    });
  }
  await open();
}

// --- printable specification ---------------------------------------------------------

async function specification() {
  const year = yearParam();
  const fail = (message) => Object.assign($("spec-error"), { textContent: message, hidden: false });
  if (!year) return fail(text.badYear);
  const [user, answer] = await Promise.all([me(), api("GET", `/api/settlements/${year}`)]);
  if (answer.status !== 200) return fail(answer.body?.error?.message || text.badYear);
  const s = answer.body;
  const heading = text.specHeading(year);
  $("spec-heading").textContent = heading;
  document.title = `${heading} · ${user.employer.company_name}`;
  $("spec-company").textContent = user.employer.company_name;
  $("spec-policy").textContent = user.employer.policy_number;
  $("spec-year").textContent = String(year);
  $("spec-status").textContent = s.status === "submitted" ? text.status.submitted(showDate(s.submitted_at)) : text.status.open;
  renderRows($("spec-body"), s);
  renderTotals(s);
  $("signed-in").hidden = false;
  $("print").addEventListener("click", () => window.print());
  if (new URLSearchParams(location.search).has("print")) window.print();
}

({ employees, employee, settlement, specification })[page]?.();
