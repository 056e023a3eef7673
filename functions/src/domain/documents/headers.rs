//! Column headers: which canonical field a header cell names. The synonym table is
//! written once, as data ([`FIELDS`]); everything else (finding the header line,
//! labels in messages) reads it from there.
//!
//! Matching is exact after normalisation, never a substring search: a cell is
//! lower-cased, accents folded, dots dropped (`Kol. 8`, `B.V.`), every other
//! punctuation mark (`%`, `-`, `/`, `:`) made a space, and then compared with the
//! spaces left out (`SV-loon`, `SV loon` and `SVloon` are one key). Besides the
//! whole cell, the part outside parentheses and each part inside them are tried
//! (`SV-loon (kolom 8)`, `Datum (gedeeltelijk) herstel`), and a trailing year or
//! currency word is ignored (`SV-loon 2024`, `Loonsom in euro`). One hash lookup per
//! candidate keeps a 100,000-line file linear.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Kind, Line};

/// A canonical field: its name in findings, how messages call it (Dutch with its
/// article, since "het SV-loon" but "de naam"), and the headers that name it.
pub struct Field {
    pub name: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    pub headers: &'static [&'static str],
}

/// Every field a payroll statement or absence report can hold. The first header
/// of each is the example messages suggest.
///
/// Decisions:
/// - "Datum ziekmelding" / "Melddatum" is the report date: the ziekmelding is the
///   employer's report of the absence, which can come days after the first sick day
///   (DOMAIN.md: "eerste ziektedag, melddatum").
/// - "Rapportagedatum" counts as the report date only as a column header; in a
///   preamble ("Rapportagedatum: 31-01-2025", one cell) it is never a header.
/// - A column "Totaal SV-loon" is the employee's year total, i.e. the SV-loon
///   column, not the wage sum; the wage sum is the "Totaal" line (see `rows`) or a
///   column such as "Totale loonsom".
/// - `prefix` (tussenvoegsel) is not required, but read when present so that
///   names compare with the settlement.
pub const FIELDS: &[Field] = &[
    Field {
        name: "company_name",
        nl: "de bedrijfsnaam",
        en: "the company name",
        headers: &[
            "Werkgever",
            "Naam werkgever",
            "Werkgeversnaam",
            "Bedrijfsnaam",
            "Bedrijf",
            "Naam bedrijf",
            "Onderneming",
            "Naam onderneming",
            "Organisatie",
            "Firma",
            "Handelsnaam",
            "Statutaire naam",
            "Company",
            "Company name",
            "Employer",
            "Employer name",
        ],
    },
    Field {
        name: "name",
        nl: "de naam",
        en: "the name",
        headers: &[
            "Naam",
            "Achternaam",
            "Naam werknemer",
            "Werknemer",
            "Werknemersnaam",
            "Naam medewerker",
            "Medewerker",
            "Geslachtsnaam",
            "Name",
            "Last name",
            "Surname",
            "Family name",
            "Employee",
            "Employee name",
        ],
    },
    Field {
        name: "initials",
        nl: "de voorletters",
        en: "the initials",
        headers: &[
            "Voorletters",
            "Voorletter",
            "Initialen",
            "Initials",
            "Initial",
        ],
    },
    Field {
        name: "prefix",
        nl: "het tussenvoegsel",
        en: "the name prefix",
        headers: &[
            "Tussenvoegsel",
            "Tussenvoegsels",
            "Voorvoegsel",
            "Voorvoegsels",
            "Tussenv",
            "Prefix",
        ],
    },
    Field {
        name: "start_date",
        nl: "de datum in dienst",
        en: "the start date",
        headers: &[
            "Datum in dienst",
            "In dienst",
            "In dienst per",
            "Datum indiensttreding",
            "Indiensttreding",
            "Begindatum",
            "Begindatum dienstverband",
            "Startdatum",
            "Startdatum dienstverband",
            "Ingangsdatum dienstverband",
            "Aanvang dienstverband",
            "Start date",
            "Start of employment",
            "Employment start",
            "Hire date",
            "Date hired",
        ],
    },
    Field {
        name: "end_date",
        nl: "de datum uit dienst",
        en: "the end date",
        headers: &[
            "Datum uit dienst",
            "Uit dienst",
            "Uit dienst per",
            "Datum uitdiensttreding",
            "Uitdiensttreding",
            "Einddatum",
            "Einddatum dienstverband",
            "Einde dienstverband",
            "End date",
            "End of employment",
            "Employment end",
            "Termination date",
            "Leaving date",
        ],
    },
    Field {
        name: "sv_wage",
        nl: "het SV-loon",
        en: "the SV wage",
        headers: &[
            "SV-loon",
            "Loon SV",
            "Loon SVW",
            "Kolom 8",
            "Kol 8",
            "Loon voor de werknemersverzekeringen",
            "Loon werknemersverzekeringen",
            "Sociale verzekeringsloon",
            "Sociaal verzekeringsloon",
            "Premieloon",
            "Totaal SV-loon",
            "SV-loon totaal",
            "Cumulatief SV-loon",
            "SV-loon cumulatief",
            "SV wages",
            "SV wage",
            "Social security wages",
            "Employee insurance wages",
        ],
    },
    Field {
        name: "total",
        nl: "de totale loonsom",
        en: "the total wage sum",
        headers: &[
            "Totale loonsom",
            "Totaal loonsom",
            "Loonsom",
            "Loonsom totaal",
            "Total wage sum",
            "Wage sum",
            "Total payroll",
        ],
    },
    Field {
        name: "bsn",
        nl: "het BSN",
        en: "the BSN",
        headers: &[
            "BSN",
            "Burgerservicenummer",
            "BSN nummer",
            "Sofinummer",
            "Sofi nummer",
            "Sofinr",
            "BSN/Sofinummer",
            "Citizen service number",
        ],
    },
    Field {
        name: "employee_number",
        nl: "het personeelsnummer",
        en: "the employee number",
        headers: &[
            "Personeelsnummer",
            "Personeelsnr",
            "Pers nr",
            "Werknemersnummer",
            "Medewerkernummer",
            "Employee number",
            "Employee ID",
            "Staff number",
        ],
    },
    Field {
        name: "first_sick_day",
        nl: "de eerste ziektedag",
        en: "the first day of absence",
        headers: &[
            "Eerste ziektedag",
            "Eerste verzuimdag",
            "1e ziektedag",
            "1e verzuimdag",
            "Begindatum verzuim",
            "Startdatum verzuim",
            "Ingangsdatum verzuim",
            "Begin verzuim",
            "Ziek sinds",
            "Ziek vanaf",
            "First sick day",
            "First day of absence",
            "First day of illness",
            "Start of absence",
            "Sick since",
        ],
    },
    Field {
        name: "report_date",
        nl: "de melddatum",
        en: "the report date",
        headers: &[
            "Melddatum",
            "Datum melding",
            "Meldingsdatum",
            "Datum ziekmelding",
            "Ziekmeldingsdatum",
            "Ziekmelding",
            "Gemeld op",
            "Rapportagedatum",
            "Report date",
            "Reported on",
            "Date reported",
            "Notification date",
        ],
    },
    Field {
        name: "recovery_date",
        nl: "de (gedeeltelijke) hersteldatum",
        en: "the (partial) recovery date",
        headers: &[
            "Datum (gedeeltelijk) herstel",
            "Datum gedeeltelijk herstel",
            "Datum herstel",
            "Hersteldatum",
            "Herstel",
            "Hersteld",
            "Hersteld per",
            "Datum hersteld",
            "Hersteldmelding",
            "Datum hersteldmelding",
            "Deelherstel",
            "Datum deelherstel",
            "Deelhersteldatum",
            "Einde verzuim",
            "Einddatum verzuim",
            "Recovery date",
            "Partial recovery date",
            "Date of recovery",
            "Recovered",
            "Recovered on",
        ],
    },
    Field {
        name: "ao_percent",
        nl: "het AO-percentage",
        en: "the disability percentage",
        headers: &[
            "AO%",
            "AO",
            "AO-percentage",
            "Percentage AO",
            "Arbeidsongeschiktheidspercentage",
            "Arbeidsongeschiktheid",
            "Arbeidsongeschikt %",
            "Percentage arbeidsongeschikt",
            "Verzuimpercentage",
            "Percentage verzuim",
            "Disability %",
            "Disability percentage",
            "Incapacity %",
            "Absence percentage",
        ],
    },
    Field {
        name: "atw_percent",
        nl: "het ATW-percentage",
        en: "the therapeutic work percentage",
        headers: &[
            "ATW%",
            "ATW",
            "ATW-percentage",
            "Percentage ATW",
            "Arbeidstherapeutisch werken %",
            "Arbeidstherapeutisch werken",
            "Arbeidstherapeutisch",
            "Therapeutisch werken",
            "Therapeutic work %",
            "Therapeutic work",
        ],
    },
];

/// The columns a kind must have. `initials` may instead sit in the name column
/// ("Jansen, J."), which `rows` then splits; the end date and recovery date
/// columns are required although a cell may be empty (still employed, still sick).
/// ATW% is not required: it only applies where therapeutic work does.
pub fn required_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::PayrollStatement => &["name", "initials", "start_date", "end_date", "sv_wage"],
        Kind::AbsenceReport => &[
            "name",
            "initials",
            "first_sick_day",
            "report_date",
            "recovery_date",
            "ao_percent",
        ],
    }
}

/// The Dutch and English label of a field, for messages.
pub fn label(field: &str) -> (&'static str, &'static str) {
    FIELDS
        .iter()
        .find(|f| f.name == field)
        .map_or(("dit gegeven", "this value"), |f| (f.nl, f.en))
}

/// The header messages suggest for a field.
pub fn example_header(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|f| f.name == field)
        .and_then(|f| f.headers.first().copied())
        .unwrap_or("")
}

/// Lower case, accents folded, dots dropped, other punctuation and whitespace runs
/// made one space: the common ground of `SV-loon`, `sv loon`, `Kol. 8`, `B.V.`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == '.' {
            continue;
        }
        let folded = fold(c);
        if folded.is_none() && !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        match folded {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    out
}

/// The plain letters of an accented lower-case letter, so that "Coöperatie" and
/// "Cooperatie" are one word; other characters are left to the caller.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ĳ' => "ij",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'š' => "s",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ž' => "z",
        _ => return None,
    })
}

/// The lookup key of one normalised candidate: trailing years and currency words
/// dropped, spaces left out.
fn key(normalized: &str) -> String {
    let mut words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 {
        let last = words[words.len() - 1];
        let year = last.len() == 4 && (last.starts_with("19") || last.starts_with("20"));
        let noise = matches!(last, "eur" | "euro" | "euros" | "in");
        if !(year || noise) || last.bytes().any(|b| !b.is_ascii_alphanumeric()) {
            break;
        }
        words.pop();
    }
    words.concat()
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for field in FIELDS {
            for header in field.headers {
                // The first field wins; a test keeps the table free of collisions.
                map.entry(key(&normalize(header))).or_insert(field.name);
            }
        }
        map
    })
}

/// The letters and digits of ASCII text, lower case, as a set (digits bits 0-9,
/// letters 10-35).
fn alphanumeric_set(text: &[u8]) -> u64 {
    text.iter().fold(0, |set, &b| match b {
        b'0'..=b'9' => set | 1 << (b - b'0'),
        b'a'..=b'z' => set | 1 << (b - b'a' + 10),
        b'A'..=b'Z' => set | 1 << (b - b'A' + 10),
        _ => set,
    })
}

/// Whether [`field_of`] could name `field` for this cell: false only when it
/// surely does not, a quick test before the full lookup for cells that are
/// mostly data. Every character of a lookup key comes from the cell (lower
/// case, folded), so an ASCII cell that lacks a letter of each of the field's
/// keys names another field or none.
pub fn could_name(cell: &str, field: &str) -> bool {
    // Per field (in the order of FIELDS), the sets of its keys.
    static SETS: OnceLock<Vec<(&'static str, Vec<u64>)>> = OnceLock::new();
    if !cell.is_ascii() {
        return true;
    }
    let sets = SETS.get_or_init(|| {
        FIELDS
            .iter()
            .map(|f| {
                let keys = table()
                    .iter()
                    .filter(|(_, name)| **name == f.name)
                    .map(|(key, _)| alphanumeric_set(key.as_bytes()))
                    .collect();
                (f.name, keys)
            })
            .collect()
    });
    let Some((_, keys)) = sets.iter().find(|(name, _)| *name == field) else {
        return false;
    };
    let have = alphanumeric_set(cell.as_bytes());
    keys.iter().any(|needs| needs & !have == 0)
}

/// Which of the `lists` (of lower-case words) holds the first word of the
/// [`normalize`]d text, if any; without allocating for ASCII text.
pub fn first_word_in(text: &str, lists: &[&[&str]]) -> Option<usize> {
    let find = |first: &[u8]| {
        lists
            .iter()
            .position(|words| words.iter().any(|w| w.as_bytes() == first))
    };
    if !text.is_ascii() {
        let normalized = normalize(text);
        return find(normalized.split(' ').next().unwrap_or("").as_bytes());
    }
    // Dots are dropped, any other character ends the word; what precedes the
    // first letter or digit is no word.
    let mut first = [0u8; 16];
    let mut len = 0;
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() {
            *first.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        } else if b != b'.' && len > 0 {
            break;
        }
    }
    find(first.get(..len)?)
}

/// The field a header cell names, if any: the whole cell first, then the part
/// outside parentheses, then each part inside them.
pub fn field_of(cell: &str) -> Option<&'static str> {
    let lookup = |text: &str| table().get(&key(&normalize(text))).copied();
    if let Some(field) = lookup(cell) {
        return Some(field);
    }
    if !cell.contains(['(', '[']) {
        return None;
    }
    let mut outside = String::new();
    let mut inside = vec![String::new()];
    let mut depth = 0usize;
    for c in cell.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                inside.push(String::new());
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {
                if let Some(part) = inside.last_mut() {
                    part.push(c);
                }
            }
        }
    }
    std::iter::once(outside)
        .chain(inside)
        .filter(|part| !part.trim().is_empty())
        .find_map(|part| lookup(&part))
}

/// The header line: which field each column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index into the content's lines.
    pub index: usize,
    /// The field of each column, by cell position.
    pub columns: Vec<Option<&'static str>>,
    /// Each field's first column: a second "Naam" column is ignored.
    first: Vec<(&'static str, usize)>,
}

impl Header {
    fn of(index: usize, line: &Line) -> Header {
        let columns: Vec<Option<&'static str>> =
            line.cells.iter().map(|cell| field_of(cell)).collect();
        let mut first: Vec<(&'static str, usize)> = Vec::new();
        for (position, field) in columns.iter().enumerate() {
            if let Some(field) = field {
                if !first.iter().any(|(f, _)| f == field) {
                    first.push((field, position));
                }
            }
        }
        Header {
            index,
            columns,
            first,
        }
    }

    /// The column holding a field, if the header names it.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.first
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, position)| *position)
    }

    /// How many of the kind's required fields the header names.
    fn required_count(&self, kind: Kind) -> usize {
        required_columns(kind)
            .iter()
            .filter(|field| self.column(field).is_some())
            .count()
    }
}

/// The first line naming at least two of the kind's required fields: one named
/// field could be a title or a preamble label ("Werknemer: ..."), two are a table.
pub fn find_header(lines: &[Line], kind: Kind) -> Option<Header> {
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| Header::of(index, line))
        .find(|header| header.required_count(kind) >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The quick tests agree with the full lookup and with normalize.
        #[test]
        fn quick_tests_agree(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(FIELDS.iter().flat_map(|f| f.headers.iter().copied()).chain(["Totaal", "subtotaal", "Eindtotaal", "2024", "EUR"]).collect::<Vec<_>>()).prop_map(str::to_owned),
            "[ -~]{0,4}",
            "[ -~é]{0,3}",
        ], 0..4)) {
            let text = parts.concat();
            for field in FIELDS {
                if field_of(&text) == Some(field.name) {
                    proptest::prop_assert!(could_name(&text, field.name), "{} {}", text, field.name);
                }
            }
            let lists: &[&[&str]] = &[&["subtotaal", "transport"], &["totaal", "total", "2024"]];
            let normalized = normalize(&text);
            let first = normalized.split(' ').next().unwrap_or("");
            let expected = lists.iter().position(|words| words.contains(&first));
            proptest::prop_assert_eq!(first_word_in(&text, lists), expected, "{}", text);
        }
    }

    fn line(cells: &[&str]) -> Line {
        Line {
            number: 1,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn no_header_names_two_fields() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for field in FIELDS {
            for header in field.headers {
                let k = key(&normalize(header));
                assert!(!k.is_empty(), "{header}");
                if let Some(other) = seen.insert(k.clone(), field.name) {
                    assert_eq!(other, field.name, "{header} ({k}) names two fields");
                }
            }
        }
    }

    #[test]
    fn normalizes_case_accents_punctuation() {
        for (input, expected) in [
            ("SV-loon", "sv loon"),
            ("  Loon   SV ", "loon sv"),
            ("AO%", "ao"),
            ("Kol. 8", "kol 8"),
            ("Bakkerij B.V.", "bakkerij bv"),
            ("Coöperatie", "cooperatie"),
            ("ÉÉN/TWEE", "een twee"),
            ("Ĳssel", "ijssel"),
            ("", ""),
            ("%%%", ""),
        ] {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }

    #[test]
    fn header_variants() {
        let cases: &[(&str, &str)] = &[
            ("SV-loon", "sv_wage"),
            ("sv loon", "sv_wage"),
            ("SVloon", "sv_wage"),
            ("Loon SV", "sv_wage"),
            ("Loon SVW", "sv_wage"),
            ("kolom 8", "sv_wage"),
            ("Kol. 8", "sv_wage"),
            ("SV-loon (kolom 8)", "sv_wage"),
            ("Loon voor de werknemersverzekeringen (kolom 8)", "sv_wage"),
            ("LOON WERKNEMERSVERZEKERINGEN", "sv_wage"),
            ("Sociale verzekeringsloon", "sv_wage"),
            ("SV wages", "sv_wage"),
            ("SV-loon 2024", "sv_wage"),
            ("SV-loon (€)", "sv_wage"),
            ("SV-loon in euro", "sv_wage"),
            ("Totaal SV-loon", "sv_wage"),
            ("Naam", "name"),
            ("Achternaam", "name"),
            ("Naam werknemer", "name"),
            ("Last name", "name"),
            ("Surname", "name"),
            ("Voorletters", "initials"),
            ("Initialen", "initials"),
            ("Initials", "initials"),
            ("Tussenvoegsel", "prefix"),
            ("Datum in dienst", "start_date"),
            ("In dienst", "start_date"),
            ("Indienst", "start_date"),
            ("Begindatum dienstverband", "start_date"),
            ("Start date", "start_date"),
            ("Datum uit dienst", "end_date"),
            ("Einddatum", "end_date"),
            ("Eerste ziektedag", "first_sick_day"),
            ("Eerste verzuimdag", "first_sick_day"),
            ("1e ziektedag", "first_sick_day"),
            ("First day of absence", "first_sick_day"),
            ("Datum melding", "report_date"),
            ("Meldingsdatum", "report_date"),
            ("Datum ziekmelding", "report_date"),
            ("Melddatum", "report_date"),
            ("Rapportagedatum", "report_date"),
            ("Datum (gedeeltelijk) herstel", "recovery_date"),
            ("Hersteldatum", "recovery_date"),
            ("Herstel", "recovery_date"),
            ("Recovery date", "recovery_date"),
            ("AO%", "ao_percent"),
            ("AO %", "ao_percent"),
            ("% AO", "ao_percent"),
            ("AO-percentage", "ao_percent"),
            ("Arbeidsongeschiktheidspercentage", "ao_percent"),
            ("ATW%", "atw_percent"),
            ("Arbeidstherapeutisch werken %", "atw_percent"),
            ("Arbeidstherapeutisch werken (%)", "atw_percent"),
            ("BSN", "bsn"),
            ("Burgerservicenummer", "bsn"),
            ("Personeelsnummer", "employee_number"),
            ("Werkgever", "company_name"),
            ("Bedrijfsnaam", "company_name"),
            ("Totale loonsom", "total"),
            ("Loonsom 2024", "total"),
        ];
        for (cell, field) in cases {
            assert_eq!(field_of(cell), Some(*field), "{cell}");
        }
        for cell in [
            "",
            "Datum",
            "Loon voor de loonheffing (kolom 14)",
            "kolom 14",
            "Opmerkingen",
            "Naam: Bakkerij",
            "(",
            ")(",
            "2024",
            "Totaal",
        ] {
            assert_eq!(field_of(cell), None, "{cell}");
        }
    }

    #[test]
    fn finds_the_header_after_a_preamble() {
        let lines = vec![
            line(&["Verzamelloonstaat 2024"]),
            line(&["Werkgever: Bakkerij B.V."]),
            line(&["Naam", "Loonheffingennummer"]),
            line(&[
                "Naam",
                "Voorletters",
                "In dienst",
                "Uit dienst",
                "SV-loon (kolom 8)",
                "Naam",
            ]),
            line(&["Jansen", "J.", "01-01-2020", "", "52.350,00", "x"]),
        ];
        let header = find_header(&lines, Kind::PayrollStatement).unwrap();
        assert_eq!(header.index, 3);
        assert_eq!(header.column("name"), Some(0));
        assert_eq!(header.column("sv_wage"), Some(4));
        assert_eq!(header.column("bsn"), None);
        assert_eq!(header.columns[5], Some("name"));
        let alone = |i: usize, kind| find_header(&lines[i..=i], kind).is_some();
        assert!(alone(3, Kind::PayrollStatement));
        // Name and initials are required in both kinds: an absence report's checks
        // then report the absence columns as missing.
        assert!(alone(3, Kind::AbsenceReport));
        assert!(!alone(4, Kind::PayrollStatement));
        assert_eq!(find_header(&lines[..3], Kind::PayrollStatement), None);
    }
}
