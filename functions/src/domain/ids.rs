//! Record ids and one-time tokens made from supplied random bytes.

use base64::Engine;
use sha2::{Digest, Sha256};

/// A random (version 4) UUID string from 16 random bytes.
pub fn new_id(random: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(random)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// A one-time token (activation, password reset) as sent in a link: 256 random bits,
/// URL-safe base64 without padding.
pub fn token_text(random: [u8; 32]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random)
}

/// What is stored for a token: its SHA-256 in hex. A leaked table gives no usable
/// link; tokens have 256 bits, so a fast hash is enough (no guessing is feasible).
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// Bytes in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 in lower-case hex: token hashes, and the content key of stored files.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Characters of human references: no look-alikes (no I, O, 0, 1).
const REFERENCE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// The reference of a submitted settlement, e.g. `NV-2024-7K3M9Q`: `NV`
/// (naverrekening), the year, and six characters from 30 random bits, so it is
/// short enough to read out on the phone. Uniqueness is the database's.
pub fn settlement_reference(year: i32, random: [u8; 4]) -> String {
    let bits = u32::from_be_bytes(random);
    let code: String = (0..6)
        .rev()
        .map(|i| REFERENCE_ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("NV-{year}-{code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settlement_references_are_short_and_readable() {
        let r = settlement_reference(2024, [0xff; 4]);
        assert_eq!(r, "NV-2024-999999");
        assert_eq!(settlement_reference(2024, [0; 4]), "NV-2024-AAAAAA");
        let r = settlement_reference(2025, [0x12, 0x34, 0x56, 0x78]);
        assert!(r.starts_with("NV-2025-") && r.len() == 14, "{r}");
        assert!(
            r[8..].bytes().all(|b| REFERENCE_ALPHABET.contains(&b)),
            "{r}"
        );
        assert_ne!(r, settlement_reference(2025, [0x12, 0x34, 0x56, 0x79]));
    }

    #[test]
    fn ids_are_v4_uuids() {
        let id = new_id([0xab; 16]);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4", "version nibble");
        assert_ne!(new_id([1; 16]), new_id([2; 16]));
    }

    #[test]
    fn token_is_url_safe_and_hash_is_stable() {
        let t = token_text([0xff; 32]);
        assert_eq!(t.len(), 43);
        assert!(t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
