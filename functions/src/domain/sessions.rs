//! The session cookie's JWT (HS256, jwt-simple): it names a session row, which the
//! server checks on every request, so logout and disabling take effect at once.
//! Times come from the caller's clock.

use jwt_simple::prelude::*;

/// Lifetime of one token; a live session gets a fresh one as it ages.
pub const TOKEN_TTL_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClaims {
    pub sid: String,
}

/// A signed token for session `sid` of user `user_id`, issued at `now`.
pub fn issue(key: &[u8; 32], sid: &str, user_id: &str, now: i64) -> String {
    let mut claims = Claims::with_custom_claims(
        SessionClaims {
            sid: sid.to_owned(),
        },
        Duration::from_secs(1),
    )
    .with_subject(user_id);
    let at = |t: i64| Duration::from_secs(t.max(0) as u64);
    claims.issued_at = Some(at(now));
    claims.invalid_before = Some(at(now));
    claims.expires_at = Some(at(now + TOKEN_TTL_SECS));
    HS256Key::from_bytes(key)
        .authenticate(claims)
        .expect("HS256 signing of small claims does not fail")
}

/// The verified claims (session id, user id, issued at), or `None` for a forged,
/// tampered, expired or non-HS256 token (`alg: none` included).
pub fn verify(key: &[u8; 32], token: &str, now: i64) -> Option<(String, String, i64)> {
    if token.len() > 2048 {
        return None;
    }
    let options = VerificationOptions {
        artificial_time: Some(Duration::from_secs(now.max(0) as u64)),
        time_tolerance: Some(Duration::from_secs(0)),
        ..Default::default()
    };
    let claims = HS256Key::from_bytes(key)
        .verify_token::<SessionClaims>(token, Some(options))
        .ok()?;
    Some((
        claims.custom.sid,
        claims.subject?,
        claims.issued_at?.as_secs() as i64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    const KEY: [u8; 32] = [3; 32];
    const NOW: i64 = 1_700_000_000;

    #[test]
    fn issue_and_verify() {
        let token = issue(&KEY, "s1", "u1", NOW);
        assert_eq!(
            verify(&KEY, &token, NOW + 60),
            Some(("s1".into(), "u1".into(), NOW))
        );
    }

    #[test]
    fn expired_early_or_foreign_tokens_fail() {
        let token = issue(&KEY, "s1", "u1", NOW);
        assert_eq!(verify(&KEY, &token, NOW + TOKEN_TTL_SECS + 1), None);
        assert_eq!(verify(&KEY, &token, NOW - 10), None, "not before issue");
        assert_eq!(verify(&[4; 32], &token, NOW), None, "other key");
        assert_eq!(verify(&KEY, "garbage", NOW), None);
    }

    #[test]
    fn tampered_and_alg_none_tokens_fail() {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let token = issue(&KEY, "s1", "u1", NOW);
        let parts: Vec<&str> = token.split('.').collect();
        let payload = String::from_utf8(b64.decode(parts[1]).unwrap()).unwrap();
        let forged_payload = b64.encode(payload.replace("\"s1\"", "\"s2\""));
        let tampered = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert_eq!(verify(&KEY, &tampered, NOW), None);
        let none_header = b64.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert_eq!(
            verify(&KEY, &format!("{none_header}.{}.", parts[1]), NOW),
            None
        );
        assert_eq!(
            verify(&KEY, &format!("{none_header}.{}", parts[1]), NOW),
            None
        );
    }
}
