// @ts-check
// Sign-in: password, then a code from the app, or the first TOTP set-up with its recovery codes, or a recovery code.

import { urls, api, showError, onSubmit, showStep } from "./portal.js";
import { t } from "./texts.js";

function signIn() {
  let challenge = "";
  const finish = () => location.assign(urls.home);

  const setup = (answer) => {
    challenge = answer.challenge;
    const svg = new DOMParser().parseFromString(answer.qr_svg, "image/svg+xml").documentElement;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", t("sign_in.qr"));
    document.getElementById("qr").replaceChildren(document.importNode(svg, true));
    document.getElementById("secret").textContent = answer.secret.replace(/(.{4})/g, "$1 ").trim();
    showStep("step-setup");
  };

  const confirmCode = async (values, form) => {
    const answer = await api("POST", "/api/auth/totp", { challenge, code: values.code.replace(/\s/g, "") });
    if (answer.status !== 200) {
      if (answer.body?.error?.code === "invalid_challenge") {
        showStep("step-password");
        showError(/** @type {HTMLFormElement} */ (document.getElementById("form-password")), answer);
      } else {
        showError(form, answer);
      }
      return;
    }
    const codes = answer.body.recovery_codes;
    if (!codes) return finish();
    const list = document.getElementById("codes");
    list.replaceChildren(...codes.map((c) => Object.assign(document.createElement("li"), { textContent: c })));
    const email = /** @type {HTMLFormElement & { email: HTMLInputElement }} */ (document.getElementById("form-password")).email.value;
    const file = new Blob([`${t("sign_in.codes_header", { email })}\n\n${codes.join("\n")}\n`], { type: "text/plain" });
    const download = /** @type {HTMLAnchorElement} */ (document.getElementById("download-codes"));
    download.href = URL.createObjectURL(file);
    download.download = t("sign_in.codes_file");
    showStep("step-codes");
  };

  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-password")), async (values, form) => {
    const answer = await api("POST", "/api/auth/login", { email: values.email, password: values.password });
    if (answer.status !== 200) return showError(form, answer);
    if (answer.body.next === "totp_setup") return setup(answer.body);
    challenge = answer.body.challenge;
    showStep("step-code");
  });
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-code")), confirmCode);
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-setup")), confirmCode);
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-recovery")), async (values, form) => {
    const answer = await api("POST", "/api/auth/recovery", { challenge, recovery_code: values.recovery_code });
    if (answer.status !== 200) return showError(form, answer);
    setup(answer.body);
  });
  document.getElementById("use-recovery").addEventListener("click", () => showStep("step-recovery"));
  document.getElementById("print-codes").addEventListener("click", () => window.print());
  document.getElementById("codes-done").addEventListener("click", finish);
}

signIn();
