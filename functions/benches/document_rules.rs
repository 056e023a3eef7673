//! Prints how long `check_content` takes on payroll statements and absence reports
//! of 10,000 and 100,000 lines, clean and with a problem in every row, to show
//! that the rules stay linear (header synonyms are one hash lookup per cell,
//! medical terms one pass per word); then the CSV reader and the rules on a 5 MB
//! payroll CSV, per line (the Worker's budget for that file is 200 ms). Run with
//! `cargo bench -p balie-functions --bench document_rules`.

use std::time::{Duration, Instant};

use balie_functions::domain::documents::check::check_content;
use balie_functions::domain::documents::{read, Content, Format, Kind, KnownWage, Line, Read};
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
        notes: Vec::new(),
        embedded: Vec::new(),
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
        notes: Vec::new(),
        embedded: Vec::new(),
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

/// A payroll CSV of about `bytes` bytes, lines like
/// `Werknemer;A.B.;01-02-2019;;52350,00`, with its total.
fn payroll_csv(bytes: usize) -> Vec<u8> {
    let mut csv = String::from(
        "Verzamelloonstaat 2024\nWerkgever;Groot Bedrijf B.V.\n\
         Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n",
    );
    let (mut total, mut i) = (0u64, 0u64);
    while csv.len() < bytes {
        let cents = 2_000_000 + (i * 7919) % 6_000_000;
        total += cents;
        csv.push_str(&format!(
            "Werknemer;A.B.;{:02}-{:02}-2019;;{},{:02}\n",
            i % 28 + 1,
            i % 12 + 1,
            cents / 100,
            cents % 100
        ));
        i += 1;
    }
    csv.push_str(&format!("Totaal;;;;{},{:02}\n", total / 100, total % 100));
    csv.into_bytes()
}

fn csv_file(year: Year, known: &[KnownWage]) {
    let bytes = payroll_csv(5_000_000);
    let (read_time, lines) = measure(|| match read(&bytes) {
        Read::Content(content) => content.lines.len(),
        _ => 0,
    });
    let Read::Content(content) = read(&bytes) else {
        println!("  the CSV did not read");
        return;
    };
    let (check_time, findings) =
        measure(|| check_content(Kind::PayrollStatement, year, &content, known).len());
    let per_line = |time: Duration| time.as_secs_f64() * 1e9 / lines as f64;
    println!("5 MB payroll CSV ({lines} lines), median of {RUNS} runs:");
    println!(
        "  reader  {:8.1} ms ({:6.0} ns/line)",
        read_time.as_secs_f64() * 1000.0,
        per_line(read_time)
    );
    println!(
        "  rules   {:8.1} ms ({:6.0} ns/line, {findings} findings)",
        check_time.as_secs_f64() * 1000.0,
        per_line(check_time)
    );
    println!(
        "  both    {:8.1} ms ({:6.0} ns/line)",
        (read_time + check_time).as_secs_f64() * 1000.0,
        per_line(read_time + check_time)
    );
}

fn main() {
    let year = Year::new(2024).expect("2024 is a valid year");
    let known: Vec<KnownWage> = Vec::new();
    csv_file(year, &known);
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
