// @ts-check
// The printable specification of a year's settlement.

import { api } from "./portal.js";
import { me } from "./session.js";
import { t } from "./texts.js";
import { $, renderRows, renderTotals, yearParam } from "./payroll.js";
import { showDate } from "./dates.js";

async function specification() {
  const year = yearParam();
  const fail = (/** @type {string} */ message) => Object.assign($("spec-error"), { textContent: message, hidden: false });
  if (!year) return fail(t("payroll.bad_year"));
  const [user, answer] = await Promise.all([me(), api("GET", `/api/settlements/${year}`)]);
  if (answer.status !== 200) return fail(answer.body?.error?.message || t("payroll.bad_year"));
  /** @type {import("./portal.js").Settlement} */
  const s = answer.body;
  const heading = t("payroll.spec_heading", { year });
  $("spec-heading").textContent = heading;
  document.title = `${heading} · ${user.employer.company_name}`;
  $("spec-company").textContent = user.employer.company_name;
  $("spec-policy").textContent = user.employer.policy_number;
  $("spec-year").textContent = String(year);
  $("spec-status").textContent = s.status === "submitted" ? t("payroll.status_submitted", { date: showDate(s.submitted_at) }) : t("payroll.status_open");
  renderRows($("spec-body"), s);
  renderTotals(s);
  $("signed-in").hidden = false;
  $("print").addEventListener("click", () => window.print());
  if (new URLSearchParams(location.search).has("print")) window.print();
}

specification();
