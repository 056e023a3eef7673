// The texts module in Node, on a catalogue handed in as the page would carry it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useTexts, t, plural, has } from "../../site/static/texts.js";

useTexts({
  payroll: {
    added: "{name} is toegevoegd.",
    found: { one: "1 werknemer gevonden.", other: "{n} werknemers gevonden." },
    imported: { one: "1 loon over {year} geïmporteerd.", other: "{n} lonen over {year} geïmporteerd." },
    caption: { active: "Werknemers in dienst" },
  },
  fields: { end_date: "Datum uit dienst", "policy.start_date": "Ingangsdatum polis" },
});

test("a text with its placeholders filled in", () => {
  assert.equal(t("payroll.added", { name: "J. de Vries" }), "J. de Vries is toegevoegd.");
  assert.equal(t("payroll.caption.active"), "Werknemers in dienst");
  assert.equal(t("fields.end_date"), "Datum uit dienst");
  assert.equal(t("fields.policy.start_date"), "Ingangsdatum polis");
});

test("a count chooses one or other, and is {n}", () => {
  assert.equal(plural("payroll.found", 1), "1 werknemer gevonden.");
  assert.equal(plural("payroll.found", 0), "0 werknemers gevonden.");
  assert.equal(plural("payroll.imported", 3, { year: 2024 }), "3 lonen over 2024 geïmporteerd.");
});

test("a missing text or value is a mistake, never shown", () => {
  assert.throws(() => t("payroll.gone"), /no text payroll.gone/);
  assert.throws(() => t("payroll.added"), /no value for \{name\}/);
  assert.throws(() => t("payroll.found"), /no text/);
  assert.throws(() => plural("payroll.added", 2), /no plural text/);
  assert.equal(has("fields.end_date"), true);
  assert.equal(has("findings.outside_year"), false);
});
