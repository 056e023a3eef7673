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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Serialize;
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
        docs,
        terms,
    })
    .expect("the index serialises")
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
