//! The yearly settlement through the router on SQLite: the worked example with a
//! wage cap, the specification CSV, submitting once (also when two submits race),
//! the lock on every change touching the year, reopening, years that cannot be
//! settled, and tenant isolation. The clock stands at 2025-03-01.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::domain::year::Year;
use balie_functions::http::{Method, Response};
use balie_functions::store::{settlements, Db, DbError};
use serde_json::{json, Value};

fn employer_with(policy_number: &str, email: &str, policy: Value) -> Value {
    let mut e = employer(policy_number, email);
    for (k, v) in policy.as_object().unwrap() {
        e["policy"][k] = v.clone();
    }
    e
}

fn expect(r: &Response, status: u16, code: &str, field: Option<&str>) {
    assert_eq!(
        (r.status, error_of(r)),
        (status, (code.to_owned(), field.map(str::to_owned))),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

fn get(t: &TestApp, cookie: &str, path: &str) -> Response {
    send(t, Method::Get, path, cookie, None)
}

fn post(t: &TestApp, cookie: &str, path: &str, b: Value) -> Response {
    send(t, Method::Post, path, cookie, Some(b))
}

fn with_end(mut b: Value, end: &str) -> Value {
    b["end_date"] = json!(end);
    b
}

/// The worked example of domain::settlement's tests, entered through the API:
/// returns the ids of the four employees counted in 2024.
fn worked_example(t: &TestApp, hr: &str) -> [String; 4] {
    let a = add(t, hr, employee(&bsn(0), "Aa", "2020-03-01"));
    let b = add(
        t,
        hr,
        with_end(employee(&bsn(1), "Bb", "2024-02-01"), "2024-08-31"),
    );
    let c = add(t, hr, employee(&bsn(2), "Cc", "2019-01-01"));
    let d = add(t, hr, employee(&bsn(3), "Dd", "2024-11-01"));
    let e = add(
        t,
        hr,
        with_end(employee(&bsn(4), "Ee", "2022-01-01"), "2023-12-31"),
    );
    let f = add(t, hr, employee(&bsn(5), "Ff", "2025-01-01"));
    for (id, year, wage) in [
        (&a, 2024, "10000.10"),
        (&b, 2024, "10000,10"),
        (&c, 2024, "80000"),
        (&e, 2023, "30000"),
        (&f, 2025, "30000"),
    ] {
        assert_eq!(put_wage(t, hr, id, year, wage).status, 200);
    }
    [a, b, c, d]
}

fn capped_employer(t: &TestApp, policy_number: &str) -> String {
    let (hr, _, _) = signed_in_main_user_of(
        t,
        &employer_with(
            policy_number,
            "eigenaar@korst.nl",
            json!({"wage_cap": "max_premieloon", "provisional_premium": {"2024": "10200.00"}}),
        ),
    );
    hr
}

#[test]
fn the_worked_example_with_cap_rounding_difference_and_refund() {
    let t = TestApp::new();
    let hr = capped_employer(&t, "770000301");
    let [a, b, c, d] = worked_example(&t, &hr);
    let r = get(&t, &hr, "/api/settlements/2024");
    assert_eq!(r.status, 200);
    assert_eq!(
        body(&r),
        json!({
            "year": 2024, "status": "open", "submitted_at": null, "reference": null,
            "premium_rate_percent": "4.25", "wage_cap": "max_premieloon",
            "max_insured_wage": "71628.00",
            "employees": [
                {"id": a, "name": "A. Aa", "wage": "10000.10", "insured_wage": "10000.10", "premium": "425.00"},
                {"id": b, "name": "A. Bb", "wage": "10000.10", "insured_wage": "10000.10", "premium": "425.00"},
                {"id": c, "name": "A. Cc", "wage": "80000.00", "insured_wage": "71628.00", "premium": "3044.19"},
                {"id": d, "name": "A. Dd", "wage": null, "insured_wage": "0.00", "premium": "0.00"},
            ],
            "employees_without_wage": 1,
            "total_insured_wage": "91628.20",
            "final_premium": "3894.20",
            "rounding_difference": "0.01",
            "provisional_premium": "10200.00",
            "balance": {"amount": "6305.80", "direction": "refund_to_employer"},
        })
    );
    // 2025: Bb has left, Ee too; Ff joined with 30 000; no provisional premium.
    let s = body(&get(&t, &hr, "/api/settlements/2025"));
    let names: Vec<&str> = s["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A. Aa", "A. Cc", "A. Dd", "A. Ff"]);
    assert_eq!(s["max_insured_wage"], "75864.00");
    assert_eq!(s["employees_without_wage"], 3);
    assert_eq!(
        s["balance"],
        json!({"amount": "1275.00", "direction": "due_from_employer"})
    );
}

#[test]
fn the_specification_as_dutch_spreadsheets_open_it() {
    let t = TestApp::new();
    let hr = capped_employer(&t, "770000302");
    worked_example(&t, &hr);
    let r = get(&t, &hr, "/api/settlements/2024/specification.csv");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"naverrekening-2024.csv\"")
    );
    let text = String::from_utf8(r.body.clone()).unwrap();
    let last4 = |n: usize| bsn(n)[5..].to_owned();
    let expected = [
        "\u{feff}Naam;Voorletters;BSN (laatste 4);In dienst;Uit dienst;Loon;Verzekerd loon;Premie"
            .to_owned(),
        format!("Aa;A.;{};01-03-2020;;10000,10;10000,10;425,00", last4(0)),
        format!(
            "Bb;A.;{};01-02-2024;31-08-2024;10000,10;10000,10;425,00",
            last4(1)
        ),
        format!("Cc;A.;{};01-01-2019;;80000,00;71628,00;3044,19", last4(2)),
        format!("Dd;A.;{};01-11-2024;;;0,00;0,00", last4(3)),
        "Totaal;;;;;100000,20;91628,20;3894,19".to_owned(),
        "Afrondingsverschil;;;;;;;0,01".to_owned(),
        "Definitieve premie;;;;;;;3894,20".to_owned(),
        "Voorlopige premie;;;;;;;10200,00".to_owned(),
        "Saldo;;;;;;;-6305,80".to_owned(),
        String::new(),
    ];
    assert_eq!(text.split("\r\n").collect::<Vec<_>>(), expected);
    for n in 0..4 {
        assert!(!text.contains(&bsn(n)), "never the whole BSN");
    }
}

#[test]
fn names_cannot_become_formulas_and_a_zero_difference_has_no_line() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000303", "eigenaar@korst.nl");
    let mut b = employee(&bsn(0), "=HYPERLINK(\"http://x\";\"klik\")", "2024-01-01");
    b["initials"] = json!("@A");
    let id = add(&t, &hr, b);
    let mut b = employee(&bsn(1), "Berg", "2024-01-01");
    b["prefix"] = json!("van der");
    b["initials"] = json!("+J.");
    let berg = add(&t, &hr, b);
    assert_eq!(put_wage(&t, &hr, &id, 2024, "1000").status, 200);
    assert_eq!(put_wage(&t, &hr, &berg, 2024, "2000").status, 200);
    let text =
        String::from_utf8(get(&t, &hr, "/api/settlements/2024/specification.csv").body).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[1],
        format!(
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";'@A;{};01-01-2024;;1000,00;1000,00;42,50",
            &bsn(0)[5..]
        )
    );
    assert_eq!(
        lines[2],
        format!(
            "van der Berg;'+J.;{};01-01-2024;;2000,00;2000,00;85,00",
            &bsn(1)[5..]
        )
    );
    assert_eq!(
        lines[3..],
        [
            "Totaal;;;;;3000,00;3000,00;127,50",
            "Definitieve premie;;;;;;;127,50",
            "Voorlopige premie;;;;;;;0,00",
            "Saldo;;;;;;;127,50",
            ""
        ]
    );
}

#[test]
fn submitting_locks_the_year_until_the_insurer_reopens_it() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000304", "eigenaar@korst.nl");
    let employer = employer_id(&t, &hr);
    let a = add(&t, &hr, employee(&bsn(0), "Aa", "2020-01-01"));
    let former = add(
        &t,
        &hr,
        with_end(employee(&bsn(1), "Bb", "2020-01-01"), "2023-06-30"),
    );
    // Employed in 2024 without a wage yet: a new wage row would be an insert.
    let no_wage = add(&t, &hr, employee(&bsn(9), "Gg", "2022-01-01"));
    assert_eq!(put_wage(&t, &hr, &a, 2024, "30000").status, 200);
    let before = body(&get(&t, &hr, "/api/settlements/2024"));

    let submit = || post(&t, &hr, "/api/settlements/2024/submit", json!({}));
    let r = submit();
    assert_eq!(r.status, 200);
    let answer = body(&r);
    let reference = answer["reference"].as_str().unwrap().to_owned();
    assert_eq!(
        answer,
        json!({"status": "submitted", "reference": reference, "submitted_at": "2025-03-01T09:00:00Z"})
    );
    let mails = t.count("outbox");
    expect(&submit(), 409, "already_submitted", None);
    assert_eq!(t.count("settlement_submissions"), 1);
    assert_eq!(t.count("outbox"), mails, "no e-mail for a refused submit");
    let after = body(&get(&t, &hr, "/api/settlements/2024"));
    assert_eq!(
        (
            &after["status"],
            &after["submitted_at"],
            &after["reference"]
        ),
        (
            &json!("submitted"),
            &json!("2025-03-01T09:00:00Z"),
            &json!(reference)
        )
    );
    assert_eq!(after["final_premium"], before["final_premium"]);

    // Every change that touches 2024 is refused, and leaves nothing behind.
    let (employees, employments, wages) = (
        t.count("employees"),
        t.count("employments"),
        t.count("wages"),
    );
    let locked: Vec<Response> = vec![
        post(
            &t,
            &hr,
            "/api/employees",
            employee(&bsn(2), "Cc", "2024-06-01"),
        ),
        post(
            &t,
            &hr,
            "/api/employees",
            with_end(employee(&bsn(2), "Cc", "2023-01-01"), "2024-01-01"),
        ),
        put_wage(&t, &hr, &a, 2024, "31000"),
        put_wage(&t, &hr, &no_wage, 2024, "31000"),
        import(&t, &hr, "2024", &format!("{};31000", bsn(0))),
        import(&t, &hr, "2024", &format!("{};31000", bsn(9))),
        post(
            &t,
            &hr,
            &format!("/api/employees/{a}/end"),
            json!({"end_date": "2024-12-31"}),
        ),
        post(
            &t,
            &hr,
            &format!("/api/employees/{former}/rehire"),
            json!({"start_date": "2024-01-01", "end_date": "2024-03-31"}),
        ),
        post(
            &t,
            &hr,
            &format!("/api/employees/{former}/rehire"),
            json!({"start_date": "2023-07-01"}),
        ),
    ];
    for r in &locked {
        expect(r, 409, "settlement_locked", None);
    }
    assert_eq!(
        (
            t.count("employees"),
            t.count("employments"),
            t.count("wages")
        ),
        (employees, employments, wages)
    );
    assert_eq!(body(&get(&t, &hr, "/api/settlements/2024")), after);

    // Other years stay open.
    add(
        &t,
        &hr,
        with_end(employee(&bsn(2), "Cc", "2023-01-01"), "2023-12-31"),
    );
    add(&t, &hr, employee(&bsn(3), "Dd", "2025-01-01"));
    assert_eq!(put_wage(&t, &hr, &a, 2025, "5000").status, 200);
    assert_eq!(put_wage(&t, &hr, &a, 2023, "29000").status, 200);
    let r = post(
        &t,
        &hr,
        &format!("/api/employees/{a}/end"),
        json!({"end_date": "2025-03-31"}),
    );
    assert_eq!(r.status, 200);
    let r = post(
        &t,
        &hr,
        &format!("/api/employees/{former}/rehire"),
        json!({"start_date": "2025-04-01"}),
    );
    assert_eq!(r.status, 200);

    // Reopening is the insurer's.
    let reopen = |employer: &str, year: &str| {
        t.admin_post(
            &format!("/api/admin/employers/{employer}/settlements/{year}/reopen"),
            &json!({}),
        )
    };
    let no_token = t.post_json(
        &format!("/api/admin/employers/{employer}/settlements/2024/reopen"),
        &[],
        &json!({}),
    );
    expect(&no_token, 401, "unauthorized", None);
    expect(&reopen("onbekend", "2024"), 404, "not_found", None);
    expect(
        &reopen(&employer, "1999"),
        422,
        "invalid_value",
        Some("year"),
    );
    expect(&reopen(&employer, "2023"), 409, "not_submitted", None);
    let r = reopen(&employer, "2024");
    assert_eq!((r.status, body(&r)), (200, json!({"status": "open"})));
    expect(&reopen(&employer, "2024"), 409, "not_submitted", None);

    assert_eq!(
        body(&get(&t, &hr, "/api/settlements/2024"))["status"],
        "open"
    );
    assert_eq!(put_wage(&t, &hr, &a, 2024, "31000").status, 200);
    add(&t, &hr, employee(&bsn(4), "Ee", "2024-06-01"));
    assert_eq!(submit().status, 200);
    // The reopened submission stays as history next to the new one.
    assert_eq!(t.count("settlement_submissions"), 2);
    expect(
        &put_wage(&t, &hr, &a, 2024, "32000"),
        409,
        "settlement_locked",
        None,
    );
}

#[test]
fn two_submits_that_race_store_exactly_one() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000305", "eigenaar@korst.nl");
    let (_, colleague_cookie) = colleague(&t, &hr, "c.jansen@korst.nl", &["hr"]);
    let employer = employer_id(&t, &hr);
    let year = Year::new(2024).unwrap();
    // Two requests that both passed every check write at once: the unique index
    // lets the first in and refuses the second.
    let user = body(&get(&t, &hr, "/api/me"))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let contract = body(&get(&t, &hr, "/api/contracts"))["contracts"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let first = pollster::block_on(t.app.db.batch(vec![settlements::submit(
        &employer,
        &contract,
        year,
        &user,
        1,
        "NV-2024-AAAAAA",
    )]));
    let second = pollster::block_on(t.app.db.batch(vec![settlements::submit(
        &employer,
        &contract,
        year,
        &user,
        2,
        "NV-2024-AAAAAB",
    )]));
    assert_eq!(first, Ok(()));
    assert!(
        matches!(second, Err(DbError::Constraint(ref m)) if m.contains("settlement_submissions")),
        "{second:?}"
    );
    assert!(!settlements::reference_taken(&second.unwrap_err()));
    // Through the router: whoever comes second hears 409.
    for cookie in [&hr, &colleague_cookie] {
        let r = post(&t, cookie, "/api/settlements/2024/submit", json!({}));
        expect(&r, 409, "already_submitted", None);
    }
    assert_eq!(t.count("settlement_submissions"), 1);
    // Another year is submitted on its own.
    assert_eq!(
        post(
            &t,
            &colleague_cookie,
            "/api/settlements/2025/submit",
            json!({})
        )
        .status,
        200
    );
    assert_eq!(t.count("settlement_submissions"), 2);
}

#[test]
fn years_that_cannot_be_settled_answer_422() {
    let t = TestApp::new();
    let hr = capped_employer(&t, "770000306");
    for (path, code) in [
        ("/api/settlements/1999", "invalid_value"),
        ("/api/settlements/twintig", "invalid_value"),
        ("/api/settlements/2023", "policy_not_in_force"),
        ("/api/settlements/2027", "max_premium_wage_unknown"),
        (
            "/api/settlements/2023/specification.csv",
            "policy_not_in_force",
        ),
    ] {
        expect(&get(&t, &hr, path), 422, code, Some("year"));
    }
    for year in ["2023", "2027", "0"] {
        let r = post(
            &t,
            &hr,
            &format!("/api/settlements/{year}/submit"),
            json!({}),
        );
        assert_eq!(r.status, 422, "{year}");
    }
    assert_eq!(t.count("settlement_submissions"), 0);

    // A policy from 15 July: only whole months count for the cap (5 of 12).
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user_of(
        &t,
        &employer_with(
            "770000307",
            "eigenaar@korst.nl",
            json!({"start_date": "2024-07-15", "wage_cap": "max_premieloon"}),
        ),
    );
    let a = add(&t, &hr, employee(&bsn(0), "Aa", "2010-01-01"));
    let gone = add(
        &t,
        &hr,
        with_end(employee(&bsn(1), "Bb", "2024-01-01"), "2024-07-14"),
    );
    assert_eq!(put_wage(&t, &hr, &a, 2024, "100000").status, 200);
    assert_eq!(put_wage(&t, &hr, &gone, 2024, "40000").status, 200);
    let s = body(&get(&t, &hr, "/api/settlements/2024"));
    assert_eq!(s["max_insured_wage"], "29845.00");
    assert_eq!(
        s["employees"].as_array().unwrap().len(),
        1,
        "left before the policy"
    );
    assert_eq!(s["employees"][0]["insured_wage"], "29845.00");
}

#[test]
fn another_employers_settlement_is_its_own() {
    let t = TestApp::new();
    let hr_a = capped_employer(&t, "770000308");
    worked_example(&t, &hr_a);
    let (hr_b, _, _) = signed_in_main_user(&t, "770000309", "eigenaar@anders.nl");
    let b = add(&t, &hr_b, employee(&bsn(0), "Zelfde", "2024-01-01"));
    assert_eq!(put_wage(&t, &hr_b, &b, 2024, "1000").status, 200);
    let s = body(&get(&t, &hr_b, "/api/settlements/2024"));
    assert_eq!(s["employees"].as_array().unwrap().len(), 1);
    assert_eq!(s["total_insured_wage"], "1000.00");
    let csv =
        String::from_utf8(get(&t, &hr_b, "/api/settlements/2024/specification.csv").body).unwrap();
    assert!(!csv.contains("Aa;") && csv.contains("Zelfde;"));
    // B's submission locks B, not A.
    assert_eq!(
        post(&t, &hr_b, "/api/settlements/2024/submit", json!({})).status,
        200
    );
    assert_eq!(
        body(&get(&t, &hr_a, "/api/settlements/2024"))["status"],
        "open"
    );
    let a_first = body(&get(&t, &hr_a, "/api/settlements/2024"))["employees"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(put_wage(&t, &hr_a, &a_first, 2024, "12345").status, 200);
    expect(
        &put_wage(&t, &hr_b, &b, 2024, "2000"),
        409,
        "settlement_locked",
        None,
    );
}

/// 4-byte draws (settlement references) come from a script; everything else
/// counts on as usual.
struct ScriptedReferences {
    script: std::cell::RefCell<Vec<[u8; 4]>>,
    other: std::cell::Cell<u64>,
}
impl balie_functions::runtime::Random for ScriptedReferences {
    fn fill(&self, buf: &mut [u8]) {
        if buf.len() == 4 {
            if let Some(next) = self.script.borrow_mut().pop() {
                buf.copy_from_slice(&next);
                return;
            }
        }
        for b in buf {
            self.other.set(
                self.other
                    .get()
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407),
            );
            *b = (self.other.get() >> 33) as u8;
        }
    }
}

#[test]
fn a_submission_answers_and_mails_its_reference() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000311", "eigenaar@kenmerk.nl");
    let (_, colleague_cookie) = colleague(&t, &hr, "c.jansen@kenmerk.nl", &["hr"]);
    let employer = employer_id(&t, &hr);
    // Provisional premium 2024 is none: 30000 × 4.25 % = 1275.00 due.
    let a = add(&t, &hr, employee(&bsn(0), "Aa", "2020-01-01"));
    assert_eq!(put_wage(&t, &hr, &a, 2024, "30000").status, 200);

    let r = post(
        &t,
        &colleague_cookie,
        "/api/settlements/2024/submit",
        json!({}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let reference = body(&r)["reference"].as_str().unwrap().to_owned();
    assert!(
        reference.starts_with("NV-2024-") && reference.len() == 14,
        "{reference}"
    );

    // The e-mail goes to whoever submitted, Dutch first, with the reference and
    // the balance in words and in Dutch notation.
    let outbox = body(&t.get("/api/dev/outbox"));
    let mail = &outbox["messages"][0];
    assert_eq!(mail["to"], "c.jansen@kenmerk.nl");
    assert!(mail["subject"].as_str().unwrap().contains(&reference));
    let text = mail["text"].as_str().unwrap();
    assert!(text.starts_with("Beste A. Collega"), "{text}");
    assert_eq!(text.matches(&reference).count(), 2, "{text}");
    assert!(
        text.contains(
            "U betaalt € 1.275,00 bij; u krijgt hiervoor een factuur van Testverzekeraar."
        ),
        "{text}"
    );
    assert!(text.contains("You pay € 1.275,00 extra"), "{text}");
    assert!(
        text.contains("naverrekening 2024 van Bakkerij De Gouden Korst B.V."),
        "{text}"
    );
    assert!(
        !text.contains(&bsn(0)[5..]),
        "no employee data in the e-mail"
    );

    // Reopened and submitted again: a new reference; the old one stays on its row.
    let r = t.admin_post(
        &format!("/api/admin/employers/{employer}/settlements/2024/reopen"),
        &json!({}),
    );
    assert_eq!(r.status, 200);
    let open = body(&get(&t, &hr, "/api/settlements/2024"));
    assert_eq!(
        (&open["reference"], &open["submitted_at"]),
        (&Value::Null, &Value::Null)
    );
    let r = post(&t, &hr, "/api/settlements/2024/submit", json!({}));
    let second = body(&r)["reference"].as_str().unwrap().to_owned();
    assert_ne!(second, reference);
    assert_eq!(
        body(&get(&t, &hr, "/api/settlements/2024"))["reference"],
        second.as_str()
    );
    assert_eq!(
        body(&t.get("/api/dev/outbox"))["messages"][0]["to"],
        "eigenaar@kenmerk.nl"
    );
}

#[test]
fn a_reference_drawn_twice_is_drawn_again() {
    let mut t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000312", "eigenaar@dubbel.nl");
    let employer = employer_id(&t, &hr);
    // Popped from the end: the first submit draws A, the second A again, then B.
    t.app.random = Box::new(ScriptedReferences {
        script: std::cell::RefCell::new(vec![[0, 0, 0, 1], [0; 4], [0; 4]]),
        other: std::cell::Cell::new(7),
    });
    let r = post(&t, &hr, "/api/settlements/2024/submit", json!({}));
    assert_eq!(body(&r)["reference"], "NV-2024-AAAAAA");
    let r = t.admin_post(
        &format!("/api/admin/employers/{employer}/settlements/2024/reopen"),
        &json!({}),
    );
    assert_eq!(r.status, 200);
    let r = post(&t, &hr, "/api/settlements/2024/submit", json!({}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(body(&r)["reference"], "NV-2024-AAAAAB");
    assert_eq!(t.count("settlement_submissions"), 2);
}
