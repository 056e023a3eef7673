//! The document readers on files made by the programs users export from (see
//! scripts/make-document-fixtures.sh): LibreOffice's XLSX, CSV in UTF-8 and
//! Windows-1252, and a PNG screenshot by headless Chromium.

use docread::{Format, Limits, Read};

fn read(bytes: &[u8]) -> Read {
    docread::read(bytes, &Limits::DEFAULT)
}

/// The fixtures stay beside the Worker's tests, which check them whole.
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../functions/tests/fixtures/documents/",
            $name
        ))
    };
}

const PAYROLL_XLSX: &[u8] = fixture!("payroll_statement.xlsx");
const PAYROLL_CSV: &[u8] = fixture!("payroll_statement.csv");
const PAYROLL_CSV_1252: &[u8] = fixture!("payroll_statement_1252.csv");
const ABSENCE_XLSX: &[u8] = fixture!("absence_report.xlsx");
const ABSENCE_CSV: &[u8] = fixture!("absence_report.csv");
const SCREENSHOT: &[u8] = fixture!("screenshot.png");

type Lines = Vec<(u32, Vec<String>)>;

fn content(bytes: &[u8], format: Format) -> (Lines, Option<String>) {
    match read(bytes) {
        Read::Content(c) => {
            assert_eq!(c.format, format);
            let lines = c.lines.into_iter().map(|l| (l.number, l.cells)).collect();
            (lines, c.producer)
        }
        other => panic!("not content: {other:?}"),
    }
}

fn lines(expected: &[(u32, &[&str])]) -> Lines {
    expected
        .iter()
        .map(|(n, cells)| (*n, cells.iter().map(|c| c.to_string()).collect()))
        .collect()
}

const HEADER: &[&str] = &[
    "Naam",
    "Voorletters",
    "Datum in dienst",
    "Datum uit dienst",
    "SV-loon (kolom 8)",
];

#[test]
fn payroll_statement_xlsx_from_libreoffice() {
    let (got, producer) = content(PAYROLL_XLSX, Format::Xlsx);
    assert_eq!(
        got,
        lines(&[
            (1, &["Verzamelloonstaat 2024"]),
            (2, &["Werkgever", "Bouwbedrijf De Vries B.V."]),
            (3, &["Loonheffingennummer", "123456789L01"]),
            (5, HEADER),
            // dates from their date style, amounts as numbers
            (6, &["Jansen", "P.", "2018-01-01", "", "52350"]),
            (
                7,
                &["De Vries", "A.B.", "2020-03-15", "2024-09-30", "31200.5"]
            ),
            (8, &["Müller", "J.", "2024-02-01", "", "28449.5"]),
            (9, &["Totaal", "", "", "", "112000"]),
        ])
    );
    assert!(
        producer
            .as_deref()
            .is_some_and(|p| p.starts_with("LibreOffice/")),
        "{producer:?}"
    );
}

#[test]
fn payroll_statement_csv_in_utf8_and_windows_1252() {
    let expected = lines(&[
        (1, &["Verzamelloonstaat 2024"]),
        (2, &["Werkgever", "Bouwbedrijf De Vries B.V."]),
        (3, &["Loonheffingennummer", "123456789L01"]),
        (5, HEADER),
        (6, &["Jansen", "P.", "01-01-2018", "", "52.350,00"]),
        (
            7,
            &["De Vries", "A.B.", "15-03-2020", "30-09-2024", "31.200,50"],
        ),
        (8, &["Müller", "J.", "01-02-2024", "", "28.449,50"]),
        (9, &["Totaal", "", "", "", "112.000,00"]),
    ]);
    assert_ne!(
        PAYROLL_CSV, PAYROLL_CSV_1252,
        "the 1252 file differs in bytes"
    );
    assert_eq!(content(PAYROLL_CSV, Format::Csv), (expected.clone(), None));
    assert_eq!(content(PAYROLL_CSV_1252, Format::Csv), (expected, None));
}

#[test]
fn absence_report_xlsx_and_csv() {
    let header: &[&str] = &[
        "Naam",
        "Voorletters",
        "Eerste ziektedag",
        "Datum melding",
        "Datum (gedeeltelijk) herstel",
        "AO%",
        "ATW%",
    ];
    let (xlsx, _) = content(ABSENCE_XLSX, Format::Xlsx);
    assert_eq!(
        xlsx,
        lines(&[
            (1, &["Arborapportage 2024"]),
            (2, &["Werkgever", "Bouwbedrijf De Vries B.V."]),
            (3, header),
            (
                4,
                &[
                    "Jansen",
                    "P.",
                    "2024-03-04",
                    "2024-03-05",
                    "2024-03-18",
                    "100",
                    "0"
                ]
            ),
            (
                5,
                &["Müller", "J.", "2024-06-10", "2024-06-10", "", "50", "50"]
            ),
        ])
    );
    let (csv, _) = content(ABSENCE_CSV, Format::Csv);
    assert_eq!(
        csv.get(3),
        Some(&(
            4,
            [
                "Jansen",
                "P.",
                "04-03-2024",
                "05-03-2024",
                "18-03-2024",
                "100",
                "0"
            ]
            .map(String::from)
            .to_vec()
        ))
    );
    assert_eq!(csv.len(), 5);
}

#[test]
fn a_chromium_screenshot_is_an_image() {
    // Chromium writes no text chunks: the bytes alone make it a screenshot.
    assert_eq!(
        read(SCREENSHOT),
        Read::Image {
            format: "png",
            tool: None
        }
    );
}
