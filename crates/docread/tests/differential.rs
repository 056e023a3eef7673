//! Differential tests: the committed fixtures through docread and through
//! established readers (calamine for XLSX, pdf-extract for PDF), natively only.
//! They must agree on the text; where they legitimately differ (layout, not
//! words) the comparison says how.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use chrono::{Days, NaiveDate};
use docread::{Limits, Read};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../functions/tests/fixtures/documents")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn docread_lines(bytes: &[u8]) -> Vec<(u32, Vec<String>)> {
    match docread::read(bytes, &Limits::DEFAULT) {
        Read::Content(c) => c.lines.into_iter().map(|l| (l.number, l.cells)).collect(),
        other => panic!("not content: {other:?}"),
    }
}

/// A calamine cell as docread shows it: numbers without a trailing `.0`, dates
/// as ISO dates, text trimmed.
fn calamine_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => {
            let serial = d.as_f64();
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            epoch
                .checked_add_days(Days::new(serial.floor() as u64))
                .unwrap()
                .to_string()
        }
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        other => format!("{other:?}"),
    }
}

/// The first sheet with cells, as docread's lines: numbered from the sheet's
/// row 1, trailing empty cells dropped, empty lines left out.
fn calamine_lines(bytes: &[u8]) -> Vec<(u32, Vec<String>)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    for name in names {
        let range = book.worksheet_range(&name).unwrap();
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let mut out = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells: Vec<String> = vec![String::new(); first_col as usize];
            cells.extend(row.iter().map(calamine_text));
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                out.push((first_row + i as u32 + 1, cells));
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

#[test]
fn xlsx_fixtures_read_as_calamine_reads_them() {
    for name in ["payroll_statement.xlsx", "absence_report.xlsx"] {
        let bytes = fixture(name);
        let ours = docread_lines(&bytes);
        let theirs = calamine_lines(&bytes);
        println!("{name}\n  docread:  {ours:?}\n  calamine: {theirs:?}");
        assert_eq!(ours, theirs, "{name}");
    }
}

/// Every word of the text, sorted: the PDF readers lay text out differently
/// (docread in table lines of cells, pdf-extract as running text), so the
/// comparison is on the words.
fn words<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut words: Vec<String> = texts
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect();
    words.sort();
    words
}

/// pdf-extract's text, or how it failed (an error or a panic: it panics on some
/// malformed input, one reason docread has its own reader).
fn pdf_extract_text(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.to_vec();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&bytes));
    std::panic::set_hook(hook);
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("error: {e}")),
        Err(_) => Err("panic".to_owned()),
    }
}

fn docread_words(bytes: &[u8]) -> Vec<String> {
    let lines = docread_lines(bytes);
    words(
        lines
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(String::as_str)),
    )
}

/// (fixture, words only docread finds). The hand-made WinAnsi file shows its
/// last word with the `'` operator (next line, then show the string: PDF 32000
/// 9.4.3), which pdf-extract 0.12 does not carry out; docread does.
const PDF_CASES: &[(&str, &[&str])] = &[
    ("libreoffice-calc-payroll.pdf", &[]),
    ("libreoffice-calc-absence.pdf", &[]),
    ("libreoffice-writer-letter.pdf", &[]),
    ("chromium-table.pdf", &[]),
    ("object-streams.pdf", &[]),
    ("winansi-standard-font.pdf", &["regel"]),
];

#[test]
fn pdf_fixtures_hold_the_words_pdf_extract_finds() {
    for (name, only_ours) in PDF_CASES {
        let bytes = fixture(&format!("pdf/{name}"));
        let ours = docread_words(&bytes);
        let theirs = pdf_extract_text(&bytes).map(|t| {
            let text = [t.as_str()].into_iter().chain(only_ours.iter().copied());
            words(text)
        });
        assert_eq!(Ok(ours), theirs, "{name}");
    }
}

/// Where they disagree, by design: docread rebuilds a damaged cross-reference
/// table from the objects themselves (as PDF viewers do), pdf-extract gives up.
#[test]
fn a_broken_xref_is_recovered_where_pdf_extract_gives_up() {
    let broken = fixture("pdf/broken-xref.pdf");
    let failed = pdf_extract_text(&broken);
    assert!(failed.is_err(), "pdf-extract now reads it: {failed:?}");
    assert_eq!(
        docread_words(&broken),
        docread_words(&fixture("pdf/libreoffice-calc-payroll.pdf"))
    );
}

/// Files docread refuses: what pdf-extract makes of them, printed for the
/// record (`--nocapture`). Not the deflate bomb: unbounded, it would unpack it.
#[test]
fn what_pdf_extract_makes_of_the_files_docread_refuses() {
    for name in [
        "encrypted.pdf",
        "truncated.pdf",
        "blank.pdf",
        "inline-image.pdf",
        "chromium-screenshot.pdf",
    ] {
        let bytes = fixture(&format!("pdf/{name}"));
        let ours = docread::read(&bytes, &Limits::DEFAULT);
        assert!(!matches!(ours, Read::Content(_)), "{name}: {ours:?}");
        let theirs = pdf_extract_text(&bytes).map(|t| words(std::iter::once(t.as_str())));
        println!("{name}: docread {ours:?}; pdf-extract {theirs:?}");
        if name == "encrypted.pdf" {
            // qpdf's file has an empty user password: pdf-extract decrypts it,
            // docread refuses every encrypted file without trying.
            assert!(theirs.is_ok_and(|w| !w.is_empty()));
        }
    }
}
