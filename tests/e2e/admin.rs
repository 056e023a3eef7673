//! Provisioning through the real runtime and D1, and the development mailbox.

use serde_json::{json, Value};

use balie_e2e::Server;

use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "provisioning_writes_everything_and_mails_the_link",
        provisioning_writes_everything_and_mails_the_link,
    ),
    (
        "provisioning_refuses_bad_requests_without_500",
        provisioning_refuses_bad_requests_without_500,
    ),
    (
        "refused_provisioning_leaves_no_partial_rows",
        refused_provisioning_leaves_no_partial_rows,
    ),
];

fn employer(policy_number: &str, email: &str) -> Value {
    json!({
        "policy_number": policy_number,
        "company_name": "Bakkerij De Gouden Korst B.V.",
        "main_user": {"name": "J. de Vries", "email": email},
        "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon",
                   "start_date": "2024-01-01", "wage_cap": "none", "provisional_premium": {"2024": "10200.00"}}
    })
}

fn provision(ctx: &Ctx, body: &Value) -> balie_e2e::Answer {
    let auth = format!("Bearer {}", Server::admin_token());
    ctx.client.post(
        "/api/admin/employers",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        &body.to_string(),
    )
}

fn outbox(ctx: &Ctx) -> Vec<Value> {
    ctx.client.get("/api/dev/outbox").json()["messages"]
        .as_array()
        .unwrap()
        .clone()
}

fn provisioning_writes_everything_and_mails_the_link(ctx: &Ctx) {
    let r = provision(ctx, &employer("880000001", "eigenaar@korst-e2e.nl"));
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(
        r.json()["employer_id"].as_str().is_some() && r.json()["main_user_id"].as_str().is_some()
    );
    let mail = outbox(ctx)
        .into_iter()
        .find(|m| m["to"] == "eigenaar@korst-e2e.nl")
        .expect("activation mail");
    let text = mail["text"].as_str().unwrap();
    assert!(
        text.contains(&format!("{}/activeren?token=", ctx.url)),
        "absolute link in {text}"
    );
    assert!(mail["sent_at"].as_str().unwrap().ends_with('Z'));

    let again = provision(ctx, &employer("880000001", "ander@korst-e2e.nl"));
    assert_eq!(again.status, 409);
    assert_eq!(again.error_code(), "policy_number_exists");
}

fn provisioning_refuses_bad_requests_without_500(ctx: &Ctx) {
    let auth = format!("Bearer {}", Server::admin_token());
    let json = ("content-type", "application/json");
    let body = employer("880000002", "x@korst-e2e.nl").to_string();
    let c = &ctx.client;
    assert_eq!(c.post("/api/admin/employers", &[json], &body).status, 401);
    assert_eq!(
        c.post(
            "/api/admin/employers",
            &[("authorization", "Bearer nope"), json],
            &body
        )
        .status,
        401
    );
    let with_auth = [("authorization", auth.as_str()), json];
    assert_eq!(
        c.post("/api/admin/employers", &with_auth, "{\"policy")
            .status,
        400
    );
    let text = [
        ("authorization", auth.as_str()),
        ("content-type", "text/plain"),
    ];
    assert_eq!(c.post("/api/admin/employers", &text, &body).status, 415);
    for (pointer, value, field) in [
        (
            "/policy/premium_rate_percent",
            json!("101"),
            "policy.premium_rate_percent",
        ),
        (
            "/policy/insured_wage",
            json!("netto"),
            "policy.insured_wage",
        ),
        ("/main_user/email", json!("geen-adres"), "main_user.email"),
        ("/policy_number", json!("12"), "policy_number"),
    ] {
        let mut b = employer("880000002", "x@korst-e2e.nl");
        *b.pointer_mut(pointer).unwrap() = value;
        let r = provision(ctx, &b);
        assert_eq!(r.status, 422, "{pointer}");
        assert_eq!(r.json()["error"]["field"], field);
    }
    let cross = [
        ("authorization", auth.as_str()),
        json,
        ("origin", "https://evil.example"),
    ];
    assert_eq!(c.post("/api/admin/employers", &cross, &body).status, 403);
}

fn refused_provisioning_leaves_no_partial_rows(ctx: &Ctx) {
    assert_eq!(
        provision(ctx, &employer("880000003", "bezet@korst-e2e.nl")).status,
        201
    );
    let mails_before = outbox(ctx).len();
    // A new policy number with a taken e-mail is refused as a whole ...
    let r = provision(ctx, &employer("880000004", "bezet@korst-e2e.nl"));
    assert_eq!(r.status, 409);
    assert_eq!(r.error_code(), "email_taken");
    assert_eq!(
        outbox(ctx).len(),
        mails_before,
        "no e-mail for a refused request"
    );
    // ... so that policy number is still free: no employer row was left behind.
    assert_eq!(
        provision(ctx, &employer("880000004", "vrij@korst-e2e.nl")).status,
        201
    );
    assert_eq!(outbox(ctx).len(), mails_before + 1);
}
