//! Every real fixture (LibreOffice and Chromium exports, qpdf's encrypted PDF,
//! the hand-made broken ones) through the whole check, readers and rules together:
//! what an employer uploading that file would be told.

use std::path::Path;

use balie_functions::domain::documents::{check, Kind, Settled};
use balie_functions::domain::year::Year;

/// (file, kind, the finding codes, in order; empty means accepted without remarks).
const CASES: &[(&str, Kind, &[&str])] = &[
    ("payroll_statement.csv", Kind::PayrollStatement, &[]),
    ("payroll_statement_1252.csv", Kind::PayrollStatement, &[]),
    ("payroll_statement.xlsx", Kind::PayrollStatement, &[]),
    (
        "pdf/libreoffice-calc-payroll.pdf",
        Kind::PayrollStatement,
        &[],
    ),
    ("pdf/chromium-table.pdf", Kind::PayrollStatement, &[]),
    ("pdf/object-streams.pdf", Kind::PayrollStatement, &[]),
    ("pdf/broken-xref.pdf", Kind::PayrollStatement, &[]),
    ("absence_report.csv", Kind::AbsenceReport, &[]),
    ("absence_report.xlsx", Kind::AbsenceReport, &[]),
    ("pdf/libreoffice-calc-absence.pdf", Kind::AbsenceReport, &[]),
    // The wrong kind: the required columns are named.
    (
        "absence_report.xlsx",
        Kind::PayrollStatement,
        &[
            "missing_field",
            "missing_field",
            "missing_field",
            "missing_field",
        ],
    ),
    ("screenshot.png", Kind::PayrollStatement, &["screenshot"]),
    (
        "pdf/chromium-screenshot.pdf",
        Kind::AbsenceReport,
        &["screenshot"],
    ),
    ("pdf/inline-image.pdf", Kind::AbsenceReport, &["screenshot"]),
    ("pdf/encrypted.pdf", Kind::PayrollStatement, &["unreadable"]),
    ("pdf/truncated.pdf", Kind::PayrollStatement, &["unreadable"]),
    (
        "pdf/deflate-bomb.pdf",
        Kind::PayrollStatement,
        &["unreadable"],
    ),
    ("pdf/blank.pdf", Kind::PayrollStatement, &["unreadable"]),
    (
        "screenshot.html",
        Kind::PayrollStatement,
        &["unsupported_type"],
    ),
];

#[test]
fn fixtures_get_the_findings_an_employer_should_see() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    let year = Year::new(2024).unwrap();
    for (file, kind, expected) in CASES {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let report = check(*kind, year, &bytes, Settled::default());
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        assert_eq!(&codes, expected, "{file} as {}", kind.as_str());
        assert_eq!(report.accepted(), expected.is_empty(), "{file}");
    }
}
