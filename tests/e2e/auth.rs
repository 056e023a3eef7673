//! Sign-in with TOTP, recovery, password reset and user management on the real
//! runtime with D1 (its triggers enforce single use there too).

use serde_json::{json, Value};

use balie_e2e::{now, totp_code, Answer, PASSWORD};

use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "sign_in_with_totp_setup_me_and_logout",
        sign_in_with_totp_setup_me_and_logout,
    ),
    (
        "replayed_codes_and_unknown_emails_are_refused_alike",
        replayed_codes_and_unknown_emails_are_refused_alike,
    ),
    (
        "password_reset_and_recovery_code",
        password_reset_and_recovery_code,
    ),
    (
        "role_change_and_disable_take_effect_at_once",
        role_change_and_disable_take_effect_at_once,
    ),
];

const JSON: (&str, &str) = ("content-type", "application/json");

fn post(ctx: &Ctx, path: &str, cookie: Option<&str>, body: Value) -> Answer {
    let mut headers = vec![JSON];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    ctx.client.post(path, &headers, &body.to_string())
}

fn mailed_token(ctx: &Ctx, to: &str, path: &str) -> String {
    ctx.client.mailed_token(to, path)
}

/// Waits until the next 30-second TOTP step, so a fresh code is not a replay.
fn next_step() {
    let wait = 30 - now() % 30;
    std::thread::sleep(std::time::Duration::from_secs(wait + 1));
}

/// Provisions an employer whose main user is activated and signed in with a first
/// set-up; returns (cookie, secret, recovery codes).
pub(crate) fn main_user(ctx: &Ctx, policy: &str, email: &str) -> (String, String, Vec<String>) {
    let u = ctx.client.provision_and_sign_in(&json!({
        "policy_number": policy, "company_name": "Bakkerij E2E B.V.",
        "main_user": {"name": "E. Eigenaar", "email": email},
        "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon", "start_date": "2024-01-01"}
    }));
    (u.cookie, u.secret, u.recovery_codes)
}

fn sign_in_with_totp_setup_me_and_logout(ctx: &Ctx) {
    let (cookie, _, codes) = main_user(ctx, "990000001", "eigenaar@e2e-een.nl");
    assert_eq!(codes.len(), 10);
    let me = ctx.client.get_with("/api/me", &[("cookie", &cookie)]);
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["employer"]["policy_number"], "990000001");
    assert_eq!(
        me.json()["roles"],
        json!(["user_management", "hr", "finance"])
    );
    let out = post(ctx, "/api/auth/logout", Some(&cookie), json!({}));
    assert_eq!(out.status, 204);
    assert_eq!(
        ctx.client
            .get_with("/api/me", &[("cookie", &cookie)])
            .status,
        401
    );
}

fn replayed_codes_and_unknown_emails_are_refused_alike(ctx: &Ctx) {
    let (_, secret, _) = main_user(ctx, "990000002", "eigenaar@e2e-twee.nl");
    // The set-up's code was spent; a new sign-in in the same step cannot reuse it.
    let login = post(
        ctx,
        "/api/auth/login",
        None,
        json!({"email": "eigenaar@e2e-twee.nl", "password": PASSWORD}),
    )
    .json();
    assert_eq!(login["next"], "totp");
    let replay = post(
        ctx,
        "/api/auth/totp",
        None,
        json!({"challenge": login["challenge"], "code": totp_code(&secret, now())}),
    );
    assert_eq!(
        (replay.status, replay.error_code().as_str()),
        (401, "invalid_code")
    );

    let known = post(
        ctx,
        "/api/auth/login",
        None,
        json!({"email": "eigenaar@e2e-twee.nl", "password": "not the right one"}),
    );
    let unknown = post(
        ctx,
        "/api/auth/login",
        None,
        json!({"email": "niemand@e2e-twee.nl", "password": "not the right one"}),
    );
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_eq!(known.error_code(), "invalid_credentials");
}

fn password_reset_and_recovery_code(ctx: &Ctx) {
    let (cookie, _, codes) = main_user(ctx, "990000003", "eigenaar@e2e-drie.nl");
    let forgot = post(
        ctx,
        "/api/auth/password/forgot",
        None,
        json!({"email": "eigenaar@e2e-drie.nl"}),
    );
    assert_eq!(forgot.status, 202);
    let token = mailed_token(ctx, "eigenaar@e2e-drie.nl", "/wachtwoord-herstellen");
    let new_password = "another long passphrase";
    assert_eq!(
        post(
            ctx,
            "/api/auth/password/reset",
            None,
            json!({"token": token, "password": new_password})
        )
        .status,
        200
    );
    assert_eq!(
        ctx.client
            .get_with("/api/me", &[("cookie", &cookie)])
            .status,
        401,
        "sessions ended"
    );
    let reuse = post(
        ctx,
        "/api/auth/password/reset",
        None,
        json!({"token": token, "password": new_password}),
    );
    assert_eq!(
        (reuse.status, reuse.error_code().as_str()),
        (400, "invalid_token")
    );

    let login = post(
        ctx,
        "/api/auth/login",
        None,
        json!({"email": "eigenaar@e2e-drie.nl", "password": new_password}),
    )
    .json();
    assert_eq!(login["next"], "totp", "TOTP kept");
    let r = post(
        ctx,
        "/api/auth/recovery",
        None,
        json!({"challenge": login["challenge"], "recovery_code": codes[3]}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let setup = r.json();
    assert_eq!(setup["next"], "totp_setup");
    next_step();
    let confirm = post(
        ctx,
        "/api/auth/totp",
        None,
        json!({"challenge": setup["challenge"], "code": totp_code(setup["secret"].as_str().unwrap(), now())}),
    );
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert_eq!(
        confirm.json()["recovery_codes"].as_array().unwrap().len(),
        10
    );
}

fn role_change_and_disable_take_effect_at_once(ctx: &Ctx) {
    let (manager, _, _) = main_user(ctx, "990000004", "eigenaar@e2e-vier.nl");
    let (other, _, _) = main_user(ctx, "990000005", "eigenaar@e2e-vijf.nl");
    let r = post(
        ctx,
        "/api/users",
        Some(&manager),
        json!({"name": "C. Collega", "email": "c.collega@e2e-vier.nl", "roles": ["user_management"]}),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let colleague = ctx
        .client
        .activate_and_sign_in("c.collega@e2e-vier.nl")
        .cookie;
    assert_eq!(
        ctx.client
            .get_with("/api/users", &[("cookie", &colleague)])
            .status,
        200
    );

    let path = format!("/api/users/{id}");
    let patch = |cookie: &str, body: Value| {
        ctx.client
            .patch(&path, &[("cookie", cookie), JSON], &body.to_string())
    };
    assert_eq!(
        patch(&other, json!({"status": "disabled"})).status,
        404,
        "another employer's user"
    );
    assert_eq!(patch(&manager, json!({"roles": ["hr"]})).status, 200);
    assert_eq!(
        ctx.client
            .get_with("/api/users", &[("cookie", &colleague)])
            .status,
        403
    );
    assert_eq!(patch(&manager, json!({"status": "disabled"})).status, 200);
    assert_eq!(
        ctx.client
            .get_with("/api/me", &[("cookie", &colleague)])
            .status,
        401
    );
    let log = ctx
        .client
        .get_with("/api/security-log", &[("cookie", &manager)])
        .json();
    assert_eq!(log["events"][0]["kind"], "user_disabled");
}
