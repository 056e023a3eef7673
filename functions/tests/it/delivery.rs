//! The outbox on its way out: claimed, sent through the transport, retried with
//! back-off, given up after 24 hours, never sent twice; the body goes once sent;
//! and the scheduled job's clean-up.

use balie_functions::runtime::Clock;
use balie_functions::store::{outbox, Statement};
use serde_json::{json, Value};

use crate::support::accounts::employer;
use balie_functions::store::Db;

use crate::support::{body, config, TestApp, TestClock};

/// The production configuration: bodies go once a message is out.
fn production() -> TestApp {
    TestApp::with_config(config(false))
}

fn provision(t: &TestApp) {
    let r = t.admin_post(
        "/api/admin/employers",
        &employer("770001234", "anna@bakkerij.nl"),
    );
    assert_eq!(r.status, 201, "{}", body(&r));
}

fn rows(t: &TestApp) -> Vec<Value> {
    pollster::block_on(t.app.db.all(Statement::new(
        "SELECT status, attempts, body_text IS NOT NULL AS has_body, provider_id, next_attempt_at, last_error \
         FROM outbox ORDER BY id",
        vec![],
    )))
    .unwrap()
}

fn deliver(t: &TestApp) -> balie_functions::delivery::Counts {
    pollster::block_on(t.app.deliver()).unwrap()
}

#[test]
fn a_message_goes_out_once_with_its_sender_date_and_id_and_its_body_goes() {
    let t = production();
    provision(&t);
    assert_eq!(rows(&t)[0]["status"], "pending");
    let counts = deliver(&t);
    assert_eq!((counts.delivered, counts.failed, counts.pending), (1, 0, 0));
    let sent = t.mail.sent.borrow().clone();
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    assert_eq!(m.to, "anna@bakkerij.nl");
    assert_eq!(
        (m.from_name.as_str(), m.from_address.as_str()),
        ("Testverzekeraar", "portaal@testverzekeraar.nl")
    );
    assert!(
        m.message_id.starts_with('<') && m.message_id.ends_with("@testverzekeraar.nl>"),
        "{}",
        m.message_id
    );
    assert_eq!(m.date.timestamp(), t.time.get());
    assert!(m
        .text
        .contains("https://portaal.example.nl/activeren?token="));
    assert!(m
        .html
        .contains("<a href=\"https://portaal.example.nl/activeren?token="));
    let row = &rows(&t)[0];
    assert_eq!(row["status"], "delivered");
    assert_eq!(row["provider_id"], "provider-1");
    assert_eq!(
        row["has_body"], 0,
        "the activation link is gone from the database"
    );
    // Nothing is due any more: a second run sends nothing.
    assert_eq!(deliver(&t).delivered, 0);
    assert_eq!(t.mail.sent.borrow().len(), 1);
}

#[test]
fn the_outbox_as_mailbox_keeps_the_body() {
    let mut t = TestApp::new();
    t.app.transport = Box::new(balie_functions::delivery::Outbox);
    provision(&t);
    assert_eq!(deliver(&t).delivered, 1);
    let r = t.get("/api/dev/outbox");
    assert_eq!(body(&r)["messages"][0]["status"], "delivered");
    assert!(body(&r)["messages"][0]["text"]
        .as_str()
        .unwrap()
        .contains("/activeren?token="));
}

#[test]
fn a_provider_that_is_down_is_retried_with_back_off_then_delivers_once() {
    let t = production();
    provision(&t);
    t.mail.down.set(true);
    let start = t.time.get();
    assert_eq!(deliver(&t).pending, 1);
    let row = &rows(&t)[0];
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("pending"), Some(1))
    );
    assert_eq!(row["next_attempt_at"], start + 60);
    assert_eq!(row["last_error"], "provider unreachable");
    assert_eq!(row["has_body"], 1, "kept until it is out");
    // Not due yet: no attempt.
    t.time.set(start + 59);
    deliver(&t);
    assert_eq!(rows(&t)[0]["attempts"], 1);
    // Second failure: five minutes.
    t.time.set(start + 60);
    deliver(&t);
    assert_eq!(rows(&t)[0]["next_attempt_at"], start + 60 + 5 * 60);
    // Back up: delivered once, and never again.
    t.mail.down.set(false);
    t.time.set(start + 60 + 5 * 60);
    assert_eq!(deliver(&t).delivered, 1);
    t.time.set(start + 3 * 3600);
    assert_eq!(deliver(&t).delivered, 0);
    assert_eq!(t.mail.sent.borrow().len(), 1);
}

#[test]
fn after_twenty_four_hours_of_failures_a_message_is_failed_without_its_body() {
    let t = production();
    provision(&t);
    t.mail.down.set(true);
    let start = t.time.get();
    for step in 0..40 {
        t.time.set(start + step * 3600);
        deliver(&t);
    }
    let row = &rows(&t)[0];
    assert_eq!(row["status"], "failed");
    assert_eq!(row["has_body"], 0);
    // Attempts after 1, 5, 15, 60 minutes and then hourly, until 24 hours passed.
    assert!(row["attempts"].as_i64().unwrap() >= 24, "{row}");
    let r = t.admin_get("/api/admin/mail?status=failed");
    assert_eq!(r.status, 200);
    let list = body(&r);
    assert_eq!(list["messages"][0]["to"], "anna@bakkerij.nl");
    assert_eq!(list["messages"][0]["last_error"], "provider unreachable");
    assert!(
        list["messages"][0].get("text").is_none(),
        "no bodies in the list"
    );
    let r = t.admin_get("/api/admin/mail?status=lost");
    assert_eq!(
        (r.status, body(&r)["error"]["field"].clone()),
        (422, json!("status"))
    );
}

#[test]
fn two_deliverers_at_once_never_claim_one_message_twice() {
    let t = production();
    provision(&t);
    let now = t.time.get();
    let first = pollster::block_on(outbox::claim_due(&t.app.db, now, now + 120, 10)).unwrap();
    let second = pollster::block_on(outbox::claim_due(&t.app.db, now, now + 120, 10)).unwrap();
    assert_eq!((first.len(), second.len()), (1, 0));
    // A deliverer that died: its claim runs out and the message is due again.
    let later = pollster::block_on(outbox::claim_due(&t.app.db, now + 120, now + 240, 10)).unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(
        later[0].idempotency_key, first[0].idempotency_key,
        "the same message, the same id"
    );
}

#[test]
fn the_manual_run_is_for_development_only_and_reports_counts() {
    let t = production();
    let r = t.post_json("/api/dev/run-scheduled", &[], &json!({}));
    assert_eq!(r.status, 404);
    let t = TestApp::new();
    provision(&t);
    let r = t.post_json("/api/dev/run-scheduled", &[], &json!({}));
    assert_eq!(r.status, 200);
    assert_eq!(body(&r), json!({"delivered": 1, "failed": 0, "pending": 0}));
    let r = t.post_json("/api/dev/run-scheduled", &[], &json!({"at": "morgen"}));
    assert_eq!(
        (r.status, body(&r)["error"]["field"].clone()),
        (422, json!("at"))
    );
}

#[test]
fn the_clean_up_removes_what_has_served_its_purpose() {
    let t = production();
    provision(&t);
    deliver(&t);
    let now = t.time.get();
    let day = 86_400;
    let fixtures = [
        format!("INSERT INTO rate_limits VALUES ('login-address:192.0.2.1', {}, 3), ('login-address:192.0.2.2', {}, 1)", now - 2 * 3600, now - 60),
        format!("INSERT INTO sessions (id, user_id, created_at, expires_at) SELECT 'old', id, {}, {} FROM users", now - 40 * day, now - day),
        format!("INSERT INTO sessions (id, user_id, created_at, expires_at) SELECT 'live', id, {now}, {} FROM users", now + day),
        format!("INSERT INTO auth_tokens SELECT 'expired', id, 'password_reset', {}, NULL FROM users", now - 1),
        format!(
            "INSERT INTO security_events (employer_id, kind, address, created_at) SELECT id, 'sign_in_ok', '192.0.2.9', {} FROM employers",
            now - 800 * day
        ),
        format!(
            "INSERT INTO security_events (employer_id, kind, address, created_at) SELECT id, 'sign_in_ok', '192.0.2.8', {} FROM employers",
            now - 100 * day
        ),
        format!(
            "INSERT INTO security_events (employer_id, kind, address, created_at) SELECT id, 'sign_in_ok', '192.0.2.7', {} FROM employers",
            now - 10 * day
        ),
    ];
    for sql in &fixtures {
        let sql: &'static str = Box::leak(sql.clone().into_boxed_str());
        pollster::block_on(t.app.db.batch(vec![Statement::new(sql, vec![])])).unwrap();
    }
    let tokens_before = t.count("auth_tokens");
    let log_before = t.count("security_events");
    let counts = pollster::block_on(
        t.app
            .run_scheduled(&TestClock(t.time.clone()) as &dyn Clock, true),
    )
    .unwrap();
    assert_eq!(counts.pending, 0);
    assert_eq!(
        t.count("rate_limits"),
        1,
        "only the window that has not ended"
    );
    let sessions: Vec<Value> = pollster::block_on(
        t.app
            .db
            .all(Statement::new("SELECT id FROM sessions", vec![])),
    )
    .unwrap();
    assert_eq!(sessions, vec![json!({"id": "live"})]);
    assert_eq!(
        t.count("auth_tokens"),
        tokens_before - 1,
        "the expired token; the activation token is still valid"
    );
    assert_eq!(
        t.count("security_events"),
        log_before - 1,
        "older than two years"
    );
    let addresses: Vec<Value> = pollster::block_on(t.app.db.all(Statement::new(
        "SELECT address FROM security_events WHERE kind = 'sign_in_ok' ORDER BY created_at",
        vec![],
    )))
    .unwrap();
    assert_eq!(
        addresses,
        vec![json!({"address": null}), json!({"address": "192.0.2.7"})]
    );
}

/// What a deploy carries: the job every minute and Email Service's binding (the
/// bundle-size check's dry run lists the binding as wrangler reads it).
#[test]
fn the_deployment_declares_the_cron_and_the_email_binding() {
    let toml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wrangler.toml"),
    )
    .unwrap();
    let lines: Vec<&str> = toml
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(lines
        .windows(2)
        .any(|w| w == ["[[send_email]]", "name = \"EMAIL\""]));
    assert!(lines
        .windows(2)
        .any(|w| w == ["[triggers]", "crons = [\"* * * * *\"]"]));
}
