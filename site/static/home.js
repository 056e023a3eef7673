// @ts-check
// Mijn portaal: what waits, the pages the user may open, and their details.

import { urls, api } from "./portal.js";
import { t, plural } from "./texts.js";
import { me } from "./session.js";

async function home() {
  const user = await me();
  document.getElementById("me-name").textContent = user.name;
  document.getElementById("me-email").textContent = user.email;
  document.getElementById("me-company").textContent = user.employer.company_name;
  document.getElementById("me-policy").textContent = user.employer.policy_number;
  document.getElementById("me-roles").textContent = user.roles.map((r) => t(`portal.roles.${r}`)).join(", ");
  document.getElementById("link-users").hidden = !user.roles.includes("user_management");
  const payroll = user.roles.includes("hr") || user.roles.includes("finance");
  document.getElementById("link-employees").hidden = !payroll;
  document.getElementById("link-settlement").hidden = !payroll;
  document.getElementById("link-documents").hidden = !user.roles.includes("hr");
  // What waits for this user, each with the page where it is done.
  /** @type {import("./portal.js").Task[]} */
  const tasks = (await api("GET", "/api/tasks")).body?.tasks || [];
  document.getElementById("tasks").replaceChildren(
    ...tasks.map((task) => {
      const link = Object.assign(document.createElement("a"), {
        href: `${urls.settlement}?year=${task.year}`,
        textContent:
          task.kind === "wages_missing"
            ? plural("home.tasks.wages_missing", task.count, { year: task.year })
            : t(`home.tasks.${task.kind}`, { year: task.year }),
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
