//! TOTP (RFC 6238) as DOMAIN.md decides: SHA-1, 6 digits, 30 s steps, one step of
//! skew either way, 160-bit secrets. Time comes in as an argument (std's clock
//! panics on wasm32). Replay is the caller's part: a step is accepted only when it
//! is later than the user's last accepted step.

use qrcode::render::svg;
use qrcode::QrCode;
use totp_rs::{Builder, Secret, Totp};

pub const SECRET_BYTES: usize = 20;

fn totp(secret: &[u8], issuer: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::from(secret.to_vec()))
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .ok()
}

/// The code for a moment (used by tests and by nothing else in production).
pub fn code_at(secret: &[u8], unix_secs: u64) -> String {
    totp(secret, "x", "x").map_or_else(String::new, |t| t.generate(unix_secs).to_string())
}

/// The step a code belongs to, when it matches within one step of `unix_secs`.
pub fn matching_step(secret: &[u8], code: &str, unix_secs: u64) -> Option<u64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret, "x", "x")?.check(code, unix_secs)
}

/// The secret as authenticator apps take it when typed in.
pub fn base32(secret: &[u8]) -> String {
    Secret::from(secret.to_vec()).to_base32()
}

/// `otpauth://totp/Issuer:account?secret=...&issuer=...`: the insurer as issuer, the
/// e-mail as account.
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> Option<String> {
    totp(secret, issuer, account)?.to_url().ok()
}

/// The URI as a QR code in SVG, scannable by authenticator apps.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1: the 8-digit values end in these 6 digits.
    #[test]
    fn rfc6238_vectors() {
        let secret = b"12345678901234567890";
        for (t, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(code_at(secret, t), expected, "t = {t}");
        }
    }

    #[test]
    fn one_step_of_skew_accepted_two_refused() {
        let secret = [42u8; SECRET_BYTES];
        let now = 1_700_000_000;
        let step = now / 30;
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now), now),
            Some(step)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now - 30), now),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now + 30), now),
            Some(step + 1)
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now - 60), now),
            None
        );
        assert_eq!(
            matching_step(&secret, &code_at(&secret, now + 60), now),
            None
        );
    }

    #[test]
    fn malformed_codes_never_match() {
        let secret = [1u8; SECRET_BYTES];
        for code in ["", "12345", "1234567", "12a456", "１２３４５６", "-12345"] {
            assert_eq!(
                matching_step(&secret, code, 1_700_000_000),
                None,
                "{code:?}"
            );
        }
    }

    #[test]
    fn uri_and_qr() {
        let secret = [0u8; SECRET_BYTES];
        let uri = otpauth_uri(&secret, "Demo Verzekeraar", "j.devries@goudenkorst.nl").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Demo%20Verzekeraar:j.devries%40goudenkorst.nl?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={}", base32(&secret))));
        assert!(uri.contains("issuer=Demo%20Verzekeraar"));
        assert_eq!(base32(&secret).len(), 32);
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("<svg") && !svg.contains("<script"));
    }
}
