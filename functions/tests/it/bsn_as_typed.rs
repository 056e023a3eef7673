//! A BSN as people type it ("131 860 914", "131.860.914") and the search by a
//! whole BSN: on its last four digits and a keyed hash, scoped to the employer and
//! limited per user.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::domain::bsn::Bsn;
use balie_functions::domain::secrets::Keys;
use balie_functions::http::Method;
use balie_functions::store::{Db, Statement};
use serde_json::Value;

/// "123456782" as "123 456 782" or "123.456.782".
fn grouped(bsn: &str, sep: &str) -> String {
    [&bsn[..3], &bsn[3..6], &bsn[6..]].join(sep)
}

fn search(t: &TestApp, cookie: &str, q: &str) -> Vec<String> {
    let q: String = q.replace(' ', "%20");
    let r = send(
        t,
        Method::Get,
        &format!("/api/employees?q={q}"),
        cookie,
        None,
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    body(&r)["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["last_name"].as_str().unwrap().to_owned())
        .collect()
}

/// Two valid BSNs that share their last four digits.
fn same_last4() -> (String, String) {
    let mut seen = std::collections::HashMap::new();
    for n in bsns() {
        if let Some(first) = seen.insert(n[5..].to_owned(), n.clone()) {
            return (first, n);
        }
    }
    unreachable!()
}

#[test]
fn a_bsn_with_spaces_or_dots_is_read_as_nine_digits() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000301", "eigenaar@typen.nl");
    let number = bsn(3);
    let id = add(
        &t,
        &hr,
        employee(&grouped(&number, " "), "Jansen", "2024-01-01"),
    );
    let detail = body(&send(
        &t,
        Method::Get,
        &format!("/api/employees/{id}"),
        &hr,
        None,
    ));
    assert_eq!(detail["bsn_last4"], &number[5..]);
    assert!(
        detail.get("bsn").is_none(),
        "the whole BSN is never answered"
    );

    // The same number with dots is the same person.
    let r = send(
        &t,
        Method::Post,
        "/api/employees",
        &hr,
        Some(employee(&grouped(&number, "."), "Jansen", "2024-01-01")),
    );
    assert_eq!(r.status, 409);
    assert_eq!(error_of(&r), ("employee_exists".into(), Some("bsn".into())));
    assert_eq!(body(&r)["error"]["employee_id"], id.as_str());

    // Other separators, and a wrong number however it is written, stay invalid.
    let other = bsn(4);
    for wrong in [
        grouped(&other, "-"),
        grouped(&other, ","),
        grouped(&other, "/"),
        format!("{} ", grouped("123456789", " ")),
        grouped("123456789", "."),
        format!("{}.0", grouped(&other, ".")),
    ] {
        let r = send(
            &t,
            Method::Post,
            "/api/employees",
            &hr,
            Some(employee(&wrong, "Pietersen", "2024-01-01")),
        );
        assert_eq!(r.status, 422, "{wrong}");
        assert_eq!(
            error_of(&r),
            ("invalid_bsn".into(), Some("bsn".into())),
            "{wrong}"
        );
    }

    // The wage import reads a BSN as typed too.
    let r = import(
        &t,
        &hr,
        "2024",
        &format!("BSN;loon\n{};41237,50\n", grouped(&number, ".")),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn the_stored_hash_is_keyed_and_not_the_number() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000302", "eigenaar@hash.nl");
    let number = bsn(5);
    let id = add(&t, &hr, employee(&number, "Jansen", "2024-01-01"));
    let rows: Vec<Value> = pollster::block_on(t.app.db.all(Statement::new(
        "SELECT bsn_hash FROM employees WHERE id = ?",
        vec![id.as_str().into()],
    )))
    .unwrap();
    let stored = rows[0]["bsn_hash"].as_str().unwrap().to_owned();
    let keys = Keys::derive(t.app.config.auth_secret.as_deref().unwrap());
    let parsed = Bsn::parse(&number).unwrap();
    assert_eq!(stored, parsed.search_hash(&keys.bsn_search));
    assert_ne!(stored, parsed.search_hash(&keys.seal), "a key of its own");
    assert_ne!(
        stored,
        balie_functions::domain::ids::sha256_hex(number.as_bytes())
    );
    assert!(!stored.contains(&number));
}

#[test]
fn a_whole_bsn_finds_its_employee_and_only_that_one() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000303", "eigenaar@zoeken.nl");
    let (a, b) = same_last4();
    add(&t, &hr, employee(&a, "Jansen", "2024-01-01"));
    add(&t, &hr, employee(&bsn(6), "Pietersen", "2024-01-01"));

    assert_eq!(search(&t, &hr, &a), ["Jansen"]);
    assert_eq!(search(&t, &hr, &grouped(&a, " ")), ["Jansen"]);
    assert_eq!(search(&t, &hr, &grouped(&a, ".")), ["Jansen"]);
    // Four digits work as before.
    assert_eq!(search(&t, &hr, &a[5..]), ["Jansen"]);
    // A BSN with the same last four digits is another person: the hash decides.
    assert_eq!(search(&t, &hr, &b), Vec::<String>::new());
    assert_eq!(search(&t, &hr, &grouped(&b, " ")), Vec::<String>::new());
    // Nine digits failing the 11-check are only text.
    assert_eq!(search(&t, &hr, "123456789"), Vec::<String>::new());

    // Another employer's search for the same number finds nothing.
    let (other_hr, _, _) = signed_in_main_user(&t, "770000304", "eigenaar@anders.nl");
    assert_eq!(search(&t, &other_hr, &a), Vec::<String>::new());
    add(&t, &other_hr, employee(&a, "Anders", "2024-01-01"));
    assert_eq!(search(&t, &other_hr, &a), ["Anders"]);
    assert_eq!(search(&t, &hr, &a), ["Jansen"]);
}

#[test]
fn searches_by_whole_bsn_are_limited_per_user() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000305", "eigenaar@limiet.nl");
    let (_, finance) = colleague(&t, &hr, "p.geld@limiet.nl", &["finance"]);
    let guesses: Vec<String> = bsns().skip(1000).take(101).collect();
    for g in &guesses[..100] {
        assert_eq!(search(&t, &hr, g), Vec::<String>::new());
    }
    let r = send(
        &t,
        Method::Get,
        &format!("/api/employees?q={}", guesses[100]),
        &hr,
        None,
    );
    assert_eq!(r.status, 429);
    assert_eq!(error_of(&r).0, "too_many_attempts");
    assert!(r.header("retry-after").is_some());
    // Names and last-four searches are not guesses of a BSN: not counted.
    assert_eq!(search(&t, &hr, "Jansen"), Vec::<String>::new());
    assert_eq!(search(&t, &hr, "6782"), Vec::<String>::new());
    // The limit is the user's, not the employer's.
    assert_eq!(search(&t, &finance, &guesses[100]), Vec::<String>::new());
    // And it ends with its window.
    t.time.set(t.time.get() + 15 * 60);
    assert_eq!(search(&t, &hr, &guesses[100]), Vec::<String>::new());
}
