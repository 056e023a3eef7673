// @ts-check
// Undo a link from the notice e-mail: the token comes with the link; nothing
// happens until the user confirms, so a mail scanner opening the link undoes nothing.

import { api, showError, onSubmit, showStep, token } from "./portal.js";

function revoke() {
  if (!token) return showStep("step-missing");
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-revoke")), async (_, form) => {
    const answer = await api("POST", "/api/links/revoke", { token });
    if (answer.status !== 200) return showError(form, answer);
    showStep("step-done");
  });
}

revoke();
