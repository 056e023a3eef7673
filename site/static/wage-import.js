// The CSV wage import form (employees page and the settlement's wage step).

import { api, showError, onSubmit } from "./portal.js";
import { text, $ } from "./payroll.js";

/** Wires the import form: the file goes as text/csv; a refused file lists its errors per line. */
export function wageImport(yearOf, afterImport) {
  const form = $("form-import");
  const list = $("import-errors");
  onSubmit(form, async (_, f) => {
    list.hidden = true;
    $("import-status").textContent = "";
    const file = f.file.files[0];
    if (!file) return showError(f, { body: { error: { message: text.chooseFile, field: "file" } } });
    const year = yearOf();
    const answer = await api("POST", `/api/wages/${year}/import`, file, "text/csv");
    if (answer.status !== 200) {
      const rows = answer.body?.errors || [];
      list.replaceChildren(...rows.map((r) => Object.assign(document.createElement("li"), { textContent: text.row(r.row, r.message) })));
      list.hidden = rows.length === 0;
      return showError(f, answer);
    }
    $("import-status").textContent = text.imported(answer.body.imported, year);
    f.file.value = "";
    await afterImport();
  });
}
