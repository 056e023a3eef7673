// @ts-check
// The documents page (role hr): choose the kind and the year, then a file with the
// file button (the keyboard's way) or by dropping it on the drop zone. Each chosen
// file is checked at once (POST /api/documents/check, nothing stored) and its
// findings are shown per line; an accepted file can be sent (POST /api/documents),
// a refused one is fixed and chosen again. Below, the documents sent so far, each
// with a download link. Static HTML driven through the helpers of portal.js.

import { lang, api, showError, clearError } from "./portal.js";
import { me } from "./session.js";
import { showDateTime, policyYears } from "./dates.js";
import { t, plural, has } from "./texts.js";

/**
 * @typedef {import("./portal.js").Finding} Finding
 * @typedef {import("./portal.js").Findings} Findings
 * @typedef {import("./portal.js").DocumentRow} DocumentRow
 */

/** The API's limit, checked here too so a large file is not sent for nothing. */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The element with this id, as the type the caller expects (`HTMLElement` unless said).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
const $ = (id) => /** @type {T} */ (document.getElementById(id));
const locale = lang === "en" ? "en-GB" : "nl-NL";

/**
 * A size in KB or MB in the page's notation (0,3 KB / 1,2 MB on Dutch pages).
 * @param {number} bytes
 */
function fileSize(bytes) {
  const number = (/** @type {number} */ value, /** @type {number} */ digits) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  // Rounded up below 10 KB, so a small file is never "0,0 KB".
  const kb = bytes / 1024;
  if (kb < 10) return `${number(Math.max(0.1, Math.ceil(kb * 10) / 10), 1)} KB`;
  if (kb < 1024) return `${number(kb, 0)} KB`;
  return `${number(kb / 1024, 1)} MB`;
}

/**
 * A file name that may break after its separators (_ - .), never inside a word.
 * @param {string} name
 */
function breakable(name) {
  const parts = document.createDocumentFragment();
  name.split(/(?<=[_\-.])/).forEach((part, i) => {
    if (i) parts.append(document.createElement("wbr"));
    parts.append(part);
  });
  return parts;
}

/**
 * @param {string | Node | null | undefined} value
 * @param {string} [className]
 */
function cell(value, className) {
  const td = document.createElement("td");
  if (value instanceof Node) td.append(value);
  else td.textContent = value ?? "";
  if (className) td.className = className;
  return td;
}

/**
 * One finding as a table row: line, field (in words), message, error or warning.
 * @param {Finding} f
 */
function findingRow(f) {
  const tr = document.createElement("tr");
  const message = document.createDocumentFragment();
  // The codes the help page names have a title; others are told by their message.
  if (has(`findings.${f.code}`)) {
    message.append(Object.assign(document.createElement("span"), { className: "finding-title", textContent: t(`findings.${f.code}`) }), " ");
  }
  message.append(f.message);
  const severity = document.createDocumentFragment();
  const symbol = Object.assign(document.createElement("span"), { textContent: f.severity === "error" ? "✖ " : "⚠ " });
  symbol.setAttribute("aria-hidden", "true");
  severity.append(symbol, t(`documents.severity.${f.severity}`));
  tr.append(
    cell(f.row === undefined || f.row === null ? "" : String(f.row)),
    cell(f.field ? t(`fields.${f.field}`) : ""),
    cell(message),
    cell(severity, `severity severity-${f.severity}`),
  );
  return tr;
}

async function documents() {
  const user = await me();
  $("signed-in").hidden = false;

  /** @type {HTMLFormElement & { kind: RadioNodeList }} */
  const form = $("form-document");
  /** @type {HTMLInputElement} */
  const input = $("doc-file");
  const zone = $("drop-zone");
  const chosen = $("doc-chosen");
  const status = $("check-status");
  const table = $("findings");
  /** @type {HTMLButtonElement} */
  const submit = $("doc-submit");
  const sent = $("submit-status");

  // The chosen file, read into memory: what was checked is what is sent, even if
  // the file on disk changes in between.
  /** @type {File | null} */
  let file = null;
  // Each check has a number; an answer to an older one is ignored.
  let checks = 0;

  const now = new Date().getFullYear();
  /** @type {HTMLSelectElement} */
  const years = $("doc-year");
  for (const year of policyYears(user.employer.policy_start, now)) years.add(new Option(String(year), String(year), false, year === now - 1));

  const formData = () => {
    const data = new FormData();
    data.append("kind", form.kind.value);
    data.append("year", years.value);
    data.append("file", file, file.name);
    return data;
  };

  const reset = () => {
    status.textContent = "";
    status.classList.remove("form-error");
    table.hidden = true;
    $("findings-body").replaceChildren();
    submit.hidden = true;
  };

  /**
   * Shows a check's findings and what they mean; an accepted file may be sent.
   * @param {Findings} result
   */
  const show = (result) => {
    const findings = result.findings || [];
    $("findings-body").replaceChildren(...findings.map(findingRow));
    table.hidden = findings.length === 0;
    const count = (severity) => findings.filter((f) => f.severity === severity).length;
    const medical = findings.some((f) => f.code === "medical_data");
    const warnings = count("warning");
    status.textContent = result.accepted
      ? warnings === 0
        ? t("documents.accepted")
        : plural("documents.accepted_warnings", warnings)
      : medical
        ? t("documents.medical")
        : plural("documents.refused", count("error"));
    status.classList.toggle("form-error", !result.accepted);
    submit.hidden = !result.accepted;
  };

  const check = async () => {
    const mine = ++checks;
    clearError(form);
    reset();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      return show({ accepted: false, findings: [{ code: "too_large", severity: "error", field: "file", message: t("documents.too_large") }] });
    }
    status.textContent = t("documents.checking", { name: file.name });
    const answer = await api("POST", "/api/documents/check", formData());
    if (mine !== checks) return;
    if (Array.isArray(answer.body?.findings)) return show(answer.body);
    reset();
    showError(form, answer);
  };

  let choices = 0;
  /** @param {File | undefined} picked */
  const choose = async (picked) => {
    sent.textContent = "";
    if (!picked) return;
    const mine = ++choices;
    chosen.textContent = t("documents.chosen", { name: picked.name, size: fileSize(picked.size) });
    chosen.hidden = false;
    const copy = picked.size > MAX_BYTES ? picked : new File([await picked.arrayBuffer()], picked.name, { type: picked.type });
    if (mine !== choices) return;
    file = copy;
    // Choosing the same (corrected) file again must count as a new choice.
    input.value = "";
    await check();
  };

  input.addEventListener("change", () => choose(input.files[0]));
  form.addEventListener("change", (event) => {
    const { name } = /** @type {HTMLInputElement | HTMLSelectElement} */ (event.target);
    if (name === "kind" || name === "year") check();
  });

  // The drop zone: an enhancement of the file button, which stays the keyboard's way.
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", (event) => {
    if (!zone.contains(/** @type {Node | null} */ (event.relatedTarget))) zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    choose(event.dataTransfer.files[0]);
  });
  // A file dropped next to the zone is not opened by the browser instead.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!file || submit.hidden) return;
    clearError(form);
    submit.disabled = true;
    const kind = form.kind.value;
    const year = years.value;
    const answer = await api("POST", "/api/documents", formData());
    submit.disabled = false;
    if (answer.status === 201) {
      const name = file.name;
      file = null;
      checks++;
      reset();
      chosen.hidden = true;
      await list();
      sent.textContent = t("documents.sent", { kind: t(`documents.kinds.${kind}`), year, name });
      sent.focus();
      return;
    }
    if (Array.isArray(answer.body?.findings)) return show(answer.body);
    showError(form, answer);
  });

  const list = async () => {
    const answer = await api("GET", "/api/documents");
    const empty = $("documents-empty");
    if (answer.status !== 200) {
      empty.textContent = answer.body?.error?.message || "";
      empty.hidden = false;
      return;
    }
    /** @type {DocumentRow[]} */
    const docs = answer.body.documents;
    $("documents-body").replaceChildren(
      ...docs.map((d) => {
        const tr = document.createElement("tr");
        const link = Object.assign(document.createElement("a"), { href: `/api/documents/${encodeURIComponent(d.id)}` });
        link.append(breakable(d.file_name));
        link.download = d.file_name;
        tr.append(
          cell(link),
          cell(t(`documents.kinds.${d.kind}`)),
          cell(String(d.year)),
          cell(fileSize(d.size), "align-right"),
          cell(showDateTime(d.uploaded_at), "date"),
          cell(d.uploaded_by),
        );
        return tr;
      }),
    );
    empty.textContent = t("documents.empty");
    empty.hidden = docs.length > 0;
    $("documents-table").hidden = docs.length === 0;
  };

  await list();
}

documents();
