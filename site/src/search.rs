//! The search index: one JSON file per language (`search/nl.json`,
//! `search/en.json`) over page titles, questions (the `##` headings with their
//! anchors) and text. `static/search.js` fetches it on first use of the search box.
//!
//! Normalisation is data, written once here: every index carries its language's
//! [`Norm`], and the browser script applies that same data in the same steps, so a
//! query is normalised exactly as the pages were. `tests/normalise-cases.json` holds
//! both sides to the same answers.
//!
//! 1. Unicode NFKD, combining accents (U+0300–U+036F) removed, lowercase.
//! 2. `fold` replaces single characters (apostrophes go, `ß` becomes `ss`, …).
//! 3. Words are the runs of `a-z` and `0-9`; stop words are dropped.
//! 4. Each entry of `steps` is a list of suffix rules: the first rule that fits a
//!    word (it ends with the suffix, at least `min` characters remain, and the
//!    character before the suffix is not in `not_after`) replaces the suffix; then
//!    the next step. "werknemers" becomes "werknemer"; "lonen" and "loon" both
//!    become "lon".
//!
//! After normalisation a query's words are expanded with the language's
//! [`Synonyms`], also data in the index: the words employers bring from other
//! portals ("twee-factor", "schermprint") are searched as themselves or as the
//! pages' words for them ("tweestapsverificatie", "schermafbeelding"). [`search`]
//! ranks as `static/search.js` does, so the query cases in
//! `tests/search-cases.json` are asserted natively and in the browser alike.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::decompose_compatible;

use crate::content::Lang;

/// `(suffix, replacement, min, not_after)`; see the module documentation.
#[derive(Debug, Serialize)]
pub struct Rule(String, String, usize, &'static str);

/// The normalisation rules of one language, as data the browser applies too.
#[derive(Debug, Serialize)]
pub struct Norm {
    fold: BTreeMap<char, &'static str>,
    /// Sorted.
    stop: Vec<&'static str>,
    steps: Vec<Vec<Rule>>,
}

const VOWELS: &str = "aeiouy";
const CONSONANTS: &str = "bcdfghjklmnpqrstvwxz";

fn rule(suffix: &str, replacement: &str, min: usize, not_after: &'static str) -> Rule {
    Rule(suffix.into(), replacement.into(), min, not_after)
}

/// `bb` → `b`, `dd` → `d`, …: "bedden" loses "en", then its double consonant.
fn undouble_consonants() -> Vec<Rule> {
    CONSONANTS
        .chars()
        .map(|c| rule(&format!("{c}{c}"), &c.to_string(), 1, ""))
        .collect()
}

fn fold() -> BTreeMap<char, &'static str> {
    [
        ('\'', ""),
        ('\u{2019}', ""),
        ('ß', "ss"),
        ('æ', "ae"),
        ('œ', "oe"),
        ('ø', "o"),
        ('ł', "l"),
        ('đ', "d"),
        ('ı', "i"),
    ]
    .into_iter()
    .collect()
}

fn dutch() -> Norm {
    // Open syllables: "loon" and "lonen" meet in "lon", "jaar" and "jaren" in "jar".
    let mut undouble_vowels = Vec::new();
    for v in "aeou".chars() {
        for c in CONSONANTS.chars() {
            undouble_vowels.push(rule(&format!("{v}{v}{c}"), &format!("{v}{c}"), 1, VOWELS));
        }
    }
    Norm {
        fold: fold(),
        stop: vec![
            "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er",
            "het", "hoe", "ik", "in", "is", "je", "met", "mijn", "naar", "of", "om", "ook", "op",
            "te", "u", "uw", "van", "voor", "waar", "wanneer", "wat", "welke", "wie",
        ],
        steps: vec![
            vec![
                rule("heden", "heid", 2, ""),
                rule("en", "", 3, VOWELS),
                rule("s", "", 3, "s"),
            ],
            vec![rule("e", "", 3, VOWELS)],
            undouble_consonants(),
            undouble_vowels,
        ],
    }
}

fn english() -> Norm {
    Norm {
        fold: fold(),
        stop: vec![
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "how",
            "i", "in", "is", "it", "my", "of", "on", "or", "that", "the", "this", "to", "what",
            "when", "where", "which", "who", "with", "you", "your",
        ],
        steps: vec![
            vec![
                rule("sses", "ss", 1, ""),
                rule("ies", "y", 2, ""),
                rule("s", "", 3, "su"),
            ],
            vec![rule("ing", "", 3, ""), rule("ed", "", 3, "e")],
            vec![rule("e", "", 3, "e")],
            undouble_consonants(),
        ],
    }
}

/// The rules of a language, built once.
pub fn norm(lang: Lang) -> &'static Norm {
    static NL: OnceLock<Norm> = OnceLock::new();
    static EN: OnceLock<Norm> = OnceLock::new();
    let build = |rules: fn() -> Norm| {
        let mut norm = rules();
        norm.stop.sort_unstable();
        norm
    };
    match lang {
        Lang::Nl => NL.get_or_init(|| build(dutch)),
        Lang::En => EN.get_or_init(|| build(english)),
    }
}

/// `(what an employer types, the pages' words for it)`: each entry of the first
/// list is searched as itself or as any entry of the second, written as on the
/// pages (an entry of several words is one phrase). Normalised when built.
type Table = &'static [(&'static [&'static str], &'static [&'static str])];

/// Words from other insurers' and payroll portals that the Dutch pages do not (or
/// hardly) use.
const DUTCH_SYNONYMS: Table = &[
    (
        &[
            "twee-factor",
            "twee-factor-authenticatie",
            "tweefactor",
            "tweefactorauthenticatie",
            "2FA",
            "MFA",
        ],
        &["tweestapsverificatie", "code uit de app"],
    ),
    (
        &["verificatiecode", "sms-code", "inlogcode"],
        &["code", "tweestapsverificatie"],
    ),
    (&["schermprint", "printscreen"], &["schermafbeelding"]),
    (&["personeelsnummer"], &["werknemersnummer"]),
    (&["naverrekeningsspecificatie"], &["specificatie"]),
    (&["premienaverrekening"], &["naverrekening"]),
    (&["salarisadministratie"], &["loonadministratie"]),
    (&["deelnemer"], &["werknemer"]),
    (
        &["muteren", "mutatie"],
        &["wijzigen", "gegevens verbeteren"],
    ),
    (&["afmelden"], &["uit dienst melden"]),
    (&["uitdiensttreding", "ontslag"], &["uit dienst"]),
    (
        &["beheerder", "admin", "administrator"],
        &["hoofdgebruiker", "gebruikersbeheer"],
    ),
    (&["resetten"], &["vergeten", "herstellen"]),
    (&["klantnummer", "relatienummer"], &["polisnummer"]),
    (&["exporteren", "export"], &["downloaden", "Excel"]),
    (
        &["incognito", "incognitovenster", "InPrivate"],
        &["privévenster"],
    ),
];

/// Words from other portals that the English pages do not (or hardly) use.
const ENGLISH_SYNONYMS: Table = &[
    (
        &[
            "two-factor",
            "two-factor authentication",
            "2FA",
            "MFA",
            "multi-factor",
            "verification code",
            "SMS code",
            "login code",
        ],
        &["two-step verification", "code from the app"],
    ),
    (&["backup codes"], &["recovery codes"]),
    (&["reconciliation"], &["settlement"]),
    (
        &["incognito", "incognito window", "InPrivate"],
        &["private window"],
    ),
    (&["personnel number", "staff number"], &["employee number"]),
    (&["admin", "administrator"], &["main user"]),
    (&["export"], &["download", "Excel"]),
];

/// A language's synonyms as data: a query's terms, joined by a space, → the
/// phrases (lists of terms) they are searched as besides themselves.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Synonyms(BTreeMap<String, Vec<Vec<String>>>);

impl Synonyms {
    fn build(norm: &Norm, table: Table) -> Self {
        let mut map = BTreeMap::new();
        for (words, targets) in table {
            let targets: Vec<Vec<String>> = targets.iter().map(|t| norm.terms(t)).collect();
            assert!(targets.iter().all(|t| !t.is_empty()), "{targets:?}");
            for word in *words {
                let key = norm.terms(word).join(" ");
                assert!(!key.is_empty(), "synonym {word:?} is only stop words");
                let old = map.insert(key, targets.clone());
                assert!(old.is_none(), "synonym {word:?} twice");
            }
        }
        Synonyms(map)
    }

    /// Every `(typed terms, phrases)` pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Vec<String>])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// The synonyms of a language, built once.
pub fn synonyms(lang: Lang) -> &'static Synonyms {
    static NL: OnceLock<Synonyms> = OnceLock::new();
    static EN: OnceLock<Synonyms> = OnceLock::new();
    match lang {
        Lang::Nl => NL.get_or_init(|| Synonyms::build(norm(lang), DUTCH_SYNONYMS)),
        Lang::En => EN.get_or_init(|| Synonyms::build(norm(lang), ENGLISH_SYNONYMS)),
    }
}

impl Norm {
    /// The search terms of a text, in order, stop words left out.
    pub fn terms(&self, text: &str) -> Vec<String> {
        words(&self.fold(text))
            .filter_map(|w| self.term(w))
            .collect()
    }

    /// Steps 1 and 2: accents off, lowercase, `fold` applied.
    fn fold(&self, text: &str) -> String {
        let mut folded = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                // Unchanged by NFKD and not in `fold`: the common case, made fast.
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            if c.is_ascii() {
                // Other ASCII is unchanged by NFKD and lowercasing too.
                match self.fold.get(&c) {
                    Some(replacement) => folded.push_str(replacement),
                    None => folded.push(c),
                }
                continue;
            }
            // Decomposing char by char differs from NFKD only in the order of
            // combining marks, which never end up in a word.
            decompose_compatible(c, |d| {
                if ('\u{300}'..='\u{36f}').contains(&d) {
                    return;
                }
                for lower in d.to_lowercase() {
                    match self.fold.get(&lower) {
                        Some(replacement) => folded.push_str(replacement),
                        None => folded.push(lower),
                    }
                }
            });
        }
        folded
    }

    /// Step 4 for one word of `a-z0-9`; `None` for a stop word.
    fn term(&self, word: &str) -> Option<String> {
        if self.stop.binary_search(&word).is_ok() {
            return None;
        }
        let mut word = word.to_owned();
        for step in &self.steps {
            let fits = step.iter().find(|Rule(suffix, _, min, not_after)| {
                word.len() >= suffix.len() + min
                    && word.ends_with(suffix.as_str())
                    && !word[..word.len() - suffix.len()]
                        .chars()
                        .next_back()
                        .is_some_and(|before| not_after.contains(before))
            });
            if let Some(Rule(suffix, replacement, ..)) = fits {
                word.truncate(word.len() - suffix.len());
                word.push_str(replacement);
            }
        }
        Some(word)
    }
}

/// Step 3: the runs of `a-z0-9` in folded text.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
}

/// The terms of an index by number, each distinct word normalised once.
struct Vocabulary<'n> {
    norm: &'n Norm,
    /// Folded word → its term's number (`None`: a stop word).
    words: HashMap<String, Option<usize>>,
    numbers: HashMap<String, usize>,
    terms: Vec<String>,
}

impl<'n> Vocabulary<'n> {
    fn new(norm: &'n Norm) -> Self {
        Vocabulary {
            norm,
            words: HashMap::new(),
            numbers: HashMap::new(),
            terms: Vec::new(),
        }
    }

    /// Calls `found` with the number of every term in `text`, in order.
    fn each(&mut self, text: &str, mut found: impl FnMut(usize)) {
        for word in words(&self.norm.fold(text)) {
            let number = match self.words.get(word) {
                Some(&number) => number,
                None => {
                    let number = self.norm.term(word).map(|term| {
                        let next = self.terms.len();
                        *self.numbers.entry(term.clone()).or_insert_with(|| {
                            self.terms.push(term);
                            next
                        })
                    });
                    self.words.insert(word.to_owned(), number);
                    number
                }
            };
            if let Some(number) = number {
                found(number);
            }
        }
    }
}

/// One searchable unit: a page's introduction or one of its `##` sections.
pub struct Entry<'a> {
    /// The page's URL, with `#anchor` for a section.
    pub url: String,
    pub page_title: &'a str,
    /// The `##` heading (the question on FAQ pages); empty for an introduction.
    pub heading: &'a str,
    pub text: Cow<'a, str>,
}

/// Weights of a term in an entry, added up: in its heading (more the fewer other
/// terms the heading has: "Wat is de naverrekening?" is about nothing else), in its
/// page's title (more for the introduction, which stands for the whole page), and
/// per use in the text.
const HEADING: u32 = 8;
/// Divided by the number of distinct terms in the heading, and added.
const HEADING_ALONE: u32 = 8;
const TITLE_OF_INTRO: u32 = 8;
const TITLE_OF_SECTION: u32 = 2;
const TEXT_MAX: u32 = 5;
// A term in a question's heading outweighs it used only in the text under it, even
// with the page's title: a match in the title ranks above one in the body.
const _: () = assert!(HEADING > TEXT_MAX + TITLE_OF_SECTION);
/// Characters of text shown under a result.
const SNIPPET: usize = 160;

#[derive(Serialize)]
struct Index<'a> {
    lang: &'static str,
    norm: &'static Norm,
    synonyms: &'static Synonyms,
    /// `[url, page title, heading, snippet]` per entry.
    docs: Vec<[Cow<'a, str>; 4]>,
    /// Term → `[entry, weight, entry, weight, …]`.
    terms: BTreeMap<&'a str, &'a [u32]>,
}

/// The start of a text, cut after a word and marked with `…` when cut.
fn snippet(text: &str) -> Cow<'_, str> {
    if text.len() <= SNIPPET {
        return Cow::Borrowed(text);
    }
    let mut end = SNIPPET;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end]
        .rfind(' ')
        .map_or(&text[..end], |space| &text[..space]);
    Cow::Owned(format!("{}…", cut.trim_end_matches([',', '.', ':', ';'])))
}

/// The index of one language as JSON.
pub fn index(lang: Lang, entries: &[Entry]) -> String {
    let norm = norm(lang);
    let mut vocabulary = Vocabulary::new(norm);
    let mut postings: Vec<Vec<u32>> = Vec::new();
    // Per term number, for the entry at hand: its weight from heading and title,
    // its uses in the text; and the terms the entry has.
    let mut weights: Vec<(u32, u32)> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    let mut docs = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let title_weight = if entry.heading.is_empty() {
            TITLE_OF_INTRO
        } else {
            TITLE_OF_SECTION
        };
        for (text, is_heading) in [(entry.heading, true), (entry.page_title, false)] {
            let mut found = BTreeSet::new();
            vocabulary.each(text, |term| {
                found.insert(term);
            });
            let weight = if is_heading {
                let distinct = u32::try_from(found.len().max(1)).unwrap_or(u32::MAX);
                HEADING + HEADING_ALONE / distinct
            } else {
                title_weight
            };
            for term in found {
                weights.resize(weights.len().max(term + 1), (0, 0));
                if weights[term] == (0, 0) {
                    touched.push(term);
                }
                weights[term].0 += weight;
            }
        }
        vocabulary.each(&entry.text, |term| {
            weights.resize(weights.len().max(term + 1), (0, 0));
            if weights[term] == (0, 0) {
                touched.push(term);
            }
            weights[term].1 = (weights[term].1 + 1).min(TEXT_MAX);
        });
        let doc = u32::try_from(i).expect("fewer than 2^32 entries");
        postings.resize_with(vocabulary.terms.len(), Vec::new);
        for term in touched.drain(..) {
            let (fixed, text) = std::mem::take(&mut weights[term]);
            postings[term].extend([doc, fixed + text]);
        }
        docs.push([
            Cow::Borrowed(entry.url.as_str()),
            Cow::Borrowed(entry.page_title),
            Cow::Borrowed(entry.heading),
            snippet(&entry.text),
        ]);
    }
    let terms = vocabulary
        .terms
        .iter()
        .map(String::as_str)
        .zip(postings.iter().map(Vec::as_slice))
        .collect();
    serde_json::to_string(&Index {
        lang: lang.code(),
        norm,
        synonyms: synonyms(lang),
        docs,
        terms,
    })
    .expect("the index serialises")
}

/// A partly typed last word of at least this many characters also matches the
/// terms it begins, at [`PREFIX`] of their weight (as in `static/search.js`).
const MIN_PREFIX: usize = 3;
const PREFIX: f64 = 0.7;

/// An index as `static/search.js` reads it.
#[derive(Deserialize)]
struct Loaded {
    lang: String,
    docs: Vec<[String; 4]>,
    terms: BTreeMap<String, Vec<u32>>,
    synonyms: BTreeMap<String, Vec<Vec<String>>>,
}

/// The URLs of an index's entries for `query`, best first: the ranking of
/// `static/search.js`, step for step and in the same arithmetic, so a test can
/// hold a query to the answer it must put first without a browser.
///
/// 1. The query's terms, each once; unless the query ends in a space its last
///    word may be partly typed.
/// 2. From the left, the longest run of terms that is a synonym key becomes one
///    unit, searched as itself or as any of its phrases; any other term is a unit
///    of its own (the last, partly typed, also as every term it begins).
/// 3. A phrase scores an entry that has all its terms by their mean weight × idf
///    (an entry with only some of them not at all); a unit scores the best of its
///    phrases; an entry adds up its units' scores and multiplies by how many units
///    it matched.
/// 4. Entries with every unit come first if there are any, otherwise all.
pub fn search(index: &str, query: &str) -> Vec<String> {
    let index: Loaded = serde_json::from_str(index).expect("a search index");
    let lang = Lang::ALL
        .into_iter()
        .find(|l| l.code() == index.lang)
        .expect("a known language");
    let mut words: Vec<String> = Vec::new();
    for term in norm(lang).terms(query) {
        if !words.contains(&term) {
            words.push(term);
        }
    }
    let typing = !query.ends_with(char::is_whitespace);
    let longest = index
        .synonyms
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(0);

    let mut units: Vec<Vec<(Vec<String>, f64)>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let n = (2..=longest.min(words.len() - i))
            .rev()
            .find(|&n| index.synonyms.contains_key(&words[i..i + n].join(" ")))
            .unwrap_or(1);
        let key = &words[i..i + n];
        let mut alternatives = if n > 1 {
            vec![(key.to_vec(), 1.0)]
        } else if typing && i + 1 == words.len() && key[0].len() >= MIN_PREFIX {
            index
                .terms
                .keys()
                .filter(|k| k.starts_with(key[0].as_str()))
                .map(|k| (vec![k.clone()], if *k == key[0] { 1.0 } else { PREFIX }))
                .collect()
        } else {
            vec![(key.to_vec(), 1.0)]
        };
        if let Some(phrases) = index.synonyms.get(&key.join(" ")) {
            alternatives.extend(phrases.iter().map(|p| (p.clone(), 1.0)));
        }
        units.push(alternatives);
        i += n;
    }

    let docs = index.docs.len() as f64;
    let mut scores: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
    for alternatives in &units {
        let mut best: BTreeMap<u32, f64> = BTreeMap::new();
        for (phrase, factor) in alternatives {
            if !phrase.iter().all(|term| index.terms.contains_key(term)) {
                continue;
            }
            // Per entry: the phrase's score so far and how many of its terms it has.
            let mut partial: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
            for term in phrase {
                let postings = &index.terms[term];
                let idf = (1.0 + docs / (postings.len() / 2) as f64).ln();
                for pair in postings.chunks(2) {
                    let (sum, count) = partial.entry(pair[0]).or_default();
                    *sum += f64::from(pair[1]) * idf / phrase.len() as f64 * factor;
                    *count += 1;
                }
            }
            for (doc, (score, count)) in partial {
                if count == phrase.len() {
                    let b = best.entry(doc).or_default();
                    *b = b.max(score);
                }
            }
        }
        for (doc, score) in best {
            let (sum, count) = scores.entry(doc).or_default();
            *sum += score;
            *count += 1;
        }
    }
    let mut ranked: Vec<(u32, usize, f64)> = scores
        .into_iter()
        .map(|(doc, (sum, count))| (doc, count, sum * count as f64))
        .collect();
    ranked.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    if ranked.iter().any(|r| r.1 == units.len()) {
        ranked.retain(|r| r.1 == units.len());
    }
    ranked
        .into_iter()
        .map(|(doc, ..)| index.docs[doc as usize][0].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_end_on_a_word() {
        let text = "woord, ".repeat(40);
        let s = snippet(&text);
        assert!(s.len() <= SNIPPET + '…'.len_utf8(), "{s}");
        assert!(s.ends_with(" woord…"), "{s}");
        assert_eq!(snippet("kort"), "kort");
        let accents = "é".repeat(100);
        assert!(snippet(&accents).ends_with("é…"));
    }
}
