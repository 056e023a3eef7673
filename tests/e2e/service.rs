//! Health, OpenAPI, static pages and the headers on every answer.

use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "health_answers_ok_with_version",
        health_answers_ok_with_version,
    ),
    (
        "api_and_pages_carry_security_headers",
        api_and_pages_carry_security_headers,
    ),
    ("root_redirects_to_dutch_home", root_redirects_to_dutch_home),
    ("unknown_paths_answer_404", unknown_paths_answer_404),
    ("openapi_document_is_served", openapi_document_is_served),
];

fn health_answers_ok_with_version(ctx: &Ctx) {
    let r = ctx.client.get("/api/health");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
    assert!(r.json()["version"]
        .as_str()
        .is_some_and(|v| v.split('.').count() == 3));
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
}

fn api_and_pages_carry_security_headers(ctx: &Ctx) {
    for path in [
        "/api/health",
        "/nl/",
        "/en/",
        "/static/style.css",
        "/api/nope",
        "/nl/bestaat-niet/",
    ] {
        let r = ctx.client.get(path);
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(r.header("referrer-policy").is_some(), "{path}");
        assert_eq!(r.header("x-request-id").map(str::len), Some(16), "{path}");
        // The dev server runs with ENVIRONMENT=development: no HSTS on plain http.
        assert!(r.header("strict-transport-security").is_none(), "{path}");
    }
}

fn root_redirects_to_dutch_home(ctx: &Ctx) {
    let r = ctx.client.get("/");
    assert!(matches!(r.status, 301 | 302 | 307 | 308), "{}", r.status);
    assert_eq!(r.header("location"), Some("/nl/"));
    let home = ctx.client.get("/nl/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"nl\">"));
    assert!(
        home.body.contains("href=\"/en/\""),
        "language switch to the English home"
    );
}

fn unknown_paths_answer_404(ctx: &Ctx) {
    let r = ctx.client.get("/api/does-not-exist");
    assert_eq!(r.status, 404);
    assert_eq!(r.error_code(), "not_found");
    let page = ctx.client.get("/nl/bestaat-niet/");
    assert_eq!(page.status, 404);
    assert!(page.body.contains("Pagina niet gevonden"));
}

fn openapi_document_is_served(ctx: &Ctx) {
    let r = ctx.client.get("/api/openapi.json");
    assert_eq!(r.status, 200);
    let spec = r.json();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/admin/employers"]["post"].is_object());
}
