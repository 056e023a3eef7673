//! Medical data: the nature or cause of an illness, diagnoses, treatment,
//! medication, therapists (DOMAIN.md, Documents). A file holding any is refused
//! whole. Every cell of every line is scanned, header and free text included.
//!
//! Dutch glues words together ("knieoperatie", "ziekenhuisopname",
//! "rugklachten"), so a term is a hit anywhere inside a word, unless the whole
//! word is one of the absence process's own words on [`ALLOWED`]. Words are
//! compared lower-case with accents folded and hyphens and apostrophes left out
//! ("burn-out" is "burnout", "Coöperatie" is "cooperatie").
//!
//! Decisions:
//! - Not medical: ziek, ziekte, ziekmelding, ziekteverzuim, ziektedag, ziektewet,
//!   verzuim, arbeidsongeschikt, herstel(d), bedrijfsarts, arbodienst,
//!   re-integratie, and "(arbeids)therapeutisch (werken)" (ATW), "medisch"
//!   (footers say "bevat geen medische gegevens"), ongeval (the employer may
//!   record that an absence follows an accident, AP beleidsregels 2016).
//! - Medical: pregnancy (zwanger, bevalling): the employer may record that a
//!   safety-net provision applies, not which one, and pregnancy-related illness
//!   is one of them.
//! - "klacht", "breuk" and "probleem" are medical only after a body part
//!   ("rugklachten", "beenbreuk", "hartproblemen"): alone they are a complaint,
//!   a part-time fraction ("deeltijdbreuk") and a problem analysis.
//! - Short abbreviations (RSI, ADHD, GGZ) are hits only as whole words: as
//!   components they hide in ordinary words ("versie", "universiteit").

use std::sync::OnceLock;

use super::findings::Findings;
use super::headers::fold;
use super::messages;
use super::rows::Layout;
use super::{Line, Note};

/// Terms that are medical anywhere inside a word.
const TERMS: &[&str] = &[
    // diagnosis, illnesses and conditions
    "diagnos",
    "burnout",
    "overspann",
    "overwerkt",
    "depressi",
    "hernia",
    "migraine",
    "hoofdpijn",
    "pijn",
    "kanker",
    "oncolog",
    "chemo",
    "tumor",
    "tumour",
    "bestraling",
    "zwanger",
    "bevalling",
    "miskraam",
    "griep",
    "influenza",
    "corona",
    "covid",
    "fractuur",
    "fracture",
    "letsel",
    "blessure",
    "whiplash",
    "hersenschudding",
    "concussion",
    "verstuik",
    "kneuzing",
    "angstig",
    "anxiety",
    "stoornis",
    "disorder",
    "verslav",
    "addict",
    "alcohol",
    "drugs",
    "autis",
    "diabetes",
    "suikerziekte",
    "astma",
    "asthma",
    "epilep",
    "reuma",
    "rheuma",
    "artrose",
    "artritis",
    "arthritis",
    "parkinson",
    "alzheimer",
    "dementie",
    "dementia",
    "beroerte",
    "infarct",
    "hartaanval",
    "ontsteking",
    "infectie",
    "infection",
    "sclerose",
    "crohn",
    "stress",
    "headache",
    "misselijk",
    "nausea",
    "koorts",
    "fever",
    "vermoeid",
    "fatigue",
    "chronisch",
    "chronic",
    "allergi",
    "allergy",
    "verkoud",
    "psych",
    "cancer",
    "injur",
    "pregnan",
    // treatment, medication, therapists, care
    "operatie",
    "geopereerd",
    "opereren",
    "surgery",
    "surgeon",
    "surgical",
    "fysio",
    "physio",
    "therap",
    "medicat",
    "medicijn",
    "medicin",
    "geneesmiddel",
    "ziekenhuis",
    "hospital",
    "hospitaal",
    "kliniek",
    "clinic",
    "revalid",
    "rehabilit",
    "huisarts",
    "tandarts",
    "oogarts",
    "neurolo",
    "cardiolo",
    "orthoped",
    "orthopaed",
    "chirurg",
    "internist",
];

/// Terms that are medical only right after a body part ("rugklachten").
const AFTER_BODY_PART: &[&str] = &["klacht", "breuk", "proble"];

const BODY_PARTS: &[&str] = &[
    "rug",
    "nek",
    "hart",
    "schouder",
    "knie",
    "buik",
    "maag",
    "darm",
    "been",
    "arm",
    "pols",
    "hand",
    "voet",
    "heup",
    "enkel",
    "long",
    "hersen",
    "spier",
    "gewricht",
    "elleboog",
    "oog",
    "oor",
    "keel",
    "borst",
    "bot",
    "lies",
    "navel",
    "teen",
    "vinger",
    "kaak",
    "tand",
    "blaas",
    "nier",
    "lever",
    "huid",
    "ademhaling",
    "psychische",
    "slaap",
];

/// Abbreviations that are medical only as a whole word.
/// "angst" and "lyme" are here too: inside words they are "ontvangst" and
/// "polymer".
const WHOLE_WORDS: &[&str] = &[
    "rsi", "adhd", "ptss", "ptsd", "copd", "ggz", "hiv", "angst", "angsten", "lyme",
];

/// Words of the absence process (and a few names) that contain a term but are
/// not medical data.
pub const ALLOWED: &[&str] = &[
    "arbeidstherapeutisch",
    "arbeidstherapeutische",
    "arbeidstherapie",
    "therapeutisch",
    "therapeutische",
    "therapeutic",
    "cooperatie",
    "cooperaties",
    "cooperatief",
    "cooperatieve",
    "pijnacker",
    "medical",
    "hospitality",
];

/// Terms by their first letter, so a word is scanned once per position against a
/// handful of terms rather than against all of them: linear in the text.
fn by_first_letter() -> &'static [Vec<(&'static str, bool)>; 26] {
    static INDEX: OnceLock<[Vec<(&'static str, bool)>; 26]> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<(&'static str, bool)>; 26] = Default::default();
        let all = TERMS
            .iter()
            .map(|t| (*t, false))
            .chain(AFTER_BODY_PART.iter().map(|t| (*t, true)));
        for (term, needs_body_part) in all {
            if let Some(slot) = term
                .bytes()
                .next()
                .and_then(|b| index.get_mut(usize::from(b.wrapping_sub(b'a'))))
            {
                slot.push((term, needs_body_part));
            }
        }
        index
    })
}

/// The terms' first two letters: bit `second` of entry `first` (`a` is 0).
fn first_two_letters() -> &'static [u32; 26] {
    static PAIRS: OnceLock<[u32; 26]> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs = [0u32; 26];
        for term in TERMS.iter().chain(AFTER_BODY_PART) {
            if let [first, second, ..] = term.as_bytes() {
                if let Some(set) = pairs.get_mut(usize::from(first.wrapping_sub(b'a'))) {
                    *set |= 1 << (second.wrapping_sub(b'a') & 31);
                }
            }
        }
        pairs
    })
}

/// Whether one word (lower case, folded, without hyphens) is medical.
pub fn is_medical_word(word: &str) -> bool {
    if WHOLE_WORDS.contains(&word) {
        return true;
    }
    let bytes = word.as_bytes();
    let index = by_first_letter();
    let pairs = first_two_letters();
    let hit = (0..bytes.len()).any(|at| {
        // Most positions start no term: their first two letters say so.
        let letter = |b: Option<&u8>| b.map_or(26, |b| usize::from(b.wrapping_sub(b'a')));
        let (first, second) = (letter(bytes.get(at)), letter(bytes.get(at + 1)));
        if pairs
            .get(first)
            .is_none_or(|set| set & 1 << second.min(31) == 0)
        {
            return false;
        }
        let Some(terms) = index.get(first) else {
            return false;
        };
        terms.iter().any(|(term, needs_body_part)| {
            bytes[at..].starts_with(term.as_bytes())
                && (!needs_body_part
                    || BODY_PARTS
                        .iter()
                        .any(|part| bytes[..at].ends_with(part.as_bytes())))
        })
    });
    hit && !ALLOWED.contains(&word)
}

/// Whether a text holds a medical word. Each part of a hyphenated word is also
/// tried as a whole word ("RSI-klachten").
pub fn has_medical_text(text: &str) -> bool {
    has_medical_text_in(text, &mut String::new())
}

/// [`has_medical_text`] with a word buffer the caller keeps between cells.
fn has_medical_text_in(text: &str, word: &mut String) -> bool {
    word.clear();
    if text.is_ascii() {
        has_medical_ascii(text.as_bytes(), word)
    } else {
        has_medical_chars(text, word)
    }
}

/// Any text, character by character.
fn has_medical_chars(text: &str, word: &mut String) -> bool {
    word.clear();
    let mut part_start = 0;
    let whole = |part: &str| WHOLE_WORDS.contains(&part);
    for c in text
        .chars()
        .flat_map(char::to_lowercase)
        .chain(std::iter::once(' '))
    {
        if matches!(c, '-' | '\'' | '’' | '‐') {
            // Hyphens and apostrophes join: "burn-out", "rug-klachten".
            if whole(&word[part_start..]) {
                return true;
            }
            part_start = word.len();
        } else if let Some(plain) = fold(c) {
            word.push_str(plain);
        } else if c.is_alphanumeric() {
            word.push(c);
        } else {
            let letters = word.bytes().any(|b| b.is_ascii_lowercase());
            if letters && (whole(&word[part_start..]) || is_medical_word(word)) {
                return true;
            }
            word.clear();
            part_start = 0;
        }
    }
    false
}

/// The same over ASCII text, byte by byte: lower case is `to_ascii_lowercase`,
/// nothing folds, and the only joiners are `-` and `'`. Only words with a letter
/// and at least three characters are looked up (no term is shorter), so dates and
/// amounts cost one pass over their bytes.
fn has_medical_ascii(text: &[u8], word: &mut String) -> bool {
    const SHORTEST: usize = 3;
    // Dates and amounts: no letter, no word to look up.
    if !text.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    text.split(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'\'')))
        .any(|segment| {
            segment.len() >= SHORTEST
                && segment.iter().any(u8::is_ascii_alphabetic)
                && medical_segment(segment, word)
        })
}

/// One ASCII word with its joiners: each part as a whole word, then the word.
fn medical_segment(segment: &[u8], word: &mut String) -> bool {
    let whole = |part: &str| WHOLE_WORDS.contains(&part);
    word.clear();
    let mut part_start = 0;
    for &b in segment {
        if matches!(b, b'-' | b'\'') {
            if whole(&word[part_start..]) {
                return true;
            }
            part_start = word.len();
        } else {
            word.push(char::from(b.to_ascii_lowercase()));
        }
    }
    whole(&word[part_start..]) || is_medical_word(word)
}

/// Reports every cell with medical data, by line and column; `field` when the
/// cell is in a named column of an employee row.
pub fn scan(lines: &[Line], layout: &Layout, out: &mut Findings) {
    let mut word = String::new();
    for (index, line) in lines.iter().enumerate() {
        for (column, cell) in line.cells.iter().enumerate() {
            if has_medical_text_in(cell, &mut word) {
                let field = layout
                    .header
                    .as_ref()
                    .filter(|_| layout.rows.binary_search(&index).is_ok())
                    .and_then(|h| h.columns.get(column).copied().flatten());
                out.push(messages::medical_data(line.number, column, field));
            }
        }
    }
}

/// Reports every note (a comment, a drawing's text) with medical data.
pub fn scan_notes(notes: &[Note], out: &mut Findings) {
    let mut word = String::new();
    for note in notes {
        if has_medical_text_in(&note.text, &mut word) {
            out.push(messages::medical_data_in_note(note.source, note.cell));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn medical_words_and_phrases() {
        for text in [
            "diagnose",
            "Diagnose: hernia",
            "burn-out",
            "Burnout",
            "overspannen",
            "overspannenheid",
            "depressie",
            "depressief",
            "hernia",
            "fysiotherapie",
            "fysiotherapeut",
            "medicatie",
            "medicijnen",
            "operatie",
            "knieoperatie",
            "rugoperatie",
            "psycholoog",
            "psychiater",
            "psychotherapie",
            "ziekenhuisopname",
            "ziekenhuis",
            "rugklachten",
            "nekklachten",
            "hartklachten",
            "psychische klachten",
            "hoofdpijn",
            "migraine",
            "kanker",
            "oncologie",
            "chemokuur",
            "zwangerschap",
            "zwangerschapsgerelateerd",
            "griep",
            "corona",
            "COVID-19",
            "fractuur",
            "beenbreuk",
            "polsbreuk",
            "letsel",
            "RSI",
            "rsi-klachten",
            "angststoornis",
            "ADHD",
            "alcoholverslaving",
            "verslaving",
            "diagnosis",
            "depression",
            "knee surgery",
            "physiotherapy",
            "medication",
            "hospital",
            "cancer",
            "fracture",
            "injury",
            "therapist",
            "anxiety",
            "Opname in het ziekenhuis",
            "Bezoek huisarts",
            "hartproblemen",
            "whiplash na ongeval",
            "Coöperatieve fysiopraktijk",
            "stressklachten",
            "angst",
            "ziekte van Lyme",
        ] {
            assert!(has_medical_text(text), "{text} should be medical");
        }
    }

    #[test]
    fn absence_process_words() {
        for text in [
            "ziek",
            "ziekte",
            "zieke werknemer",
            "ziekteverzuim",
            "ziektedag",
            "Eerste ziektedag",
            "ziekmelding",
            "Datum ziekmelding",
            "ziektewet",
            "arbeidsongeschikt",
            "Arbeidsongeschiktheidspercentage",
            "hersteld",
            "herstel",
            "Datum (gedeeltelijk) herstel",
            "gedeeltelijk hersteld",
            "bedrijfsarts",
            "verzekeringsarts",
            "arbodienst",
            "verzuim",
            "verzuimrapportage",
            "re-integratie",
            "reintegratie",
            "Arbeidstherapeutisch werken %",
            "arbeidstherapeutische basis",
            "ATW",
            "AO%",
            "probleemanalyse",
            "plan van aanpak",
            "Bevat geen medische gegevens",
            "bedrijfsongeval",
            "deeltijdbreuk",
            "klachtenregeling",
            "Coöperatie De Hoop U.A.",
            "Pijnacker",
            "versie 2",
            "universiteit",
            "Jansen",
            "van der Berg",
            "J.P.",
            "01-03-2025",
            "52.350,00",
            "SV-loon (kolom 8)",
            "Hospitality Group B.V.",
            "Bakkerij De Korenschoof B.V.",
            "sick leave",
            "recovered",
            "Vangnetregeling: ja",
            "Datum ontvangst",
            "Polymer Solutions B.V.",
            "",
            "---",
        ] {
            assert!(!has_medical_text(text), "{text} should not be medical");
        }
    }

    proptest::proptest! {
        /// The ASCII route agrees with the general one.
        #[test]
        fn ascii_route_agrees(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(TERMS.iter().chain(WHOLE_WORDS).chain(ALLOWED).chain(BODY_PARTS).chain(AFTER_BODY_PART).copied().collect::<Vec<_>>()).prop_map(str::to_owned),
            "[ -~]{0,6}",
        ], 0..6)) {
            let text = parts.concat();
            let mut word = String::new();
            proptest::prop_assert_eq!(
                has_medical_ascii(text.as_bytes(), &mut word),
                has_medical_chars(&text, &mut word),
                "{}", text
            );
        }
    }

    #[test]
    fn scan_reports_row_column_and_field() {
        let line = |number, cells: &[&str]| Line {
            number,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        };
        let lines = vec![
            line(1, &["Naam", "Voorletters", "Opmerking"]),
            line(2, &["Jansen", "J.", "rugklachten"]),
            line(3, &["Hernia", "P.", ""]),
        ];
        let layout = super::super::rows::layout(super::super::Kind::AbsenceReport, &lines);
        let mut out = Findings::default();
        scan(&lines, &layout, &mut out);
        let found: Vec<_> = out
            .finish(messages::too_many)
            .into_iter()
            .map(|f| (f.code, f.row, f.field))
            .collect();
        assert_eq!(
            found,
            vec![
                ("medical_data", Some(2), None),
                ("medical_data", Some(3), Some("name"))
            ]
        );
    }
}
