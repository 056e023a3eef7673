// @ts-check
// The printable specification of a year's settlement.

import { api } from "./portal.js";
import { me } from "./session.js";
import { text, $, renderRows, renderTotals, yearParam } from "./payroll.js";
import { showDate } from "./dates.js";

async function specification() {
  const year = yearParam();
  const fail = (/** @type {string} */ message) => Object.assign($("spec-error"), { textContent: message, hidden: false });
  if (!year) return fail(text.badYear);
  const [user, answer] = await Promise.all([me(), api("GET", `/api/settlements/${year}`)]);
  if (answer.status !== 200) return fail(answer.body?.error?.message || text.badYear);
  /** @type {import("./portal.js").Settlement} */
  const s = answer.body;
  const heading = text.specHeading(year);
  $("spec-heading").textContent = heading;
  document.title = `${heading} · ${user.employer.company_name}`;
  $("spec-company").textContent = user.employer.company_name;
  $("spec-policy").textContent = user.employer.policy_number;
  $("spec-year").textContent = String(year);
  $("spec-status").textContent = s.status === "submitted" ? text.status.submitted(showDate(s.submitted_at)) : text.status.open;
  renderRows($("spec-body"), s);
  renderTotals(s);
  $("signed-in").hidden = false;
  $("print").addEventListener("click", () => window.print());
  if (new URLSearchParams(location.search).has("print")) window.print();
}

specification();
