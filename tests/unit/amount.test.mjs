// The page's amount reader and formatter in Node, on the shared case table
// (site/tests/amount-cases.json, also run in Chromium by tests/browser/amount.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readAmount, formatAmount, typedAmount } from "../../site/static/amount.js";

const cases = JSON.parse(readFileSync(new URL("../../site/tests/amount-cases.json", import.meta.url), "utf8"));

/** A case's expectation in readAmount's shape. */
export const expected = (want) => (typeof want === "string" ? { ok: true, value: want } : { ok: false, ...want });

for (const lang of ["nl", "en"]) {
  test(`amounts typed on ${lang} pages`, () => {
    for (const [input, want] of cases[lang]) assert.deepEqual(readAmount(input, lang), expected(want), `${lang}: ${JSON.stringify(input)}`);
  });
}

test("every amount the reader accepts is shown and typed back to the same amount", () => {
  for (const lang of ["nl", "en"]) {
    for (const [input, want] of cases[lang]) {
      if (typeof want !== "string") continue;
      assert.deepEqual(readAmount(typedAmount(want, lang), lang), { ok: true, value: want }, `${lang}: ${input}`);
      assert.deepEqual(readAmount(formatAmount(want, lang), lang), { ok: true, value: want }, `${lang}: ${input}`);
    }
  }
});

test("amounts shown in the page's notation from the decimal string", () => {
  for (const [amount, nl, en] of [
    ["0.00", "€ 0,00", "€0.00"],
    ["21844.12", "€ 21.844,12", "€21,844.12"],
    ["999.5", "€ 999,50", "€999.50"],
    ["1234567.89", "€ 1.234.567,89", "€1,234,567.89"],
    ["-3427.65", "€ -3.427,65", "-€3,427.65"],
    // Beyond a float's exact range: digits are never rounded through Number.
    ["999999999999.99", "€ 999.999.999.999,99", "€999,999,999,999.99"],
  ]) {
    assert.equal(formatAmount(amount, "nl"), nl);
    assert.equal(formatAmount(amount, "en"), en);
  }
  assert.equal(typedAmount("54100.00", "nl"), "54.100,00");
  assert.equal(typedAmount("54100.00", "en"), "54,100.00");
});
