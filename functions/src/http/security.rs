//! Headers every answer carries, API and static files alike, and the cross-site
//! check for state-changing requests.

use super::{ApiError, Msg, Request, Response};

/// No inline script or style anywhere: pages load their JS and CSS as files.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn apply(resp: &mut Response, request_id: &str, development: bool) {
    resp.set_header("content-security-policy", CONTENT_SECURITY_POLICY);
    resp.set_header("x-content-type-options", "nosniff");
    resp.set_header("referrer-policy", "no-referrer");
    resp.set_header("x-frame-options", "DENY");
    resp.set_header(
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    resp.set_header("cross-origin-opener-policy", "same-origin");
    resp.set_header("x-request-id", request_id);
    if !development {
        resp.set_header(
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
}

/// A state-changing request from another site is refused: the browser says so in
/// `Sec-Fetch-Site`, or its `Origin` differs from ours. Clients without either
/// header (curl, back-office scripts) are not browsers and pass.
pub fn check_same_site(req: &Request) -> Result<(), ApiError> {
    let cross_site = req
        .header("sec-fetch-site")
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
    let foreign_origin = req
        .header("origin")
        .is_some_and(|o| !o.eq_ignore_ascii_case(&req.origin));
    if cross_site || foreign_origin {
        return Err(ApiError::Forbidden {
            code: "cross_site_request",
            msg: Msg::new(
                "Dit verzoek komt van een andere website en is geweigerd.",
                "This request comes from another website and was refused.",
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    fn req(headers: &[(&str, &str)]) -> Request {
        Request {
            method: Method::Post,
            origin: "https://portal.example.nl".into(),
            path: "/api/x".into(),
            query: String::new(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn cross_site_is_refused() {
        assert!(check_same_site(&req(&[])).is_ok());
        assert!(check_same_site(&req(&[("origin", "https://portal.example.nl")])).is_ok());
        assert!(check_same_site(&req(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(check_same_site(&req(&[("origin", "https://evil.example")])).is_err());
        assert!(check_same_site(&req(&[("sec-fetch-site", "cross-site")])).is_err());
    }

    #[test]
    fn hsts_only_outside_development() {
        let mut r = Response::json(200, &serde_json::json!({}));
        apply(&mut r, "id", true);
        assert!(r.header("strict-transport-security").is_none());
        assert!(r
            .header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'"));
        apply(&mut r, "id", false);
        assert!(r.header("strict-transport-security").is_some());
    }
}
