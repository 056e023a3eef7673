// @ts-check
// The WGA Hiaat calculator: each cover shows only its own fields.

import { api, showError, onSubmit, money } from "./portal.js";
import { t, plural } from "./texts.js";

function calcWga() {
  const form = /** @type {HTMLFormElement & { cover: HTMLSelectElement }} */ (document.getElementById("form-wga"));
  // Each cover reads only its own fields; show just those.
  const showCover = () =>
    /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll("[data-cover]")).forEach((group) => (group.hidden = group.dataset.cover !== form.cover.value));
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
    document.getElementById("wga-duration").textContent = b.max_duration_months === null ? t("calc_wga.while_benefit_runs") : plural("calc_wga.months", b.max_duration_months);
    result.hidden = false;
  });
}

calcWga();
