//! The search index natively: the normalisation cases and the query cases that
//! `static/search.js` is held to as well (tests/browser/search.test.mjs), the
//! index's entries and weights on the bilingual fixture, and the synonyms on the
//! real `content/`.

use std::collections::BTreeMap;
use std::path::Path;

use balie_site::content::Lang;
use balie_site::search;
use serde_json::{json, Value};

#[test]
fn normalisation_matches_the_shared_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/normalise-cases.json");
    let cases: BTreeMap<String, Vec<(String, Vec<String>)>> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(cases.len(), 2);
    for (code, cases) in cases {
        let lang = Lang::ALL.into_iter().find(|l| l.code() == code).unwrap();
        for (input, expected) in cases {
            assert_eq!(
                search::norm(lang).terms(&input),
                expected,
                "{code}: {input:?}"
            );
        }
    }
}

#[test]
fn plural_and_singular_meet() {
    let nl = search::norm(Lang::Nl);
    for (a, b) in [
        ("werknemers", "werknemer"),
        ("lonen", "loon"),
        ("maanden", "maand"),
        ("uitkeringen", "uitkering"),
        ("bedragen", "bedrag"),
    ] {
        assert_eq!(nl.terms(a), nl.terms(b), "{a} / {b}");
    }
    let en = search::norm(Lang::En);
    for (a, b) in [
        ("employees", "employee"),
        ("changes", "change"),
        ("signing", "sign"),
    ] {
        assert_eq!(en.terms(a), en.terms(b), "{a} / {b}");
    }
}

fn index(lang: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bilingual");
    let content = balie_site::content::load(&root).unwrap();
    let files = balie_site::render_site(&content, "https://hulp.example.nl", None).unwrap();
    let (_, json) = files
        .iter()
        .find(|(p, _)| *p == format!("search/{lang}.json"))
        .expect("an index per language");
    serde_json::from_str(json).unwrap()
}

/// The entries (by URL) a term occurs in, with their weights.
fn postings(index: &Value, term: &str) -> BTreeMap<String, u64> {
    let docs = index["docs"].as_array().unwrap();
    let flat = index["terms"][term].as_array().cloned().unwrap_or_default();
    flat.chunks(2)
        .map(|pair| {
            let doc = &docs[pair[0].as_u64().unwrap() as usize];
            (
                doc[0].as_str().unwrap().to_owned(),
                pair[1].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn index_holds_titles_questions_and_text() {
    let nl = index("nl");
    assert_eq!(nl["lang"], "nl");
    // The rules travel with the index, for the browser to apply, and so do the
    // synonyms, normalised: a query's terms → the phrases they are searched as.
    assert!(nl["norm"]["steps"].as_array().unwrap().len() >= 2);
    assert_eq!(nl["synonyms"]["schermprint"], json!([["schermafbeelding"]]));
    assert_eq!(
        nl["synonyms"]["twee factor"][1],
        json!(["cod", "uit", "ap"])
    );
    let docs = nl["docs"].as_array().unwrap();
    // One entry per page introduction and per `##` section.
    assert_eq!(docs.len(), 6 + 7);
    let question = docs
        .iter()
        .find(|d| d[0] == "/nl/vragen/werknemers/#werknemer-toevoegen")
        .expect("the question is an entry");
    assert_eq!(question[1], "Werknemers");
    assert_eq!(question[2], "Hoe voeg ik een werknemer toe?");
    assert_eq!(
        question[3],
        "U voegt een werknemer toe op de pagina Werknemers. Klik op Werknemer toevoegen. Vul het BSN, de naam en de datum in dienst in. Klik op Opslaan."
    );

    // "werknemers" in a query finds the question: heading (8, and 8 / 3 as one of
    // its three terms "voeg", "werknemer", "toe"), page title (2), text (3).
    let werknemer = postings(&nl, &search::norm(Lang::Nl).terms("werknemers")[0]);
    assert_eq!(
        werknemer["/nl/vragen/werknemers/#werknemer-toevoegen"],
        8 + 2 + 2 + 3
    );

    // The page itself: its title counts most, then its description.
    assert_eq!(werknemer["/nl/vragen/werknemers/"], 8 + 1);
    // Text under a `###` heading belongs to its `##` section; accents are folded.
    assert!(postings(&nl, "financiel").contains_key("/nl/handleiding/naverrekening/#stappen"));
    // "lonen" in a heading and "loon" in the text are one term.
    let lon = postings(&nl, "lon");
    assert!(lon.contains_key("/nl/vragen/lonen/#lonen-wijzigen"));
    assert!(lon.contains_key("/nl/vragen/lonen/#welk-loon"));
    // Stop words are not indexed.
    assert!(nl["terms"].get("de").is_none() && nl["terms"].get("hoe").is_none());

    let en = index("en");
    let employee = postings(&en, "employee");
    assert!(employee.contains_key("/en/faq/employees/#werknemer-toevoegen"));
    assert!(
        en["terms"].get("werknemer").is_none(),
        "languages stay apart"
    );
}

/// The real site's index of a language, built once per test.
fn real_index(lang: Lang) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let content = balie_site::content::load(&root).expect("content/ loads");
    let files = balie_site::render_site(&content, "https://hulp.example.nl", None)
        .expect("content/ builds");
    let path = format!("search/{}.json", lang.code());
    files.into_iter().find(|(p, _)| *p == path).unwrap().1
}

/// Words employers bring from other portals find the page that answers them, and a
/// match in a question's heading ranks above one in the text: each query of
/// `tests/search-cases.json` puts its answer first on the real `content/`, here and
/// in Chromium through `static/search.js`.
#[test]
fn queries_put_their_answer_first() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-cases.json");
    let cases: BTreeMap<String, Vec<(String, String)>> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(cases.len(), 2);
    let mut wrong = Vec::new();
    for (code, cases) in cases {
        let lang = Lang::ALL.into_iter().find(|l| l.code() == code).unwrap();
        let index = real_index(lang);
        for (query, expected) in cases {
            let results = search::search(&index, &query);
            if results.first() != Some(&expected) {
                wrong.push(format!(
                    "{code} {query:?}: {expected} expected first, got {:?}",
                    &results[..results.len().min(3)]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every synonym leads to words the real pages use, so no expansion finds nothing.
#[test]
fn synonyms_lead_to_words_the_pages_use() {
    for lang in Lang::ALL {
        let index: Value = serde_json::from_str(&real_index(lang)).unwrap();
        let terms = index["terms"].as_object().unwrap();
        for (typed, phrases) in search::synonyms(lang).iter() {
            for phrase in phrases {
                for term in phrase {
                    assert!(
                        terms.contains_key(term),
                        "{}: {typed:?} leads to {term:?}, which no page uses",
                        lang.code()
                    );
                }
            }
        }
    }
}

/// A phrase counts only whole: "twee-factor" finds the entries with
/// "tweestapsverificatie" or with all of "code uit de app", not every entry with
/// "uit" (nor with "twee").
#[test]
fn a_phrase_counts_only_whole() {
    let json = real_index(Lang::Nl);
    let index: Value = serde_json::from_str(&json).unwrap();
    let has = |url: &str, word: &str| {
        let term = &search::norm(Lang::Nl).terms(word)[0];
        postings(&index, term).contains_key(url)
    };
    let results = search::search(&json, "twee-factor");
    assert!(results.len() > 3, "{results:?}");
    for url in &results {
        assert!(
            has(url, "tweestapsverificatie") || ["code", "uit", "app"].iter().all(|w| has(url, w)),
            "{url} has neither"
        );
    }
}
