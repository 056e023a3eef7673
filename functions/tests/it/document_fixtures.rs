//! Every real fixture (LibreOffice and Chromium exports, qpdf's encrypted PDF,
//! the hand-made broken ones) through the whole check, readers and rules together:
//! what an employer uploading that file would be told.

use std::io::{Cursor, Write};
use std::path::Path;

use balie_functions::domain::documents::{check, Kind, Refusal, Settled, Verdict};
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

/// The payroll statement made by LibreOffice with extra parts added.
fn payroll_xlsx_with(extra: &[(&str, &[u8])]) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents/payroll_statement.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let mut original = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..original.len() {
        out.raw_copy_file(original.by_index_raw(i).unwrap())
            .unwrap();
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_with_an_embedded_file_is_refused_without_unpacking_it() {
    let year = Year::new(2024).unwrap();
    // 50 MB that deflate to about 50 KB: the check names it and never unpacks it.
    let zeros = vec![0u8; 50 << 20];
    let bytes = payroll_xlsx_with(&[("xl/embeddings/oleObject1.bin", &zeros)]);
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let report = check(Kind::PayrollStatement, year, &bytes, Settled::default());
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["embedded_file"]);
    assert_eq!(report.verdict, Verdict::Refused(Refusal::Findings));
    // The workbook itself is fine.
    let plain = payroll_xlsx_with(&[]);
    let report = check(Kind::PayrollStatement, year, &plain, Settled::default());
    assert!(report.accepted(), "{:?}", report.findings);
}

#[test]
fn medical_data_in_a_comment_refuses_the_workbook() {
    let year = Year::new(2024).unwrap();
    let comments = br#"<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>HR</author></authors><commentList><comment ref="E7" authorId="0"><text><r><t>Loon lager door ziekenhuisopname</t></r></text></comment></commentList></comments>"#;
    let bytes = payroll_xlsx_with(&[("xl/comments1.xml", comments)]);
    let report = check(Kind::PayrollStatement, year, &bytes, Settled::default());
    let found: Vec<(&str, Option<u32>)> = report.findings.iter().map(|f| (f.code, f.row)).collect();
    assert_eq!(found, [("medical_data", Some(7))]);
    assert_eq!(report.verdict, Verdict::RefusedMedical);
}
