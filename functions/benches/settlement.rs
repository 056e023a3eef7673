//! Prints how long the settlement of 10,000 employees takes natively: the pure
//! domain computation, and whole requests through the router on SQLite (reading
//! the employees, settling, answering JSON or the CSV), plus the 10,000-row wage
//! import. Run with `cargo bench -p balie-functions --bench settlement`; the
//! Worker's budget is measured under workerd separately.

// The integration tests' support, of which this bench uses a part.
#[allow(dead_code)]
#[path = "../tests/it/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use balie_functions::domain::money::{Money, Percent};
use balie_functions::domain::policy::{InsuredWage, Policy, WageCap};
use balie_functions::domain::settlement::{settle, Employee, Employment};
use balie_functions::domain::year::Year;
use balie_functions::http::Method;
use balie_functions::store::employees;
use chrono::NaiveDate;
use support::accounts::{send, signed_in_main_user_of};
use support::employees::{employer_id, import, seed_employees};
use support::TestApp;

const EMPLOYEES: usize = 10_000;
const RUNS: usize = 15;

/// Median and fastest of `RUNS` runs, in milliseconds.
fn measure(mut run: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[RUNS / 2]), ms(times[0]))
}

fn report(what: &str, (median, min): (f64, f64)) {
    println!("{what}: median {median:.1} ms, fastest {min:.1} ms ({RUNS} runs)");
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn domain_only() {
    let policy = Policy {
        product: "verzuim",
        premium_rate: Percent::parse("4.25").unwrap(),
        insured_wage: InsuredWage::SvLoon,
        start_date: date("2024-01-01"),
        wage_cap: WageCap::MaxPremieloon,
        provisional_premium: BTreeMap::from([(2024, Money::from(1_000_000))]),
    };
    let employees: Vec<Employee> = (0..EMPLOYEES)
        .map(|i| Employee {
            id: format!("seed-{i:05}"),
            name: format!("A. Werknemer {i:05}"),
            employments: vec![Employment {
                start: date("2020-01-01"),
                end: (i % 7 == 0).then(|| date("2024-06-30")),
            }],
            wage: (i % 50 != 0)
                .then(|| Money::parse_non_negative(&format!("{}.37", 20_000 + i * 9)).unwrap()),
        })
        .collect();
    let year = Year::new(2024).unwrap();
    report(
        "settle() of 10,000 employees, domain only",
        measure(|| {
            let s = settle(&policy, year, employees.clone()).unwrap();
            assert_eq!(s.employees.len(), EMPLOYEES);
        }),
    );
    let settlement = settle(&policy, year, employees).unwrap();
    report(
        "the settlement written as JSON, 10,000 rows",
        measure(|| {
            let json = serde_json::to_vec(&settlement).unwrap();
            assert!(json.len() > 100 * EMPLOYEES);
        }),
    );
}

fn through_the_router() {
    let t = TestApp::new();
    let mut employer = support::accounts::employer("770009999", "eigenaar@korst.nl");
    employer["policy"]["wage_cap"] = "max_premieloon".into();
    employer["policy"]["provisional_premium"] = serde_json::json!({"2024": "1000000.00"});
    let (cookie, _, _) = signed_in_main_user_of(&t, &employer);
    let employer = employer_id(&t, &cookie);
    let numbers = seed_employees(&t, &employer, EMPLOYEES);
    let csv: String = numbers
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{n};{}.{:03},37\n", 20 + i % 60, i % 1000))
        .collect();
    report(
        "POST /api/wages/2024/import, 10,000 rows (SQLite)",
        measure(|| assert_eq!(import(&t, &cookie, "2024", &csv).status, 200)),
    );
    let year = Year::new(2024).unwrap();
    report(
        "store::employees::in_year, 10,000 employees (SQLite)",
        measure(|| {
            let staff = pollster::block_on(employees::in_year(&t.app.db, &employer, year)).unwrap();
            assert_eq!(staff.len(), EMPLOYEES);
        }),
    );
    for path in [
        "/api/settlements/2024",
        "/api/settlements/2024/specification.csv",
    ] {
        report(
            &format!("GET {path}, 10,000 employees (SQLite)"),
            measure(|| assert_eq!(send(&t, Method::Get, path, &cookie, None).status, 200)),
        );
    }
}

fn main() {
    domain_only();
    through_the_router();
}
