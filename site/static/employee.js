// @ts-check
// One employee: details, corrections (hr), every employment period, wages per year, the history of corrections.

import { api, showError, onSubmit, money } from "./portal.js";
import { t } from "./texts.js";
import { $, fullName, cell, payrollUser } from "./payroll.js";
import { isoDate, showDate, showDateTime } from "./dates.js";

/**
 * The correction form's controls, as the page reads and fills them (a form's named
 * controls win over its own properties, so `prefix` is the input, not Element's `prefix`).
 * @typedef {HTMLFormElement & { initials: HTMLInputElement, prefix: HTMLInputElement, last_name: HTMLInputElement,
 *   birth_date: HTMLInputElement, employee_number: HTMLInputElement }} CorrectForm
 */

async function employee() {
  const { hr } = await payrollUser();
  const id = new URLSearchParams(location.search).get("id") || "";
  /** @type {CorrectForm} */
  const form = $("form-correct");
  /** @type {import("./portal.js").EmployeeDetail | null} */
  let known = null;

  /** @param {import("./portal.js").EmployeeDetail} e */
  const render = (e) => {
    known = e;
    const name = fullName(e);
    $("employee-heading").textContent = name;
    document.title = `${name} · ${document.title.split(" · ").pop()}`;
    const facts = {
      "emp-bsn": e.bsn_last4, "emp-initials": e.initials, "emp-prefix": e.prefix, "emp-last-name": e.last_name,
      "emp-gender": t(`payroll.gender.${e.gender.toLowerCase()}`), "emp-birth-date": showDate(e.birth_date), "emp-number": e.employee_number,
    };
    for (const [key, value] of Object.entries(facts)) $(key).textContent = value || "";
    form.initials.value = e.initials;
    form.prefix.value = e.prefix || "";
    form.last_name.value = e.last_name;
    /** @type {HTMLInputElement} */ (form.querySelector(`input[name=gender][value="${e.gender}"]`)).checked = true;
    form.birth_date.value = showDate(e.birth_date);
    form.employee_number.value = e.employee_number || "";
    $("periods-body").replaceChildren(
      ...e.employments.map((p) => {
        const tr = document.createElement("tr");
        tr.append(cell(showDate(p.start_date), "date"), cell(showDate(p.end_date), "date"), cell(p.fixed_term ? t("payroll.fixed_term") : t("payroll.permanent")));
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
    /** @type {(field: string, value: string | null) => string} */
    const shown = (field, value) =>
      !value
        ? t("payroll.empty_value")
        : field === "birth_date"
          ? showDate(value)
          : field === "gender"
            ? t(`payroll.gender.${value.toLowerCase()}`)
            : value;
    $("history-body").replaceChildren(
      ...(e.history.length ? e.history : [null]).map((h) => {
        const tr = document.createElement("tr");
        if (!h) {
          const td = cell(t("payroll.no_history"));
          td.colSpan = 3;
          tr.append(td);
          return tr;
        }
        const changes = h.fields.map((f) => t("payroll.changed", { field: t(`fields.${f.field}`), from: shown(f.field, f.old), to: shown(f.field, f.new) })).join("; ");
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
    if (!Object.keys(body).length) return ($("employee-status").textContent = t("payroll.unchanged"));
    const saved = await api("PATCH", `/api/employees/${encodeURIComponent(id)}`, body);
    if (saved.status !== 200) return showError(f, saved);
    render(saved.body);
    $("employee-status").textContent = t("payroll.corrected", { name: fullName(saved.body) });
  });
}

employee();
