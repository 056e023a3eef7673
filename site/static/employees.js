// @ts-check
// Employees: the list (in service or left, search, pages), adding, ending and re-hiring, and the CSV wage import.

import { urls, api, showError, clearError, onSubmit } from "./portal.js";
import { t, plural } from "./texts.js";
import { $, fullName, cell, actionButton, fillYears, payrollUser, dialogForm } from "./payroll.js";
import { wageImport } from "./wage-import.js";
import { isoDate, showDate } from "./dates.js";

/** @typedef {import("./portal.js").Employee} Employee */

async function employees() {
  const { user, hr } = await payrollUser();
  /** @type {HTMLFormElement & { status: RadioNodeList, q: HTMLInputElement }} */
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
    $("employees-caption").textContent = t(`payroll.caption.${state}`);
    $("employees-body").replaceChildren(...answer.body.employees.map((e) => row(e, state)));
    status.textContent = plural("payroll.found", answer.body.total);
    $("page-info").textContent = t("payroll.page_of", { page: pageNo, pages });
    /** @type {HTMLButtonElement} */ ($("page-prev")).disabled = pageNo <= 1;
    /** @type {HTMLButtonElement} */ ($("page-next")).disabled = pageNo >= pages;
  };

  /**
   * @param {Employee} e
   * @param {string} state the list shown: "active" or "inactive"
   */
  const row = (e, state) => {
    const tr = document.createElement("tr");
    const name = fullName(e);
    const th = Object.assign(document.createElement("th"), { scope: "row" });
    th.append(Object.assign(document.createElement("a"), { href: `${urls.employee}?id=${encodeURIComponent(e.id)}`, textContent: name }));
    tr.append(th, cell(e.bsn_last4), cell(showDate(e.birth_date), "date"), cell(showDate(e.start_date), "date"), cell(showDate(e.end_date), "date"), cell(e.employee_number));
    if (hr) {
      const action = state === "active" ? actionButton(t("payroll.end"), name) : actionButton(t("payroll.rehire"), name);
      action.addEventListener("click", () => (state === "active" ? openEnd : openRehire)(e.id, name));
      const td = document.createElement("td");
      td.append(action);
      tr.append(td);
    }
    return tr;
  };

  /** @type {HTMLFormElement & { bsn: HTMLInputElement }} */
  const add = $("form-add");
  const offer = $("rehire-offer");
  // The former employee whose BSN the add form was given, offered for re-hiring.
  /** @type {{ id: string, name: string, start: string } | null} */
  let former = null;
  // A dialog's save: the change, then a fresh list and a message.
  let current = { id: "", name: "" };
  /**
   * @param {string} path
   * @param {(values: Record<string, any>) => object} body
   * @param {(name: string) => string} done
   * @returns {(values: Record<string, any>, form: HTMLFormElement, close: () => void) => Promise<void>}
   */
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
  const end = dialogForm(/** @type {HTMLDialogElement} */ ($("dialog-end")), save("end", (v) => ({ end_date: isoDate(v.end_date) }), (name) => t("payroll.ended", { name })));
  const rehire = dialogForm(/** @type {HTMLDialogElement} */ ($("dialog-rehire")), save("rehire", period, (name) => t("payroll.rehired", { name })));
  const openEnd = (id, name) => {
    current = { id, name };
    $("change-status").textContent = "";
    end(name);
  };
  const openRehire = (id, name, start = "") => {
    current = { id, name };
    rehire(name);
    /** @type {HTMLInputElement} */ ($("rehire-start-date")).value = start;
  };

  filter.addEventListener("change", (event) => {
    if (/** @type {HTMLInputElement} */ (event.target).name !== "status") return;
    pageNo = 1;
    load();
  });
  onSubmit(filter, async () => {
    pageNo = 1;
    await load();
  });
  $("page-prev").addEventListener("click", () => (pageNo = Math.max(1, pageNo - 1), load()));
  $("page-next").addEventListener("click", () => (pageNo = Math.min(pages, pageNo + 1), load()));

  // A BSN as people type it ("131 860 914", "131.860.914"; the API reads it so too):
  // the page says which digits it read.
  add.bsn.addEventListener("input", () => {
    const digits = add.bsn.value.replace(/[\s.]/g, "");
    $("add-bsn-read").textContent = /^\d+$/.test(digits) ? t("payroll.bsn_read", { digits: digits.replace(/(\d{3})(?=\d)/g, "$1 "), count: digits.length }) : "";
  });
  onSubmit(add, async (values, form) => {
    offer.hidden = true;
    $("add-bsn-read").textContent = "";
    const body = {
      ...values,
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
    $("add-status").textContent = t("payroll.added", { name: fullName(body) });
    form.reset();
    await load();
  });
  $("offer-rehire").addEventListener("click", () => openRehire(former.id, former.name, former.start));

  if (hr) wageImport(() => /** @type {HTMLSelectElement} */ ($("import-year")).value, async () => {});
  fillYears(new Date().getFullYear() - 1, user);
  await load();
}

employees();
