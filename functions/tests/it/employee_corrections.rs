//! Correcting an employee's personal details (`PATCH /api/employees/{id}`): the
//! same checks as adding one, the BSN read-only, the history with old and new
//! values, the security log without them, scoping and roles.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::http::{Method, Response};
use serde_json::{json, Value};

fn patch(t: &TestApp, cookie: &str, id: &str, b: Value) -> Response {
    send(
        t,
        Method::Patch,
        &format!("/api/employees/{id}"),
        cookie,
        Some(b),
    )
}

fn get(t: &TestApp, cookie: &str, id: &str) -> Value {
    let r = send(
        t,
        Method::Get,
        &format!("/api/employees/{id}"),
        cookie,
        None,
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    body(&r)
}

fn expect(r: &Response, status: u16, code: &str, field: Option<&str>) {
    assert_eq!(
        (r.status, error_of(r)),
        (status, (code.to_owned(), field.map(str::to_owned))),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

/// A signed-in employer with one employee in service since 2024; (cookie, id).
fn setup(t: &TestApp, policy: &str, email: &str) -> (String, String) {
    let (cookie, _, _) = signed_in_main_user(t, policy, email);
    let mut b = employee(&bsn(0), "Jansen", "2024-01-01");
    b["employee_number"] = json!("P001");
    let id = add(t, &cookie, b);
    (cookie, id)
}

#[test]
fn a_correction_changes_the_fields_given_and_keeps_history() {
    let t = TestApp::new();
    let (hr, id) = setup(&t, "770000401", "eigenaar@correctie.nl");
    let before = get(&t, &hr, &id);
    assert_eq!(before["history"], json!([]));

    let r = patch(
        &t,
        &hr,
        &id,
        json!({"last_name": "Janssen", "prefix": "van", "birth_date": "1981-01-02"}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let answer = body(&r);
    // The answer is the employee as GET gives it.
    assert_eq!(answer, get(&t, &hr, &id));
    assert_eq!(answer["last_name"], "Janssen");
    assert_eq!(answer["prefix"], "van");
    assert_eq!(answer["birth_date"], "1981-01-02");
    // Untouched fields stay.
    for field in [
        "initials",
        "gender",
        "employee_number",
        "bsn_last4",
        "start_date",
    ] {
        assert_eq!(answer[field], before[field], "{field}");
    }
    assert_eq!(
        answer["history"],
        json!([{
            "at": "2025-03-01T09:00:00Z", "by": "J. de Vries",
            "fields": [
                {"field": "prefix", "old": null, "new": "van"},
                {"field": "last_name", "old": "Jansen", "new": "Janssen"},
                {"field": "birth_date", "old": "1980-05-17", "new": "1981-01-02"},
            ],
        }])
    );

    // Clearing optional details; the newest correction comes first.
    t.time.set(t.time.get() + 60);
    let r = patch(&t, &hr, &id, json!({"prefix": null, "employee_number": ""}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let answer = body(&r);
    assert_eq!(answer["prefix"], Value::Null);
    assert_eq!(answer["employee_number"], Value::Null);
    let history = answer["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["at"], "2025-03-01T09:01:00Z");
    assert_eq!(
        history[0]["fields"],
        json!([
            {"field": "prefix", "old": "van", "new": null},
            {"field": "employee_number", "old": "P001", "new": null},
        ])
    );
    assert_eq!(history[1]["fields"].as_array().unwrap().len(), 3);

    // The same values again, or nothing at all: nothing is written.
    let events = t.count("security_events");
    for same in [json!({"last_name": "Janssen", "gender": "V"}), json!({})] {
        let r = patch(&t, &hr, &id, same);
        assert_eq!(r.status, 200);
        assert_eq!(body(&r)["history"].as_array().unwrap().len(), 2);
    }
    assert_eq!(t.count("employee_history"), 5);
    assert_eq!(t.count("security_events"), events);

    // The list shows the corrected name too.
    let list = body(&send(
        &t,
        Method::Get,
        "/api/employees?q=Janssen",
        &hr,
        None,
    ));
    assert_eq!(list["employees"][0]["id"], id.as_str());
}

#[test]
fn the_security_log_names_the_fields_never_their_values() {
    let t = TestApp::new();
    let (hr, id) = setup(&t, "770000402", "eigenaar@logboek.nl");
    let r = patch(
        &t,
        &hr,
        &id,
        json!({"last_name": "Pietersen", "birth_date": "1979-12-31"}),
    );
    assert_eq!(r.status, 200);
    let log = body(&send(&t, Method::Get, "/api/security-log", &hr, None));
    let event = &log["events"][0];
    assert_eq!(event["kind"], "employee_corrected");
    assert_eq!(event["actor_email"], "eigenaar@logboek.nl");
    let detail = event["detail"].as_str().unwrap();
    assert!(
        detail.contains(&id) && detail.contains("last_name,birth_date"),
        "{detail}"
    );
    for value in ["Pietersen", "Jansen", "1979", "1980", &bsn(0)[5..]] {
        assert!(!log.to_string().contains(value), "{value} in {log}");
    }
}

#[test]
fn the_bsn_and_unknown_fields_are_refused_by_name() {
    let t = TestApp::new();
    let (hr, id) = setup(&t, "770000403", "eigenaar@alleenlezen.nl");
    let before = get(&t, &hr, &id);

    let r = patch(&t, &hr, &id, json!({"last_name": "Anders", "bsn": bsn(1)}));
    expect(&r, 422, "read_only", Some("bsn"));
    let message = body(&r)["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("verzekeraar"), "{message}");
    let r = send(
        &t,
        Method::Patch,
        &format!("/api/employees/{id}"),
        &hr,
        Some(json!({"bsn": null})),
    );
    expect(&r, 422, "read_only", Some("bsn"));

    for field in ["start_date", "end_date", "fixed_term"] {
        let r = patch(&t, &hr, &id, json!({ field: "2024-02-01" }));
        expect(&r, 422, "read_only", Some(field));
    }
    for field in ["nickname", "bsn_last4", "id", "status", "history"] {
        let r = patch(&t, &hr, &id, json!({ field: "x", "last_name": "Anders" }));
        expect(&r, 422, "unknown_field", Some(field));
    }
    // Nothing of a refused body was applied.
    assert_eq!(get(&t, &hr, &id), before);
    assert_eq!(t.count("employee_history"), 0);
}

#[test]
fn a_correction_is_checked_like_a_new_employee() {
    let t = TestApp::new();
    let (hr, id) = setup(&t, "770000404", "eigenaar@controle.nl");
    #[rustfmt::skip]
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({"initials": ""}), "missing_field", "initials"),
        (json!({"initials": null}), "missing_field", "initials"),
        (json!({"initials": "A.B.C.D.E.F.G.H.I.J.K."}), "invalid_value", "initials"),
        (json!({"last_name": " "}), "missing_field", "last_name"),
        (json!({"last_name": "Jan\nsen"}), "invalid_value", "last_name"),
        (json!({"prefix": "x".repeat(21)}), "invalid_value", "prefix"),
        (json!({"gender": "F"}), "invalid_value", "gender"),
        (json!({"gender": null}), "missing_field", "gender"),
        (json!({"birth_date": "1980-02-30"}), "invalid_value", "birth_date"),
        (json!({"birth_date": "17-05-1980"}), "invalid_value", "birth_date"),
        (json!({"birth_date": "2024-01-01"}), "invalid_value", "birth_date"),
        (json!({"birth_date": "2025-03-02"}), "invalid_value", "birth_date"),
        (json!({"employee_number": "x".repeat(51)}), "invalid_value", "employee_number"),
        (json!({"employee_number": 12}), "invalid_value", "employee_number"),
    ];
    for (b, code, field) in cases {
        let r = patch(&t, &hr, &id, b.clone());
        expect(&r, 422, code, Some(field));
    }
    assert_eq!(t.count("employee_history"), 0);
    // Malformed bodies.
    let r = t.send(crate::support::request(
        Method::Patch,
        &format!("/api/employees/{id}"),
        &[("cookie", &hr), ("content-type", "application/json")],
        b"[1]",
    ));
    assert_eq!(r.status, 400);
    let r = t.send(crate::support::request(
        Method::Patch,
        &format!("/api/employees/{id}"),
        &[("cookie", &hr), ("content-type", "text/plain")],
        b"{}",
    ));
    assert_eq!(r.status, 415);
    // After a re-hire, the birth date must still lie before the first period.
    let r = send(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/end"),
        &hr,
        Some(json!({"end_date": "2024-06-30"})),
    );
    assert_eq!(r.status, 200);
    let r = send(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/rehire"),
        &hr,
        Some(json!({"start_date": "2025-01-01"})),
    );
    assert_eq!(r.status, 200);
    expect(
        &patch(&t, &hr, &id, json!({"birth_date": "2024-03-01"})),
        422,
        "invalid_value",
        Some("birth_date"),
    );
    assert_eq!(
        patch(&t, &hr, &id, json!({"birth_date": "2000-03-01"})).status,
        200
    );
}

#[test]
fn another_employers_employee_is_not_found_and_roles_count() {
    let t = TestApp::new();
    let (a, id) = setup(&t, "770000405", "eigenaar@eerste.nl");
    let (b, _, _) = signed_in_main_user(&t, "770000406", "eigenaar@tweede.nl");
    let before = get(&t, &a, &id);
    expect(
        &patch(&t, &b, &id, json!({"last_name": "Overgenomen"})),
        404,
        "not_found",
        None,
    );
    // A BSN is refused before any employee is looked up: the same answer for
    // every id, so it tells nothing about another employer's records.
    expect(
        &patch(&t, &b, &id, json!({"bsn": bsn(2)})),
        422,
        "read_only",
        Some("bsn"),
    );
    expect(
        &patch(&t, &a, "no-such-employee", json!({"last_name": "X"})),
        404,
        "not_found",
        None,
    );
    assert_eq!(get(&t, &a, &id), before);

    let (_, finance) = colleague(&t, &a, "f.geld@eerste.nl", &["finance"]);
    let (_, manager) = colleague(&t, &a, "b.beheer@eerste.nl", &["user_management"]);
    for cookie in [&finance, &manager] {
        expect(
            &patch(&t, cookie, &id, json!({"last_name": "X"})),
            403,
            "forbidden",
            None,
        );
    }
    let (_, hr) = colleague(&t, &a, "p.zaken@eerste.nl", &["hr"]);
    assert_eq!(
        patch(&t, &hr, &id, json!({"last_name": "Janssen"})).status,
        200
    );
    // Finance reads the history, with the name of who corrected.
    let seen = get(&t, &finance, &id);
    assert_eq!(seen["history"][0]["by"], "A. Collega");
    assert_eq!(seen["history"][0]["fields"][0]["new"], "Janssen");
    // Without a session: 401.
    let r = t.send(crate::support::request(
        Method::Patch,
        &format!("/api/employees/{id}"),
        &[("content-type", "application/json")],
        b"{}",
    ));
    assert_eq!(r.status, 401);
}
