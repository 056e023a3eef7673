// @ts-check
// Search in the help pages. The index (/search/<lang>.json, built by site/src/search.rs)
// is fetched on the first focus or input in the search box, never before. A query is
// normalised with the rules the index carries, the same data the site builder used,
// its words expanded with the index's synonyms (the words employers bring from other
// portals, searched as the pages' words too), and the best answers are listed with
// the matching words marked. Arrow keys move through the results, Escape closes
// them. Without this script the form opens the FAQ index.

const MAX_RESULTS = 8;
/** Only a partly typed last word of at least this length matches as a prefix. */
const MIN_PREFIX = 3;
/** The weight of a term that a partly typed word only begins. */
const PREFIX = 0.7;

/** The search terms of `text` under the index's rules `norm` (see site/src/search.rs). */
export function terms(norm, text) {
  let folded = "";
  for (const c of text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()) {
    folded += norm.fold[c] ?? c;
  }
  const words = folded.match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => !norm.stop.includes(w)).map((w) => stem(norm, w));
}

function stem(norm, word) {
  for (const step of norm.steps) {
    for (const [suffix, replacement, min, notAfter] of step) {
      const keep = word.length - suffix.length;
      if (keep >= min && word.endsWith(suffix) && !(keep > 0 && notAfter.includes(word[keep - 1]))) {
        word = word.slice(0, keep) + replacement;
        break;
      }
    }
  }
  return word;
}

/**
 * The query's units: from the left, the longest run of terms that is a key of the
 * index's synonyms is one unit, searched as itself or as any of its phrases; any
 * other term is a unit of its own, and the last, if partly typed, also every term
 * it begins. A unit is a list of [phrase (terms), factor].
 */
function units(index, words, typing) {
  const out = [];
  for (let i = 0; i < words.length; ) {
    let n = Math.min(index.longestSynonym, words.length - i);
    while (n > 1 && !Object.hasOwn(index.synonyms, words.slice(i, i + n).join(" "))) n--;
    const key = words.slice(i, i + n);
    const word = key[0];
    const alternatives =
      n > 1
        ? [[key, 1]]
        : typing && i === words.length - 1 && word.length >= MIN_PREFIX
          ? index.vocabulary.filter((k) => k.startsWith(word)).map((k) => [[k], k === word ? 1 : PREFIX])
          : [[key, 1]];
    for (const phrase of index.synonyms[key.join(" ")] ?? []) alternatives.push([phrase, 1]);
    out.push(alternatives);
    i += n;
  }
  return out;
}

/**
 * Entries ranked for `query`, best first, and the index terms that matched. A phrase
 * scores an entry that has all its terms by their mean weight × idf, a unit by its best
 * phrase; an entry adds up its units and multiplies by how many it matched. The same
 * steps as `search` in site/src/search.rs, held to the same answers by
 * site/tests/search-cases.json.
 */
export function search(index, query) {
  const all = units(index, [...new Set(terms(index.norm, query))], !/\s$/.test(query));
  const scores = new Map();
  const matched = new Set();
  for (const alternatives of all) {
    // Per unit, an entry counts its best match once.
    const best = new Map();
    for (const [phrase, factor] of alternatives) {
      if (!phrase.every((term) => Object.hasOwn(index.terms, term))) continue;
      // Per entry: the phrase's score so far and how many of its terms it has.
      const partial = new Map();
      for (const term of phrase) {
        const postings = index.terms[term];
        const idf = Math.log(1 + index.docs.length / (postings.length / 2));
        for (let j = 0; j < postings.length; j += 2) {
          const score = ((postings[j + 1] * idf) / phrase.length) * factor;
          const [sum, count] = partial.get(postings[j]) ?? [0, 0];
          partial.set(postings[j], [sum + score, count + 1]);
        }
      }
      let found = false;
      for (const [doc, [score, count]] of partial) {
        if (count < phrase.length) continue; // a phrase counts only whole
        best.set(doc, Math.max(best.get(doc) ?? 0, score));
        found = true;
      }
      if (found) phrase.forEach((term) => matched.add(term));
    }
    for (const [doc, score] of best) {
      const [sum, count] = scores.get(doc) ?? [0, 0];
      scores.set(doc, [sum + score, count + 1]);
    }
  }
  const ranked = [...scores]
    .map(([doc, [sum, count]]) => ({ doc, count, score: sum * count }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
  // Entries with every unit of the query, if there are any; otherwise the best partial ones.
  const complete = ranked.filter((r) => r.count === all.length);
  return { results: complete.length > 0 ? complete : ranked, matched };
}

/** The index as fetched, with what searching it needs computed once. */
export function prepare(index) {
  const keys = Object.keys(index.synonyms);
  return {
    ...index,
    vocabulary: Object.keys(index.terms),
    longestSynonym: Math.max(1, ...keys.map((k) => k.split(" ").length)),
  };
}

/** `text` as nodes, with the words whose terms matched in <mark>. */
function marked(norm, text, matched) {
  const fragment = document.createDocumentFragment();
  for (const part of text.split(/([\p{L}\p{N}'\u2019]+)/u)) {
    if (part && terms(norm, part).some((t) => matched.has(t))) {
      const mark = document.createElement("mark");
      mark.textContent = part;
      fragment.append(mark);
    } else if (part) {
      fragment.append(part);
    }
  }
  return fragment;
}

function setUp(form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".search-status");
  const panel = form.querySelector(".search-results");
  const list = form.querySelector(".search-list");
  let loading = null;

  const load = () =>
    (loading ??= fetch(form.dataset.index)
      .then((response) => {
        if (!response.ok) throw new Error(`search index: ${response.status}`);
        return response.json();
      })
      .then(prepare)
      .catch((error) => {
        loading = null; // try again on the next use
        throw error;
      }));

  const close = () => {
    panel.hidden = true;
  };

  async function run() {
    const query = input.value;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      close();
      return;
    }
    let index;
    try {
      index = await load();
    } catch {
      list.replaceChildren();
      status.textContent = form.dataset.error;
      panel.hidden = false;
      return;
    }
    if (query !== input.value) return; // a newer query is on its way
    const { results, matched } = search(index, query);
    const items = results.slice(0, MAX_RESULTS).map(({ doc }) => {
      const [url, pageTitle, heading, snippet] = index.docs[doc];
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = url;
      link.append(marked(index.norm, heading || pageTitle, matched));
      const about = document.createElement("p");
      about.textContent = heading ? `${pageTitle}: ` : "";
      about.append(marked(index.norm, snippet, matched));
      item.append(link, about);
      return item;
    });
    list.replaceChildren(...items);
    const n = results.length;
    status.textContent =
      n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.many.replace("{n}", n);
    panel.hidden = false;
  }

  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && links.length > 0) {
      event.preventDefault();
      panel.hidden = false; // closed with Escape: open again
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    } else if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
      input.focus();
    }
  });
  // Leaving the search (by keyboard or pointer) closes the results.
  for (const type of ["focusin", "click"]) {
    document.addEventListener(type, (event) => {
      if (!form.contains(event.target)) close();
    });
  }
  // The form was sent before this script ran: search what was asked.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run();
  }
}

const form = document.querySelector("form.search");
if (form) setUp(form);
