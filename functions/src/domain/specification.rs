//! The settlement specification (naverrekeningsspecificatie) as CSV, the way Dutch
//! spreadsheets open it: `;` between cells, a decimal comma, dates as dd-mm-jjjj,
//! CRLF line ends and a UTF-8 byte order mark (without it Excel reads the file as
//! Windows-1252 and garbles names such as "Çelik").

use std::collections::HashMap;

use chrono::NaiveDate;

use super::money::Money;
use super::settlement::Settlement;

pub const HEADER: &str =
    "Naam;Voorletters;BSN (laatste 4);In dienst;Uit dienst;Loon;Verzekerd loon;Premie";

/// What the specification shows of an employee besides the settlement row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Prefix and last name: "van der Berg".
    pub name: String,
    pub initials: String,
    pub bsn_last4: String,
    /// The first day of the first period in the year.
    pub start: NaiveDate,
    /// The last day of the last period in the year, if it ends.
    pub end: Option<NaiveDate>,
}

/// A cell as text: quoted when it holds a separator, quote or line break, and
/// prefixed with `'` when it starts like a formula (`=`, `+`, `-`, `@`), so a name
/// can never run as one in a spreadsheet.
fn text(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// An amount with a decimal comma and no thousands separator: `52350,00`.
fn amount(m: Money) -> String {
    m.to_string().replace('.', ",")
}

fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// The file: a header, one line per settlement row (in its order), then the totals.
/// `people` holds every row's employee by id.
pub fn csv(settlement: &Settlement, people: &HashMap<String, Person>) -> String {
    let mut out = format!("\u{feff}{HEADER}\r\n");
    let mut line = |cells: [&str; 8]| {
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    };
    for row in &settlement.employees {
        let p = people.get(&row.id);
        line([
            &text(p.map_or(&row.name, |p| &p.name)),
            &text(p.map_or("", |p| &p.initials)),
            &text(p.map_or("", |p| &p.bsn_last4)),
            &p.map(|p| date(p.start)).unwrap_or_default(),
            &p.and_then(|p| p.end).map(date).unwrap_or_default(),
            &row.wage.map(amount).unwrap_or_default(),
            &amount(row.insured_wage),
            &amount(row.premium),
        ]);
    }
    let rows = &settlement.employees;
    line([
        "Totaal",
        "",
        "",
        "",
        "",
        &amount(rows.iter().filter_map(|r| r.wage).sum()),
        &amount(settlement.total_insured_wage),
        &amount(rows.iter().map(|r| r.premium).sum()),
    ]);
    let mut premium_line = |label: &str, premium: Money| {
        line([label, "", "", "", "", "", "", &amount(premium)]);
    };
    if settlement.rounding_difference != Money::ZERO {
        premium_line("Afrondingsverschil", settlement.rounding_difference);
    }
    premium_line("Definitieve premie", settlement.final_premium);
    premium_line("Voorlopige premie", settlement.provisional_premium);
    // Signed: positive is due from the employer, negative is a refund.
    premium_line(
        "Saldo",
        settlement.final_premium - settlement.provisional_premium,
    );
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::money::Percent;
    use crate::domain::policy::{InsuredWage, Policy, WageCap};
    use crate::domain::settlement::{settle, Employee, Employment};
    use crate::domain::year::Year;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn employee(id: &str, start: &str, end: Option<&str>, wage: Option<&str>) -> Employee {
        Employee {
            id: id.into(),
            name: id.into(),
            employments: vec![Employment {
                start: d(start),
                end: end.map(d),
            }],
            wage: wage.map(|w| Money::parse_non_negative(w).unwrap()),
        }
    }

    fn person(name: &str, start: &str, end: Option<&str>) -> Person {
        Person {
            name: name.into(),
            initials: "A.B.".into(),
            bsn_last4: "0333".into(),
            start: d(start),
            end: end.map(d),
        }
    }

    #[test]
    fn rows_totals_and_rounding_line() {
        let policy = Policy {
            product: "verzuim",
            premium_rate: Percent::parse("2.5").unwrap(),
            insured_wage: InsuredWage::SvLoon,
            start_date: d("2024-01-01"),
            wage_cap: WageCap::None,
            provisional_premium: BTreeMap::from([(2024, Money::from(100))]),
        };
        let s = settle(
            &policy,
            Year::new(2024).unwrap(),
            vec![
                employee("a", "2020-01-01", None, Some("0.20")),
                employee("b", "2024-03-01", Some("2024-06-30"), Some("0.20")),
                employee("c", "2024-11-01", None, None),
            ],
        )
        .unwrap();
        let people = HashMap::from([
            (
                "a".to_owned(),
                person("=HYPERLINK(\"x\")", "2020-01-01", None),
            ),
            (
                "b".to_owned(),
                person("van der Berg; jr", "2024-03-01", Some("2024-06-30")),
            ),
            ("c".to_owned(), person("Çelik", "2024-11-01", None)),
        ]);
        let file = csv(&s, &people);
        assert!(file.starts_with('\u{feff}'));
        let lines: Vec<&str> = file.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines,
            vec![
                HEADER,
                "\"'=HYPERLINK(\"\"x\"\")\";A.B.;0333;01-01-2020;;0,20;0,20;0,01",
                "\"van der Berg; jr\";A.B.;0333;01-03-2024;30-06-2024;0,20;0,20;0,01",
                "Çelik;A.B.;0333;01-11-2024;;;0,00;0,00",
                "Totaal;;;;;0,40;0,40;0,02",
                "Afrondingsverschil;;;;;;;-0,01",
                "Definitieve premie;;;;;;;0,01",
                "Voorlopige premie;;;;;;;100,00",
                "Saldo;;;;;;;-99,99",
                "",
            ]
        );
    }

    #[test]
    fn text_cells_never_start_a_formula() {
        for (value, cell) in [
            ("Jansen", "Jansen"),
            ("=1+1", "'=1+1"),
            ("+31", "'+31"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("a\"b", "\"a\"\"b\""),
            ("a;b", "\"a;b\""),
        ] {
            assert_eq!(text(value), cell, "{value}");
        }
    }
}
