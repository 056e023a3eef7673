//! A new activation link (`POST /api/auth/activate/resend`): only an invited user
//! gets one and their earlier links die; every address gets the same answer; the
//! requests are limited per client address and per e-mail.

use crate::support::accounts::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::http::{Method, Response};
use serde_json::json;

fn resend(t: &TestApp, email: &str) -> Response {
    resend_from(t, email, "198.51.100.7")
}

fn resend_from(t: &TestApp, email: &str, address: &str) -> Response {
    t.post_json(
        "/api/auth/activate/resend",
        &[("cf-connecting-ip", address)],
        &json!({ "email": email }),
    )
}

fn accepted(r: &Response) {
    assert_eq!(
        (r.status, body(r)),
        (202, json!({"status": "accepted"})),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

fn activate(t: &TestApp, token: &str) -> Response {
    post(
        t,
        "/api/auth/activate",
        json!({"token": token, "password": PASSWORD}),
    )
}

#[test]
fn an_invited_user_gets_a_new_link_and_the_old_one_dies() {
    let t = TestApp::new();
    let email = "eigenaar@opnieuw.nl";
    let r = t.admin_post("/api/admin/employers", &employer("770000501", email));
    assert_eq!(r.status, 201);
    let first = mailed_token(&t, email, "/activeren");
    let (mails, tokens) = (t.count("outbox"), t.count("auth_tokens"));

    // Any case and surrounding spaces: the address is the username.
    accepted(&resend(&t, " Eigenaar@Opnieuw.NL "));
    assert_eq!(t.count("outbox"), mails + 1);
    assert_eq!(t.count("auth_tokens"), tokens + 1);
    let second = mailed_token(&t, email, "/activeren");
    assert_ne!(second, first);
    let outbox = body(&t.get("/api/dev/outbox"));
    let mail = &outbox["messages"][0];
    assert_eq!(mail["to"], email);
    let text = mail["text"].as_str().unwrap();
    assert!(text.starts_with("Beste J. de Vries"), "{text}");
    assert!(
        text.contains("Werkgever: Bakkerij De Gouden Korst B.V."),
        "{text}"
    );
    assert!(
        text.contains("https://portaal.example.nl/activeren?token="),
        "{text}"
    );

    // The replaced link is dead, as a used or expired one: 400 invalid_token.
    let r = activate(&t, &first);
    assert_eq!((r.status, error_of(&r).0), (400, "invalid_token".into()));
    let r = activate(&t, &second);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = activate(&t, &second);
    assert_eq!((r.status, error_of(&r).0), (400, "invalid_token".into()));

    // Activated now: the same answer, and nothing is sent.
    let mails = t.count("outbox");
    accepted(&resend(&t, email));
    assert_eq!(t.count("outbox"), mails);
}

#[test]
fn an_expired_link_is_replaced_by_a_working_one() {
    let t = TestApp::new();
    let email = "eigenaar@verlopen.nl";
    assert_eq!(
        t.admin_post("/api/admin/employers", &employer("770000502", email))
            .status,
        201
    );
    let first = mailed_token(&t, email, "/activeren");
    t.time.set(t.time.get() + 7 * 24 * 3600 + 1);
    let r = activate(&t, &first);
    assert_eq!((r.status, error_of(&r).0), (400, "invalid_token".into()));
    accepted(&resend(&t, email));
    let second = mailed_token(&t, email, "/activeren");
    assert_eq!(activate(&t, &second).status, 200);
    // The new link lives 7 days from its own request.
    let login = post(
        &t,
        "/api/auth/login",
        json!({"email": email, "password": PASSWORD}),
    );
    assert_eq!(login.status, 200);
}

#[test]
fn every_other_address_gets_the_same_answer_and_nothing_else() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000503", "eigenaar@zelfde.nl");
    // An active colleague, a disabled one, and one disabled before activating.
    colleague(&t, &manager, "a.actief@zelfde.nl", &["hr"]);
    let (disabled_id, _) = colleague(&t, &manager, "d.geblokkeerd@zelfde.nl", &["hr"]);
    let r = send(
        &t,
        Method::Post,
        "/api/users",
        &manager,
        Some(json!({"name": "N. Nooit", "email": "n.nooit@zelfde.nl", "roles": ["hr"]})),
    );
    let never_id = body(&r)["id"].as_str().unwrap().to_owned();
    for id in [&disabled_id, &never_id] {
        let r = send(
            &t,
            Method::Patch,
            &format!("/api/users/{id}"),
            &manager,
            Some(json!({"status": "disabled"})),
        );
        assert_eq!(r.status, 200);
    }
    let (mails, tokens, events) = (
        t.count("outbox"),
        t.count("auth_tokens"),
        t.count("security_events"),
    );
    for email in [
        "onbekend@zelfde.nl",
        "geen e-mailadres",
        "a.actief@zelfde.nl",
        "d.geblokkeerd@zelfde.nl",
        "n.nooit@zelfde.nl",
        "eigenaar@zelfde.nl",
    ] {
        accepted(&resend(&t, email));
    }
    assert_eq!(
        (
            t.count("outbox"),
            t.count("auth_tokens"),
            t.count("security_events")
        ),
        (mails, tokens, events)
    );
    // The disabled-before-activation user's old link does not come back to life.
    let old = mailed_token(&t, "n.nooit@zelfde.nl", "/activeren");
    let r = activate(&t, &old);
    assert_eq!((r.status, error_of(&r).0), (400, "invalid_token".into()));

    // A missing address is a form error, named in words.
    let r = post(&t, "/api/auth/activate/resend", json!({}));
    assert_eq!(error_of(&r), ("missing_field".into(), Some("email".into())));
    assert_eq!(r.status, 422);
}

#[test]
fn a_request_is_in_the_security_log_of_the_users_employer() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000504", "eigenaar@logboek2.nl");
    let r = send(
        &t,
        Method::Post,
        "/api/users",
        &manager,
        Some(json!({"name": "N. Nieuw", "email": "n.nieuw@logboek2.nl", "roles": ["hr"]})),
    );
    let id = body(&r)["id"].as_str().unwrap().to_owned();
    accepted(&resend(&t, "n.nieuw@logboek2.nl"));
    let log = body(&send(&t, Method::Get, "/api/security-log", &manager, None));
    assert_eq!(log["events"][0]["kind"], "activation_resent");
    assert_eq!(log["events"][0]["user_id"], id.as_str());
    assert_eq!(log["events"][0]["address"], "198.51.100.7");
    // Another employer's log does not show it.
    let (other, _, _) = signed_in_main_user(&t, "770000505", "eigenaar@anders2.nl");
    let log = body(&send(&t, Method::Get, "/api/security-log", &other, None));
    assert!(log["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["kind"] != "activation_resent"));
}

#[test]
fn requests_are_limited_per_email_and_per_address() {
    let t = TestApp::new();
    let email = "eigenaar@limiet2.nl";
    assert_eq!(
        t.admin_post("/api/admin/employers", &employer("770000506", email))
            .status,
        201
    );
    // Per e-mail: 5 an hour, from any address, known or not.
    for i in 0..5 {
        accepted(&resend_from(&t, email, &format!("192.0.2.{i}")));
    }
    let r = resend_from(&t, email, "192.0.2.99");
    assert_eq!(r.status, 429);
    assert_eq!(error_of(&r).0, "too_many_attempts");
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    for i in 0..5 {
        accepted(&resend_from(
            &t,
            "onbekend@limiet2.nl",
            &format!("192.0.2.{i}"),
        ));
    }
    assert_eq!(
        resend_from(&t, "onbekend@limiet2.nl", "192.0.2.98").status,
        429
    );
    // The forgotten-password flow keeps its own budget.
    let r = post(&t, "/api/auth/password/forgot", json!({"email": email}));
    assert_eq!(r.status, 202);

    // Per address: 20 per 15 minutes, whatever the e-mail.
    for i in 0..20 {
        accepted(&resend_from(&t, &format!("x{i}@limiet2.nl"), "203.0.113.5"));
    }
    let r = resend_from(&t, "x99@limiet2.nl", "203.0.113.5");
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    accepted(&resend_from(&t, "x99@limiet2.nl", "203.0.113.6"));

    // The windows end: an hour later the e-mail may ask again.
    t.time.set(t.time.get() + 3600);
    let mails = t.count("outbox");
    accepted(&resend_from(&t, email, "192.0.2.99"));
    assert_eq!(t.count("outbox"), mails + 1);
}
