//! Employees and wages through the router on SQLite: every error code, existing
//! BSNs, ending and re-hiring, the list, wages one by one and by CSV import (all or
//! nothing, 10,000 rows in one request), tenant isolation and the role matrix.
//! The clock stands at 2025-03-01, so changes may be dated up to 2025-06-01.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, error_of, request, TestApp};
use balie_functions::domain::settlement::Employment;
use balie_functions::http::Method;
use balie_functions::store::{employees, Db, DbError};
use serde_json::{json, Value};

/// (status, code, field) of an error answer.
fn refusal(r: &balie_functions::http::Response) -> (u16, String, Option<String>) {
    let (code, field) = error_of(r);
    (r.status, code, field)
}

fn expect(r: &balie_functions::http::Response, status: u16, code: &str, field: Option<&str>) {
    assert_eq!(
        refusal(r),
        (status, code.to_owned(), field.map(str::to_owned)),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn get(t: &TestApp, cookie: &str, path: &str) -> Value {
    let r = send(t, Method::Get, path, cookie, None);
    assert_eq!(
        r.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&r.body)
    );
    body(&r)
}

#[test]
fn adding_checks_every_field() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000201", "eigenaar@korst.nl");
    let valid = employee(&bsn(0), "Jansen", "2024-01-01");
    let with = |changes: Value| {
        let mut b = valid.clone();
        for (k, v) in changes.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    #[rustfmt::skip]
    let cases: Vec<(Value, u16, &str, &str)> = vec![
        (with(json!({"bsn": null})), 422, "missing_field", "bsn"),
        (with(json!({"bsn": "123456789"})), 422, "invalid_bsn", "bsn"),
        (with(json!({"bsn": "12345678a"})), 422, "invalid_bsn", "bsn"),
        (with(json!({"bsn": 111222333})), 422, "invalid_value", "bsn"),
        (with(json!({"initials": " "})), 422, "missing_field", "initials"),
        (with(json!({"initials": "A.B.C.D.E.F.G.H.I.J.K."})), 422, "invalid_value", "initials"),
        (with(json!({"prefix": "van\nder"})), 422, "invalid_value", "prefix"),
        (with(json!({"last_name": null})), 422, "missing_field", "last_name"),
        (with(json!({"gender": "F"})), 422, "invalid_value", "gender"),
        (with(json!({"gender": null})), 422, "missing_field", "gender"),
        (with(json!({"birth_date": "1980-02-30"})), 422, "invalid_value", "birth_date"),
        (with(json!({"birth_date": "17-05-1980"})), 422, "invalid_value", "birth_date"),
        (with(json!({"birth_date": "2024-01-01"})), 422, "invalid_value", "birth_date"),
        (with(json!({"birth_date": "2025-03-02", "start_date": "2025-04-01"})), 422, "invalid_value", "birth_date"),
        (with(json!({"start_date": null})), 422, "missing_field", "start_date"),
        (with(json!({"start_date": "2025-06-02"})), 422, "date_too_far_ahead", "start_date"),
        (with(json!({"end_date": "2023-12-31"})), 422, "end_before_start", "end_date"),
        (with(json!({"end_date": "2025-06-02"})), 422, "date_too_far_ahead", "end_date"),
        (with(json!({"fixed_term": true})), 422, "missing_field", "end_date"),
        (with(json!({"fixed_term": "ja"})), 422, "invalid_value", "fixed_term"),
        (with(json!({"employee_number": "x".repeat(51)})), 422, "invalid_value", "employee_number"),
    ];
    for (b, status, code, field) in &cases {
        let r = send(&t, Method::Post, "/api/employees", &hr, Some(b.clone()));
        assert_eq!(
            refusal(&r),
            (*status, code.to_string(), Some(field.to_string())),
            "{b}"
        );
    }
    assert_eq!(t.count("employees"), 0);

    let r = t.send(request(
        Method::Post,
        "/api/employees",
        &[("cookie", &hr), ("content-type", "text/plain")],
        valid.to_string().as_bytes(),
    ));
    expect(&r, 415, "unsupported_media_type", None);
    let r = t.send(request(
        Method::Post,
        "/api/employees",
        &[("cookie", &hr), ("content-type", "application/json")],
        b"{\"bsn\":",
    ));
    expect(&r, 400, "malformed_request", None);

    // Up to three months ahead; a fixed term's end may lie further.
    add(&t, &hr, with(json!({"start_date": "2025-06-01"})));
    let id = add(
        &t,
        &hr,
        json!({"bsn": bsn(1), "initials": "J.P.", "prefix": "van der", "last_name": "Berg",
               "gender": "M", "birth_date": "1990-01-31", "start_date": "2025-03-01",
               "end_date": "2026-02-28", "fixed_term": true, "employee_number": "  P-17 "}),
    );
    let e = get(&t, &hr, &format!("/api/employees/{id}"));
    let last4 = &bsn(1)[5..];
    assert_eq!(
        e,
        json!({"id": id, "bsn_last4": last4, "initials": "J.P.", "prefix": "van der",
               "last_name": "Berg", "gender": "M", "birth_date": "1990-01-31",
               "employee_number": "P-17", "start_date": "2025-03-01", "end_date": "2026-02-28",
               "status": "active",
               "employments": [{"start_date": "2025-03-01", "end_date": "2026-02-28", "fixed_term": true}],
               "wages": [], "history": []})
    );
    assert!(!e.to_string().contains(&bsn(1)), "never the whole BSN");
    // An 8-digit BSN gets its leading zero: "012345611".
    let id = add(&t, &hr, employee("12345611", "Nul", "2024-01-01"));
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{id}"))["bsn_last4"],
        "5611"
    );
    assert_eq!((t.count("employees"), t.count("employments")), (3, 3));
}

#[test]
fn a_known_bsn_answers_with_the_employee_id() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000202", "eigenaar@korst.nl");
    let id = add(&t, &hr, employee("012345611", "Jansen", "2020-01-01"));
    for same in ["012345611", "12345611", " 012345611 "] {
        let r = send(
            &t,
            Method::Post,
            "/api/employees",
            &hr,
            Some(employee(same, "Ander", "2024-01-01")),
        );
        expect(&r, 409, "employee_exists", Some("bsn"));
        assert_eq!(body(&r)["error"]["employee_id"], id.as_str());
    }
    // Left yesterday: a former employee, to be re-hired rather than added.
    let r = send(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/end"),
        &hr,
        Some(json!({"end_date": "2025-02-28"})),
    );
    assert_eq!(r.status, 200);
    let r = send(
        &t,
        Method::Post,
        "/api/employees",
        &hr,
        Some(employee("12345611", "Jansen", "2025-04-01")),
    );
    expect(&r, 409, "employee_inactive", Some("bsn"));
    assert_eq!(body(&r)["error"]["employee_id"], id.as_str());
    assert_eq!(t.count("employees"), 1);
}

#[test]
fn ending_and_rehiring_keep_every_period() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000203", "eigenaar@korst.nl");
    let id = add(&t, &hr, employee(&bsn(0), "Jansen", "2020-04-01"));
    let end = |date: &str| {
        send(
            &t,
            Method::Post,
            &format!("/api/employees/{id}/end"),
            &hr,
            Some(json!({ "end_date": date })),
        )
    };
    let rehire = |b: Value| {
        send(
            &t,
            Method::Post,
            &format!("/api/employees/{id}/rehire"),
            &hr,
            Some(b),
        )
    };
    expect(
        &end("2020-03-31"),
        422,
        "end_before_start",
        Some("end_date"),
    );
    expect(
        &end("2025-06-02"),
        422,
        "date_too_far_ahead",
        Some("end_date"),
    );
    expect(&end("2025-02-30"), 422, "invalid_value", Some("end_date"));
    expect(&end(""), 422, "missing_field", Some("end_date"));
    // Leaving per 1 June: the last day employed is 31 May; still active today.
    let r = end("2025-05-31");
    assert_eq!(r.status, 200);
    assert_eq!(
        (body(&r)["end_date"].clone(), body(&r)["status"].clone()),
        (json!("2025-05-31"), json!("active"))
    );
    // A correction while still employed moves the end.
    assert_eq!(end("2025-02-28").status, 200);
    let r = end("2025-03-31");
    expect(&r, 409, "employee_inactive", None);
    assert_eq!(body(&r)["error"]["employee_id"], id.as_str());

    expect(
        &rehire(json!({"start_date": "2025-02-01"})),
        409,
        "employment_overlap",
        Some("start_date"),
    );
    expect(
        &rehire(json!({"start_date": "2019-01-01", "end_date": "2020-04-01"})),
        409,
        "employment_overlap",
        Some("start_date"),
    );
    expect(
        &rehire(json!({"start_date": "2025-06-02"})),
        422,
        "date_too_far_ahead",
        Some("start_date"),
    );
    expect(
        &rehire(json!({"start_date": "2025-05-01", "fixed_term": true})),
        422,
        "missing_field",
        Some("end_date"),
    );
    expect(
        &rehire(json!({"start_date": "2025-05-01", "end_date": "2025-04-30"})),
        422,
        "end_before_start",
        Some("end_date"),
    );
    let r =
        rehire(json!({"start_date": "2025-05-01", "end_date": "2025-10-31", "fixed_term": true}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let e = body(&r);
    assert_eq!(
        e["employments"],
        json!([
            {"start_date": "2020-04-01", "end_date": "2025-02-28", "fixed_term": false},
            {"start_date": "2025-05-01", "end_date": "2025-10-31", "fixed_term": true},
        ])
    );
    assert_eq!(
        (&e["start_date"], &e["end_date"], &e["status"]),
        (&json!("2025-05-01"), &json!("2025-10-31"), &json!("active"))
    );
    // An earlier period that fits in a gap is history, not an overlap.
    assert_eq!(
        rehire(json!({"start_date": "2015-01-01", "end_date": "2016-12-31"})).status,
        200
    );
    assert_eq!(t.count("employments"), 3);
    // Unknown ids answer 404.
    for path in ["/api/employees/nope/end", "/api/employees/nope/rehire"] {
        let r = send(
            &t,
            Method::Post,
            path,
            &hr,
            Some(json!({"end_date": "2025-01-01", "start_date": "2025-01-01"})),
        );
        expect(&r, 404, "not_found", None);
    }
    expect(
        &send(&t, Method::Get, "/api/employees/nope", &hr, None),
        404,
        "not_found",
        None,
    );
}

#[test]
fn an_end_racing_a_rehire_cannot_make_periods_overlap() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000211", "eigenaar@korst.nl");
    let mut b = employee(&bsn(0), "Jansen", "2020-01-01");
    b["end_date"] = json!("2025-03-31");
    let id = add(&t, &hr, b);
    let r = send(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/rehire"),
        &hr,
        Some(json!({"start_date": "2025-04-01"})),
    );
    assert_eq!(r.status, 200);
    // An end request that read the first period as the latest, before the
    // re-hire landed, writes its new end afterwards: the database refuses it.
    let late_end = employees::set_end(
        &id,
        Employment {
            start: date("2020-01-01"),
            end: Some(date("2025-05-31")),
        },
    );
    let refused = pollster::block_on(t.app.db.batch(vec![late_end]));
    assert!(
        matches!(refused, Err(DbError::Refused(ref m)) if m.contains("employment_overlap")),
        "{refused:?}"
    );
}

#[test]
fn the_list_filters_searches_and_pages() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000204", "eigenaar@korst.nl");
    let numbers: Vec<String> = bsns().take(205).collect();
    for (i, n) in numbers.iter().enumerate() {
        let mut b = employee(n, &format!("Werknemer {i:03}"), "2024-01-01");
        b["employee_number"] = json!(format!("P{i:03}"));
        if i % 2 == 1 {
            b["end_date"] = json!("2024-12-31");
        }
        add(&t, &hr, b);
    }
    let mut special = employee(&bsn(300), "Berg", "2024-02-01");
    special["prefix"] = json!("van der");
    special["initials"] = json!("Q.X.");
    let berg = add(&t, &hr, special);
    let mut percent = employee(&bsn(301), "100% Zeker_", "2024-02-01");
    percent["initials"] = json!("Z.");
    add(&t, &hr, percent);

    let page = |query: &str| get(&t, &hr, &format!("/api/employees{query}"));
    let first = page("");
    assert_eq!(
        (
            first["page"].clone(),
            first["pages"].clone(),
            first["total"].clone()
        ),
        (json!(1), json!(3), json!(207))
    );
    assert_eq!(first["employees"].as_array().unwrap().len(), 100);
    // By name: "100% Zeker_" sorts first, then "Berg".
    assert_eq!(first["employees"][1]["id"], berg.as_str());
    assert_eq!(page("?page=3")["employees"].as_array().unwrap().len(), 7);
    let beyond = page("?page=4");
    assert_eq!(
        (beyond["employees"].clone(), beyond["pages"].clone()),
        (json!([]), json!(3))
    );

    let active = page("?status=active");
    assert_eq!(active["total"], 105);
    assert!(active["employees"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "active" && e["end_date"].is_null()));
    let inactive = page("?status=inactive&page=1");
    assert_eq!(inactive["total"], 102);
    assert_eq!(inactive["employees"][0]["end_date"], "2024-12-31");
    assert_eq!(inactive["employees"][0]["status"], "inactive");

    let names = |query: &str| -> Vec<String> {
        page(query)["employees"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["last_name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("?q=van+der+berg"), ["Berg"]);
    assert_eq!(names("?q=Q.X."), ["Berg"]);
    assert_eq!(names("?q=%20werknemer%20204"), ["Werknemer 204"]);
    assert_eq!(names("?q=P007"), ["Werknemer 007"]);
    assert_eq!(
        names(&format!("?q={}", &numbers[7][5..])),
        ["Werknemer 007"]
    );
    assert_eq!(
        names(&format!("?q={}&status=active", &numbers[7][5..])),
        Vec::<String>::new()
    );
    // A whole BSN finds its employee (tests/bsn_as_typed.rs); its first five
    // digits alone find nothing.
    assert_eq!(names(&format!("?q={}", numbers[7])), ["Werknemer 007"]);
    assert_eq!(names(&format!("?q={}", &numbers[7][..5])).len(), 0);
    // LIKE wildcards in the search are plain characters.
    assert_eq!(names("?q=100%25"), ["100% Zeker_"]);
    assert_eq!(names("?q=_"), ["100% Zeker_"]);

    for (query, field) in [
        ("?status=former", "status"),
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?page=1.5", "page"),
        (&format!("?q={}", "x".repeat(101)), "q"),
    ] {
        let r = send(
            &t,
            Method::Get,
            &format!("/api/employees{query}"),
            &hr,
            None,
        );
        expect(&r, 422, "invalid_value", Some(field));
    }
}

#[test]
fn wages_one_at_a_time() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000205", "eigenaar@korst.nl");
    let id = add(&t, &hr, employee(&bsn(0), "Jansen", "2023-07-01"));
    for (year, wage, status, code, field) in [
        ("1999", "100", 422, "invalid_value", "year"),
        ("2101", "100", 422, "invalid_value", "year"),
        ("twintig", "100", 422, "invalid_value", "year"),
        ("2022", "100", 422, "not_employed_in_year", "year"),
        ("2024", "-1", 422, "invalid_value", "insured_wage"),
        ("2024", "52.350,00", 422, "invalid_value", "insured_wage"),
        ("2024", "1.001", 422, "invalid_value", "insured_wage"),
        // A Dutch "54.100" is never stored as € 54,10: three decimals are refused.
        ("2024", "54.100", 422, "invalid_value", "insured_wage"),
        ("2024", "54,100", 422, "invalid_value", "insured_wage"),
        ("2024", "54.10", 200, "", ""),
        ("2024", "veel", 422, "invalid_value", "insured_wage"),
        ("2024", "", 422, "missing_field", "insured_wage"),
    ] {
        let r = send(
            &t,
            Method::Put,
            &format!("/api/employees/{id}/wages/{year}"),
            &hr,
            Some(json!({ "insured_wage": wage })),
        );
        if status == 200 {
            assert_eq!(body(&r)["insured_wage"], "54.10", "{wage}");
            continue;
        }
        expect(&r, status, code, Some(field));
    }
    let r = put_wage(&t, &hr, &id, 2024, "52350,5");
    assert_eq!(r.status, 200);
    assert_eq!(
        body(&r),
        json!({"employee_id": id, "year": 2024, "insured_wage": "52350.50"})
    );
    assert_eq!(put_wage(&t, &hr, &id, 2023, "26000").status, 200);
    assert_eq!(put_wage(&t, &hr, &id, 2024, "0").status, 200);
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{id}"))["wages"],
        json!([{"year": 2023, "insured_wage": "26000.00"}, {"year": 2024, "insured_wage": "0.00"}])
    );
    expect(
        &put_wage(&t, &hr, "nope", 2024, "1"),
        404,
        "not_found",
        None,
    );
}

fn import_csv_ok(t: &TestApp, cookie: &str, year: &str, csv: &str) -> Value {
    let r = import(t, cookie, year, csv);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    body(&r)
}

#[test]
fn an_import_checks_every_row_then_applies_all_or_nothing() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000206", "eigenaar@korst.nl");
    let a = add(&t, &hr, employee(&bsn(0), "Aa", "2020-01-01"));
    let b = add(&t, &hr, employee(&bsn(1), "Bb", "2024-06-01"));
    let mut gone = employee(&bsn(2), "Cc", "2020-01-01");
    gone["end_date"] = json!("2023-12-31");
    add(&t, &hr, gone);
    assert_eq!(put_wage(&t, &hr, &a, 2024, "1000").status, 200);

    let bad = format!(
        "BSN;Loon\n{};52.350,00\n123456789;100\n{};-5\n\n{};abc;extra\n{};1000\n{};52.350\n;\n{};100\n{}\n",
        bsn(0),
        bsn(1),
        bsn(1),
        bsn(2),
        bsn(5),
        bsn(0),
        bsn(5),
    );
    let r = import(&t, &hr, "2024", &bad);
    assert_eq!(r.status, 422);
    let b422 = body(&r);
    assert_eq!(b422["error"]["code"], "invalid_rows");
    let errors: Vec<(u64, String, String)> = b422["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
            (
                e["row"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let row = |n: u64, field: &str, code: &str| (n, field.to_owned(), code.to_owned());
    assert_eq!(
        errors,
        vec![
            row(3, "bsn", "invalid_bsn"),
            row(4, "loon", "invalid_value"),
            row(6, "loon", "too_many_columns"),
            row(7, "bsn", "not_employed_in_year"),
            row(8, "loon", "invalid_value"),
            row(9, "bsn", "missing_field"),
            row(9, "loon", "missing_field"),
            row(10, "bsn", "duplicate_bsn"),
            row(11, "bsn", "duplicate_bsn"),
            row(11, "loon", "missing_field"),
        ]
    );
    // Nothing of it landed: row 2 was valid, yet the old wage stays.
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{a}"))["wages"],
        json!([{"year": 2024, "insured_wage": "1000.00"}])
    );
    assert_eq!(t.count("wages"), 1);
    let en = t.send(request(
        Method::Post,
        "/api/wages/2024/import",
        &[
            ("cookie", &hr),
            ("content-type", "text/csv"),
            ("accept-language", "en"),
        ],
        bad.as_bytes(),
    ));
    assert_eq!(
        body(&en)["error"]["message"],
        "The file has 10 error(s); nothing was processed."
    );

    let ok = format!(
        "\u{feff}bsn;loon\r\n{};52.350,00\r\n{};\"1234,5\"\r\n",
        bsn(0),
        bsn(1)
    );
    assert_eq!(
        import_csv_ok(&t, &hr, "2024", &ok),
        json!({"year": 2024, "imported": 2})
    );
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{a}"))["wages"],
        json!([{"year": 2024, "insured_wage": "52350.00"}])
    );
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{b}"))["wages"],
        json!([{"year": 2024, "insured_wage": "1234.50"}])
    );
    // Without a header, and again: the new amounts replace the old.
    import_csv_ok(&t, &hr, "2024", &format!("{};52350.01", bsn(0)));
    assert_eq!(
        get(&t, &hr, &format!("/api/employees/{a}"))["wages"][0]["insured_wage"],
        "52350.01"
    );

    expect(
        &import(&t, &hr, "2024", "BSN;loon\n\n"),
        422,
        "invalid_value",
        Some("file"),
    );
    expect(
        &import(&t, &hr, "1999", &ok),
        422,
        "invalid_value",
        Some("year"),
    );
    let json_body = send(
        &t,
        Method::Post,
        "/api/wages/2024/import",
        &hr,
        Some(json!({})),
    );
    expect(&json_body, 415, "unsupported_media_type", None);
    let huge = format!("{};1\n", bsn(0)).repeat(100_000);
    expect(&import(&t, &hr, "2024", &huge), 413, "too_large", None);
    let too_many = format!("{};1\n", bsn(0)).repeat(10_001);
    expect(&import(&t, &hr, "2024", &too_many), 413, "too_large", None);
    assert_eq!(t.count("wages"), 2);
}

#[test]
fn ten_thousand_rows_in_one_request() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000207", "eigenaar@korst.nl");
    let employer = employer_id(&t, &hr);
    // Seeded straight into the store: 10,000 adds through the API would only be slow.
    let numbers = seed_employees(&t, &employer, 10_000);
    let csv: String = std::iter::once("BSN;loon\n".to_owned())
        .chain(
            numbers
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{n};{}.{:03},{:02}\n", 30 + i % 40, i % 1000, i % 100)),
        )
        .collect();
    let started = std::time::Instant::now();
    let imported = import_csv_ok(&t, &hr, "2024", &csv);
    eprintln!("import of 10,000 rows natively: {:?}", started.elapsed());
    assert_eq!(imported["imported"], 10_000);
    assert_eq!(t.count("wages"), 10_000);
    let e = get(&t, &hr, "/api/employees/seed-01234");
    assert_eq!(
        e["wages"],
        json!([{"year": 2024, "insured_wage": "64234.34"}])
    );

    // One bad row among 10,000 refuses all of them, and names its line.
    let mut lines: Vec<&str> = csv.lines().collect();
    lines[9_000] = "111222334;1";
    let r = import(&t, &hr, "2025", &lines.join("\n"));
    assert_eq!(r.status, 422);
    assert_eq!(
        body(&r)["errors"],
        json!([{"row": 9001, "field": "bsn", "code": "invalid_bsn",
                "message": "Dit BSN klopt niet: het heeft 9 cijfers en moet de elfproef doorstaan."}])
    );
    assert_eq!(t.count("wages"), 10_000);
}

#[test]
fn another_employers_employees_are_invisible() {
    let t = TestApp::new();
    let (a, _, _) = signed_in_main_user(&t, "770000208", "eigenaar@korst.nl");
    let (b, _, _) = signed_in_main_user(&t, "770000209", "eigenaar@anders.nl");
    let id = add(&t, &a, employee(&bsn(0), "Jansen", "2020-01-01"));
    let path = format!("/api/employees/{id}");
    expect(
        &send(&t, Method::Get, &path, &b, None),
        404,
        "not_found",
        None,
    );
    for (suffix, body) in [
        ("/end", json!({"end_date": "2025-01-31"})),
        ("/rehire", json!({"start_date": "2025-04-01"})),
    ] {
        let r = send(&t, Method::Post, &format!("{path}{suffix}"), &b, Some(body));
        expect(&r, 404, "not_found", None);
    }
    expect(&put_wage(&t, &b, &id, 2024, "100"), 404, "not_found", None);
    // B's import does not see A's employee; B's list does not show them.
    let r = import(&t, &b, "2024", &format!("{};100", bsn(0)));
    assert_eq!(body(&r)["errors"][0]["code"], "not_employed_in_year");
    assert_eq!(get(&t, &b, "/api/employees")["total"], 0);
    // The same person may work for both employers.
    let other = add(&t, &b, employee(&bsn(0), "Jansen", "2024-01-01"));
    assert_ne!(other, id);
    assert_eq!(get(&t, &a, &path)["end_date"], Value::Null);
    assert_eq!(t.count("wages"), 0);
}

#[test]
fn roles_on_every_employee_and_settlement_endpoint() {
    let t = TestApp::new();
    let (main, _, _) = signed_in_main_user(&t, "770000210", "eigenaar@korst.nl");
    let (_, hr) = colleague(&t, &main, "hr.medewerker@korst.nl", &["hr"]);
    let (_, finance) = colleague(&t, &main, "f.bakker@korst.nl", &["finance"]);
    let (_, manager) = colleague(&t, &main, "b.beheer@korst.nl", &["user_management"]);
    let id = add(&t, &main, employee(&bsn(0), "Jansen", "2020-01-01"));
    let employer = employer_id(&t, &main);

    // (method, path, body, finance may): every new session endpoint.
    let calls: Vec<(Method, String, Option<Value>, bool)> = vec![
        (Method::Get, "/api/employees".into(), None, true),
        (Method::Get, format!("/api/employees/{id}"), None, true),
        (Method::Get, "/api/settlements/2024".into(), None, true),
        (
            Method::Get,
            "/api/settlements/2024/specification.csv".into(),
            None,
            true,
        ),
        (
            Method::Post,
            "/api/employees".into(),
            Some(employee(&bsn(1), "Nieuw", "2024-01-01")),
            false,
        ),
        (
            Method::Post,
            format!("/api/employees/{id}/rehire"),
            Some(json!({"start_date": "2010-01-01", "end_date": "2010-12-31"})),
            false,
        ),
        (
            Method::Put,
            format!("/api/employees/{id}/wages/2024"),
            Some(json!({"insured_wage": "100"})),
            false,
        ),
        (Method::Post, "/api/wages/2024/import".into(), None, false),
        (
            Method::Post,
            format!("/api/employees/{id}/end"),
            Some(json!({"end_date": "2025-05-31"})),
            false,
        ),
        (
            Method::Post,
            "/api/settlements/2024/submit".into(),
            None,
            false,
        ),
    ];
    let call = |cookie: &str, method: Method, path: &str, b: &Option<Value>| {
        if path.ends_with("/import") {
            let csv = format!("{};100", bsn(0));
            t.send(request(
                method,
                path,
                &[("cookie", cookie), ("content-type", "text/csv")],
                csv.as_bytes(),
            ))
        } else {
            send(&t, method, path, cookie, b.clone())
        }
    };
    for (method, path, b, finance_may) in &calls {
        for (who, cookie, allowed) in [
            ("user_management", manager.as_str(), false),
            ("finance", finance.as_str(), *finance_may),
            ("nobody", "", false),
        ] {
            let r = call(cookie, *method, path, b);
            let expected = match (who, allowed) {
                ("nobody", _) => Some((401, "unauthorized")),
                (_, false) => Some((403, "forbidden")),
                (_, true) => None,
            };
            match expected {
                Some((status, code)) => {
                    assert_eq!(
                        (r.status, error_of(&r).0.as_str()),
                        (status, code),
                        "{who} {path}"
                    )
                }
                None => assert_eq!(r.status, 200, "{who} {path}"),
            }
        }
        // HR may do everything; the writes land.
        let r = call(&hr, *method, path, b);
        assert!(
            r.status == 200 || r.status == 201,
            "hr {path}: {}",
            String::from_utf8_lossy(&r.body)
        );
    }
    assert_eq!(t.count("employees"), 2);
    assert_eq!(t.count("settlement_submissions"), 1);

    // Reopening is the insurer's: a session, whatever its roles, is not enough.
    let reopen = format!("/api/admin/employers/{employer}/settlements/2024/reopen");
    for cookie in [&main, &hr] {
        let r = send(&t, Method::Post, &reopen, cookie, None);
        expect(&r, 401, "unauthorized", None);
    }
    assert_eq!(t.admin_post(&reopen, &json!({})).status, 200);
}
