//! Settlement figures on the real runtime (release Wasm on workerd, local D1):
//! `cargo bench -p balie-e2e --bench settlement` after `make worker site`.
//! Adds 10,000 employees through the API, imports their 2024 wages as one CSV
//! request, then times the year's settlement and its specification. Wall time is
//! the round trip; cpu is workerd's own CPU time (Worker + local D1 + HTTP).

use std::time::Instant;

use balie_e2e::{Client, Server};
use serde_json::json;

const EMPLOYEES: usize = 10_000;
const ROUNDS: usize = 21;

/// The n-th nine-digit number that passes the BSN 11-check.
fn bsns(count: usize) -> Vec<String> {
    (10_000_000u64..)
        .filter_map(|n| {
            let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
            let sum: u64 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
            let check = sum % 11;
            // The weighted sum minus the check digit must be a positive multiple of 11.
            (check < 10 && sum > check).then(|| format!("{n}{check}"))
        })
        .take(count)
        .collect()
}

fn main() {
    let server = Server::start();
    let c = Client::new(&server.url);
    let json = ("content-type", "application/json");
    let mut cookie = c
        .provision_and_sign_in(&json!({
            "policy_number": "440000001", "company_name": "Groot Bedrijf B.V.",
            "main_user": {"name": "G. Groot", "email": "g.groot@groot-bedrijf.nl"},
            "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon",
                       "start_date": "2024-01-01", "wage_cap": "max_premieloon", "provisional_premium": {"2024": "1000000.00"}}
        }))
        .cookie;

    let bsns = bsns(EMPLOYEES);
    let start = Instant::now();
    // Four clients at once: the requests wait on local D1 more than on the CPU.
    std::thread::scope(|s| {
        for (part, chunk) in bsns.chunks(EMPLOYEES.div_ceil(4)).enumerate() {
            let (url, mut cookie) = (&server.url, cookie.clone());
            s.spawn(move || {
                let c = Client::new(url);
                for (j, bsn) in chunk.iter().enumerate() {
                    let i = part * EMPLOYEES.div_ceil(4) + j;
                    let body = json!({"bsn": bsn, "initials": "A.", "last_name": format!("Werknemer {i}"), "gender": "X",
                                      "birth_date": "1980-01-01", "start_date": "2024-01-01"});
                    let r = c.post("/api/employees", &[json, ("cookie", &cookie)], &body.to_string());
                    assert_eq!(r.status, 201, "{}", r.body);
                    // Keep the session alive across the long run (tokens renew while used).
                    if let Some(fresh) = r.header("set-cookie") {
                        cookie = fresh.split(';').next().unwrap().to_owned();
                    }
                }
            });
        }
    });
    let adding = start.elapsed().as_secs_f64();

    let csv: String = std::iter::once("BSN;loon".to_owned())
        .chain(
            bsns.iter()
                .enumerate()
                .map(|(i, b)| format!("{b};{},{:02}", 30_000 + i * 7, i % 100)),
        )
        .collect::<Vec<_>>()
        .join("\n");
    let cpu_before = server.workerd_cpu_secs();
    let start = Instant::now();
    let r = c.post(
        "/api/wages/2024/import",
        &[("content-type", "text/csv"), ("cookie", &cookie)],
        &csv,
    );
    let import_wall = start.elapsed().as_secs_f64() * 1000.0;
    let import_cpu = (server.workerd_cpu_secs() - cpu_before) * 1000.0;
    assert_eq!(r.status, 200, "{}", &r.body[..r.body.len().min(400)]);

    let mut measure = |path: &str| {
        let mut walls = Vec::new();
        let cpu_before = server.workerd_cpu_secs();
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let r = c.get_with(path, &[("cookie", &cookie)]);
            walls.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(
                r.status,
                200,
                "{path}: {}",
                &r.body[..r.body.len().min(300)]
            );
            if let Some(fresh) = r.header("set-cookie") {
                cookie = fresh.split(';').next().unwrap().to_owned();
            }
        }
        walls.sort_by(f64::total_cmp);
        let cpu = (server.workerd_cpu_secs() - cpu_before) * 1000.0 / ROUNDS as f64;
        (walls[ROUNDS / 2], cpu)
    };
    let settlement = measure("/api/settlements/2024");
    let specification = measure("/api/settlements/2024/specification.csv");
    let page = measure("/api/employees?status=active&page=50");
    // What every signed-in request costs before its own work, and a request without session.
    let me = measure("/api/me");
    let health = measure("/api/health");
    drop(server);

    println!("settlement bench: {EMPLOYEES} employees, release Wasm on workerd with local D1");
    println!(
        "  adding the employees, 4 clients at once  {adding:8.1} s in all ({:.1} ms per request)",
        adding * 1000.0 / EMPLOYEES as f64
    );
    println!("  CSV import of {EMPLOYEES} wages (1 request) wall {import_wall:8.1} ms   cpu {import_cpu:8.1} ms");
    println!("  GET settlement (median of {ROUNDS})          wall {:8.1} ms   cpu {:8.1} ms (budget 50 ms)", settlement.0, settlement.1);
    println!(
        "  GET specification.csv                    wall {:8.1} ms   cpu {:8.1} ms",
        specification.0, specification.1
    );
    println!(
        "  GET employees page 50 of 100             wall {:8.1} ms   cpu {:8.1} ms",
        page.0, page.1
    );
    println!(
        "  GET me (a signed-in request's floor)     wall {:8.1} ms   cpu {:8.1} ms",
        me.0, me.1
    );
    println!(
        "  GET health (no query, no session)        wall {:8.1} ms   cpu {:8.1} ms",
        health.0, health.1
    );
}
