//! Employees, wages and imports through the real endpoints, for the employee and
//! settlement tests.

use balie_functions::http::{Method, Response};
use balie_functions::store::{Db, Statement};
use serde_json::{json, Value};

use super::accounts::send;
use super::{body, request, TestApp};

/// Valid BSNs (11-check), a deterministic sequence.
pub fn bsns() -> impl Iterator<Item = String> {
    const WEIGHTS: [u32; 8] = [9, 8, 7, 6, 5, 4, 3, 2];
    (10_000_000u32..).filter_map(|base| {
        let sum: u32 = base
            .to_string()
            .bytes()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        // The last digit weighs −1: it must be sum mod 11, and the total not 0.
        let check = sum % 11;
        (check < 10 && sum > check).then(|| format!("{base}{check}"))
    })
}

/// The `n`-th BSN of [`bsns`].
pub fn bsn(n: usize) -> String {
    bsns().nth(n).unwrap()
}

/// A valid body for `POST /api/employees`; tests change fields with `obj[...] = ...`.
pub fn employee(bsn: &str, last_name: &str, start: &str) -> Value {
    json!({
        "bsn": bsn, "initials": "A.", "last_name": last_name, "gender": "V",
        "birth_date": "1980-05-17", "start_date": start,
    })
}

/// Adds an employee (201 expected) and returns their id.
pub fn add(t: &TestApp, cookie: &str, b: Value) -> String {
    let r = send(t, Method::Post, "/api/employees", cookie, Some(b.clone()));
    assert_eq!(r.status, 201, "{b}: {}", String::from_utf8_lossy(&r.body));
    body(&r)["id"].as_str().unwrap().to_owned()
}

pub fn put_wage(t: &TestApp, cookie: &str, id: &str, year: i32, wage: &str) -> Response {
    send(
        t,
        Method::Put,
        &format!("/api/employees/{id}/wages/{year}"),
        cookie,
        Some(json!({ "insured_wage": wage })),
    )
}

pub fn import(t: &TestApp, cookie: &str, year: &str, csv: &str) -> Response {
    t.send(request(
        Method::Post,
        &format!("/api/wages/{year}/import"),
        &[
            ("cookie", cookie),
            ("content-type", "text/csv; charset=utf-8"),
        ],
        csv.as_bytes(),
    ))
}

/// The signed-in user's employer id.
pub fn employer_id(t: &TestApp, cookie: &str) -> String {
    body(&send(t, Method::Get, "/api/me", cookie, None))["employer"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Writes `count` employees employed since 2020 (ids `seed-00000`, ...) straight
/// into the store in one batch, and returns their BSNs in id order.
pub fn seed_employees(t: &TestApp, employer_id: &str, count: usize) -> Vec<String> {
    let numbers: Vec<String> = bsns().take(count).collect();
    let mut seed = Vec::with_capacity(2 * count);
    for (i, n) in numbers.iter().enumerate() {
        let id = format!("seed-{i:05}");
        seed.push(Statement::new(
            "INSERT INTO employees (id, employer_id, bsn, initials, last_name, gender, birth_date, created_at) \
             VALUES (?, ?, ?, 'A.', ?, 'X', '1980-01-01', 0)",
            vec![
                id.clone().into(),
                employer_id.into(),
                n.as_str().into(),
                format!("Werknemer {i:05}").into(),
            ],
        ));
        seed.push(Statement::new(
            "INSERT INTO employments (employee_id, start_date) VALUES (?, '2020-01-01')",
            vec![id.into()],
        ));
    }
    pollster::block_on(t.app.db.batch(seed)).expect("seed employees");
    numbers
}
