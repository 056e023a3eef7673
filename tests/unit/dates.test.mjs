// Dates as typed and shown on the pages, and the years a year list offers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isoDate, showDate, policyYears } from "../../site/static/dates.js";

test("dates typed the Dutch way become ISO; others go to the API as typed", () => {
  for (const [typed, iso] of [
    ["1-2-2024", "2024-02-01"],
    ["01-02-2024", "2024-02-01"],
    ["1/2/2024", "2024-02-01"],
    [" 31.12.2023 ", "2023-12-31"],
    ["2024-02-01", "2024-02-01"],
    ["1-2-24", "1-2-24"],
    ["", ""],
  ]) {
    assert.equal(isoDate(typed), iso, typed);
  }
  assert.equal(showDate("2024-02-01"), "01-02-2024");
  assert.equal(showDate("2024-02-01T10:00:00Z"), "01-02-2024");
  assert.equal(showDate(null), "");
});

test("year lists start at the policy's start, at most seven years back", () => {
  assert.deepEqual(policyYears("2024-03-01", 2026), [2026, 2025, 2024]);
  assert.deepEqual(policyYears("2026-01-01", 2026), [2026]);
  assert.deepEqual(policyYears("2010-01-01", 2026), [2026, 2025, 2024, 2023, 2022, 2021, 2020]);
  assert.deepEqual(policyYears(undefined, 2026), [2026, 2025, 2024, 2023, 2022, 2021, 2020]);
  // A policy that starts next year still offers this year.
  assert.deepEqual(policyYears("2027-01-01", 2026), [2026]);
});
