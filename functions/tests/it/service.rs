//! Health, OpenAPI, routing and the headers every answer carries.

use std::collections::BTreeSet;

use crate::support::{body, error_of, request, TestApp};
use balie_functions::http::router::ROUTES;
use balie_functions::http::Method;
use serde_json::Value;

#[test]
fn health_answers_with_version_and_security_headers() {
    let t = TestApp::with_config(crate::support::config(false));
    let r = t.get("/api/health");
    assert_eq!(r.status, 200);
    assert_eq!(
        body(&r),
        serde_json::json!({"status":"ok","version": env!("CARGO_PKG_VERSION")})
    );
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    assert!(!r
        .header("content-security-policy")
        .unwrap()
        .contains("unsafe-inline"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r.header("referrer-policy").is_some());
    assert!(
        r.header("strict-transport-security").is_some(),
        "HSTS in production"
    );
    assert_eq!(r.header("x-request-id").map(str::len), Some(16));
}

#[test]
fn request_ids_differ_and_development_has_no_hsts() {
    let t = TestApp::new();
    let a = t.get("/api/health");
    let b = t.get("/api/health");
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"));
    assert!(a.header("strict-transport-security").is_none());
}

#[test]
fn unknown_routes_get_the_json_error_body() {
    let t = TestApp::new();
    let r = t.get("/api/does-not-exist");
    assert_eq!(r.status, 404);
    assert_eq!(error_of(&r).0, "not_found");
    assert!(r.header("x-content-type-options").is_some());
    let r = t.send(request(Method::Delete, "/api/health", &[], b""));
    assert_eq!(r.status, 405);
    assert_eq!(error_of(&r).0, "method_not_allowed");
}

/// Whether a concrete path fits a route template (`{name}` is one non-empty segment).
fn fits(template: &str, path: &str) -> bool {
    let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| t == p || (t.starts_with('{') && !p.is_empty()))
}

#[test]
fn a_405_names_the_methods_of_its_path_in_allow() {
    let t = TestApp::new();
    let all = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];
    for (_, template, _) in ROUTES {
        let path = template
            .split('/')
            .map(|s| if s.starts_with('{') { "2025" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        // A path one template spells out literally is that template's only.
        let literal = ROUTES.iter().any(|(_, t, _)| *t == path);
        let mut expected: Vec<&str> = Vec::new();
        for (m, other, _) in ROUTES {
            let counts = if literal {
                *other == path
            } else {
                fits(other, &path)
            };
            if counts && !expected.contains(&m.as_upper()) {
                expected.push(m.as_upper());
            }
        }
        let refused = all
            .iter()
            .find(|m| !expected.contains(&m.as_upper()))
            .expect("no path has every method");
        let r = t.send(request(*refused, &path, &[], b""));
        assert_eq!(r.status, 405, "{refused:?} {path}");
        assert_eq!(error_of(&r).0, "method_not_allowed");
        let allow: BTreeSet<&str> = r
            .header("allow")
            .unwrap_or_else(|| panic!("{refused:?} {path}: no Allow header"))
            .split(", ")
            .collect();
        assert_eq!(allow, expected.into_iter().collect(), "{path}");
    }
    let r = t.send(request(Method::Delete, "/api/health", &[], b""));
    assert_eq!(r.header("allow"), Some("GET"));
}

#[test]
fn english_messages_on_request() {
    let t = TestApp::new();
    let nl = body(&t.get("/api/nope"));
    let en = body(&t.send(request(
        Method::Get,
        "/api/nope",
        &[("accept-language", "en-GB")],
        b"",
    )));
    assert_eq!(nl["error"]["message"], "Niet gevonden.");
    assert_eq!(en["error"]["message"], "Not found.");
}

#[test]
fn openapi_document_and_route_table_agree() {
    let t = TestApp::new();
    let r = t.get("/api/openapi.json");
    assert_eq!(r.status, 200);
    let spec = body(&r);
    assert_eq!(spec["openapi"], "3.1.0");
    let in_spec: BTreeSet<(String, String)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| (m.as_lower().to_owned(), p.to_string()))
        .collect();
    let missing: Vec<_> = routed.difference(&in_spec).collect();
    let unrouted: Vec<_> = in_spec.difference(&routed).collect();
    assert!(
        missing.is_empty(),
        "routed but not in openapi.json: {missing:?}"
    );
    assert!(
        unrouted.is_empty(),
        "in openapi.json but not routed: {unrouted:?}"
    );
    assert!(in_spec.iter().all(|(_, p)| p.starts_with("/api/")));
}

#[test]
fn dev_outbox_exists_only_in_development() {
    let prod = TestApp::with_config(crate::support::config(false));
    assert_eq!(prod.get("/api/dev/outbox").status, 404);
    let dev = TestApp::new();
    let r = dev.get("/api/dev/outbox");
    assert_eq!(r.status, 200);
    assert_eq!(body(&r), serde_json::json!({"messages": []}));
}

/// Every required string of every request body, as `(where, schema)`.
fn required_strings(
    spec: &Value,
    schema: &Value,
    at: String,
    required: bool,
    out: &mut Vec<(String, Value)>,
) {
    if let Some(r) = schema["$ref"].as_str() {
        let target = spec.pointer(&r[1..]).expect(r);
        return required_strings(spec, target, at, required, out);
    }
    if required && schema["type"] == "string" && schema["format"] != "binary" {
        out.push((at.clone(), schema.clone()));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for sub in schema[key].as_array().into_iter().flatten() {
            required_strings(spec, sub, at.clone(), required, out);
        }
    }
    if let Some(props) = schema["properties"].as_object() {
        let needed: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, p) in props {
            required_strings(
                spec,
                p,
                format!("{at}.{name}"),
                needed.contains(&name.as_str()),
                out,
            );
        }
    }
}

#[test]
fn required_request_strings_are_not_empty_in_the_contract() {
    let spec: Value = serde_json::from_str(include_str!("../../openapi.json")).unwrap();
    let mut found = Vec::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for (ct, c) in op["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                let at = format!("{method} {path} {ct}");
                required_strings(&spec, &c["schema"], at, false, &mut found);
            }
        }
    }
    assert!(found.len() > 20, "{found:?}");
    let loose: Vec<&String> = found
        .iter()
        .filter(|(_, s)| s["minLength"].as_u64().unwrap_or(0) < 1)
        .map(|(at, _)| at)
        .collect();
    assert!(
        loose.is_empty(),
        "required strings without minLength: {loose:?}"
    );
}
