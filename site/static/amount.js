// @ts-check
// Amounts as people type them on a page, and amounts as pages show them. Pure
// functions on strings: money never passes through a JS number here.
//
// Dutch pages: a dot groups thousands and a comma marks the cents ("54.100",
// "54.100,00", "54100" and "€ 54.100" are all 54100.00; "54,10" is 54.10).
// English pages: a comma groups thousands and a point marks the cents, and a lone
// decimal comma ("54,10") is read too, as the API reads it. A form that two
// readers would read differently ("54.10" on a Dutch page, "54,100" on an English
// one) is refused with both readings, never guessed.

/**
 * @typedef {"nl" | "en"} Lang
 * @typedef {{ ok: true, value: string }
 *   | { ok: false, reason: "empty" | "not_a_number" | "negative" | "too_precise" | "too_large" }
 *   | { ok: false, reason: "ambiguous", readings: [string, string] }} Reading
 * @typedef {Extract<Reading, { ok: false }>} Refusal
 *   A reading that failed, with its reason.
 */

/** Amounts stay below 10^12 euros (the API's limit). */
const MAX_WHOLE_DIGITS = 12;

/** "054100", "5" → the API's form "54100.00" / "5.50" (whole digits, 0–2 decimals). */
function canonical(/** @type {string} */ whole, /** @type {string} */ cents) {
  const w = whole.replace(/^0+(?=\d)/, "");
  return `${w}.${cents.padEnd(2, "0")}`;
}

/** Digits split by `mark` into groups of three after a first group of one to three. */
function groupedBy(/** @type {string} */ text, /** @type {string} */ mark) {
  const groups = text.split(mark);
  return (
    /^[1-9]\d{0,2}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)) ? groups.join("") : null
  );
}

/**
 * Reads an amount typed on a page in `lang`.
 * @param {string} input
 * @param {Lang} lang
 * @returns {Reading}
 */
export function readAmount(input, lang) {
  const s = input
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/^(€|eur)/i, "")
    .replace(/(€|eur)$/i, "");
  if (s === "") return { ok: false, reason: "empty" };
  if (/^[-−]/.test(s)) return { ok: false, reason: "negative" };
  if (!/^\d[\d.,]*$/.test(s) || !/\d$/.test(s)) return { ok: false, reason: "not_a_number" };

  /** @type {Reading} */
  let reading;
  const marks = /** @type {string[]} */ (s.match(/[.,]/g) || []);
  const last = Math.max(s.lastIndexOf("."), s.lastIndexOf(","));
  if (marks.length === 0) {
    reading = { ok: true, value: canonical(s, "") };
  } else if (marks.includes(".") && marks.includes(",")) {
    // Both marks: the last one marks the cents, the other groups thousands.
    const mark = s[last];
    const whole = groupedBy(s.slice(0, last), mark === "," ? "." : ",");
    const cents = s.slice(last + 1);
    if (whole === null) return { ok: false, reason: "not_a_number" };
    reading = cents.length <= 2 ? { ok: true, value: canonical(whole, cents) } : { ok: false, reason: "too_precise" };
  } else if (marks.length > 1) {
    // One mark, several times: only thousands can repeat.
    const whole = groupedBy(s, marks[0]);
    if (whole === null) return { ok: false, reason: "not_a_number" };
    reading = { ok: true, value: canonical(whole, "") };
  } else {
    reading = oneMark(s.slice(0, last), s[last], s.slice(last + 1), lang);
  }
  if (reading.ok && reading.value.split(".")[0].length > MAX_WHOLE_DIGITS) return { ok: false, reason: "too_large" };
  return reading;
}

/**
 * One separator between `whole` and `after`: cents, thousands, or either.
 * @param {string} whole
 * @param {string} mark
 * @param {string} after
 * @param {Lang} lang
 * @returns {Reading}
 */
function oneMark(whole, mark, after, lang) {
  const asCents = canonical(whole, after);
  const asThousands = canonical(whole + after, "");
  const couldGroup = after.length === 3 && /^[1-9]\d{0,2}$/.test(whole);
  if (lang === "nl" && mark === ".") {
    if (couldGroup) return { ok: true, value: asThousands };
    if (after.length <= 2) return { ok: false, reason: "ambiguous", readings: [asCents, asThousands] };
    return { ok: false, reason: "not_a_number" };
  }
  // A decimal mark of either kind (a comma on Dutch pages; on English pages a
  // point, or a comma as the API reads a lone one).
  if (after.length <= 2) return { ok: true, value: asCents };
  if (couldGroup) {
    // "54,100" as cents is 54.10; "54,105" keeps its third decimal to show.
    const cents = after.endsWith("0") ? canonical(whole, after.slice(0, 2)) : `${canonical(whole, "").split(".")[0]}.${after}`;
    return { ok: false, reason: "ambiguous", readings: [cents, asThousands] };
  }
  return { ok: false, reason: "too_precise" };
}

/**
 * An amount from the API ("-21844.1" or "21844.12") in the page's notation:
 * "€ 21.844,12" on Dutch pages, "€21,844.12" on English ones.
 * @param {string} amount
 * @param {Lang} lang
 */
export function formatAmount(amount, lang) {
  const negative = amount.startsWith("-");
  const [whole, cents = ""] = amount.replace(/^[-+]/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "nl" ? "." : ",");
  const number = `${grouped}${lang === "nl" ? "," : "."}${cents.padEnd(2, "0")}`;
  if (lang === "nl") return negative ? `€ -${number}` : `€ ${number}`;
  return negative ? `-€${number}` : `€${number}`;
}

/**
 * An amount from the API as a person would type it on the page, without the
 * euro sign: "54.100,00" on Dutch pages, "54,100.00" on English ones.
 * @param {string} amount
 * @param {Lang} lang
 */
export function typedAmount(amount, lang) {
  return formatAmount(amount, lang).replace(/€\s?/, "");
}
