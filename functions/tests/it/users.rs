//! User management: the role matrix, tenant isolation, invitations and changes that
//! take effect on the very next request, and the security log.

use crate::support::accounts::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::http::Method;
use serde_json::{json, Value};

#[test]
fn invitations_need_an_organisation_address_and_roles() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000101", "eigenaar@korst.nl");
    for (b, status, code, field) in [
        (
            json!({"name": "X", "email": "x@gmail.com", "roles": ["hr"]}),
            422,
            "email_not_allowed",
            Some("email"),
        ),
        (
            json!({"name": "X", "email": "info@korst.nl", "roles": ["hr"]}),
            422,
            "email_not_allowed",
            Some("email"),
        ),
        (
            json!({"name": "X", "email": "geen-adres", "roles": ["hr"]}),
            422,
            "invalid_value",
            Some("email"),
        ),
        (
            json!({"name": "X", "email": "x@korst.nl", "roles": []}),
            422,
            "invalid_value",
            Some("roles"),
        ),
        (
            json!({"name": "X", "email": "x@korst.nl", "roles": ["baas"]}),
            422,
            "invalid_value",
            Some("roles"),
        ),
        (
            json!({"name": "X", "email": "x@korst.nl"}),
            422,
            "missing_field",
            Some("roles"),
        ),
        (
            json!({"name": "X", "email": "EIGENAAR@korst.nl", "roles": ["hr"]}),
            409,
            "email_taken",
            Some("email"),
        ),
    ] {
        let r = send(&t, Method::Post, "/api/users", &manager, Some(b.clone()));
        assert_eq!(r.status, status, "{b}");
        assert_eq!(
            error_of(&r),
            (code.to_owned(), field.map(str::to_owned)),
            "{b}"
        );
    }
    let r = send(
        &t,
        Method::Post,
        "/api/users",
        &manager,
        Some(
            json!({"name": "B. Bakker", "email": "b.bakker@korst.nl", "roles": ["finance", "hr"]}),
        ),
    );
    assert_eq!(r.status, 201);
    let list = body(&send(&t, Method::Get, "/api/users", &manager, None));
    let invited = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "b.bakker@korst.nl")
        .unwrap()
        .clone();
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["roles"], json!(["hr", "finance"]));
    let mail = &body(&t.get("/api/dev/outbox"))["messages"][0];
    assert_eq!(mail["to"], "b.bakker@korst.nl");
    assert!(mail["text"]
        .as_str()
        .unwrap()
        .contains("J. de Vries heeft u uitgenodigd"));
}

#[test]
fn role_matrix_for_user_management_endpoints() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000102", "eigenaar@korst.nl");
    let (_, hr) = colleague(&t, &manager, "hr.medewerker@korst.nl", &["hr"]);
    let (_, finance) = colleague(&t, &manager, "financien.medewerker@korst.nl", &["finance"]);
    let calls: [(Method, &str, Option<Value>); 4] = [
        (Method::Get, "/api/users", None),
        (
            Method::Post,
            "/api/users",
            Some(json!({"name": "Z", "email": "z.z@korst.nl", "roles": ["hr"]})),
        ),
        (
            Method::Patch,
            "/api/users/00000000-0000-4000-8000-000000000000",
            Some(json!({"roles": ["hr"]})),
        ),
        (Method::Get, "/api/security-log", None),
    ];
    for (method, path, b) in &calls {
        for cookie in [&hr, &finance] {
            let r = send(&t, *method, path, cookie, b.clone());
            assert_eq!(
                (r.status, error_of(&r).0.as_str()),
                (403, "forbidden"),
                "{path}"
            );
        }
        let anonymous = send(&t, *method, path, "", b.clone());
        assert_eq!(anonymous.status, 401, "{path}");
    }
    assert_eq!(
        send(&t, Method::Get, "/api/me", &hr, None).status,
        200,
        "any role may read /api/me"
    );
}

#[test]
fn role_changes_and_disabling_count_from_the_next_request() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000103", "eigenaar@korst.nl");
    let (id, colleague_cookie) = colleague(&t, &manager, "c.jansen@korst.nl", &["user_management"]);
    assert_eq!(
        send(&t, Method::Get, "/api/users", &colleague_cookie, None).status,
        200
    );

    let r = send(
        &t,
        Method::Patch,
        &format!("/api/users/{id}"),
        &manager,
        Some(json!({"roles": ["hr"]})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(body(&r)["roles"], json!(["hr"]));
    assert_eq!(
        send(&t, Method::Get, "/api/users", &colleague_cookie, None).status,
        403,
        "live session lost the role"
    );
    assert_eq!(
        body(&send(&t, Method::Get, "/api/me", &colleague_cookie, None))["roles"],
        json!(["hr"])
    );

    let r = send(
        &t,
        Method::Patch,
        &format!("/api/users/{id}"),
        &manager,
        Some(json!({"status": "disabled"})),
    );
    assert_eq!(body(&r)["status"], "disabled");
    assert_eq!(
        send(&t, Method::Get, "/api/me", &colleague_cookie, None).status,
        401,
        "a disabled user's session dies"
    );
    next_step(&t);
    let l = post(
        &t,
        "/api/auth/login",
        json!({"email": "c.jansen@korst.nl", "password": PASSWORD}),
    );
    assert_eq!(
        error_of(&l).0,
        "invalid_credentials",
        "a disabled user cannot sign in"
    );

    let r = send(
        &t,
        Method::Patch,
        &format!("/api/users/{id}"),
        &manager,
        Some(json!({"status": "active"})),
    );
    assert_eq!(r.status, 200, "an activated user can be enabled again");
    let log = body(&send(&t, Method::Get, "/api/security-log", &manager, None));
    let kinds: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "user_enabled",
        "user_disabled",
        "roles_changed",
        "sign_in_ok",
        "user_invited",
        "user_activated",
        "totp_enrolled",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert_eq!(log["events"][0]["kind"], "user_enabled", "newest first");
    assert_eq!(log["events"][0]["actor_email"], "eigenaar@korst.nl");
}

#[test]
fn the_last_user_manager_stays() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000104", "eigenaar@korst.nl");
    let me = body(&send(&t, Method::Get, "/api/me", &manager, None));
    let own = format!("/api/users/{}", me["id"].as_str().unwrap());
    for b in [json!({"roles": ["hr"]}), json!({"status": "disabled"})] {
        let r = send(&t, Method::Patch, &own, &manager, Some(b));
        assert_eq!(
            (r.status, error_of(&r).0.as_str()),
            (409, "last_user_manager")
        );
    }
    for b in [
        json!({}),
        json!({"status": "invited"}),
        json!({"roles": "hr"}),
    ] {
        assert_eq!(
            send(&t, Method::Patch, &own, &manager, Some(b.clone())).status,
            422,
            "{b}"
        );
    }
}

#[test]
fn another_employers_users_are_invisible() {
    let t = TestApp::new();
    let (a, _, _) = signed_in_main_user(&t, "770000105", "eigenaar@korst.nl");
    let (b, _, _) = signed_in_main_user(&t, "770000106", "baas@andere-bakker.nl");
    let b_id = body(&send(&t, Method::Get, "/api/me", &b, None))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = body(&send(&t, Method::Get, "/api/users", &a, None));
    assert_eq!(list["users"].as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains("andere-bakker"));
    let r = send(
        &t,
        Method::Patch,
        &format!("/api/users/{b_id}"),
        &a,
        Some(json!({"status": "disabled"})),
    );
    assert_eq!((r.status, error_of(&r).0.as_str()), (404, "not_found"));
    assert_eq!(
        send(&t, Method::Get, "/api/me", &b, None).status,
        200,
        "B is untouched"
    );
    let log = body(&send(&t, Method::Get, "/api/security-log", &a, None));
    assert!(!log.to_string().contains("andere-bakker"));
}
