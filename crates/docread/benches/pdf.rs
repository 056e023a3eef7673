//! Prints how long the PDF reader takes on about 2 MB of text PDF, natively.
//! The whole document check has 300 ms under workerd; the reader should take
//! well under 100 ms here. Two inputs: a synthetic table PDF built below, and
//! the LibreOffice export scripts/make-pdf-bench.sh writes to
//! target/pdf-bench/large.pdf (skipped with a note when absent).

use std::time::Instant;

use docread::{pdf, Limits, Read};

/// A PDF of table pages in Helvetica, each page's content Flate-compressed,
/// grown until the file is about `target` bytes.
fn synthetic(target: usize) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(), // the page tree, written once the pages are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut kids = Vec::new();
    let mut seed: u64 = 7;
    let mut size = 0;
    let mut row = 0;
    while size < target {
        let mut content = b"BT /F1 9 Tf\n".to_vec();
        for line in 0..60 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let y = 800 - line * 12;
            let wage = seed >> 40;
            content.extend_from_slice(
                format!(
                    "1 0 0 1 40 {y} Tm (Werknemer {row}) Tj 1 0 0 1 160 {y} Tm (A.B.) Tj \
                     1 0 0 1 220 {y} Tm (01-0{}-2020) Tj 1 0 0 1 420 {y} Tm ({},{:02}) Tj\n",
                    seed % 9 + 1,
                    wage % 100_000,
                    wage % 100
                )
                .as_bytes(),
            );
            row += 1;
        }
        content.extend_from_slice(b"ET");
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&content, 6);
        let mut stream = format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            packed.len()
        )
        .into_bytes();
        stream.extend_from_slice(&packed);
        stream.extend_from_slice(b"\nendstream");
        size += stream.len() + 120;
        objects.push(stream);
        let content_num = objects.len();
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_num} 0 R \
                 /Resources << /Font << /F1 3 0 R >> >> >>"
            )
            .into_bytes(),
        );
        kids.push(format!("{} 0 R", objects.len()));
    }
    if let Some(tree) = objects.get_mut(1) {
        *tree = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        )
        .into_bytes();
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn time(name: &str, bytes: &[u8]) {
    let mut best = f64::MAX;
    let mut lines = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let read = pdf::read(bytes, &Limits::DEFAULT);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        lines = match read {
            Read::Content(c) => c.lines.len(),
            other => panic!("{name}: {other:?}"),
        };
    }
    println!(
        "{name}: {:.1} MB, {lines} lines, best of 5: {best:.1} ms",
        bytes.len() as f64 / 1e6
    );
}

fn main() {
    time("synthetic Helvetica table", &synthetic(2_000_000));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/pdf-bench/large.pdf"
    );
    match std::fs::read(path) {
        Ok(bytes) => time("LibreOffice Calc export", &bytes),
        Err(_) => {
            println!("{path} absent: run scripts/make-pdf-bench.sh for the LibreOffice benchmark")
        }
    }
}
