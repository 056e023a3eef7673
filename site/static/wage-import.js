// @ts-check
// The CSV wage import form (employees page and the settlement's wage step).

import { api, showError, onSubmit } from "./portal.js";
import { $ } from "./payroll.js";
import { t, plural } from "./texts.js";

/**
 * Wires the import form: the file goes as text/csv; a refused file lists its errors per line.
 * @param {() => number | string} yearOf the year the wages are for
 * @param {() => Promise<void>} afterImport
 */
export function wageImport(yearOf, afterImport) {
  /** @type {HTMLFormElement} */
  const form = $("form-import");
  const list = $("import-errors");
  onSubmit(form, async (_, /** @type {HTMLFormElement & { file: HTMLInputElement }} */ f) => {
    list.hidden = true;
    $("import-status").textContent = "";
    const file = f.file.files[0];
    if (!file) return showError(f, { body: { error: { message: t("payroll.choose_file"), field: "file" } } });
    const year = yearOf();
    const answer = await api("POST", `/api/wages/${year}/import`, file, "text/csv");
    if (answer.status !== 200) {
      /** @type {{ row: number, message: string }[]} */
      const rows = answer.body?.errors || [];
      list.replaceChildren(...rows.map((r) => Object.assign(document.createElement("li"), { textContent: t("payroll.row", { row: r.row, message: r.message }) })));
      list.hidden = rows.length === 0;
      return showError(f, answer);
    }
    $("import-status").textContent = plural("payroll.imported", answer.body.imported, { year });
    f.file.value = "";
    await afterImport();
  });
}
