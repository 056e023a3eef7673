//! Error messages name fields in words, in both languages: every missing field of
//! every form, sent through the router, answers 422 with the field's path in
//! `field` and a message that holds its label and no snake_case word.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, request, TestApp};
use balie_functions::http::fields::{has_snake_case, label_of, labels};
use balie_functions::http::{ApiError, Lang, Method};
use serde_json::{json, Value};

/// The body without `path` (a dotted path removes a nested member).
fn without(b: &Value, path: &str) -> Value {
    let mut b = b.clone();
    match path.split_once('.') {
        Some((outer, inner)) => {
            b[outer].as_object_mut().unwrap().remove(inner);
        }
        None => {
            b.as_object_mut().unwrap().remove(path);
        }
    }
    b
}

/// Sends `req` in Dutch and in English and checks the missing-field answer.
fn check_missing(
    t: &TestApp,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    b: &Value,
    field: &str,
) {
    let (nl, en) = label_of(field).unwrap_or_else(|| panic!("{field} has no label"));
    for (lang, label) in [("nl-NL", &nl), ("en-GB", &en)] {
        let mut all = vec![
            ("content-type", "application/json"),
            ("accept-language", lang),
        ];
        all.extend_from_slice(headers);
        let r = t.send(request(method, path, &all, b.to_string().as_bytes()));
        let answer = body(&r);
        assert_eq!(r.status, 422, "{path} without {field}: {answer}");
        assert_eq!(answer["error"]["code"], "missing_field", "{answer}");
        assert_eq!(answer["error"]["field"], field, "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(label.as_str()),
            "{lang} {field}: {message}"
        );
        assert!(!has_snake_case(message), "{lang} {field}: {message}");
        if field.contains(['_', '.']) {
            assert!(!message.contains(field), "{lang} {field}: {message}");
        }
    }
}

#[test]
fn every_label_makes_a_message_in_words() {
    for path in labels().fields.keys() {
        let e = ApiError::missing(path.as_str());
        for lang in [Lang::Nl, Lang::En] {
            let b: Value = serde_json::from_slice(&e.to_response(lang).body).unwrap();
            let message = b["error"]["message"].as_str().unwrap();
            assert!(!has_snake_case(message), "{path}: {message}");
            assert_eq!(b["error"]["field"], *path);
        }
    }
    // A path without a label never shows up in the message.
    let r = ApiError::missing("some_future_field").to_response(Lang::Nl);
    let b: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(b["error"]["message"], "Vul dit veld in.");
    let r = ApiError::missing("some_future_field").to_response(Lang::En);
    let b: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(b["error"]["message"], "This field is required.");
}

#[test]
fn public_forms_name_missing_fields_in_words() {
    let t = TestApp::new();
    let absence = json!({"insured_wage_sum": "456036", "premium_rate_percent": "4.79"});
    for field in ["insured_wage_sum", "premium_rate_percent"] {
        check_missing(
            &t,
            Method::Post,
            "/api/calc/absence-premium",
            &[],
            &without(&absence, field),
            field,
        );
    }
    let wga = json!({
        "cover": "inkomenscompensatie_meerjarig", "year": 2025, "old_yearly_wage": "50000",
        "wga_benefit": "10000", "new_yearly_wage": "10000", "other_benefits": "0",
        "disability_percent": "20", "residual_capacity_used_percent": "50",
        "coverage_percent": "100", "duration_years": 5,
    });
    for field in [
        "cover",
        "year",
        "disability_percent",
        "coverage_percent",
        "duration_years",
    ] {
        check_missing(
            &t,
            Method::Post,
            "/api/calc/wga-gap",
            &[],
            &without(&wga, field),
            field,
        );
    }
    let uitgebreid = json!({
        "cover": "aanvullingszekerheid_uitgebreid", "year": 2025, "old_yearly_wage": "50000",
        "wga_benefit": "10000", "new_yearly_wage": "10000", "other_benefits": "0",
        "disability_percent": "50", "residual_capacity_used_percent": "60",
    });
    for field in [
        "old_yearly_wage",
        "wga_benefit",
        "new_yearly_wage",
        "other_benefits",
        "residual_capacity_used_percent",
    ] {
        check_missing(
            &t,
            Method::Post,
            "/api/calc/wga-gap",
            &[],
            &without(&uitgebreid, field),
            field,
        );
    }
    let login = json!({"email": "a@b.nl", "password": "x"});
    for field in ["email", "password"] {
        check_missing(
            &t,
            Method::Post,
            "/api/auth/login",
            &[],
            &without(&login, field),
            field,
        );
    }
    let totp = json!({"challenge": "c", "code": "123456"});
    for field in ["challenge", "code"] {
        check_missing(
            &t,
            Method::Post,
            "/api/auth/totp",
            &[],
            &without(&totp, field),
            field,
        );
    }
    check_missing(
        &t,
        Method::Post,
        "/api/auth/recovery",
        &[],
        &json!({"challenge": "c"}),
        "recovery_code",
    );
    check_missing(
        &t,
        Method::Post,
        "/api/auth/activate",
        &[],
        &json!({"password": "p"}),
        "token",
    );
    check_missing(
        &t,
        Method::Post,
        "/api/auth/password/forgot",
        &[],
        &json!({}),
        "email",
    );
}

#[test]
fn back_office_and_portal_forms_name_missing_fields_in_words() {
    let t = TestApp::new();
    let auth = format!("Bearer {}", crate::support::ADMIN_TOKEN);
    let employer = employer("770000900", "eigenaar@woorden.nl");
    for field in [
        "policy_number",
        "company_name",
        "main_user",
        "main_user.name",
        "main_user.email",
        "policy",
        "policy.product",
        "policy.premium_rate_percent",
        "policy.insured_wage",
        "policy.start_date",
    ] {
        check_missing(
            &t,
            Method::Post,
            "/api/admin/employers",
            &[("authorization", &auth)],
            &without(&employer, field),
            field,
        );
    }

    let (cookie, _, _) = signed_in_main_user(&t, "770000901", "eigenaar@woorden2.nl");
    let headers = [("cookie", cookie.as_str())];
    let new = employee(&bsn(0), "Jansen", "2024-01-01");
    for field in [
        "bsn",
        "initials",
        "last_name",
        "gender",
        "birth_date",
        "start_date",
    ] {
        check_missing(
            &t,
            Method::Post,
            "/api/employees",
            &headers,
            &without(&new, field),
            field,
        );
    }
    let id = add(&t, &cookie, new);
    check_missing(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/end"),
        &headers,
        &json!({}),
        "end_date",
    );
    check_missing(
        &t,
        Method::Post,
        &format!("/api/employees/{id}/rehire"),
        &headers,
        &json!({}),
        "start_date",
    );
    check_missing(
        &t,
        Method::Put,
        &format!("/api/employees/{id}/wages/2024"),
        &headers,
        &json!({}),
        "insured_wage",
    );
    let invite = json!({"name": "A. Collega", "email": "a.collega@woorden2.nl", "roles": ["hr"]});
    for field in ["name", "email", "roles"] {
        check_missing(
            &t,
            Method::Post,
            "/api/users",
            &headers,
            &without(&invite, field),
            field,
        );
    }
}

#[test]
fn import_rows_and_value_lists_are_in_words() {
    let t = TestApp::new();
    let (cookie, _, _) = signed_in_main_user(&t, "770000902", "eigenaar@woorden3.nl");
    add(&t, &cookie, employee(&bsn(0), "Jansen", "2024-01-01"));
    let r = import(
        &t,
        &cookie,
        "2024",
        &format!("BSN;loon\n{};\n;100\n", bsn(0)),
    );
    assert_eq!(r.status, 422);
    let answer = body(&r);
    let errors = answer["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{answer}");
    for e in errors {
        let message = e["message"].as_str().unwrap();
        assert!(message.starts_with("Vul het veld "), "{message}");
        assert!(!has_snake_case(message), "{message}");
    }

    let r = send(
        &t,
        Method::Post,
        "/api/users",
        &cookie,
        Some(json!({"name": "A. Collega", "email": "a.collega@woorden3.nl", "roles": ["boss"]})),
    );
    assert_eq!(r.status, 422);
    let message = body(&r)["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("Gebruikersbeheer"), "{message}");
    assert!(!has_snake_case(&message), "{message}");

    let r = t.post_json(
        "/api/calc/wga-gap",
        &[],
        &json!({"cover": "alles", "year": 2025}),
    );
    let message = body(&r)["error"]["message"].as_str().unwrap().to_owned();
    assert!(!has_snake_case(&message), "{message}");
}
