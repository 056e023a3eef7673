//! The names people see for the API's field paths, in Dutch and English: the same
//! words as the labels on the portal's pages (site/src/portal.rs), so a field has
//! one name everywhere. Error messages use these; they never quote a raw field
//! path such as `last_name` (the path itself travels in the error's `field`).

use super::Msg;

/// A field's label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub nl: &'static str,
    pub en: &'static str,
}

const fn label(nl: &'static str, en: &'static str) -> Label {
    Label { nl, en }
}

/// Field path → label. Paths are as the error's `field` names them (`policy.start_date`).
pub const LABELS: &[(&str, Label)] = &[
    // Employees and wages.
    ("bsn", label("BSN", "BSN")),
    ("initials", label("Voorletters", "Initials")),
    ("prefix", label("Tussenvoegsel", "Prefix")),
    ("last_name", label("Achternaam", "Last name")),
    ("gender", label("Geslacht", "Gender")),
    ("birth_date", label("Geboortedatum", "Date of birth")),
    ("start_date", label("Datum in dienst", "Start date")),
    ("end_date", label("Einddatum", "End date")),
    (
        "fixed_term",
        label("Contract voor bepaalde tijd", "Fixed-term contract"),
    ),
    (
        "employee_number",
        label("Werknemersnummer", "Employee number"),
    ),
    ("insured_wage", label("Loon", "Wage")),
    // The wage import file's columns (`BSN;loon`).
    ("loon", label("Loon", "Wage")),
    ("year", label("Jaar", "Year")),
    ("status", label("Status", "Status")),
    ("q", label("Zoekterm", "Search term")),
    ("page", label("Pagina", "Page")),
    // Documents.
    ("kind", label("Soort document", "Type of document")),
    ("file", label("Bestand", "File")),
    // The calculators.
    (
        "insured_wage_sum",
        label("Verzekerde loonsom", "Insured wage sum"),
    ),
    (
        "premium_rate_percent",
        label("Premiepercentage", "Premium percentage"),
    ),
    ("cover", label("Dekking", "Cover")),
    ("old_yearly_wage", label("Oud jaarloon", "Old yearly wage")),
    (
        "max_premium_wage",
        label("Maximum premieloon", "Maximum premium wage"),
    ),
    (
        "wga_benefit",
        label("WGA-uitkering per jaar", "WGA benefit per year"),
    ),
    (
        "new_yearly_wage",
        label("Nieuw jaarloon", "New yearly wage"),
    ),
    (
        "other_benefits",
        label("Andere uitkeringen per jaar", "Other benefits per year"),
    ),
    (
        "disability_percent",
        label(
            "Arbeidsongeschiktheid in procenten",
            "Disability in percent",
        ),
    ),
    (
        "residual_capacity_used_percent",
        label(
            "Deel van de restverdiencapaciteit dat wordt benut",
            "Share of the residual earning capacity used",
        ),
    ),
    (
        "coverage_percent",
        label("Dekkingspercentage", "Coverage percentage"),
    ),
    ("duration_years", label("Duur", "Duration")),
    // Accounts and sign-in.
    ("email", label("E-mailadres", "Email address")),
    ("password", label("Wachtwoord", "Password")),
    ("name", label("Naam", "Name")),
    ("roles", label("Rollen", "Roles")),
    ("code", label("Code uit uw app", "Code from your app")),
    ("recovery_code", label("Herstelcode", "Recovery code")),
    ("challenge", label("Inlogpoging", "Sign-in attempt")),
    ("token", label("Link uit de e-mail", "Link from the e-mail")),
    ("before", label("Vorige pagina", "Previous page")),
    // The insurer's back office.
    ("company_name", label("Bedrijfsnaam", "Company name")),
    ("policy_number", label("Polisnummer", "Policy number")),
    ("main_user", label("Hoofdgebruiker", "Main user")),
    (
        "main_user.name",
        label("Naam hoofdgebruiker", "Main user's name"),
    ),
    (
        "main_user.email",
        label("E-mailadres hoofdgebruiker", "Main user's email address"),
    ),
    ("policy", label("Polis", "Policy")),
    ("policy.product", label("Product", "Product")),
    (
        "policy.premium_rate_percent",
        label("Premiepercentage", "Premium percentage"),
    ),
    (
        "policy.insured_wage",
        label("Soort verzekerd loon", "Insured wage type"),
    ),
    (
        "policy.start_date",
        label("Ingangsdatum polis", "Policy start date"),
    ),
    ("policy.wage_cap", label("Loongrens", "Wage cap")),
    (
        "policy.provisional_premium",
        label("Voorlopige premie", "Provisional premium"),
    ),
];

/// The label of a field path. A provisional premium per year
/// (`policy.provisional_premium.2024`) is named with its year.
pub fn label_of(path: &str) -> Option<(String, String)> {
    if let Some(year) = path.strip_prefix("policy.provisional_premium.") {
        if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) {
            return Some((
                format!("Voorlopige premie {year}"),
                format!("Provisional premium {year}"),
            ));
        }
        return None;
    }
    LABELS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, l)| (l.nl.to_owned(), l.en.to_owned()))
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
        for (path, l) in LABELS {
            for text in [l.nl, l.en] {
                assert!(!text.is_empty(), "{path}");
                assert!(!has_snake_case(text), "{path}: {text}");
            }
            let msg = required(path);
            for text in [&msg.nl, &msg.en] {
                assert!(!has_snake_case(text), "{path}: {text}");
                assert!(text.contains(l.nl) || text.contains(l.en), "{path}: {text}");
                if path.contains('_') || path.contains('.') {
                    assert!(!text.contains(path), "{path}: {text}");
                }
            }
        }
    }

    #[test]
    fn paths_are_unique() {
        for (i, (path, _)) in LABELS.iter().enumerate() {
            assert!(
                LABELS[i + 1..].iter().all(|(p, _)| p != path),
                "{path} twice"
            );
        }
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
    fn snake_case_detection() {
        assert!(has_snake_case("Vul last_name in."));
        assert!(has_snake_case("'bsn_last4'"));
        assert!(!has_snake_case("Vul het veld Achternaam in."));
        assert!(!has_snake_case("52.350,00 of 52350,00: _ en __"));
        assert!(!has_snake_case("E-mailadres"));
    }
}
