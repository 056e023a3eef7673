// @ts-check
// Contracten: every contract the organisation reaches; for user managers the
// linked employers (unlink) and linking another one with its customer number and
// one of its contract numbers.

import { api, showError, onSubmit } from "./portal.js";
import { t } from "./texts.js";
import { me } from "./session.js";
import { showDate } from "./dates.js";

/**
 * @typedef {import("./portal.js").Contract} Contract
 * @typedef {import("./portal.js").OrgEmployer} OrgEmployer
 */

const cell = (/** @type {string} */ value, className = "") => Object.assign(document.createElement("td"), { textContent: value, className });

async function contracts() {
  const user = await me();
  const manager = user.roles.includes("user_management");
  const status = document.getElementById("contracts-status");
  const render = async () => {
    const [listed, employers] = await Promise.all([api("GET", "/api/contracts"), api("GET", "/api/employers")]);
    /** @type {OrgEmployer[]} */
    const all = employers.body?.employers || [];
    const linked = new Set(all.filter((e) => e.linked).map((e) => e.id));
    document.getElementById("contracts-body").replaceChildren(
      .../** @type {Contract[]} */ (listed.body?.contracts || []).map((c) => {
        const row = document.createElement("tr");
        row.id = `contract-${c.id}`;
        const company = linked.has(c.employer.id) ? `${c.employer.company_name} (${t("organisation.linked")})` : c.employer.company_name;
        row.append(
          cell(company),
          cell(t(`products.${c.product}`)),
          cell(c.contract_number),
          cell(c.name),
          cell(showDate(c.start_date), "date"),
          cell(c.end_date ? showDate(c.end_date) : t("organisation.none"), "date"),
        );
        return row;
      }),
    );
    if (!manager) return all;
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById("linked-item"));
    document.getElementById("linked-list").replaceChildren(
      ...all
        .filter((e) => e.linked)
        .map((e) => {
          const item = /** @type {DocumentFragment} */ (template.content.cloneNode(true));
          item.querySelector("[data-company]").textContent = e.company_name;
          onSubmit(item.querySelector("form"), async (_, form) => {
            const answer = await api("DELETE", `/api/links/${encodeURIComponent(e.id)}`);
            if (answer.status !== 204) return showError(form, answer);
            status.textContent = t("organisation.unlinked", { company: e.company_name });
            await render();
          });
          return item;
        }),
    );
    document.getElementById("no-linked").hidden = linked.size > 0;
    return all;
  };
  await render();
  document.getElementById("links").hidden = !manager;
  onSubmit(/** @type {HTMLFormElement} */ (document.getElementById("form-link")), async (values, form) => {
    const answer = await api("POST", "/api/links", { customer_number: values.customer_number, contract_number: values.contract_number });
    if (answer.status !== 201) return showError(form, answer);
    form.reset();
    const company = (await render()).find((e) => e.id === answer.body.employer_id)?.company_name || "";
    status.textContent = t("organisation.linked_done", { company });
  });
  document.getElementById("signed-in").hidden = false;
}

contracts();
