// @ts-check
// The page's texts: the scripts hold none of their own. The page carries the
// sections its scripts name as JSON (<script type="application/json" id="texts">,
// from site/strings/*.toml and functions/labels.json); a key is "section.name"
// ("payroll.found", "fields.end_date"). `{name}` in a text is filled in from
// `vars`. Side-effect free: the page's JSON is read on the first lookup, and Node
// tests hand in their own with `useTexts`.

/**
 * @typedef {{ one: string, other: string }} Plural
 *   A text chosen by a count: `one` for 1, `other` otherwise.
 * @typedef {Record<string, string | number>} Vars
 */

/** @type {Record<string, any> | null} */
let catalogue = null;

/**
 * Uses `texts` instead of the page's JSON.
 * @param {Record<string, any>} texts
 */
export function useTexts(texts) {
  catalogue = texts;
}

/**
 * What the key names: a text, a plural or a table; undefined when nothing. A key
 * of a table may itself hold dots (a field path such as "policy.start_date").
 * @param {string} key
 */
function find(key) {
  catalogue ??= JSON.parse(document.getElementById("texts")?.textContent || "{}");
  /** @type {(table: any, rest: string) => any} */
  const walk = (table, rest) => {
    if (table === null || typeof table !== "object") return undefined;
    if (Object.hasOwn(table, rest)) return table[rest];
    const dot = rest.indexOf(".");
    return dot > 0 ? walk(table[rest.slice(0, dot)], rest.slice(dot + 1)) : undefined;
  };
  return walk(catalogue, key);
}

/**
 * `text` with each `{name}` replaced by `vars[name]`; a name without a value is a
 * mistake in the script, never shown.
 * @param {string} key
 * @param {string} text
 * @param {Vars} vars
 */
function fill(key, text, vars) {
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    if (!Object.hasOwn(vars, name)) throw new Error(`text ${key}: no value for {${name}}`);
    return String(vars[name]);
  });
}

/** Whether the page has the text `key` (an optional title, say). */
export const has = (/** @type {string} */ key) => typeof find(key) === "string";

/**
 * The text `key`, its placeholders filled in from `vars`.
 * @param {string} key
 * @param {Vars} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  const text = find(key);
  if (typeof text !== "string") throw new Error(`no text ${key}`);
  return fill(key, text, vars);
}

/**
 * The text `key` for the count `n` (`{n}` in it is the count), placeholders filled in from `vars`.
 * @param {string} key
 * @param {number} n
 * @param {Vars} [vars]
 * @returns {string}
 */
export function plural(key, n, vars = {}) {
  /** @type {Plural | undefined} */
  const texts = find(key);
  if (typeof texts?.one !== "string" || typeof texts?.other !== "string") throw new Error(`no plural text ${key}`);
  return fill(key, n === 1 ? texts.one : texts.other, { n, ...vars });
}
