// @ts-check
// Users: the organisation's users, their roles, invitations and the security log.

import { api, showError, onSubmit } from "./portal.js";
import { t } from "./texts.js";
import { me } from "./session.js";
import { showDateTime } from "./dates.js";

/** @typedef {import("./portal.js").OrgUser} OrgUser */

/**
 * The role checkboxes, named `name`, those in `checked` ticked.
 * @param {string} name
 * @param {string[]} checked
 */
function roleBoxes(name, checked) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById("role-boxes"));
  const boxes = /** @type {DocumentFragment} */ (template.content.cloneNode(true));
  boxes.querySelectorAll("input").forEach((input) => {
    input.name = name;
    input.id = `${name}-${input.value}`;
    /** @type {HTMLLabelElement} */ (input.nextElementSibling).htmlFor = input.id;
    input.checked = checked.includes(input.value);
  });
  return boxes;
}

async function users() {
  const user = await me();
  document.getElementById("signed-in").hidden = false;
  const body = document.getElementById("users-body");
  const cell = (value, className = "") => Object.assign(document.createElement("td"), { textContent: value ?? "", className });
  const render = async () => {
    const answer = await api("GET", "/api/users");
    body.replaceChildren(.../** @type {OrgUser[]} */ (answer.body.users).map(userRow));
    const log = await api("GET", "/api/security-log");
    document.getElementById("log-body").replaceChildren(
      ...log.body.events.map((e) => {
        const row = document.createElement("tr");
        row.append(cell(showDateTime(e.at), "date"), cell(t(`users.events.${e.kind}`)), cell(e.user_email), cell(e.actor_email));
        return row;
      }),
    );
  };

  /** @param {OrgUser} u */
  const userRow = (u) => {
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById("user-row"));
    const row = /** @type {HTMLTableRowElement} */ (template.content.firstElementChild.cloneNode(true));
    row.querySelector("[data-name]").textContent = u.name;
    row.querySelector("[data-email]").textContent = u.email;
    row.querySelector("[data-status]").textContent = t(`users.status.${u.status}`);
    const form = row.querySelector("form");
    form.querySelector("fieldset").append(roleBoxes(`roles-${u.id}`, u.roles));
    form.querySelector("legend").textContent += ` ${u.name}`;
    onSubmit(form, async (_, f) => {
      const roles = [.../** @type {NodeListOf<HTMLInputElement>} */ (f.querySelectorAll("input:checked"))].map((i) => i.value);
      const answer = await api("PATCH", `/api/users/${u.id}`, { roles });
      if (answer.status !== 200) return showError(f, answer);
      await render();
    });
    /** @type {HTMLButtonElement} */
    const toggle = row.querySelector("[data-toggle]");
    if (u.status === "disabled") toggle.textContent = t("users.enable");
    toggle.hidden = u.status === "invited" || u.id === user.id;
    toggle.addEventListener("click", async () => {
      const status = u.status === "disabled" ? "active" : "disabled";
      const answer = await api("PATCH", `/api/users/${u.id}`, { status });
      if (answer.status !== 200) return showError(form, answer);
      await render();
    });
    return row;
  };

  const invite = /** @type {HTMLFormElement} */ (document.getElementById("form-invite"));
  invite.querySelector("fieldset").append(roleBoxes("roles", []));
  onSubmit(invite, async (values, form) => {
    const roles = [.../** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[name=roles]:checked"))].map((i) => i.value);
    const answer = await api("POST", "/api/users", { name: values.name, email: values.email, roles });
    if (answer.status !== 201) return showError(form, answer);
    const status = document.getElementById("invite-status");
    status.textContent = t("users.invited", { email: values.email });
    form.reset();
    await render();
  });
  await render();
}

users();
