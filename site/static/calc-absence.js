// @ts-check
// The absence premium calculator.

import { api, showError, onSubmit, money } from "./portal.js";

function calcAbsence() {
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-absence")), async (values, form) => {
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

calcAbsence();
