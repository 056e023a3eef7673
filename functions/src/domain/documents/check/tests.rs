//! The rules end to end on hand-built contents (the readers are tested on bytes
//! in their own modules).

use proptest::prelude::*;

use super::*;
use crate::domain::documents::{Format, Line, Note, NoteSource, Refusal, Unreadable, Verdict};
use crate::domain::money::Money;

fn year() -> Year {
    Year::new(2024).unwrap()
}

fn content(lines: &[&[&str]]) -> Content {
    Content {
        format: Format::Csv,
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, cells)| Line {
                number: u32::try_from(i + 1).unwrap(),
                cells: cells.iter().map(|c| c.to_string()).collect(),
            })
            .collect(),
        producer: None,
        notes: Vec::new(),
        embedded: Vec::new(),
    }
}

type Found = (&'static str, Option<&'static str>, Option<u32>);

fn found(findings: &[Finding]) -> Vec<Found> {
    findings.iter().map(|f| (f.code, f.field, f.row)).collect()
}

fn check(kind: Kind, lines: &[&[&str]]) -> Vec<Found> {
    found(&check_content(kind, year(), &content(lines), &[]))
}

const PAYROLL_HEADER: &[&str] = &[
    "Naam",
    "Voorletters",
    "BSN",
    "Datum in dienst",
    "Datum uit dienst",
    "SV-loon (kolom 8)",
];

/// A correct statement with `rows` between header and total.
fn payroll(rows: &[&[&str]], total: &str) -> Vec<Found> {
    let mut lines: Vec<&[&str]> = vec![
        &["Verzamelloonstaat 2024"],
        &["Werkgever: Bakkerij De Korenschoof B.V."],
        PAYROLL_HEADER,
    ];
    lines.extend_from_slice(rows);
    let total_line = ["Totaal", "", "", "", "", total];
    lines.push(&total_line);
    check(Kind::PayrollStatement, &lines)
}

const JANSEN: &[&str] = &["Jansen", "J.", "111222333", "01-01-2020", "", "52.350,00"];
const BERG: &[&str] = &[
    "van der Berg",
    "J.P.",
    "123456782",
    "2024-03-01",
    "30/09/2024",
    "€ 12.345,67",
];

#[test]
fn a_correct_payroll_statement_has_no_findings() {
    assert_eq!(payroll(&[JANSEN, BERG], "64.695,67"), vec![]);
    assert_eq!(payroll(&[JANSEN, BERG], "64695.67"), vec![]);
    let report = report_for(
        Read::Content(content(&[
            &["Werkgever", "Bakkerij B.V."],
            PAYROLL_HEADER,
            JANSEN,
            &["Totaal", "", "", "", "", "52350,00"],
        ])),
        Kind::PayrollStatement,
        year(),
        &[],
    );
    assert!(report.accepted());
    assert_eq!(report.verdict, Verdict::Accepted(Format::Csv));
}

#[test]
fn the_total_must_match_to_the_cent() {
    assert_eq!(
        payroll(&[JANSEN, BERG], "64.695,66"),
        vec![("totals_mismatch", Some("total"), Some(6))]
    );
    assert_eq!(
        payroll(&[JANSEN, BERG], "64.695,68"),
        vec![("totals_mismatch", Some("total"), Some(6))]
    );
    let findings = check_content(
        Kind::PayrollStatement,
        year(),
        &content(&[
            &["Werkgever: X B.V."],
            PAYROLL_HEADER,
            JANSEN,
            &["Totaal", "", "", "", "", "1,00"],
        ]),
        &[],
    );
    assert!(findings[0].nl.contains("€ 1,00") && findings[0].nl.contains("€ 52.350,00"));
    assert!(findings[0].en.contains("€52,350.00"));
    // Many rows of odd cents still add up exactly.
    let row: &[&str] = &["Jansen", "J.", "", "01-01-2020", "", "0,10"];
    let rows = vec![row; 30];
    assert_eq!(payroll(&rows, "3,00"), vec![]);
    // An unreadable row wage leaves the sum unknown: only the row is reported.
    assert_eq!(
        payroll(
            &[JANSEN, &["Piet", "P.", "", "01-01-2020", "", "veel"]],
            "1,00"
        ),
        vec![("invalid_value", Some("sv_wage"), Some(5))]
    );
}

#[test]
fn total_line_forms() {
    let header = PAYROLL_HEADER;
    for total in [
        &["Totaal loonsom: 52.350,00"][..],
        &["Totaal", "52.350,00"],
        &["TOTAAL", "", "", "", "", "52.350,00", ""],
        &["Total", "", "", "", "", "52350.00"],
        &["Totale loonsom", "", "", "", "", "52350,00"],
    ] {
        let lines: Vec<&[&str]> = vec![&["Werkgever: X B.V."], header, JANSEN, total];
        assert_eq!(check(Kind::PayrollStatement, &lines), vec![], "{total:?}");
    }
    // A subtotal is no row and no total; the footer after the total is no row.
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        header,
        JANSEN,
        &["Subtotaal afdeling", "", "", "", "", "52.350,00"],
        BERG,
        &["Totaal", "", "", "", "", "64.695,67"],
        &["Opgemaakt door", "Salarisbureau"],
    ];
    assert_eq!(check(Kind::PayrollStatement, &lines), vec![]);
    // A total column.
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        &[
            "Naam",
            "Voorletters",
            "In dienst",
            "Uit dienst",
            "SV-loon",
            "Totale loonsom",
        ],
        &["Jansen", "J.", "01-01-2020", "", "100,00", "150,00"],
        &["Smit", "K.", "01-01-2020", "", "50,00", ""],
    ];
    assert_eq!(check(Kind::PayrollStatement, &lines), vec![]);
    // A total line without an amount, and a total that is no amount.
    let lines: Vec<&[&str]> = vec![&["Werkgever: X B.V."], header, JANSEN, &["Totaal"]];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![("invalid_value", Some("total"), Some(4))]
    );
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        header,
        JANSEN,
        &["Totaal", "", "", "", "", "-52.350,00"],
    ];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![("invalid_value", Some("total"), Some(4))]
    );
    // No total at all.
    let lines: Vec<&[&str]> = vec![&["Werkgever: X B.V."], header, JANSEN];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![("missing_field", Some("total"), None)]
    );
}

#[test]
fn the_company_name() {
    let total: &[&str] = &["Totaal", "", "", "", "", "52.350,00"];
    let without: Vec<&[&str]> = vec![&["Verzamelloonstaat 2024"], PAYROLL_HEADER, JANSEN, total];
    assert_eq!(
        check(Kind::PayrollStatement, &without),
        vec![("missing_field", Some("company_name"), None)]
    );
    for company in [
        &["Werkgever: Bakkerij De Korenschoof B.V."][..],
        &["Bedrijfsnaam:", "De Korenschoof"],
        &["Naam werkgever", "", "De Korenschoof"],
        &["Bakkerij De Korenschoof B.V."],
        &["Stichting Thuiszorg Oost"],
        &["Employer: Acme Ltd"],
    ] {
        let lines: Vec<&[&str]> = vec![company, PAYROLL_HEADER, JANSEN, total];
        assert_eq!(check(Kind::PayrollStatement, &lines), vec![], "{company:?}");
    }
    // A label without a value is no name.
    let lines: Vec<&[&str]> = vec![&["Werkgever:"], PAYROLL_HEADER, JANSEN, total];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![("missing_field", Some("company_name"), None)]
    );
    // A company column.
    let lines: Vec<&[&str]> = vec![
        &[
            "Bedrijf",
            "Naam",
            "Voorletters",
            "In dienst",
            "Uit dienst",
            "SV-loon",
        ],
        &["De Korenschoof", "Jansen", "J.", "01-01-2020", "", "10,00"],
        &["Totaal", "", "", "", "", "10,00"],
    ];
    assert_eq!(check(Kind::PayrollStatement, &lines), vec![]);
    // An absence report needs no company name.
    let lines: Vec<&[&str]> = vec![ABSENCE_HEADER, SICK];
    assert_eq!(check(Kind::AbsenceReport, &lines), vec![]);
}

#[test]
fn missing_columns_are_named() {
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        &["Naam", "SV-loon"],
        &["Jansen, J.", "100,00"],
        &["Totaal", "100,00"],
    ];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![
            ("missing_field", Some("start_date"), None),
            ("missing_field", Some("end_date"), None),
        ]
    );
    // Without a header every required column is missing, and there are no rows.
    assert_eq!(
        check(
            Kind::AbsenceReport,
            &[&["Arborapportage"], &["Jansen", "J."]]
        ),
        [
            "name",
            "initials",
            "first_sick_day",
            "report_date",
            "recovery_date",
            "ao_percent"
        ]
        .iter()
        .map(|f| ("missing_field", Some(*f), None))
        .collect::<Vec<Found>>()
    );
    assert_eq!(
        check(Kind::PayrollStatement, &[&["Werkgever: X B.V."]]),
        vec![
            ("missing_field", Some("name"), None),
            ("missing_field", Some("initials"), None),
            ("missing_field", Some("start_date"), None),
            ("missing_field", Some("end_date"), None),
            ("missing_field", Some("sv_wage"), None),
            ("missing_field", Some("total"), None),
        ]
    );
    // A header without rows.
    assert_eq!(
        check(Kind::AbsenceReport, &[ABSENCE_HEADER]),
        vec![("no_rows", None, None)]
    );
    let f = &check_content(Kind::AbsenceReport, year(), &content(&[&["x"]]), &[])[2];
    assert!(f.nl.contains("eerste ziektedag") && f.nl.contains("'Eerste ziektedag'"));
}

#[test]
fn payroll_row_rules() {
    let row = |cells: &'static [&'static str]| -> Vec<Found> {
        let lines: Vec<&[&str]> = vec![
            &["Werkgever: X B.V."],
            PAYROLL_HEADER,
            cells,
            &["Totaal", "", "", "", "", "1,00"],
        ];
        check(Kind::PayrollStatement, &lines)
            .into_iter()
            .filter(|f| f.0 != "totals_mismatch")
            .collect()
    };
    let invalid = |field| vec![("invalid_value", Some(field), Some(3))];
    assert_eq!(
        row(&["J@nsen", "J.", "", "01-01-2020", "", "1,00"]),
        invalid("name")
    );
    assert_eq!(
        row(&["", "J.", "", "01-01-2020", "", "1,00"]),
        invalid("name")
    );
    assert_eq!(
        row(&["Jansen", "Jan", "", "01-01-2020", "", "1,00"]),
        invalid("initials")
    );
    assert_eq!(
        row(&["Jansen", "", "", "01-01-2020", "", "1,00"]),
        invalid("initials")
    );
    assert_eq!(
        row(&["Jansen", "J.", "123456789", "01-01-2020", "", "1,00"]),
        invalid("bsn")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "31-02-2024", "", "1,00"]),
        invalid("start_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "2024-13-01", "", "1,00"]),
        invalid("start_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "", "", "1,00"]),
        invalid("start_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "morgen", "1,00"]),
        invalid("end_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-06-2024", "31-05-2024", "1,00"]),
        invalid("end_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-06-2024", "01-06-2024", "1,00"]),
        vec![]
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "", "-1,00"]),
        invalid("sv_wage")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "", "52.350"]),
        invalid("sv_wage")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "", ""]),
        invalid("sv_wage")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "", "€ 1,00"]),
        vec![]
    );
    // Employment outside the year: a warning, the file is still accepted.
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2025", "", "1,00"]),
        vec![("outside_year", Some("start_date"), Some(3))]
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "31-12-2023", "1,00"]),
        vec![("outside_year", Some("end_date"), Some(3))]
    );
    assert_eq!(row(&["Jansen", "J.", "", "31-12-2024", "", "1,00"]), vec![]);
    assert_eq!(
        row(&["Jansen", "J.", "", "01-01-2020", "01-01-2024", "1,00"]),
        vec![]
    );
    let report = report_for(
        Read::Content(content(&[
            &["Werkgever: X B.V."],
            PAYROLL_HEADER,
            &["Jansen", "J.", "", "01-01-2025", "", "1,00"],
            &["Totaal", "", "", "", "", "1,00"],
        ])),
        Kind::PayrollStatement,
        year(),
        &[],
    );
    assert!(report.accepted());
    assert_eq!(report.findings[0].severity, Severity::Warning);
}

#[test]
fn a_combined_name_column() {
    let with = |name: &'static str| -> Vec<Found> {
        let row = [name, "01-01-2020", "", "1,00"];
        let lines: Vec<&[&str]> = vec![
            &["Werkgever: X B.V."],
            &["Naam", "In dienst", "Uit dienst", "SV-loon"],
            &row,
            &["Totaal", "", "", "1,00"],
        ];
        check(Kind::PayrollStatement, &lines)
    };
    for name in [
        "Jansen, J.",
        "J. Jansen",
        "J.P. van der Berg",
        "Berg, J.P. van der",
        "Jansen JP",
    ] {
        assert_eq!(with(name), vec![], "{name}");
    }
    for name in ["Jansen", "Jan Jansen", "van der Berg"] {
        assert_eq!(
            with(name),
            vec![("invalid_value", Some("initials"), Some(3))],
            "{name}"
        );
    }
}

fn known(bsn: &str, initials: &str, prefix: Option<&str>, last: &str, wage: &str) -> KnownWage {
    KnownWage {
        bsn: bsn.to_owned(),
        initials: initials.to_owned(),
        prefix: prefix.map(str::to_owned),
        last_name: last.to_owned(),
        wage: Money::parse_non_negative(wage).unwrap(),
    }
}

#[test]
fn a_submitted_year_is_not_to_be_corrected_but_reopened_by_the_insurer() {
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        JANSEN,
        BERG,
        &["de Vries", "A.", "", "01-01-2020", "", "2.000,00"],
        &["Totaal", "", "", "", "", "66.695,67"],
    ];
    let settlement = vec![
        known("111222333", "J", None, "Janssen", "52350"),
        known("123456782", "J.P.", Some("van der"), "Berg", "12345.68"),
        known("249566758", "P.", None, "Bakker", "10"),
    ];
    let report = |submitted| {
        let settled = crate::domain::documents::Settled {
            wages: &settlement,
            submitted,
        };
        report_with(
            Read::Content(content(&lines)),
            Kind::PayrollStatement,
            year(),
            settled,
        )
        .findings
    };
    let open = report(false);
    let submitted = report(true);
    let expected = vec![
        ("wage_differs", Some("sv_wage"), Some(4)),
        ("employee_not_in_settlement", None, Some(5)),
        ("employee_not_in_file", None, None),
    ];
    assert_eq!(found(&open), expected);
    assert_eq!(
        found(&submitted),
        expected,
        "the same findings, other words"
    );
    assert!(open[0]
        .nl
        .contains("pas de naverrekening of het bestand aan"));
    assert!(open[1]
        .nl
        .contains("Voeg deze werknemer toe aan de naverrekening"));
    for f in &submitted {
        assert!(
            f.nl.contains("De naverrekening van 2024 is al ingediend en staat op slot: alleen uw verzekeraar kan dat jaar weer openzetten."),
            "{}",
            f.nl
        );
        assert!(
            f.en.contains("The 2024 settlement has already been submitted and is locked: only your insurer can reopen that year."),
            "{}",
            f.en
        );
        for asks_to_correct in [
            "pas de naverrekening",
            "Voeg deze werknemer toe",
            "correct the settlement",
            "Add this employee",
        ] {
            assert!(
                !f.nl.contains(asks_to_correct) && !f.en.contains(asks_to_correct),
                "{}",
                f.nl
            );
        }
    }
    assert!(submitted[0].nl.contains("verbeter dan het bestand"));
    assert!(submitted[1]
        .nl
        .contains("Controleer anders de naam en het BSN."));
}

#[test]
fn compares_with_the_settlement() {
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        JANSEN,
        BERG,
        &["Smit", "K.", "", "01-01-2020", "", "1.000,00"],
        &["de Vries", "A.", "", "01-01-2020", "", "2.000,00"],
        &["Totaal", "", "", "", "", "67.695,67"],
    ];
    let file = content(&lines);
    let settlement = vec![
        // By BSN, though the name is spelled differently: same wage.
        known("111222333", "J", None, "Janssen", "52350"),
        // By BSN: another wage.
        known("123456782", "J.P.", Some("van der"), "Berg", "12345.68"),
        // By name (no BSN on either side): another wage.
        known("", "K", None, "smit", "999.99"),
        // Not in the file.
        known("249566758", "P.", None, "Bakker", "10"),
    ];
    let findings = check_content(Kind::PayrollStatement, year(), &file, &settlement);
    assert_eq!(
        found(&findings),
        vec![
            ("wage_differs", Some("sv_wage"), Some(4)),
            ("wage_differs", Some("sv_wage"), Some(5)),
            ("employee_not_in_settlement", None, Some(6)),
            ("employee_not_in_file", None, None),
        ]
    );
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(findings[0].nl.contains("€ 12.345,67") && findings[0].nl.contains("€ 12.345,68"));
    assert!(findings[0].nl.contains("J.P. van der Berg"));
    assert!(findings[3].nl.contains("P. Bakker") && findings[3].nl.contains("2024"));
    // A row with a BSN does not match by name someone with another BSN.
    let settlement = vec![known("249566758", "J.", None, "Jansen", "52350")];
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        JANSEN,
        &["Totaal", "", "", "", "", "52.350,00"],
    ];
    assert_eq!(
        found(&check_content(
            Kind::PayrollStatement,
            year(),
            &content(&lines),
            &settlement
        )),
        vec![
            ("employee_not_in_settlement", None, Some(3)),
            ("employee_not_in_file", None, None),
        ]
    );
    // One initial against several, when only one candidate is left.
    let settlement = vec![known("", "J.P.", None, "Jansen", "52350")];
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        &["Jansen", "J.", "", "01-01-2020", "", "52.350,00"],
        &["Totaal", "", "", "", "", "52.350,00"],
    ];
    assert_eq!(
        found(&check_content(
            Kind::PayrollStatement,
            year(),
            &content(&lines),
            &settlement
        )),
        vec![]
    );
    // Namesakes: the one with the same wage is matched.
    let settlement = vec![
        known("", "J.", None, "Jansen", "100"),
        known("", "J.", None, "Jansen", "200"),
    ];
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        &["Jansen", "J.", "", "01-01-2020", "", "200,00"],
        &["Jansen", "J.", "", "01-01-2020", "", "100,00"],
        &["Totaal", "", "", "", "", "300,00"],
    ];
    assert_eq!(
        found(&check_content(
            Kind::PayrollStatement,
            year(),
            &content(&lines),
            &settlement
        )),
        vec![]
    );
}

const ABSENCE_HEADER: &[&str] = &[
    "Naam",
    "Voorletters",
    "Eerste ziektedag",
    "Datum ziekmelding",
    "Datum (gedeeltelijk) herstel",
    "AO%",
    "Arbeidstherapeutisch werken %",
];
const SICK: &[&str] = &["Jansen", "J.", "04-03-2024", "05-03-2024", "", "100", ""];

#[test]
fn a_correct_absence_report_has_no_findings() {
    let lines: Vec<&[&str]> = vec![
        &["Arbodienst Gezond Werk B.V."],
        &["Verzuimrapportage 2024, bevat geen medische gegevens"],
        ABSENCE_HEADER,
        SICK,
        &[
            "van der Berg",
            "J.P.",
            "2024-01-10",
            "2024-01-10",
            "2024-02-01",
            "50,5",
            "25%",
        ],
        &[
            "Smit",
            "K",
            "10/12/2023",
            "11/12/2023",
            "15/01/2024",
            "0",
            "0",
        ],
        &["Pagina 1 van 1"],
    ];
    assert_eq!(check(Kind::AbsenceReport, &lines), vec![]);
    let english: Vec<&[&str]> = vec![
        &[
            "Last name",
            "Initials",
            "First day of absence",
            "Report date",
            "Recovery date",
            "Disability %",
        ],
        &["Jansen", "J.", "2024-03-04", "2024-03-05", "", "100%"],
    ];
    assert_eq!(check(Kind::AbsenceReport, &english), vec![]);
}

#[test]
fn absence_row_rules() {
    let row = |cells: &'static [&'static str]| -> Vec<Found> {
        check(Kind::AbsenceReport, &[ABSENCE_HEADER, cells])
    };
    let invalid = |field| vec![("invalid_value", Some(field), Some(2))];
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "03-03-2024", "", "100", ""]),
        invalid("report_date")
    );
    assert_eq!(
        row(&[
            "Jansen",
            "J.",
            "04-03-2024",
            "04-03-2024",
            "03-03-2024",
            "100",
            ""
        ]),
        invalid("recovery_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "", "04-03-2024", "", "100", ""]),
        invalid("first_sick_day")
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "", "", "100", ""]),
        invalid("report_date")
    );
    assert_eq!(
        row(&["Jansen", "J.", "30-02-2024", "04-03-2024", "", "100", ""]),
        invalid("first_sick_day")
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "04-03-2024", "", "101", ""]),
        invalid("ao_percent")
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "04-03-2024", "", "-1", ""]),
        invalid("ao_percent")
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "04-03-2024", "", "", ""]),
        invalid("ao_percent")
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2024", "04-03-2024", "", "veel", ""]),
        invalid("ao_percent")
    );
    assert_eq!(
        row(&[
            "Jansen",
            "J.",
            "04-03-2024",
            "04-03-2024",
            "",
            "50",
            "100,5"
        ]),
        invalid("atw_percent")
    );
    assert_eq!(
        row(&[
            "Jansen",
            "J.",
            "04-03-2024",
            "04-03-2024",
            "",
            "50",
            "50,25 %"
        ]),
        vec![]
    );
    assert_eq!(
        row(&["Jansen", "J.", "04-03-2025", "04-03-2025", "", "50", ""]),
        vec![("outside_year", Some("first_sick_day"), Some(2))]
    );
    assert_eq!(
        row(&[
            "Jansen",
            "J.",
            "04-03-2023",
            "04-03-2023",
            "05-04-2023",
            "50",
            ""
        ]),
        vec![("outside_year", Some("recovery_date"), Some(2))]
    );
    // Several problems in one row are all reported, in column order of the rules.
    assert_eq!(
        row(&["J4nsen", "J.", "x", "y", "z", "200", "-3"]),
        vec![
            ("invalid_value", Some("name"), Some(2)),
            ("invalid_value", Some("first_sick_day"), Some(2)),
            ("invalid_value", Some("report_date"), Some(2)),
            ("invalid_value", Some("recovery_date"), Some(2)),
            ("invalid_value", Some("ao_percent"), Some(2)),
            ("invalid_value", Some("atw_percent"), Some(2)),
        ]
    );
}

#[test]
fn repeated_headers_and_page_lines_are_not_rows() {
    let lines: Vec<&[&str]> = vec![
        ABSENCE_HEADER,
        SICK,
        &["Pagina 1 van 2"],
        ABSENCE_HEADER,
        SICK,
        &["Afdeling Productie"],
    ];
    assert_eq!(check(Kind::AbsenceReport, &lines), vec![]);
}

#[test]
fn medical_data_comes_first_and_names_the_cell() {
    let mut header = ABSENCE_HEADER.to_vec();
    header.push("Opmerking");
    let lines: Vec<&[&str]> = vec![
        &header,
        &[
            "Jansen",
            "J.",
            "04-03-2024",
            "04-03-2024",
            "",
            "100",
            "",
            "rugklachten",
        ],
        &["Smit", "K.", "04-03-2024", "01-03-2024", "", "100", "", ""],
        &[
            "Bakker",
            "P.",
            "04-03-2024",
            "04-03-2024",
            "",
            "50",
            "50",
            "na knieoperatie",
        ],
        &["Let op: burn-out"],
    ];
    let report = report_for(
        Read::Content(content(&lines)),
        Kind::AbsenceReport,
        year(),
        &[],
    );
    assert_eq!(report.verdict, Verdict::RefusedMedical);
    assert!(!report.accepted());
    assert_eq!(
        found(&report.findings),
        vec![
            ("medical_data", None, Some(2)),
            ("medical_data", None, Some(4)),
            ("medical_data", None, Some(5)),
        ]
    );
    assert!(report.findings[0].nl.contains("kolom 8"));
    assert!(!report.findings[0].nl.contains("rugklachten"));
    // In a named column the field is given.
    let lines: Vec<&[&str]> = vec![
        ABSENCE_HEADER,
        &["Hernia", "J.", "04-03-2024", "04-03-2024", "", "100", ""],
    ];
    assert_eq!(
        check(Kind::AbsenceReport, &lines)[0],
        ("medical_data", Some("name"), Some(2))
    );
    // In a payroll statement too, and in the header.
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        &[
            "Naam",
            "Voorletters",
            "In dienst",
            "Uit dienst",
            "SV-loon",
            "Diagnose",
        ],
        &["Jansen", "J.", "01-01-2020", "", "1,00", ""],
        &["Totaal", "", "", "", "1,00"],
    ];
    assert_eq!(
        check(Kind::PayrollStatement, &lines),
        vec![("medical_data", None, Some(2))]
    );
}

#[test]
fn medical_data_alone_so_no_finding_quotes_it() {
    // The recovery date would be reported as no date, quoting the cell.
    let lines: Vec<&[&str]> = vec![
        ABSENCE_HEADER,
        &[
            "Jansen",
            "J.",
            "04-03-2024",
            "04-03-2024",
            "verwacht na knieoperatie",
            "100",
            "",
        ],
        &["Smit", "K.", "04-03-2024", "01-03-2024", "", "100", ""],
    ];
    let mut content = content(&lines);
    content.producer = Some("Greenshot".into());
    let report = report_for(Read::Content(content), Kind::AbsenceReport, year(), &[]);
    assert_eq!(
        found(&report.findings),
        vec![("medical_data", Some("recovery_date"), Some(2))]
    );
    assert!(report
        .findings
        .iter()
        .all(|f| !f.nl.contains("knieoperatie") && !f.en.contains("knieoperatie")));
    // Without the medical words the same rows give their other findings.
    let mut lines = lines;
    lines[1] = &[
        "Jansen",
        "J.",
        "04-03-2024",
        "04-03-2024",
        "morgen",
        "100",
        "",
    ];
    assert_eq!(
        check(Kind::AbsenceReport, &lines),
        vec![
            ("invalid_value", Some("recovery_date"), Some(2)),
            ("invalid_value", Some("report_date"), Some(3)),
        ]
    );
}

#[test]
fn progress_reports_by_their_title() {
    for title in [
        "Voortgangsverslag",
        "Probleemanalyse J. Jansen",
        "Plan van aanpak",
        "Bijgesteld plan van aanpak",
        "Tussentijdse evaluatie",
        "Eerstejaarsevaluatie",
        "Eerstejaars evaluatie",
        "Re-integratieverslag",
        "Progress report",
        "Action plan",
    ] {
        let first = [title];
        let lines: Vec<&[&str]> = vec![&first, ABSENCE_HEADER, SICK];
        assert_eq!(
            check(Kind::AbsenceReport, &lines),
            vec![("progress_report", None, Some(1))],
            "{title}"
        );
    }
    // A column named after it, a sentence mentioning one, or a payroll statement:
    // no progress report.
    let mut header = ABSENCE_HEADER.to_vec();
    header.push("Plan van aanpak opgesteld");
    let mut row = SICK.to_vec();
    row.push("ja");
    let lines: Vec<&[&str]> = vec![
        &["Arborapportage. Het plan van aanpak en de probleemanalyse staan in het dossier bij de arbodienst."],
        &header,
        &row,
    ];
    assert_eq!(check(Kind::AbsenceReport, &lines), vec![]);
    let lines: Vec<&[&str]> = vec![
        &["Plan van aanpak"],
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        JANSEN,
        &["Totaal", "52.350,00"],
    ];
    assert_eq!(check(Kind::PayrollStatement, &lines), vec![]);
}

#[test]
fn what_a_file_is() {
    let payroll = Kind::PayrollStatement;
    let report = |read| report_for(read, payroll, year(), &[]);
    let image = report(Read::Image {
        format: "PNG",
        tool: Some("gnome-screenshot".to_owned()),
    });
    assert_eq!(found(&image.findings), vec![("screenshot", None, None)]);
    assert!(
        image.findings[0].nl.contains("gnome-screenshot") && image.findings[0].nl.contains("PNG")
    );
    assert!(image.findings[0].nl.contains("salarisadministratie"));
    assert_eq!(image.verdict, Verdict::Refused(Refusal::Findings));
    let plain = report(Read::Image {
        format: "JPEG",
        tool: None,
    });
    assert_eq!(found(&plain.findings), vec![("screenshot", None, None)]);
    assert!(!plain.findings[0].nl.contains("gemaakt met"));
    let pdf = report_for(Read::ImageOnlyPdf, Kind::AbsenceReport, year(), &[]);
    assert_eq!(found(&pdf.findings), vec![("screenshot", None, None)]);
    assert!(pdf.findings[0].nl.contains("arbodienst"));
    assert_eq!(
        found(&report(Read::Unsupported).findings),
        vec![("unsupported_type", None, None)]
    );
    assert_eq!(report(Read::Unsupported).findings, vec![unsupported()]);
    assert_eq!(
        report(Read::Unsupported).verdict,
        Verdict::Refused(Refusal::UnsupportedType)
    );
    let reasons = [
        Unreadable::Corrupt,
        Unreadable::Encoding,
        Unreadable::Encrypted,
        Unreadable::TooBig,
        Unreadable::Empty,
    ];
    let mut messages: Vec<String> = Vec::new();
    for reason in reasons {
        let r = report(Read::Unreadable(reason));
        assert_eq!(found(&r.findings), vec![("unreadable", None, None)]);
        assert_eq!(r.verdict, Verdict::Refused(Refusal::Findings));
        messages.push(r.findings[0].nl.clone());
    }
    messages.sort();
    messages.dedup();
    assert_eq!(messages.len(), reasons.len(), "one message per reason");
    let large = too_large();
    assert_eq!((large.code, large.severity), ("too_large", Severity::Error));
    assert!(large.nl.contains("10 MB"));
}

#[test]
fn screenshot_producers() {
    for (producer, tool) in [
        ("Snipping Tool", "Snipping Tool"),
        ("Knipprogramma", "Knipprogramma"),
        ("Greenshot 1.2.10", "Greenshot"),
        ("ShareX 16.0", "ShareX"),
        ("Lightshot", "Lightshot"),
        ("gnome-screenshot", "gnome-screenshot"),
        ("Spectacle", "Spectacle"),
        ("flameshot 12.1", "Flameshot"),
        ("macOS Screenshot", "Screenshot"),
        ("Schermafbeelding", "Schermafbeelding"),
    ] {
        assert_eq!(screenshot_tool(producer), Some(tool), "{producer}");
    }
    for producer in [
        "Microsoft® Excel® for Microsoft 365",
        "LibreOffice 7.6",
        "Nmbrs",
        "",
        "Skia/PDF m120",
    ] {
        assert_eq!(screenshot_tool(producer), None, "{producer}");
    }
    let mut file = content(&[ABSENCE_HEADER, SICK]);
    file.producer = Some("Greenshot".to_owned());
    let report = report_for(Read::Content(file), Kind::AbsenceReport, year(), &[]);
    assert_eq!(found(&report.findings), vec![("screenshot", None, None)]);
    assert!(report.findings[0].nl.contains("Greenshot"));
    assert_eq!(report.verdict, Verdict::Refused(Refusal::Findings));
}

#[test]
fn findings_are_capped() {
    let bad: &[&str] = &["J@nsen", "J.", "x", "y", "", "200", ""];
    let mut lines: Vec<&[&str]> = vec![ABSENCE_HEADER];
    lines.extend(std::iter::repeat_n(bad, 1000));
    let findings = check_content(Kind::AbsenceReport, year(), &content(&lines), &[]);
    assert_eq!(findings.len(), MAX_FINDINGS);
    let last = findings.last().unwrap();
    assert_eq!(
        (last.code, last.severity),
        ("too_many_findings", Severity::Error)
    );
    assert!(last.nl.contains(&(4000 - (MAX_FINDINGS - 1)).to_string()));
    // Only warnings cut off: the last finding is a warning and the file is accepted.
    let late: &[&str] = &["Jansen", "J.", "01-01-2025", "01-01-2025", "", "100", ""];
    let mut lines: Vec<&[&str]> = vec![ABSENCE_HEADER];
    lines.extend(std::iter::repeat_n(late, 300));
    let report = report_for(
        Read::Content(content(&lines)),
        Kind::AbsenceReport,
        year(),
        &[],
    );
    assert_eq!(report.findings.len(), MAX_FINDINGS);
    assert_eq!(report.findings.last().unwrap().severity, Severity::Warning);
    assert!(report.accepted());
    // Below the cap nothing is cut.
    let mut lines: Vec<&[&str]> = vec![ABSENCE_HEADER];
    lines.extend(std::iter::repeat_n(late, MAX_FINDINGS - 1));
    let findings = check_content(Kind::AbsenceReport, year(), &content(&lines), &[]);
    assert_eq!(findings.len(), MAX_FINDINGS - 1);
    assert!(findings.iter().all(|f| f.code == "outside_year"));
}

#[test]
fn every_message_has_both_languages() {
    let mut all: Vec<Finding> = vec![too_large(), unsupported()];
    let lines: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        &["J@nsen", "Jan", "1", "x", "31-02-2024", "-1"],
        &["Jansen", "J.", "", "02-02-2024", "01-02-2024", "52.350"],
        &["Jansen", "", "", "01-01-2025", "", "1,00"],
        &["Totaal", "", "", "", "", "9"],
    ];
    // Medical data on its own: it leaves no other findings.
    all.extend(check_content(
        Kind::PayrollStatement,
        year(),
        &content(&[&["Hernia", "J.", "", "01-01-2020", "", "1,00"]]),
        &[],
    ));
    all.extend(check_content(
        Kind::PayrollStatement,
        year(),
        &content(&lines),
        &[known("", "X", None, "Y", "1")],
    ));
    all.extend(check_content(
        Kind::AbsenceReport,
        year(),
        &content(&[&["Plan van aanpak"]]),
        &[],
    ));
    let mismatch: Vec<&[&str]> = vec![
        &["Werkgever: X B.V."],
        PAYROLL_HEADER,
        JANSEN,
        &["Totaal", "", "", "", "", "1,00"],
    ];
    all.extend(check_content(
        Kind::PayrollStatement,
        year(),
        &content(&mismatch),
        &[known("111222333", "J.", None, "Jansen", "1")],
    ));
    for f in &all {
        assert!(f.nl.len() > 20 && f.en.len() > 20, "{f:?}");
        assert_ne!(f.nl, f.en);
        assert!(f.nl.trim_end().ends_with('.'), "{}", f.nl);
        assert!(!f.nl.contains("  ") && !f.en.contains("  "), "{f:?}");
        assert!(
            f.nl.chars().next().is_some_and(char::is_uppercase),
            "{}",
            f.nl
        );
    }
    let codes: std::collections::BTreeSet<&str> = all.iter().map(|f| f.code).collect();
    for code in [
        "too_large",
        "unsupported_type",
        "missing_field",
        "invalid_value",
        "medical_data",
        "progress_report",
        "totals_mismatch",
        "outside_year",
        "employee_not_in_file",
        "employee_not_in_settlement",
        "wage_differs",
    ] {
        assert!(codes.contains(code), "{code}");
    }
}

/// Cells from the rules' own vocabulary, so that random lines hit headers,
/// totals, dates and names rather than only noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,12}",
        prop::sample::select(vec![
            "Naam",
            "Voorletters",
            "SV-loon",
            "In dienst",
            "Uit dienst",
            "Eerste ziektedag",
            "Melddatum",
            "Herstel",
            "AO%",
            "ATW%",
            "Totaal",
            "Totaal:",
            "Werkgever:",
            "BSN",
            "Subtotaal",
            "Plan van aanpak",
            "rugklachten",
            "J.",
            "Jansen, J.",
            "van der",
            "31-02-2024",
            "01-01-2024",
            "2024-12-31",
            "52.350,00",
            "-1",
            "(1,00)",
            "€",
            "%",
            "100",
            "111222333",
            "",
            ":",
            ",",
            "(",
            ")",
            "Ĳ",
            "ß",
            "ﬀ",
            "\u{0}",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics(
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..25),
        payroll in any::<bool>(),
        producer in proptest::option::of(".{0,20}"),
    ) {
        let kind = if payroll { Kind::PayrollStatement } else { Kind::AbsenceReport };
        let file = Content {
            format: Format::Xlsx,
            lines: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| Line { number: u32::try_from(i).unwrap_or(0) * 2 + 1, cells })
                .collect(),
            producer,
            notes: Vec::new(),
            embedded: Vec::new(),
        };
        let settlement = vec![known("111222333", "J.", None, "Jansen", "1")];
        let report = report_for(Read::Content(file), kind, year(), &settlement);
        prop_assert!(report.findings.len() <= MAX_FINDINGS);
        for f in &report.findings {
            prop_assert!(!f.nl.is_empty() && !f.en.is_empty());
        }
    }
}

#[test]
fn medical_data_in_comments_and_drawings_refuses_the_file() {
    let note = |source, cell, text: &str| Note {
        source,
        cell,
        text: text.to_owned(),
    };
    let mut file = content(&[ABSENCE_HEADER, SICK]);
    file.format = Format::Xlsx;
    file.notes = vec![
        note(NoteSource::Comment, Some((2, 6)), "Let op: na knieoperatie"),
        note(NoteSource::Drawing, None, "Rugklachten"),
        note(
            NoteSource::Comment,
            Some((1, 0)),
            "Bijgewerkt door de arbodienst",
        ),
    ];
    let report = report_for(
        Read::Content(file.clone()),
        Kind::AbsenceReport,
        year(),
        &[],
    );
    assert_eq!(report.verdict, Verdict::RefusedMedical);
    assert_eq!(
        found(&report.findings),
        vec![
            ("medical_data", None, Some(2)),
            ("medical_data", None, None)
        ]
    );
    assert!(report.findings[0]
        .nl
        .contains("opmerking bij regel 2, kolom 7"));
    assert!(report.findings[1].en.contains("text box, shape or chart"));
    // The medical text itself is never quoted.
    assert!(report.findings.iter().all(|f| !f.nl.contains("knie")));

    // Notes without medical data change nothing.
    file.notes.truncate(0);
    file.notes.push(note(
        NoteSource::Comment,
        Some((1, 0)),
        "Bijgewerkt door de arbodienst",
    ));
    let report = report_for(Read::Content(file), Kind::AbsenceReport, year(), &[]);
    assert_eq!(report.verdict, Verdict::Accepted(Format::Xlsx));
}

#[test]
fn embedded_files_are_refused() {
    let mut file = content(&[ABSENCE_HEADER, SICK]);
    file.format = Format::Xlsx;
    file.embedded = vec!["xl/embeddings/oleObject1.bin".to_owned()];
    let report = report_for(
        Read::Content(file.clone()),
        Kind::AbsenceReport,
        year(),
        &[],
    );
    assert_eq!(report.verdict, Verdict::Refused(Refusal::Findings));
    assert_eq!(found(&report.findings), vec![("embedded_file", None, None)]);
    assert!(report.findings[0].nl.contains("'oleObject1.bin'"));
    file.embedded.push("xl/other/data.zip".to_owned());
    let report = report_for(
        Read::Content(file.clone()),
        Kind::AbsenceReport,
        year(),
        &[],
    );
    assert!(report.findings[0].en.contains("2 embedded files"));
    // Medical data still comes alone.
    file.notes.push(Note {
        source: NoteSource::Drawing,
        cell: None,
        text: "hernia".to_owned(),
    });
    let report = report_for(Read::Content(file), Kind::AbsenceReport, year(), &[]);
    assert_eq!(report.verdict, Verdict::RefusedMedical);
    assert_eq!(found(&report.findings), vec![("medical_data", None, None)]);
}
