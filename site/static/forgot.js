// @ts-check
// Forgotten password: ask for a reset link.

import { api, showError, onSubmit, showStep } from "./portal.js";

function forgot() {
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-forgot")), async (values, form) => {
    const answer = await api("POST", "/api/auth/password/forgot", { email: values.email });
    if (answer.status !== 202) return showError(form, answer);
    showStep("step-done");
  });
}

forgot();
