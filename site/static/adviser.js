// @ts-check
// Mijn adviseur: who advises the chosen employer, as the insurer recorded it.

import { api, chosen } from "./portal.js";
import { me } from "./session.js";

/** @typedef {import("./portal.js").OrgEmployer} OrgEmployer */

async function adviser() {
  const user = await me();
  const employerId = chosen.employer || user.employer.id;
  const answer = await api("GET", "/api/employers");
  /** @type {OrgEmployer | undefined} */
  const employer = answer.body?.employers?.find((/** @type {OrgEmployer} */ e) => e.id === employerId);
  if (!employer) return;
  document.getElementById("adviser-company").textContent = employer.company_name;
  const a = employer.adviser;
  if (a) {
    document.getElementById("adviser-name").textContent = a.name;
    Object.assign(document.getElementById("adviser-email"), { href: `mailto:${a.email}`, textContent: a.email });
    Object.assign(document.getElementById("adviser-phone"), { href: `tel:${(a.phone || "").replace(/[^+\d]/g, "")}`, textContent: a.phone || "" });
    document.querySelectorAll("[data-phone]").forEach((el) => ((/** @type {HTMLElement} */ (el)).hidden = !a.phone));
  }
  document.getElementById("adviser").hidden = !a;
  document.getElementById("no-adviser").hidden = Boolean(a);
  document.getElementById("signed-in").hidden = false;
}

adviser();
