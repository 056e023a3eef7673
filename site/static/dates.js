// @ts-check
// Dates as people type them and as pages show them: dd-mm-jjjj in both languages
// (the date fields ask for it), on the wire ISO. Pure functions on strings.

/**
 * A date as typed (dd-mm-jjjj, also with / or . and one-digit days or months, such
 * as 1-2-2024) in ISO for the API; other input as it is, for the API to refuse.
 * @param {string | undefined} typed
 */
export function isoDate(typed) {
  const value = (typed || "").trim();
  const m = value.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : value;
}

/**
 * An ISO date (or the date of a timestamp) as dd-mm-jjjj; empty for none.
 * @param {string | null | undefined} iso
 */
export const showDate = (iso) => (iso ? iso.slice(0, 10).split("-").reverse().join("-") : "");

/**
 * A timestamp in the reader's local time as dd-mm-jjjj HH:MM.
 * @param {string} iso
 */
export function showDateTime(iso) {
  const d = new Date(iso);
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}-${two(d.getMonth() + 1)}-${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * The years a year list offers, newest first: from `thisYear` back to the year the
 * policy started (ISO date; unknown: six years back), never more than seven.
 * @param {string | null | undefined} policyStart
 * @param {number} thisYear
 */
export function policyYears(policyStart, thisYear) {
  const start = Number((policyStart || "").slice(0, 4)) || thisYear - 6;
  const first = Math.min(thisYear, Math.max(start, thisYear - 6));
  return Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i);
}
