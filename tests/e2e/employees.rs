//! Employees, wages and the settlement on the real runtime with D1: the triggers
//! that refuse overlapping periods and changes to a submitted year, the unique
//! index that stores one submission, and the one-statement CSV import (`json_each`)
//! all run in D1's SQLite here. Dates lie in the past or far ahead, so the real
//! clock does not matter.

use serde_json::{json, Value};

use balie_e2e::{Answer, Server};

use crate::auth::main_user;
use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "employees_add_end_rehire_and_known_bsns",
        employees_add_end_rehire_and_known_bsns,
    ),
    (
        "wages_import_settlement_submit_lock_and_reopen",
        wages_import_settlement_submit_lock_and_reopen,
    ),
];

const JSON: (&str, &str) = ("content-type", "application/json");

fn post(ctx: &Ctx, cookie: &str, path: &str, body: Value) -> Answer {
    ctx.client
        .post(path, &[JSON, ("cookie", cookie)], &body.to_string())
}

fn get(ctx: &Ctx, cookie: &str, path: &str) -> Answer {
    ctx.client.get_with(path, &[("cookie", cookie)])
}

fn put_wage(ctx: &Ctx, cookie: &str, id: &str, year: i32, wage: &str) -> Answer {
    ctx.client.put(
        &format!("/api/employees/{id}/wages/{year}"),
        &[JSON, ("cookie", cookie)],
        &json!({ "insured_wage": wage }).to_string(),
    )
}

fn import(ctx: &Ctx, cookie: &str, year: i32, csv: &str) -> Answer {
    ctx.client.post(
        &format!("/api/wages/{year}/import"),
        &[("content-type", "text/csv"), ("cookie", cookie)],
        csv,
    )
}

fn employee(bsn: &str, last_name: &str, start: &str) -> Value {
    json!({"bsn": bsn, "initials": "E.", "last_name": last_name, "gender": "X",
           "birth_date": "1985-03-04", "start_date": start})
}

fn add(ctx: &Ctx, cookie: &str, body: Value) -> String {
    let r = post(ctx, cookie, "/api/employees", body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

fn employees_add_end_rehire_and_known_bsns(ctx: &Ctx) {
    let (cookie, _, _) = main_user(ctx, "660000001", "eigenaar@e2e-werknemers.nl");
    let id = add(ctx, &cookie, employee("111222333", "Jansen", "2020-01-01"));
    let r = post(
        ctx,
        &cookie,
        "/api/employees",
        employee("111222334", "Fout", "2020-01-01"),
    );
    assert_eq!((r.status, r.error_code()), (422, "invalid_bsn".into()));
    let r = post(
        ctx,
        &cookie,
        "/api/employees",
        employee("123456782", "Later", "2099-01-01"),
    );
    assert_eq!(
        (r.status, r.error_code(), r.json()["error"]["field"].clone()),
        (422, "date_too_far_ahead".into(), json!("start_date"))
    );

    let r = post(
        ctx,
        &cookie,
        "/api/employees",
        employee("111222333", "Jansen", "2021-01-01"),
    );
    assert_eq!((r.status, r.error_code()), (409, "employee_exists".into()));
    assert_eq!(r.json()["error"]["employee_id"], id.as_str());

    let r = post(
        ctx,
        &cookie,
        &format!("/api/employees/{id}/end"),
        json!({"end_date": "2024-12-31"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = post(
        ctx,
        &cookie,
        "/api/employees",
        employee("111222333", "Jansen", "2025-02-01"),
    );
    assert_eq!(
        (r.status, r.error_code()),
        (409, "employee_inactive".into())
    );
    assert_eq!(r.json()["error"]["employee_id"], id.as_str());

    // The trigger in D1 refuses the overlap; a later period is added.
    let rehire = |start: &str| {
        post(
            ctx,
            &cookie,
            &format!("/api/employees/{id}/rehire"),
            json!({ "start_date": start }),
        )
    };
    let r = rehire("2024-06-01");
    assert_eq!(
        (r.status, r.error_code()),
        (409, "employment_overlap".into())
    );
    let r = rehire("2025-02-01");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["employments"],
        json!([
            {"start_date": "2020-01-01", "end_date": "2024-12-31", "fixed_term": false},
            {"start_date": "2025-02-01", "end_date": null, "fixed_term": false},
        ])
    );
    let list = get(ctx, &cookie, "/api/employees?status=active&q=jan").json();
    assert_eq!(list["employees"][0]["id"], id.as_str());
    assert_eq!(list["employees"][0]["bsn_last4"], "2333");
    assert_eq!(
        (list["page"].clone(), list["pages"].clone()),
        (json!(1), json!(1))
    );
}

fn wages_import_settlement_submit_lock_and_reopen(ctx: &Ctx) {
    let (cookie, _, _) = main_user(ctx, "660000002", "eigenaar@e2e-naverrekening.nl");
    let employer = get(ctx, &cookie, "/api/me").json()["employer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let a = add(ctx, &cookie, employee("123456782", "Aa", "2020-01-01"));
    add(ctx, &cookie, employee("249566758", "Bb", "2024-06-01"));

    // One bad row refuses the file whole, with its line number.
    let bad = "BSN;loon\n123456782;52.350,00\n249566758;-1\n";
    let r = import(ctx, &cookie, 2024, bad);
    assert_eq!(
        (r.status, r.error_code()),
        (422, "invalid_rows".into()),
        "{}",
        r.body
    );
    assert_eq!(
        (
            r.json()["errors"][0]["row"].clone(),
            r.json()["errors"][0]["field"].clone()
        ),
        (json!(3), json!("loon"))
    );
    assert_eq!(
        get(ctx, &cookie, &format!("/api/employees/{a}")).json()["wages"],
        json!([])
    );
    let r = import(
        ctx,
        &cookie,
        2024,
        "BSN;loon\n123456782;52.350,00\n249566758;1234,50\n",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["imported"], 2);

    let s = get(ctx, &cookie, "/api/settlements/2024").json();
    assert_eq!(s["status"], "open");
    assert_eq!(
        (
            s["total_insured_wage"].clone(),
            s["final_premium"].clone(),
            s["rounding_difference"].clone(),
            s["balance"].clone()
        ),
        (
            json!("53584.50"),
            json!("2277.34"),
            json!("-0.01"),
            json!({"amount": "2277.34", "direction": "due_from_employer"})
        )
    );
    let csv = get(ctx, &cookie, "/api/settlements/2024/specification.csv");
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "Naam;Voorletters;BSN (laatste 4);In dienst;Uit dienst;Loon;Verzekerd loon;Premie"
    );
    assert_eq!(lines[1], "Aa;E.;6782;01-01-2020;;52350,00;52350,00;2224,88");
    assert_eq!(lines[4], "Afrondingsverschil;;;;;;;-0,01");

    let submit = || post(ctx, &cookie, "/api/settlements/2024/submit", json!({}));
    let first = submit();
    assert_eq!(first.status, 200);
    // The reference's uniqueness lives in D1 too: a short human reference comes back.
    let reference = first.json()["reference"].as_str().unwrap_or("").to_owned();
    assert!(reference.starts_with("NV-2024-"), "{}", first.body);
    let again = submit();
    assert_eq!(
        (again.status, again.error_code()),
        (409, "already_submitted".into())
    );
    for r in [
        put_wage(ctx, &cookie, &a, 2024, "1"),
        import(ctx, &cookie, 2024, "123456782;1\n"),
        post(
            ctx,
            &cookie,
            "/api/employees",
            employee("111111110", "Cc", "2024-03-01"),
        ),
    ] {
        assert_eq!(
            (r.status, r.error_code()),
            (409, "settlement_locked".into()),
            "{}",
            r.body
        );
    }
    let settled = get(ctx, &cookie, "/api/settlements/2024").json();
    assert_eq!(settled["status"], "submitted");
    assert_eq!(settled["reference"], reference.as_str());

    let auth = format!("Bearer {}", Server::admin_token());
    let reopen = ctx.client.post(
        &format!("/api/admin/employers/{employer}/settlements/2024/reopen"),
        &[("authorization", &auth)],
        "",
    );
    assert_eq!(reopen.status, 200, "{}", reopen.body);
    assert_eq!(put_wage(ctx, &cookie, &a, 2024, "52000").status, 200);
    assert_eq!(submit().status, 200);
}
