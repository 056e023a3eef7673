//! Document checks on the real runtime (release Wasm on workerd):
//! `cargo bench -p balie-e2e --bench documents` after `make worker site`.
//! Times `POST /api/documents/check` on a generated 5 MB payroll statement CSV
//! (budget 200 ms) and on a text PDF of about 2 MB (budget 300 ms): the
//! LibreOffice export `scripts/make-pdf-bench.sh` writes to
//! `target/pdf-bench/large.pdf` (skipped with a note when absent). Wall time is
//! the round trip; cpu is workerd's own CPU time; memory is workerd's peak RSS,
//! an upper bound on the isolate's.

use std::time::Instant;

use balie_e2e::{form, project_root, Client, Server};
use serde_json::json;

const ROUNDS: usize = 5;

/// A payroll statement of about `target` bytes whose total is right.
fn payroll_csv(target: usize) -> Vec<u8> {
    let mut csv = String::from(
        "Verzamelloonstaat 2024\nWerkgever;Groot Bedrijf B.V.\n\
         Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n",
    );
    let mut total_cents: u64 = 0;
    let mut i: u64 = 0;
    while csv.len() < target {
        let cents = 2_000_000 + (i * 7919) % 6_000_000;
        total_cents += cents;
        csv.push_str(&format!(
            "Werknemer;A.B.;{:02}-{:02}-2019;;{},{:02}\n",
            i % 28 + 1,
            i % 12 + 1,
            cents / 100,
            cents % 100
        ));
        i += 1;
    }
    csv.push_str(&format!(
        "Totaal;;;;{},{:02}\n",
        total_cents / 100,
        total_cents % 100
    ));
    csv.into_bytes()
}

fn main() {
    let server = Server::start();
    let c = Client::new(&server.url);
    let mut cookie = c
        .provision_and_sign_in(&json!({
            "policy_number": "440000002", "company_name": "Groot Bedrijf B.V.",
            "main_user": {"name": "G. Groot", "email": "g.groot@groot-bedrijf.nl"},
            "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon", "start_date": "2024-01-01"}
        }))
        .cookie;
    let mut measure = |kind: &str, name: &str, file: &[u8]| {
        let (content_type, body) = form(&[("kind", kind), ("year", "2024")], name, file);
        let mut walls = Vec::new();
        let cpu_before = server.workerd_cpu_secs();
        let mut findings = String::new();
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let r = c.post_bytes(
                "/api/documents/check",
                &[("content-type", &content_type), ("cookie", &cookie)],
                &body,
            );
            walls.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(r.status, 200, "{}", &r.body[..r.body.len().min(400)]);
            findings = r.json()["findings"].to_string();
            if let Some(fresh) = r.header("set-cookie") {
                cookie = fresh.split(';').next().unwrap().to_owned();
            }
        }
        walls.sort_by(f64::total_cmp);
        let cpu = (server.workerd_cpu_secs() - cpu_before) * 1000.0 / ROUNDS as f64;
        println!(
            "  {name:28} {:6.2} MB   wall {:7.1} ms   cpu {:7.1} ms   findings {}",
            file.len() as f64 / 1e6,
            walls[ROUNDS / 2],
            cpu,
            &findings[..findings.len().min(120)]
        );
    };
    println!(
        "documents bench: POST /api/documents/check, median of {ROUNDS}, release Wasm on workerd"
    );
    let rss_before = server.workerd_peak_rss_mb();
    measure(
        "payroll_statement",
        "generated 5 MB CSV",
        &payroll_csv(5_000_000),
    );
    let pdf = project_root().join("target/pdf-bench/large.pdf");
    match std::fs::read(&pdf) {
        Ok(bytes) => measure("payroll_statement", "LibreOffice text PDF", &bytes),
        Err(_) => println!(
            "  (no {}: run scripts/make-pdf-bench.sh for the PDF figure)",
            pdf.display()
        ),
    }
    println!(
        "  workerd peak RSS {:.0} MB (before the checks {rss_before:.0} MB; budget: the isolate's 128 MB)",
        server.workerd_peak_rss_mb()
    );
}
