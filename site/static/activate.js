// @ts-check
// Activation: a password for a new account; a used or expired link offers a new one.

import { api, showError, onSubmit, showStep, token, passwordsMatch } from "./portal.js";

function activate() {
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-activate")), async (values, form) => {
    if (!passwordsMatch(values, form)) return;
    const answer = await api("POST", "/api/auth/activate", { token, password: values.password });
    // A used or expired link: offer a new one instead of a dead end.
    if (answer.body?.error?.code === "invalid_token") return showStep("step-expired");
    if (answer.status !== 200) return showError(form, answer);
    showStep("step-done");
  });
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-resend")), async (values, form) => {
    const answer = await api("POST", "/api/auth/activate/resend", { email: values.email });
    if (answer.status !== 202) return showError(form, answer);
    showStep("step-resent");
  });
}

activate();
