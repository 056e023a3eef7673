//! The names people see for the API's field paths, in Dutch and English, and the
//! titles of document findings: one table, `functions/labels.json`, that the
//! portal's pages carry as well (the site build reads it), so a field has one name
//! everywhere. Error messages use these; they never quote a raw field path such as
//! `last_name` (the path itself travels in the error's `field`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Msg;

/// A name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub nl: String,
    pub en: String,
}

/// The table: field path → label (paths as the error's `field` names them,
/// `policy.start_date`), and finding code → the title the help page gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub fields: BTreeMap<String, Label>,
    pub findings: BTreeMap<String, Label>,
}

/// The table, read once; its tests hold it whole, so reading cannot fail at run time.
pub fn labels() -> &'static Labels {
    static LABELS: OnceLock<Labels> = OnceLock::new();
    LABELS.get_or_init(|| {
        serde_json::from_str(include_str!("../../labels.json")).expect("functions/labels.json")
    })
}

/// The label of a field path. A provisional premium per year
/// (`policy.provisional_premium.2024`) is named with its year; an item of a list
/// (`contracts.0.product`) by the table's `*` entry (`contracts.*.product`).
pub fn label_of(path: &str) -> Option<(String, String)> {
    let fields = &labels().fields;
    if let Some((list, year)) = path.rsplit_once('.') {
        if list.ends_with("provisional_premium") {
            if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
                let l = label_of(list)?;
                return Some((format!("{} {year}", l.0), format!("{} {year}", l.1)));
            }
            return None;
        }
    }
    let any_item: String = path
        .split('.')
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(".");
    fields
        .get(path)
        .or_else(|| fields.get(&any_item))
        .map(|l| (l.nl.clone(), l.en.clone()))
}

/// "Fill in this field", naming the field by its label; a path without a label
/// gets the generic sentence, never the raw path.
pub fn required(path: &str) -> Msg {
    match label_of(path) {
        Some((nl, en)) => Msg::new(
            format!("Vul het veld {nl} in."),
            format!("{en} is required."),
        ),
        None => Msg::new("Vul dit veld in.", "This field is required."),
    }
}

/// Whether a text holds a snake_case word (`last_name`, `user_management`): what
/// an API field path or code looks like, and what messages must not show.
pub fn has_snake_case(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|word| {
            let parts: Vec<&str> = word.split('_').collect();
            parts.len() > 1 && parts.iter().filter(|p| !p.is_empty()).count() > 1
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_reads_as_words() {
        for (path, l) in labels().fields.iter().chain(&labels().findings) {
            for text in [&l.nl, &l.en] {
                assert!(!text.is_empty(), "{path}");
                assert!(!has_snake_case(text), "{path}: {text}");
            }
        }
        for (path, l) in &labels().fields {
            let msg = required(path);
            for text in [&msg.nl, &msg.en] {
                assert!(!has_snake_case(text), "{path}: {text}");
                assert!(
                    text.contains(&l.nl) || text.contains(&l.en),
                    "{path}: {text}"
                );
                if path.contains('_') || path.contains('.') {
                    assert!(!text.contains(path), "{path}: {text}");
                }
            }
        }
    }

    /// Every field a document finding can name has a label, in both languages: the
    /// documents page shows the label, never the path.
    #[test]
    fn every_field_a_finding_names_has_a_label() {
        use crate::domain::documents::headers::FIELDS;
        for field in FIELDS.iter().map(|f| f.name).chain(["file"]) {
            assert!(labels().fields.contains_key(field), "{field} has no label");
        }
    }

    /// Every finding title belongs to a code the checker emits (`messages.rs` names
    /// each code once, as the first argument of `finding(`).
    #[test]
    fn every_finding_title_is_an_emitted_code() {
        let source = include_str!("../domain/documents/messages.rs");
        let emitted: Vec<&str> = source
            .split("finding(\n")
            .skip(1)
            .filter_map(|rest| rest.trim_start().strip_prefix('"')?.split('"').next())
            .collect();
        assert!(emitted.contains(&"medical_data"), "{emitted:?}");
        for code in labels().findings.keys() {
            assert!(emitted.contains(&code.as_str()), "{code} is not emitted");
        }
    }

    /// A path or code twice in the file would silently keep the last; each is once.
    #[test]
    fn paths_are_unique() {
        let entries = include_str!("../../labels.json")
            .lines()
            .filter(|l| l.trim_start().starts_with('"') && l.contains("\"nl\""))
            .count();
        assert_eq!(entries, labels().fields.len() + labels().findings.len());
    }

    #[test]
    fn required_in_words() {
        assert_eq!(
            required("last_name"),
            Msg::new("Vul het veld Achternaam in.", "Last name is required.")
        );
        assert_eq!(
            required("policy.provisional_premium.2024"),
            Msg::new(
                "Vul het veld Voorlopige premie 2024 in.",
                "Provisional premium 2024 is required."
            )
        );
        for unknown in ["some_new_field", "policy.provisional_premium.x", "a.b"] {
            assert_eq!(
                required(unknown),
                Msg::new("Vul dit veld in.", "This field is required.")
            );
        }
    }

    #[test]
    fn list_items_and_years_are_named_by_their_entry() {
        assert_eq!(
            required("contracts.3.settings.products.0.monthly_premium"),
            Msg::new(
                "Vul het veld Maandpremie in.",
                "Monthly premium is required."
            )
        );
        assert_eq!(
            required("contracts.0.settings.provisional_premium.2025"),
            Msg::new(
                "Vul het veld Voorlopige premie 2025 in.",
                "Provisional premium 2025 is required."
            )
        );
        assert_eq!(
            label_of("postal_address.postcode"),
            Some(("Postcode".into(), "Postcode".into()))
        );
        assert_eq!(label_of("contracts.x.product"), None);
    }

    #[test]
    fn snake_case_detection() {
        assert!(has_snake_case("Vul last_name in."));
        assert!(has_snake_case("'bsn_last4'"));
        assert!(!has_snake_case("Vul het veld Achternaam in."));
        assert!(!has_snake_case("52.350,00 of 52350,00: _ en __"));
        assert!(!has_snake_case("E-mailadres"));
    }
}
