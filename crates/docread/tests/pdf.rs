//! The PDF reader against files made by the tools employers' offices use
//! (LibreOffice Calc and Writer, headless Chromium, qpdf) and hand-made broken
//! ones; scripts/make-pdf-fixtures.sh regenerates them all.

use docread::{pdf, Content, Format, Limits, Read, Unreadable};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../functions/tests/fixtures/documents/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn content(name: &str) -> Content {
    match pdf::read(&fixture(name), &Limits::DEFAULT) {
        Read::Content(c) => c,
        other => panic!("{name}: {other:?}"),
    }
}

fn lines(c: &Content) -> Vec<(u32, Vec<&str>)> {
    c.lines
        .iter()
        .map(|l| (l.number, l.cells.iter().map(String::as_str).collect()))
        .collect()
}

const PAYROLL: [&[&str]; 7] = [
    &["Bakkerij De Korenbloem B.V."],
    &["Verzamelloonstaat 2024"],
    &[
        "Naam",
        "Voorletters",
        "Datum in dienst",
        "Datum uit dienst",
        "SV-loon (kolom 8)",
    ],
    &["Jansen", "J.", "01-01-2024", "", "45.000,00"],
    &["de Vries", "A.B.", "01-03-2020", "30-09-2024", "28.312,50"],
    &["Bakker", "M.", "15-06-2024", "", "19.875,25"],
    &["Totaal", "", "", "", "93.187,75"],
];

fn numbered<'a>(rows: &[&[&'a str]]) -> Vec<(u32, Vec<&'a str>)> {
    rows.iter().zip(1..).map(|(r, n)| (n, r.to_vec())).collect()
}

#[test]
fn libreoffice_calc_payroll_statement() {
    let c = content("libreoffice-calc-payroll.pdf");
    assert_eq!(c.format, Format::Pdf);
    assert_eq!(c.producer.as_deref(), Some("LibreOffice 7.4 / Calc"));
    // Empty "Datum uit dienst" cells stay in their column.
    assert_eq!(lines(&c), numbered(&PAYROLL));
}

#[test]
fn libreoffice_calc_absence_report_with_tounicode_accents() {
    let c = content("libreoffice-calc-absence.pdf");
    assert_eq!(
        lines(&c),
        numbered(&[
            &["Arborapportage 2024 Bakkerij De Korenbloem B.V."],
            &[
                "Naam",
                "Voorletters",
                "Eerste ziektedag",
                "Datum melding",
                "Datum (gedeeltelijk) herstel",
                "AO%",
                "ATW%"
            ],
            &[
                "Jansen",
                "J.",
                "04-03-2024",
                "05-03-2024",
                "18-03-2024",
                "100",
                "0"
            ],
            &[
                "Müller-Özdemir",
                "É.",
                "10-06-2024",
                "10-06-2024",
                "",
                "50",
                "25"
            ],
        ])
    );
}

#[test]
fn libreoffice_writer_letter_with_table() {
    let c = content("libreoffice-writer-letter.pdf");
    assert_eq!(c.producer.as_deref(), Some("LibreOffice 7.4 / Writer"));
    assert_eq!(
        lines(&c),
        numbered(&[
            &["Arbodienst Gezond Werk B.V."],
            &["Arborapportage over 2024 voor Bakkerij De Korenbloem B.V."],
            &[
                "Naam",
                "Voorletters",
                "Eerste ziektedag",
                "Datum melding",
                "AO%"
            ],
            &["Jansen", "J.", "04-03-2024", "05-03-2024", "100"],
        ])
    );
}

const CHROMIUM: [&[&str]; 5] = [
    &["Bakkerij De Korenbloem B.V."],
    &[
        "Naam",
        "Voorletters",
        "Datum in dienst",
        "Datum uit dienst",
        "SV-loon (kolom 8)",
    ],
    &["Jansen", "J.", "01-01-2024", "", "45.000,00"],
    &["de Vries", "A.B.", "01-03-2020", "30-09-2024", "28.312,50"],
    &["Totaal", "", "", "", "73.312,50"],
];

#[test]
fn chromium_html_table() {
    let c = content("chromium-table.pdf");
    assert!(c
        .producer
        .as_deref()
        .is_some_and(|p| p.starts_with("Skia/PDF") && p.contains("HeadlessChrome")));
    assert_eq!(lines(&c), numbered(&CHROMIUM));
}

#[test]
fn object_streams_and_compressed_xref() {
    // qpdf's rewrite of the Chromium file: every object in an object stream,
    // the cross-reference in a stream with a PNG predictor.
    assert_eq!(lines(&content("object-streams.pdf")), numbered(&CHROMIUM));
}

#[test]
fn broken_xref_is_rebuilt_by_scanning() {
    assert_eq!(lines(&content("broken-xref.pdf")), numbered(&PAYROLL));
}

#[test]
fn standard_font_winansi_operators_and_screenshot_producer() {
    let c = content("winansi-standard-font.pdf");
    assert_eq!(c.producer.as_deref(), Some("Greenshot / Snip"));
    assert_eq!(
        lines(&c),
        numbered(&[
            &["Café € 5", "Totaal"],
            &["tweede regel"],
            &["derde"],
            &["regel"]
        ])
    );
}

#[test]
fn pictures_without_text_are_image_only() {
    assert_eq!(
        pdf::read(&fixture("chromium-screenshot.pdf"), &Limits::DEFAULT),
        Read::ImageOnlyPdf
    );
    assert_eq!(
        pdf::read(&fixture("inline-image.pdf"), &Limits::DEFAULT),
        Read::ImageOnlyPdf
    );
}

#[test]
fn unreadable_files() {
    let cases = [
        ("encrypted.pdf", Unreadable::Encrypted),
        ("truncated.pdf", Unreadable::Corrupt),
        ("deflate-bomb.pdf", Unreadable::TooBig),
        ("blank.pdf", Unreadable::Empty),
    ];
    for (name, why) in cases {
        assert_eq!(
            pdf::read(&fixture(name), &Limits::DEFAULT),
            Read::Unreadable(why),
            "{name}"
        );
    }
    assert_eq!(
        pdf::read(b"", &Limits::DEFAULT),
        Read::Unreadable(Unreadable::Corrupt)
    );
    assert_eq!(
        pdf::read(b"%PDF-1.7\n", &Limits::DEFAULT),
        Read::Unreadable(Unreadable::Corrupt)
    );
}

#[test]
fn every_prefix_of_a_real_file_reads_without_panic() {
    let bytes = fixture("object-streams.pdf");
    for end in (0..bytes.len()).step_by(97) {
        let _ = pdf::read(bytes.get(..end).unwrap_or_default(), &Limits::DEFAULT);
    }
}
