//! Prints how long the document readers take natively: a generated 5 MB CSV (the
//! size of a verzamelloonstaat for about 70,000 employees), the LibreOffice XLSX
//! fixture, and a generated XLSX of 10,000 employees. Run with
//! `cargo bench -p docread --bench readers`.

use std::hint::black_box;
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use docread::{Limits, Read};

fn read(bytes: &[u8]) -> Read {
    docread::read(bytes, &Limits::DEFAULT)
}

const RUNS: usize = 15;

/// Median and fastest of `RUNS` runs, in milliseconds.
fn measure(bytes: &[u8]) -> (f64, f64) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let read = black_box(read(black_box(bytes)));
            assert!(matches!(read, Read::Content(_)), "{read:?}");
            started.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[RUNS / 2]), ms(times[0]))
}

fn report(what: &str, bytes: &[u8]) {
    let (median, min) = measure(bytes);
    println!(
        "{what:<48} {:>8.1} KB  median {median:>8.2} ms  min {min:>8.2} ms",
        bytes.len() as f64 / 1024.0
    );
}

fn csv_of(bytes: usize) -> Vec<u8> {
    let mut csv = b"Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n".to_vec();
    let mut i = 0u32;
    while csv.len() < bytes {
        i += 1;
        writeln!(
            csv,
            "Werknemer {i};A.B.;01-01-2018;;{}.{:03},{:02}",
            30 + i % 40,
            i % 1000,
            i % 100
        )
        .unwrap();
    }
    csv
}

fn xlsx_of(employees: u32) -> Vec<u8> {
    let mut sheet = String::from("<worksheet><sheetData>");
    sheet.push_str(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c><c r="B1" t="inlineStr"><is><t>Voorletters</t></is></c><c r="C1" t="inlineStr"><is><t>Datum in dienst</t></is></c><c r="D1" t="inlineStr"><is><t>SV-loon (kolom 8)</t></is></c></row>"#);
    for i in 2..employees + 2 {
        sheet.push_str(&format!(
            r#"<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>Werknemer {i}</t></is></c><c r="B{i}" t="inlineStr"><is><t>A.B.</t></is></c><c r="C{i}" s="1"><v>{}</v></c><c r="D{i}"><v>{}.{}</v></c></row>"#,
            43101 + i % 2000,
            30_000 + i,
            i % 100
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: [(&str, &str); 5] = [
        ("[Content_Types].xml", "<Types/>"),
        (
            "xl/workbook.xml",
            r#"<workbook><sheets><sheet name="Blad1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/styles.xml",
            r#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn main() {
    report("CSV, generated, 5 MB", &csv_of(5 << 20));
    report(
        "XLSX, LibreOffice fixture (payroll statement)",
        include_bytes!("../../../functions/tests/fixtures/documents/payroll_statement.xlsx"),
    );
    report("XLSX, generated, 10,000 employees", &xlsx_of(10_000));
}
