//! The home page's tasks (`GET /api/tasks`) and the policy start in `GET /api/me`.
//! The clock stands at 2025-03-01: every year up to 2024 is due.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, TestApp};
use balie_functions::http::Method;
use serde_json::{json, Value};

fn starting(policy_number: &str, email: &str, start: &str) -> Value {
    let mut e = employer(policy_number, email);
    e["policy"]["start_date"] = json!(start);
    e
}

/// The tasks as kind, year and count; each must name its contract and employer.
fn tasks(t: &TestApp, cookie: &str) -> Value {
    let r = send(t, Method::Get, "/api/tasks", cookie, None);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let mut list = body(&r)["tasks"].clone();
    for task in list.as_array_mut().unwrap() {
        let task = task.as_object_mut().unwrap();
        for key in [
            "contract_id",
            "contract_number",
            "employer_id",
            "company_name",
        ] {
            assert!(task.remove(key).is_some_and(|v| v.is_string()), "{key}");
        }
    }
    list
}

fn with_end(mut b: Value, end: &str) -> Value {
    b["end_date"] = json!(end);
    b
}

#[test]
fn open_years_and_their_missing_wages() {
    let t = TestApp::new();
    let (hr, secret, _) = signed_in_main_user_of(
        &t,
        &starting("770000601", "eigenaar@taken.nl", "2022-06-01"),
    );
    let a = add(&t, &hr, employee(&bsn(0), "Aa", "2020-01-01"));
    add(&t, &hr, employee(&bsn(1), "Bb", "2023-01-01"));
    // Left before the policy started: not part of any settlement.
    add(
        &t,
        &hr,
        with_end(employee(&bsn(2), "Cc", "2021-01-01"), "2022-05-31"),
    );
    assert_eq!(put_wage(&t, &hr, &a, 2022, "30000").status, 200);

    assert_eq!(
        tasks(&t, &hr),
        json!([
            {"kind": "settlement_open", "year": 2022},
            {"kind": "settlement_open", "year": 2023},
            {"kind": "wages_missing", "year": 2023, "count": 2},
            {"kind": "settlement_open", "year": 2024},
            {"kind": "wages_missing", "year": 2024, "count": 2},
        ])
    );

    // Entering wages and submitting take tasks away; reopening brings them back.
    assert_eq!(put_wage(&t, &hr, &a, 2024, "31000").status, 200);
    let r = send(
        &t,
        Method::Post,
        "/api/settlements/2023/submit",
        &hr,
        Some(json!({})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        tasks(&t, &hr),
        json!([
            {"kind": "settlement_open", "year": 2022},
            {"kind": "settlement_open", "year": 2024},
            {"kind": "wages_missing", "year": 2024, "count": 1},
        ])
    );
    let employer = employer_id(&t, &hr);
    let r = t.admin_post(
        &format!("/api/admin/employers/{employer}/settlements/2023/reopen"),
        &json!({}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(tasks(&t, &hr).as_array().unwrap().len(), 5);

    // Next year, 2025 is due too (signed in again: sessions last 8 hours).
    t.time.set(t.time.get() + 366 * 24 * 3600);
    let login = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@taken.nl", "password": PASSWORD}),
    ));
    let r = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": login["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(r.status, 200);
    let later = tasks(&t, &cookie_of(&r));
    assert_eq!(later.as_array().unwrap().last().unwrap()["year"], 2025);
}

#[test]
fn tasks_follow_the_roles_and_the_employer() {
    let t = TestApp::new();
    let (main, _, _) = signed_in_main_user(&t, "770000602", "eigenaar@rollen.nl");
    add(&t, &main, employee(&bsn(0), "Aa", "2020-01-01"));
    let (_, hr) = colleague(&t, &main, "h.zaken@rollen.nl", &["hr"]);
    let (_, finance) = colleague(&t, &main, "f.geld@rollen.nl", &["finance"]);
    let (_, manager) = colleague(&t, &main, "b.beheer@rollen.nl", &["user_management"]);
    let expected = json!([
        {"kind": "settlement_open", "year": 2024},
        {"kind": "wages_missing", "year": 2024, "count": 1},
    ]);
    for cookie in [&main, &hr, &finance] {
        assert_eq!(tasks(&t, cookie), expected);
    }
    // User management can act on neither: no tasks, and no 403 either.
    assert_eq!(tasks(&t, &manager), json!([]));

    // Another employer has its own: a policy starting this year has nothing due.
    let (other, _, _) = signed_in_main_user_of(
        &t,
        &starting("770000603", "eigenaar@nieuw.nl", "2025-01-01"),
    );
    add(&t, &other, employee(&bsn(5), "Ee", "2024-01-01"));
    assert_eq!(tasks(&t, &other), json!([]));
    assert_eq!(tasks(&t, &main), expected);

    // Without a session: 401.
    assert_eq!(t.get("/api/tasks").status, 401);
}

#[test]
fn me_names_the_policy_start() {
    let t = TestApp::new();
    let (cookie, _, _) = signed_in_main_user_of(
        &t,
        &starting("770000604", "eigenaar@start.nl", "2023-04-01"),
    );
    let me = body(&send(&t, Method::Get, "/api/me", &cookie, None));
    assert_eq!(
        me["employer"],
        json!({
            "id": me["employer"]["id"], "company_name": "Bakkerij De Gouden Korst B.V.",
            "policy_number": "770000604", "policy_start": "2023-04-01",
        })
    );
}
