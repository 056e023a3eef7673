//! Accounts and sign-in through the router against SQLite: activation, password
//! then TOTP, replay and skew, lockout and its expiry, recovery codes, password
//! reset, logout, cookie flags and no account enumeration.

use crate::support::{body, error_of, TestApp, START};
use serde_json::{json, Value};

use crate::support::accounts::*;

#[test]
fn activation_sign_in_with_totp_setup_and_me() {
    let t = TestApp::new();
    assert_eq!(
        t.admin_post(
            "/api/admin/employers",
            &employer("770000001", "j.devries@goudenkorst.nl")
        )
        .status,
        201
    );
    let token = mailed_token(&t, "j.devries@goudenkorst.nl", "/activeren");

    // Weak passwords are refused with the field; the token stays usable.
    for weak in [
        "kort",
        "wachtwoord12345",
        "devries-is-de-baas",
        &"x".repeat(1_000_000),
    ] {
        let r = post(
            &t,
            "/api/auth/activate",
            json!({"token": token, "password": weak}),
        );
        assert_eq!(r.status, 422, "{}", &weak[..weak.len().min(20)]);
        assert_eq!(
            error_of(&r),
            ("weak_password".into(), Some("password".into()))
        );
    }
    assert_eq!(
        post(
            &t,
            "/api/auth/activate",
            json!({"token": token, "password": PASSWORD})
        )
        .status,
        200
    );
    let again = post(
        &t,
        "/api/auth/activate",
        json!({"token": token, "password": PASSWORD}),
    );
    assert_eq!(
        (again.status, error_of(&again).0.as_str()),
        (400, "invalid_token")
    );

    let login = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "J.DeVries@goudenkorst.nl", "password": PASSWORD}),
    ));
    assert_eq!(login["next"], "totp_setup");
    let secret = login["secret"].as_str().unwrap();
    assert_eq!(base32_decode(secret).len(), 20, "160-bit secret");
    let uri = login["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/Testverzekeraar:j.devries%40goudenkorst.nl?"),
        "{uri}"
    );
    assert!(login["qr_svg"].as_str().unwrap().contains("<svg"));

    let wrong = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": login["challenge"], "code": "000000"}),
    );
    assert_eq!(
        (wrong.status, error_of(&wrong).0.as_str()),
        (401, "invalid_code")
    );
    assert!(
        wrong.header("set-cookie").is_none(),
        "never a session on a wrong code"
    );

    let r = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": login["challenge"], "code": code(secret, START)}),
    );
    assert_eq!(r.status, 200);
    let codes = body(&r)["recovery_codes"].as_array().unwrap().clone();
    assert_eq!(codes.len(), 10);
    let cookie = cookie_of(&r);
    let me = body(&get_with(&t, "/api/me", &cookie));
    assert_eq!(me["email"], "j.devries@goudenkorst.nl");
    assert_eq!(me["roles"], json!(["user_management", "hr", "finance"]));
    assert_eq!(me["employer"]["policy_number"], "770000001");
    assert_eq!(t.get("/api/me").status, 401);
}

#[test]
fn cookie_flags_follow_the_environment() {
    for (development, secure) in [(true, false), (false, true)] {
        let t = TestApp::with_config(crate::support::config(development));
        let mut cfg_check = t.admin_post(
            "/api/admin/employers",
            &employer("770000009", "a.b@korst.nl"),
        );
        assert_eq!(cfg_check.status, 201);
        // Read the activation token from the database mail (the dev outbox is off in production).
        let rows: Vec<Value> = pollster::block_on(balie_functions::store::Db::all(
            &t.app.db,
            balie_functions::store::Statement::new("SELECT body_text FROM outbox", vec![]),
        ))
        .unwrap();
        let text = rows[0]["body_text"].as_str().unwrap();
        let start = text.find("token=").unwrap() + 6;
        let token: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            post(
                &t,
                "/api/auth/activate",
                json!({"token": token, "password": PASSWORD})
            )
            .status,
            200
        );
        let login = body(&post(
            &t,
            "/api/auth/login",
            json!({"email": "a.b@korst.nl", "password": PASSWORD}),
        ));
        cfg_check = post(
            &t,
            "/api/auth/totp",
            json!({"challenge": login["challenge"], "code": code(login["secret"].as_str().unwrap(), START)}),
        );
        let set = cfg_check.header("set-cookie").unwrap();
        assert!(
            set.starts_with("session=")
                && set.contains("; HttpOnly")
                && set.contains("; SameSite=Strict")
                && set.contains("; Path=/"),
            "{set}"
        );
        assert_eq!(set.contains("; Secure"), secure, "{set}");
        // Beside it, the header's hint: readable by scripts, granting nothing.
        let cookies: Vec<&str> = cookies_set(&cfg_check);
        assert_eq!(cookies.len(), 2, "{cookies:?}");
        let hint = cookies[1];
        assert!(
            hint.starts_with("signed_in=1;")
                && !hint.contains("HttpOnly")
                && hint.contains("; Max-Age=28800"),
            "{hint}"
        );
        assert_eq!(hint.contains("; Secure"), secure, "{hint}");
    }
}

fn cookies_set(r: &balie_functions::http::Response) -> Vec<&str> {
    r.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn codes_are_single_use_with_one_step_of_skew() {
    let t = TestApp::new();
    let (_, secret, _) = signed_in_main_user(&t, "770000002", "eigenaar@korst.nl");
    let login = |t: &TestApp| {
        body(&post(
            t,
            "/api/auth/login",
            json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
        ))
    };

    // The code that completed the set-up cannot sign in again in the same step.
    let l = login(&t);
    assert_eq!(l["next"], "totp");
    let replay = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(error_of(&replay).0, "invalid_code");

    next_step(&t);
    next_step(&t);
    // Two steps old: refused. One step old: accepted once.
    let old2 = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get() - 60)}),
    );
    assert_eq!(error_of(&old2).0, "invalid_code");
    let old1 = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get() - 30)}),
    );
    assert_eq!(old1.status, 200);
    // The spent challenge cannot be used again, even with a fresh code.
    next_step(&t);
    let reuse = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(error_of(&reuse).0, "invalid_challenge");
    // One step ahead is accepted too.
    let l = login(&t);
    let ahead = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get() + 30)}),
    );
    assert_eq!(ahead.status, 200);
}

#[test]
fn five_wrong_codes_kill_the_challenge_and_challenges_expire() {
    let t = TestApp::new();
    let (_, secret, _) = signed_in_main_user(&t, "770000003", "eigenaar@korst.nl");
    next_step(&t);
    let l = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    ));
    for _ in 0..5 {
        let r = post(
            &t,
            "/api/auth/totp",
            json!({"challenge": l["challenge"], "code": "123456"}),
        );
        assert_eq!(error_of(&r).0, "invalid_code");
    }
    let r = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(
        (r.status, error_of(&r).0.as_str()),
        (401, "invalid_challenge")
    );

    let l = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    ));
    t.time.set(t.time.get() + 10 * 60 + 1);
    let r = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(error_of(&r).0, "invalid_challenge");
    for bad in [
        json!({"challenge": "forged", "code": "123456"}),
        json!({"challenge": l["challenge"], "code": 123456}),
    ] {
        let r = post(&t, "/api/auth/totp", bad);
        assert!(matches!(r.status, 401 | 422), "{}", r.status);
    }
}

#[test]
fn unknown_and_known_emails_answer_identically() {
    let t = TestApp::new();
    signed_in_main_user(&t, "770000004", "eigenaar@korst.nl");
    let known = post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": "wrong password here"}),
    );
    let unknown = post(
        &t,
        "/api/auth/login",
        json!({"email": "niemand@korst.nl", "password": "wrong password here"}),
    );
    let malformed = post(
        &t,
        "/api/auth/login",
        json!({"email": "geen adres", "password": "wrong password here"}),
    );
    for r in [&known, &unknown, &malformed] {
        assert_eq!(r.status, 401);
        assert_eq!(r.body, known.body);
    }
    assert_eq!(error_of(&known).0, "invalid_credentials");
    let f_known = post(
        &t,
        "/api/auth/password/forgot",
        json!({"email": "eigenaar@korst.nl"}),
    );
    let f_unknown = post(
        &t,
        "/api/auth/password/forgot",
        json!({"email": "niemand@korst.nl"}),
    );
    assert_eq!(
        (f_known.status, &f_known.body),
        (f_unknown.status, &f_unknown.body)
    );
    assert_eq!(body(&f_known), json!({"status": "accepted"}));
    assert_eq!(f_known.status, 202);
}

#[test]
fn ten_failed_passwords_lock_the_account_until_the_window_ends() {
    let t = TestApp::new();
    signed_in_main_user(&t, "770000005", "eigenaar@korst.nl");
    // Start at a window boundary so the arithmetic below is exact.
    let window = 15 * 60;
    t.time.set(t.time.get() - t.time.get() % window + window);
    for _ in 0..10 {
        let r = post(
            &t,
            "/api/auth/login",
            json!({"email": "eigenaar@korst.nl", "password": "not the password"}),
        );
        assert_eq!(r.status, 401);
    }
    let locked = post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    );
    assert_eq!(
        (locked.status, error_of(&locked).0.as_str()),
        (429, "too_many_attempts")
    );
    assert_eq!(locked.header("retry-after"), Some("900"));
    // An unknown address is limited the same way, so the 429 reveals nothing.
    for _ in 0..10 {
        post(
            &t,
            "/api/auth/login",
            json!({"email": "niemand@korst.nl", "password": "x"}),
        );
    }
    assert_eq!(
        post(
            &t,
            "/api/auth/login",
            json!({"email": "niemand@korst.nl", "password": "x"})
        )
        .status,
        429
    );
    t.time.set(t.time.get() + window);
    let after = post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    );
    assert_eq!(after.status, 200, "the lockout is timed, never permanent");
}

#[test]
fn recovery_code_replaces_the_app_once() {
    let t = TestApp::new();
    let (_, old_secret, codes) = signed_in_main_user(&t, "770000006", "eigenaar@korst.nl");
    next_step(&t);
    let l = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    ));
    let wrong = post(
        &t,
        "/api/auth/recovery",
        json!({"challenge": l["challenge"], "recovery_code": "AAAA-BBBB-CCCC-DDDD"}),
    );
    assert_eq!(
        (wrong.status, error_of(&wrong).0.as_str()),
        (401, "invalid_code")
    );

    let typed = codes[0].to_lowercase().replace('-', " ");
    let r = post(
        &t,
        "/api/auth/recovery",
        json!({"challenge": l["challenge"], "recovery_code": typed}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert!(
        r.header("set-cookie").is_none(),
        "no session before the new app is confirmed"
    );
    let setup = body(&r);
    assert_eq!(setup["next"], "totp_setup");
    let new_secret = setup["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, old_secret);
    let outbox = body(&t.get("/api/dev/outbox"));
    assert!(outbox["messages"][0]["subject"]
        .as_str()
        .unwrap()
        .contains("Tweestapsverificatie opnieuw ingesteld"));

    // The spent code is refused on a new attempt; the old app no longer counts.
    let l2 = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    ));
    assert_eq!(l2["next"], "totp_setup", "the old TOTP secret is gone");
    next_step(&t);
    let confirm = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": setup["challenge"], "code": code(&new_secret, t.time.get())}),
    );
    assert_eq!(confirm.status, 200);
    let new_codes = body(&confirm)["recovery_codes"].as_array().unwrap().clone();
    assert_eq!(new_codes.len(), 10);

    next_step(&t);
    let l3 = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": PASSWORD}),
    ));
    assert_eq!(l3["next"], "totp");
    for old in [&codes[0], &codes[1]] {
        let r = post(
            &t,
            "/api/auth/recovery",
            json!({"challenge": l3["challenge"], "recovery_code": old}),
        );
        assert_eq!(
            error_of(&r).0,
            "invalid_code",
            "old codes are replaced by the new set"
        );
    }
    let old_app = post(
        &t,
        "/api/auth/totp",
        json!({"challenge": l3["challenge"], "code": code(&old_secret, t.time.get())}),
    );
    assert_eq!(error_of(&old_app).0, "invalid_code");
}

#[test]
fn password_reset_ends_sessions_keeps_totp_and_is_single_use() {
    let t = TestApp::new();
    let (cookie, secret, _) = signed_in_main_user(&t, "770000007", "eigenaar@korst.nl");
    assert_eq!(get_with(&t, "/api/me", &cookie).status, 200);
    assert_eq!(
        post(
            &t,
            "/api/auth/password/forgot",
            json!({"email": "eigenaar@korst.nl"})
        )
        .status,
        202
    );
    let token = mailed_token(&t, "eigenaar@korst.nl", "/wachtwoord-herstellen");
    let new_password = "a brand new long passphrase";
    let weak = post(
        &t,
        "/api/auth/password/reset",
        json!({"token": token, "password": "short"}),
    );
    assert_eq!(error_of(&weak).0, "weak_password");
    assert_eq!(
        post(
            &t,
            "/api/auth/password/reset",
            json!({"token": token, "password": new_password})
        )
        .status,
        200
    );
    assert_eq!(
        get_with(&t, "/api/me", &cookie).status,
        401,
        "every session ended"
    );
    let reuse = post(
        &t,
        "/api/auth/password/reset",
        json!({"token": token, "password": new_password}),
    );
    assert_eq!(
        (reuse.status, error_of(&reuse).0.as_str()),
        (400, "invalid_token")
    );
    let outbox = body(&t.get("/api/dev/outbox"));
    assert!(outbox["messages"][0]["subject"]
        .as_str()
        .unwrap()
        .contains("Uw wachtwoord is gewijzigd"));

    next_step(&t);
    let l = body(&post(
        &t,
        "/api/auth/login",
        json!({"email": "eigenaar@korst.nl", "password": new_password}),
    ));
    assert_eq!(l["next"], "totp", "TOTP stays as it was");
    assert_eq!(
        post(
            &t,
            "/api/auth/totp",
            json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())})
        )
        .status,
        200
    );

    // A reset link expires after 60 minutes.
    post(
        &t,
        "/api/auth/password/forgot",
        json!({"email": "eigenaar@korst.nl"}),
    );
    let late = mailed_token(&t, "eigenaar@korst.nl", "/wachtwoord-herstellen");
    t.time.set(t.time.get() + 60 * 60 + 1);
    let r = post(
        &t,
        "/api/auth/password/reset",
        json!({"token": late, "password": "yet another long passphrase"}),
    );
    assert_eq!(error_of(&r).0, "invalid_token");
}

#[test]
fn activation_links_expire_after_seven_days() {
    let t = TestApp::new();
    assert_eq!(
        t.admin_post(
            "/api/admin/employers",
            &employer("770000008", "laat@korst.nl")
        )
        .status,
        201
    );
    let token = mailed_token(&t, "laat@korst.nl", "/activeren");
    t.time.set(START + 7 * 24 * 3600 + 1);
    let r = post(
        &t,
        "/api/auth/activate",
        json!({"token": token, "password": PASSWORD}),
    );
    assert_eq!((r.status, error_of(&r).0.as_str()), (400, "invalid_token"));
    let forged = post(
        &t,
        "/api/auth/activate",
        json!({"token": "x".repeat(43), "password": PASSWORD}),
    );
    assert_eq!(error_of(&forged).0, "invalid_token");
}

#[test]
fn logout_kills_the_session_server_side() {
    let t = TestApp::new();
    let (cookie, _, _) = signed_in_main_user(&t, "770000010", "eigenaar@korst.nl");
    let r = t.send(crate::support::request(
        balie_functions::http::Method::Post,
        "/api/auth/logout",
        &[("cookie", &cookie)],
        b"",
    ));
    assert_eq!(r.status, 204);
    let cleared = cookies_set(&r);
    assert!(
        cleared.len() == 2 && cleared.iter().all(|c| c.contains("Max-Age=0")),
        "session and hint both cleared: {cleared:?}"
    );
    assert!(cleared[1].starts_with("signed_in=;"), "{cleared:?}");
    assert_eq!(
        get_with(&t, "/api/me", &cookie).status,
        401,
        "a copied cookie is dead too"
    );
    for bad in ["session=", "session=abc.def.ghi", "other=1"] {
        assert_eq!(get_with(&t, "/api/me", bad).status, 401, "{bad}");
    }
}

#[test]
fn sessions_renew_while_used_and_end_when_idle() {
    let t = TestApp::new();
    let (cookie, _, _) = signed_in_main_user(&t, "770000011", "eigenaar@korst.nl");
    t.time.set(t.time.get() + 6 * 60);
    let r = get_with(&t, "/api/me", &cookie);
    assert_eq!(r.status, 200);
    let renewed = cookie_of(&r);
    assert_ne!(renewed, cookie);
    t.time.set(t.time.get() + 14 * 60);
    assert_eq!(
        get_with(&t, "/api/me", &cookie).status,
        401,
        "the old token expired"
    );
    assert_eq!(get_with(&t, "/api/me", &renewed).status, 200);
    t.time.set(t.time.get() + 16 * 60);
    assert_eq!(
        get_with(&t, "/api/me", &renewed).status,
        401,
        "idle for longer than a token lives"
    );
}

#[test]
fn cross_site_sign_in_is_refused() {
    let t = TestApp::new();
    let r = t.post_json(
        "/api/auth/login",
        &[("sec-fetch-site", "cross-site")],
        &json!({"email": "a@korst.nl", "password": PASSWORD}),
    );
    assert_eq!(r.status, 403);
}
