// @ts-check
// The settlement wizard for a year: check employees, enter wages (saved on the way), review, confirmed submit; then the submitted state.

import { lang, urls, api, showError, clearError, onSubmit, showStep, money } from "./portal.js";
import { t, plural } from "./texts.js";
import { $, cell, fillYears, payrollUser, renderRows, renderTotals, yearParam } from "./payroll.js";
import { wageImport } from "./wage-import.js";
import { typedAmount } from "./amount.js";
import { showDate } from "./dates.js";

/**
 * @typedef {import("./portal.js").Settlement} Settlement
 * @typedef {import("./portal.js").SettlementRow} SettlementRow
 */

async function settlement() {
  const { user, hr } = await payrollUser();
  /** @type {HTMLFormElement} */
  const yearForm = $("form-year");
  let year = yearParam() || new Date().getFullYear() - 1;
  /** @type {Settlement | null} */
  let data = null;

  // Wages save as the user goes (on leaving a field); a step further waits for
  // those saves and stays while a wage is refused or unsaved.
  /** @type {Set<Promise<unknown>>} */
  const pending = new Set();
  /** @param {Promise<unknown>} promise */
  const track = (promise) => {
    pending.add(promise);
    promise.finally(() => pending.delete(promise));
    return promise;
  };
  const unsaved = () =>
    [.../** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("#wages-body input[name=insured_wage]"))].filter(
      (input) => !input.readOnly && input.value.trim() !== input.dataset.saved,
    );
  window.addEventListener("beforeunload", (event) => {
    if (unsaved().length) event.preventDefault();
  });

  /** @param {string} step the id of the step's section */
  const go = async (step) => {
    if (!$("step-wages").hidden && step !== "step-wages") {
      await Promise.allSettled([...pending]);
      const left = unsaved();
      $("wages-unsaved").hidden = left.length === 0;
      if (left.length) {
        $("wages-unsaved").textContent = plural("payroll.unsaved", left.length);
        return left[0].focus();
      }
    }
    showStep(step);
    /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("#steps-nav [data-goto]")).forEach((b) => {
      if (b.dataset.goto === step) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
    });
  };

  /** @param {SettlementRow} e */
  const wageRow = (e) => {
    /** @type {HTMLTemplateElement} */
    const template = $("wage-row");
    const tr = /** @type {HTMLTableRowElement} */ (template.content.firstElementChild.cloneNode(true));
    tr.querySelector("[data-name]").textContent = e.name;
    const form = /** @type {HTMLFormElement & { insured_wage: HTMLInputElement }} */ (tr.querySelector("form"));
    const input = form.insured_wage;
    input.id = `wage-${e.id}`;
    const label = form.querySelector("label");
    label.htmlFor = input.id;
    label.textContent = t("payroll.wage_of", { name: e.name });
    input.value = e.wage === null ? "" : typedAmount(e.wage, lang);
    const read = tr.querySelector("[data-read]");
    read.id = `${input.id}-read`;
    input.setAttribute("aria-describedby", read.id);
    const flag = tr.querySelector("[data-flag]");
    flag.textContent = e.wage === null ? t("payroll.missing") : "";
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
      $("wages-status").textContent = t("payroll.wage_saved", { name: e.name });
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
    $("check-caption").textContent = plural("payroll.check_caption", s.employees.length, { year: s.year });
    $("check-body").replaceChildren(
      ...s.employees.map((e) => {
        const tr = document.createElement("tr");
        const th = Object.assign(document.createElement("th"), { scope: "row", textContent: e.name });
        tr.append(th, e.wage === null ? cell(t("payroll.missing"), "align-right flag-missing") : cell(money(e.wage), "align-right"));
        return tr;
      }),
    );
    const missing = s.employees_without_wage;
    $("wages-missing").textContent = missing ? plural("payroll.missing_count", missing) : t("payroll.all_wages");
    $("wages-missing").classList.toggle("flag-missing", missing > 0);
    renderRows($("review-body"), s);
    renderTotals(s);
    $("submit-missing").textContent = plural("payroll.fill_first", missing);
    $("submit-missing").hidden = missing === 0;
    $("submitted-when").textContent = s.reference
      ? t("payroll.submitted_on_reference", { date: showDate(s.submitted_at), reference: s.reference })
      : t("payroll.submitted_on", { date: showDate(s.submitted_at) });
    $("submitted-next").textContent = t(`payroll.next.${s.balance.direction}`, { amount: money(s.balance.amount) });
    /** @type {HTMLAnchorElement} */ ($("spec-download")).href = `/api/settlements/${s.year}/specification.csv`;
    /** @type {HTMLAnchorElement} */ ($("spec-print")).href = `${urls.specification}?year=${s.year}&print=1`;
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
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-goto]")).forEach((b) => b.addEventListener("click", () => go(b.dataset.goto)));

  if (hr) {
    wageImport(() => year, async () => {
      await fetchYear();
      $("wages-body").replaceChildren(...data.employees.map(wageRow));
    });
    /** @type {HTMLDialogElement} */
    const dialog = $("dialog-submit");
    $("submit-open").addEventListener("click", () => {
      if (data.employees_without_wage > 0) return $("submit-missing").focus();
      clearError(/** @type {HTMLFormElement} */ ($("form-submit")));
      dialog.showModal();
    });
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    onSubmit(/** @type {HTMLFormElement} */ ($("form-submit")), async (_, form) => {
      const answer = await api("POST", `/api/settlements/${year}/submit`);
      if (answer.status !== 200) return showError(form, answer);
      dialog.close();
      await open();
    });
  }
  await open();
}

settlement();
