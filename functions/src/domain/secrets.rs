//! Keys derived from the one `AUTH_SECRET`, sealing of stored secrets (TOTP seeds,
//! which must be readable to check codes, so they are encrypted rather than
//! hashed), and the recovery codes.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Independent keys for independent uses, so one leaking says nothing of another.
#[derive(Clone)]
pub struct Keys {
    pub session: [u8; 32],
    pub seal: [u8; 32],
    /// The HMAC key of `employees.bsn_hash` (`Bsn::search_hash`).
    pub bsn_search: [u8; 32],
}

impl Keys {
    pub fn derive(auth_secret: &str) -> Keys {
        let derive = |label: &str| -> [u8; 32] {
            Sha256::new()
                .chain_update(label.as_bytes())
                .chain_update([0u8])
                .chain_update(auth_secret.as_bytes())
                .finalize()
                .into()
        };
        Keys {
            session: derive("balie session jwt v1"),
            seal: derive("balie sealed secrets v1"),
            bsn_search: derive("balie bsn search v1"),
        }
    }
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD_NO_PAD;

/// AES-256-GCM with a fresh random nonce; stored as base64(nonce ‖ ciphertext).
pub fn seal(keys: &Keys, nonce: [u8; 12], plaintext: &[u8]) -> String {
    let cipher = Aes256Gcm::new_from_slice(&keys.seal).expect("32-byte key");
    let mut out = nonce.to_vec();
    out.extend(
        cipher
            .encrypt(&Nonce::from(nonce), plaintext)
            .expect("in-memory AES-GCM encryption does not fail"),
    );
    B64.encode(out)
}

/// The plaintext, or `None` when the value was tampered with or sealed with another key.
pub fn open(keys: &Keys, sealed: &str) -> Option<Vec<u8>> {
    let raw = B64.decode(sealed).ok()?;
    if raw.len() < 12 + 16 {
        return None;
    }
    let (nonce, ciphertext) = raw.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().ok()?;
    Aes256Gcm::new_from_slice(&keys.seal)
        .ok()?
        .decrypt(&Nonce::from(nonce), ciphertext)
        .ok()
}

const BASE32: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A recovery code from 10 random bytes: 16 characters in four groups, 80 bits,
/// from an alphabet without look-alikes (no I, O, 0, 1).
pub fn recovery_code(random: [u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<char> = (0..16)
        .rev()
        .map(|i| BASE32[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What is stored for a recovery code: SHA-256 of its normalised form (case, dashes
/// and spaces do not matter when typed). 80 random bits need no slow hash.
pub fn recovery_code_hash(input: &str) -> String {
    let normal: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    super::ids::token_hash(&normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_round_trips_and_detects_tampering() {
        let keys = Keys::derive("a long random test secret of enough length");
        let sealed = seal(&keys, [9; 12], b"totp seed");
        assert_eq!(open(&keys, &sealed).as_deref(), Some(&b"totp seed"[..]));
        let other = Keys::derive("another secret entirely, also long enough");
        assert_eq!(open(&other, &sealed), None);
        let mut raw = B64.decode(&sealed).unwrap();
        *raw.last_mut().unwrap() ^= 1;
        assert_eq!(open(&keys, &B64.encode(raw)), None);
        assert_eq!(open(&keys, "!!"), None);
    }

    #[test]
    fn derived_keys_differ() {
        let keys = Keys::derive("s");
        assert_ne!(keys.session, keys.seal);
        assert_ne!(keys.bsn_search, keys.seal);
        assert_ne!(keys.bsn_search, keys.session);
    }

    #[test]
    fn recovery_codes() {
        let code = recovery_code([0xff; 10]);
        assert_eq!(code, "9999-9999-9999-9999");
        let code = recovery_code([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(code.len(), 19);
        assert!(code
            .chars()
            .all(|c| c == '-' || BASE32.contains(&(c as u8))));
        assert_ne!(recovery_code([1; 10]), recovery_code([2; 10]));
        let lower = code.to_lowercase().replace('-', " ");
        assert_eq!(recovery_code_hash(&code), recovery_code_hash(&lower));
        assert_ne!(
            recovery_code_hash(&code),
            recovery_code_hash("AAAA-AAAA-AAAA-AAAA")
        );
    }
}
