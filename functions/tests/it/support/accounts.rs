//! Signing users in through the real endpoints, for the account tests.

use serde_json::{json, Value};

use balie_functions::http::{Method, Response};

use super::{body, request, TestApp};

pub const PASSWORD: &str = "correct horse battery staple";

pub fn employer(policy: &str, email: &str) -> Value {
    json!({
        "policy_number": policy, "company_name": "Bakkerij De Gouden Korst B.V.",
        "main_user": {"name": "J. de Vries", "email": email},
        "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon", "start_date": "2024-01-01"}
    })
}

/// RFC 4648 base32 (no padding), as authenticator apps read the shown secret.
pub fn base32_decode(s: &str) -> Vec<u8> {
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => continue,
        };
        bits = (bits << 5) | u64::from(v);
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

pub fn code(secret_b32: &str, at: i64) -> String {
    balie_functions::domain::totp::code_at(&base32_decode(secret_b32), at as u64)
}

/// The token of the newest link to `path` mailed to `to`.
pub fn mailed_token(t: &TestApp, to: &str, path: &str) -> String {
    let outbox = body(&t.get("/api/dev/outbox"));
    let mail = outbox["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == to && m["text"].as_str().unwrap().contains(path))
        .unwrap_or_else(|| panic!("a mail to {to} with {path}"))
        .clone();
    let text = mail["text"].as_str().unwrap();
    let start = text.find(&format!("{path}?token=")).unwrap() + path.len() + 7;
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

pub fn post(t: &TestApp, path: &str, b: Value) -> balie_functions::http::Response {
    t.post_json(path, &[], &b)
}

pub fn cookie_of(resp: &balie_functions::http::Response) -> String {
    let set = resp.header("set-cookie").expect("set-cookie");
    set.split(';').next().unwrap().to_owned()
}

pub fn get_with(t: &TestApp, path: &str, cookie: &str) -> balie_functions::http::Response {
    t.send(super::request(
        balie_functions::http::Method::Get,
        path,
        &[("cookie", cookie)],
        b"",
    ))
}

/// Provisions an employer, activates its main user and signs in with a first
/// TOTP set-up. Returns (session cookie, TOTP secret, recovery codes).
pub fn signed_in_main_user(
    t: &TestApp,
    policy: &str,
    email: &str,
) -> (String, String, Vec<String>) {
    signed_in_main_user_of(t, &employer(policy, email))
}

/// As [`signed_in_main_user`], for a provisioning body of the test's own
/// (another policy, say).
pub fn signed_in_main_user_of(t: &TestApp, employer: &Value) -> (String, String, Vec<String>) {
    let email = employer["main_user"]["email"]
        .as_str()
        .expect("main_user.email");
    let r = t.admin_post("/api/admin/employers", employer);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    sign_in_invited(t, email)
}

/// Activates the invited `email` from its mailed link and signs in with a first
/// TOTP set-up. Returns (session cookie, TOTP secret, recovery codes).
pub fn sign_in_invited(t: &TestApp, email: &str) -> (String, String, Vec<String>) {
    let token = mailed_token(t, email, "/activeren");
    let r = post(
        t,
        "/api/auth/activate",
        json!({"token": token, "password": PASSWORD}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let login = body(&post(
        t,
        "/api/auth/login",
        json!({"email": email, "password": PASSWORD}),
    ));
    assert_eq!(login["next"], "totp_setup");
    let secret = login["secret"].as_str().unwrap().to_owned();
    let r = post(
        t,
        "/api/auth/totp",
        json!({"challenge": login["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let codes = body(&r)["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (cookie_of(&r), secret, codes)
}

pub fn next_step(t: &TestApp) {
    t.time.set(t.time.get() + 30);
}

/// A request with the session cookie and, when given, a JSON body.
pub fn send(t: &TestApp, method: Method, path: &str, cookie: &str, b: Option<Value>) -> Response {
    let data = b.map(|v| v.to_string()).unwrap_or_default();
    t.send(request(
        method,
        path,
        &[("cookie", cookie), ("content-type", "application/json")],
        data.as_bytes(),
    ))
}

/// Invites a colleague with `roles`, activates and signs them in; returns their id and cookie.
pub fn colleague(t: &TestApp, manager: &str, email: &str, roles: &[&str]) -> (String, String) {
    let r = send(
        t,
        Method::Post,
        "/api/users",
        manager,
        Some(json!({"name": "A. Collega", "email": email, "roles": roles})),
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let id = body(&r)["id"].as_str().unwrap().to_owned();
    let token = mailed_token(t, email, "/activeren");
    assert_eq!(
        post(
            t,
            "/api/auth/activate",
            json!({"token": token, "password": PASSWORD})
        )
        .status,
        200
    );
    let l = body(&post(
        t,
        "/api/auth/login",
        json!({"email": email, "password": PASSWORD}),
    ));
    let secret = l["secret"].as_str().unwrap().to_owned();
    let r = post(
        t,
        "/api/auth/totp",
        json!({"challenge": l["challenge"], "code": code(&secret, t.time.get())}),
    );
    assert_eq!(r.status, 200);
    (id, cookie_of(&r))
}
