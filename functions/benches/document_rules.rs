//! Prints how long `check_content` takes on payroll statements and absence reports
//! of 10,000 and 100,000 lines, clean and with a problem in every row, to show
//! that the rules stay linear (header synonyms are one hash lookup per cell,
//! medical terms one pass per word). Run with
//! `cargo bench -p balie-functions --bench document_rules`.

use std::time::{Duration, Instant};

use balie_functions::domain::documents::check::check_content;
use balie_functions::domain::documents::{Content, Format, Kind, KnownWage, Line};
use balie_functions::domain::money::Money;
use balie_functions::domain::year::Year;

const RUNS: usize = 5;

fn line(number: usize, cells: &[&str]) -> Line {
    Line {
        number: u32::try_from(number).unwrap_or(u32::MAX),
        cells: cells.iter().map(|c| c.to_string()).collect(),
    }
}

/// A statement with `rows` employees of 1.234,56 each; `bad` puts an impossible
/// date in every row.
fn payroll(rows: usize, bad: bool) -> Content {
    let mut lines = vec![
        line(1, &["Verzamelloonstaat 2024"]),
        line(2, &["Werkgever: Bakkerij De Korenschoof B.V."]),
        line(
            3,
            &[
                "Personeelsnummer",
                "Naam",
                "Voorletters",
                "BSN",
                "Datum in dienst",
                "Datum uit dienst",
                "SV-loon (kolom 8)",
                "Loon voor de loonheffing (kolom 14)",
            ],
        ),
    ];
    let start = if bad { "31-02-2020" } else { "01-02-2020" };
    for i in 0..rows {
        let number = (1000 + i).to_string();
        lines.push(line(
            4 + i,
            &[
                &number,
                "van der Berg",
                "J.P.",
                "",
                start,
                "",
                "1.234,56",
                "1.300,00",
            ],
        ));
    }
    let total = Money::parse_non_negative("1234.56")
        .ok()
        .and_then(|m| {
            let n = u32::try_from(rows).ok()?;
            Some(Money::round(m.decimal() * rust_decimal::Decimal::from(n)))
        })
        .unwrap_or(Money::ZERO)
        .grouped('.', ',');
    lines.push(line(4 + rows, &["Totaal", "", "", "", "", "", &total, ""]));
    Content {
        format: Format::Csv,
        lines,
        producer: None,
    }
}

fn absence(rows: usize, bad: bool) -> Content {
    let mut lines = vec![line(
        1,
        &[
            "Naam",
            "Voorletters",
            "Eerste ziektedag",
            "Datum ziekmelding",
            "Datum (gedeeltelijk) herstel",
            "AO%",
            "Arbeidstherapeutisch werken %",
            "Opmerking",
        ],
    )];
    let note = if bad {
        "rugklachten"
    } else {
        "afspraak bedrijfsarts gepland"
    };
    for i in 0..rows {
        lines.push(line(
            2 + i,
            &[
                "Jansen-de Vries",
                "A.B.",
                "04-03-2024",
                "05-03-2024",
                "",
                "50,5",
                "25",
                note,
            ],
        ));
    }
    Content {
        format: Format::Csv,
        lines,
        producer: None,
    }
}

fn measure(mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut findings = 0;
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            findings = run();
            started.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], findings)
}

fn main() {
    let year = Year::new(2024).expect("2024 is a valid year");
    let known: Vec<KnownWage> = Vec::new();
    println!("check_content, median of {RUNS} runs:");
    for (kind, name) in [
        (Kind::PayrollStatement, "payroll"),
        (Kind::AbsenceReport, "absence"),
    ] {
        for bad in [false, true] {
            let mut per_line = Vec::new();
            for rows in [10_000, 100_000] {
                let content = match kind {
                    Kind::PayrollStatement => payroll(rows, bad),
                    Kind::AbsenceReport => absence(rows, bad),
                };
                let (time, findings) =
                    measure(|| check_content(kind, year, &content, &known).len());
                let ns = time.as_secs_f64() * 1e9 / rows as f64;
                per_line.push(ns);
                println!(
                    "  {name:8} {:5} {rows:>7} lines: {:8.1} ms ({ns:6.0} ns/line, {findings} findings)",
                    if bad { "bad" } else { "clean" },
                    time.as_secs_f64() * 1000.0,
                );
            }
            println!(
                "  {name:8} 100k/10k time per line: {:.2} (1.0 = linear)",
                per_line[1] / per_line[0]
            );
        }
    }
}
