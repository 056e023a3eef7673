//! The scripts' texts: the `[script.*]` tables of `strings/nl.toml` and
//! `strings/en.toml`, typed (a missing or extra key stops the build), plus the
//! field names and finding titles of `functions/labels.json`, the table the API
//! names fields from. A page carries, as JSON in `<script type="application/json"
//! id="texts">`, the sections its scripts name; `static/texts.js` reads them.
//!
//! A section is named by the first part of a key (`t("payroll.found")`); the
//! scripts' keys are found in their source, as the contract test reads them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::Lang;

/// A text chosen by a count: `one` for 1, `other` for any other number.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    pub one: String,
    pub other: String,
}

/// Text tables: every field a `String` unless typed (`Plural`, a nested table).
macro_rules! tables {
    ($($(#[$meta:meta])* $name:ident { $($field:ident $(: $ty:ty)?),* $(,)? })*) => {$(
        $(#[$meta])*
        #[derive(Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $(pub $field: tables!(@ty $($ty)?)),* }
    )*};
    (@ty) => { String };
    (@ty $ty:ty) => { $ty };
}

tables! {
    /// The sections, one per script or group of scripts.
    ScriptTexts {
        portal: PortalTexts, sign_in: SignInTexts, home: HomeTexts, users: UsersTexts,
        calc_wga: CalcWgaTexts, payroll: PayrollTexts, documents: DocumentsTexts,
        products: Products, organisation: OrganisationTexts,
    }
    /// What every page shares (portal.js, session.js).
    PortalTexts { network, mismatch, not_yours, or, back_home, roles: Roles, amount: AmountTexts }
    /// The API's role codes; the users page's checkboxes show them too.
    Roles { user_management, hr, finance }
    /// Why an amount could not be read (amount.js's reasons).
    AmountTexts { empty, not_a_number, negative, too_precise, too_large, ambiguous }
    SignInTexts { qr, codes_file, codes_header }
    /// The API's task kinds.
    HomeTexts { tasks: Tasks }
    Tasks { settlement_open, wages_missing: Plural }
    UsersTexts { enable, invited, status: UserStatus, events: Events }
    UserStatus { invited, active, disabled }
    /// The security log's event kinds.
    Events {
        sign_in_ok, sign_in_failed, totp_failed, totp_enrolled, totp_reset, password_changed,
        password_reset_requested, user_activated, user_invited, roles_changed, user_disabled,
        user_enabled, employee_corrected, activation_resent, employer_linked, employer_unlinked,
        link_revoked, company_details_changed,
    }
    CalcWgaTexts { months: Plural, while_benefit_runs }
    /// The employee and settlement pages (payroll.js and the scripts that import it).
    PayrollTexts {
        found: Plural, page_of, end, rehire, added, ended, rehired, choose_file,
        imported: Plural, row, check_caption: Plural, missing, missing_count: Plural, all_wages,
        wage_of, wage_saved, fill_first: Plural, unsaved: Plural, corrected, unchanged,
        fixed_term, permanent, no_history, changed, empty_value, bsn_read, submitted_on,
        submitted_on_reference, status_open, status_submitted, spec_heading, bad_year,
        caption: Caption, gender: Gender, balance: Balance, next: Balance,
    }
    Caption { active, inactive }
    /// The API's gender codes; the employee forms' choices show them too.
    Gender { m, v, x }
    /// The settlement's balance directions.
    Balance { due_from_employer, refund_to_employer, none }
    DocumentsTexts {
        too_large, chosen, checking, accepted, accepted_warnings: Plural, refused: Plural,
        medical, sent, empty, kinds: DocumentKinds, severity: Severity,
    }
    DocumentKinds { payroll_statement, absence_report }
    /// The API's product codes.
    Products { verzuim, wga_hiaat, pensioen, zorg }
    /// The organisation's employers and contracts: the scope bar, the home page's
    /// tiles and tasks, the company and contracts pages.
    OrganisationTexts {
        working_for, working_for_contract, contract_option, linked, unlinked, linked_done, saved,
        task_of, contract_number_only, contract_named, none,
    }
    Severity { error, warning }
}

/// A name in both languages, as `functions/labels.json` holds it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    nl: String,
    en: String,
}

/// `functions/labels.json`: field path → name, finding code → title.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    fields: BTreeMap<String, Label>,
    findings: BTreeMap<String, Label>,
}

/// Every section in a language: the scripts' tables and `fields` and `findings`.
pub fn catalogue(lang: Lang) -> Map<String, Value> {
    let labels: Labels = serde_json::from_str(include_str!("../../functions/labels.json"))
        .unwrap_or_else(|e| panic!("functions/labels.json: {e}"));
    let mut all = match serde_json::to_value(&crate::portal::strings(lang).script) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("a struct serialises to an object"),
    };
    for (section, table) in [("fields", labels.fields), ("findings", labels.findings)] {
        let names = table
            .into_iter()
            .map(|(key, l)| {
                let name = match lang {
                    Lang::Nl => l.nl,
                    Lang::En => l.en,
                };
                (key, Value::String(name))
            })
            .collect();
        all.insert(section.to_owned(), Value::Object(names));
    }
    all
}

/// The modules a script imports (`from "./x.js"`), transitively, itself included.
pub fn modules(name: &str) -> BTreeSet<String> {
    let files = crate::static_files();
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(next) = todo.pop() {
        if seen.insert(next.clone()) {
            let source = &files
                .iter()
                .find(|(n, _)| *n == next)
                .unwrap_or_else(|| panic!("static/{next}"))
                .1;
            for line in source.lines().filter(|l| l.starts_with("import ")) {
                if let Some(from) = line.split("from \"./").nth(1) {
                    todo.push(from.trim_end_matches("\";").to_owned());
                }
            }
        }
    }
    seen
}

/// How a script names a text.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    /// `t("a.b")` or `has("a.b")`: a text.
    Text(String),
    /// `plural("a.b", …)`: a text with `one` and `other`.
    Plural(String),
    /// ``t(`a.b.${x}`)``: any key of the table `a.b`.
    Table(String),
}

impl Use {
    pub fn key(&self) -> &str {
        match self {
            Use::Text(k) | Use::Plural(k) | Use::Table(k) => k,
        }
    }

    /// The section it is in: the key's first part.
    pub fn section(&self) -> &str {
        self.key().split('.').next().unwrap_or_default()
    }
}

/// The texts a script's source names through `t`, `plural` and `has`.
pub fn uses(source: &str) -> BTreeSet<Use> {
    let mut out = BTreeSet::new();
    for call in ["t(", "plural(", "has("] {
        for (at, _) in source.match_indices(call) {
            // `t(` ends `createElement(` too: only the function itself counts.
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || "_$.".contains(c)) {
                continue;
            }
            let rest = &source[at + call.len()..];
            if let Some(quoted) = rest.strip_prefix('"') {
                let key = quoted.split('"').next().unwrap_or_default().to_owned();
                out.insert(if call == "plural(" {
                    Use::Plural(key)
                } else {
                    Use::Text(key)
                });
            } else if let Some(template) = rest.strip_prefix('`') {
                let prefix = template.split("${").next().unwrap_or_default();
                out.insert(Use::Table(prefix.trim_end_matches('.').to_owned()));
            }
        }
    }
    out
}

/// The JSON a page carries for its script: the sections that it and the modules it
/// imports name, `<` escaped so the text cannot end its element.
pub fn page_json(script: &str, lang: Lang) -> String {
    let files = crate::static_files();
    let sections: BTreeSet<String> = modules(script)
        .iter()
        .filter_map(|m| files.iter().find(|(n, _)| n == m))
        .flat_map(|(_, source)| uses(source))
        .map(|u| u.section().to_owned())
        .collect();
    let mut all = catalogue(lang);
    all.retain(|section, _| sections.contains(section));
    serde_json::to_string(&all)
        .expect("texts serialise")
        .replace('<', "\\u003c")
}

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The leaves of a catalogue: key path → text.
    fn leaves(value: &Value, path: &str, out: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    leaves(v, &path, out);
                }
            }
            Value::String(s) => {
                out.insert(path.to_owned(), s.clone());
            }
            other => panic!("{path}: {other}"),
        }
    }

    /// Dutch and English hold the same keys, and each text the same placeholders
    /// in both (the script fills in the same values whatever the language).
    #[test]
    fn both_languages_hold_the_same_keys_and_placeholders() {
        let [nl, en] = Lang::ALL.map(|lang| {
            let mut out = BTreeMap::new();
            leaves(&Value::Object(catalogue(lang)), "", &mut out);
            out
        });
        assert_eq!(nl.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for (key, text) in &nl {
            let mut want = placeholders(text);
            let mut got = placeholders(&en[key]);
            // A count-chosen text may say "1" instead of `{n}`.
            if key.ends_with(".one") || key.ends_with(".other") {
                want.remove("n");
                got.remove("n");
            }
            assert_eq!(want, got, "{key}: {text} / {}", en[key]);
            assert!(!text.is_empty() && !en[key].is_empty(), "{key} is empty");
        }
    }

    #[test]
    fn uses_are_found() {
        let source = "t(\"a.b\"); plural(\"c.d\", n, { x }); x.t(\"no\"); createElement(\"li\"); \
                      has(`findings.${f.code}`); t(`e.${k}`)";
        let found: Vec<String> = uses(source).iter().map(|u| format!("{u:?}")).collect();
        assert_eq!(
            found,
            [
                "Text(\"a.b\")",
                "Plural(\"c.d\")",
                "Table(\"e\")",
                "Table(\"findings\")"
            ]
        );
        assert_eq!(
            placeholders("{a} of {b}, {n}"),
            BTreeSet::from(["a", "b", "n"])
        );
    }

    /// A page carries the sections its scripts name and no other.
    #[test]
    fn a_page_carries_its_sections() {
        let json: Value = serde_json::from_str(&page_json("documents.js", Lang::Nl)).unwrap();
        let sections: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert!(sections.iter().any(|s| *s == "documents"), "{sections:?}");
        assert!(sections.iter().any(|s| *s == "findings"), "{sections:?}");
        assert!(!sections.iter().any(|s| *s == "payroll"), "{sections:?}");
        assert_eq!(json["fields"]["end_date"], "Einddatum");
    }
}
