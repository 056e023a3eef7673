// @ts-check
// A new password from the reset link.

import { api, showError, onSubmit, showStep, token, passwordsMatch } from "./portal.js";

function reset() {
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-reset")), async (values, form) => {
    if (!passwordsMatch(values, form)) return;
    const answer = await api("POST", "/api/auth/password/reset", { token, password: values.password });
    document.getElementById("reset-expired").hidden = answer.body?.error?.code !== "invalid_token";
    if (answer.status !== 200) return showError(form, answer);
    showStep("step-done");
  });
}

reset();
