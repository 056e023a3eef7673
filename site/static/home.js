// @ts-check
// Mijn portaal: what waits, one tile per contract with what its product offers
// this user, the other pages, and their details.

import { urls, api } from "./portal.js";
import { t, plural } from "./texts.js";
import { me } from "./session.js";

/**
 * @typedef {import("./portal.js").Contract} Contract
 * @typedef {import("./portal.js").Task} Task
 * @typedef {import("./portal.js").User} User
 */

/**
 * What a product offers on its tile, and to which roles; version 1's verzuim actions for now.
 * @type {Record<string, Record<string, import("./portal.js").Role[]>>}
 */
const ACTIONS = {
  verzuim: { employees: ["hr", "finance"], settlement: ["hr", "finance"], documents: ["hr"] },
};

/**
 * A tile: the product, the contract and its employer, and its actions as links
 * that carry the employer and contract they act on.
 * @param {Contract} c
 * @param {User} user
 * @param {boolean} several whether the organisation has more than one employer
 * @param {boolean} choose whether its links must name employer and contract (there is a choice)
 */
function tile(c, user, several, choose) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById("tile"));
  const item = /** @type {DocumentFragment} */ (template.content.cloneNode(true));
  const product = t(`products.${c.product}`);
  item.querySelector("[data-product]").textContent = product;
  const employer = /** @type {HTMLElement} */ (item.querySelector("[data-employer]"));
  employer.textContent = c.employer.company_name;
  employer.hidden = !several;
  // A contract named after its product says only its number.
  item.querySelector("[data-contract]").textContent =
    c.name === product
      ? t("organisation.contract_number_only", { number: c.contract_number })
      : t("organisation.contract_named", { name: c.name, number: c.contract_number });
  const actions = ACTIONS[c.product] || {};
  item.querySelectorAll("[data-action]").forEach((/** @type {HTMLElement} */ li) => {
    const action = li.dataset.action;
    const link = li.querySelector("a");
    if (action === "details") {
      link.href = `${urls.contracts}#contract-${c.id}`;
      return;
    }
    const roles = actions[action];
    li.hidden = !roles || !roles.some((r) => user.roles.includes(r));
    if (choose) link.href = `${link.getAttribute("href")}?employer=${encodeURIComponent(c.employer.id)}&contract=${encodeURIComponent(c.id)}`;
  });
  return item;
}

async function home() {
  const user = await me();
  document.getElementById("me-name").textContent = user.name;
  document.getElementById("me-email").textContent = user.email;
  document.getElementById("me-company").textContent = user.employer.company_name;
  document.getElementById("me-policy").textContent = user.employer.policy_number || t("organisation.none");
  document.getElementById("me-roles").textContent = user.roles.map((r) => t(`portal.roles.${r}`)).join(", ");
  document.getElementById("link-users").hidden = !user.roles.includes("user_management");
  const [contractsAnswer, tasksAnswer] = await Promise.all([api("GET", "/api/contracts"), api("GET", "/api/tasks")]);
  /** @type {Contract[]} */
  const contracts = contractsAnswer.body?.contracts || [];
  const several = new Set(contracts.map((c) => c.employer.id)).size > 1;
  const verzuim = contracts.filter((c) => c.product === "verzuim");
  // One employer with one verzuim contract: its pages need no choice in the address.
  const choose = several || verzuim.length > 1;
  document.getElementById("tiles").replaceChildren(...contracts.map((c) => tile(c, user, several, choose)));
  // What waits for this user, each with the page where it is done; with several
  // contracts, each says which one.
  /** @type {Task[]} */
  const tasks = tasksAnswer.body?.tasks || [];
  const manyContracts = choose;
  document.getElementById("tasks").replaceChildren(
    ...tasks.map((task) => {
      const text =
        task.kind === "wages_missing"
          ? plural("home.tasks.wages_missing", task.count, { year: task.year })
          : t(`home.tasks.${task.kind}`, { year: task.year });
      const which = manyContracts ? `&employer=${encodeURIComponent(task.employer_id)}&contract=${encodeURIComponent(task.contract_id)}` : "";
      const link = Object.assign(document.createElement("a"), {
        href: `${urls.settlement}?year=${task.year}${which}`,
        textContent: manyContracts ? t("organisation.task_of", { task: text, company: task.company_name, number: task.contract_number }) : text,
      });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }),
  );
  document.getElementById("no-tasks").hidden = tasks.length > 0;
  document.getElementById("signed-in").hidden = false;
}

home();
