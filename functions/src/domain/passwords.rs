//! Password rules and hashing (DOMAIN.md, accounts): at least 12 characters, long
//! ones allowed, no composition rules, refused when common or containing the
//! e-mail's name part. Stored as argon2id PHC strings (m = 19 MiB, t = 2, p = 1).

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use super::email::Email;

pub const MIN_CHARS: usize = 12;
/// Generous (passphrases, password managers) yet bounded, so hashing cost is bounded.
pub const MAX_CHARS: usize = 256;

const COMMON: &str = include_str!("common_passwords.txt");

/// Words that make a password guessable whatever digits or signs follow them.
const BASE_WORDS: &[&str] = &[
    "password",
    "wachtwoord",
    "welkom",
    "welcome",
    "qwerty",
    "azerty",
    "letmein",
    "admin",
    "balie",
    "voetbal",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "geheim",
    "secret",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
    ContainsEmailName,
}

/// Checks a new password against the rules; `email` is its owner's address.
pub fn check_policy(password: &str, email: &Email) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    let one_char = lower.chars().all(|c| lower.starts_with(c));
    if one_char
        || BASE_WORDS.contains(&stem)
        || COMMON.lines().any(|l| !l.starts_with('#') && l == lower)
    {
        return Err(PasswordProblem::Common);
    }
    // The part of the address before "@", split at dots and the like: "j.devries" → "devries".
    let local = email.as_str().split('@').next().unwrap_or("");
    let contains_name = local
        .split(|c: char| !c.is_alphanumeric())
        .filter(|part| part.chars().count() >= 4)
        .chain(std::iter::once(local).filter(|l| l.chars().count() >= 4))
        .any(|part| lower.contains(part));
    if contains_name {
        return Err(PasswordProblem::ContainsEmailName);
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string for a password, with a 16-byte salt from the caller's randomness.
pub fn hash(password: &str, salt: [u8; 16]) -> String {
    hasher()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .expect("argon2 accepts a 16-byte salt")
        .to_string()
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    hasher().verify_password(password.as_bytes(), phc).is_ok()
}

/// A well-formed hash with the same parameters whose output no password is known to
/// produce. Verifying against it when no account matches runs the full argon2
/// computation, so unknown e-mails cost the same time as known ones.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$YmFsaWUtZHVtbXktc2FsdA$5S3a8LJdvnjbAE4GRxOb6oO6n3+6MbZ8Bz3i8QYI5dI";

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> Email {
        Email::parse("j.devries@goudenkorst.nl").unwrap()
    }

    #[test]
    fn policy() {
        for (password, expected) in [
            ("correct horse battery", Ok(())),
            ("Zeer-lang-en-uniek-2025", Ok(())),
            ("kort1234567", Err(PasswordProblem::TooShort)),
            ("ééééééééééé", Err(PasswordProblem::TooShort)),
            ("aaaaaaaaaaaaaaaa", Err(PasswordProblem::Common)),
            ("qwerty123456", Err(PasswordProblem::Common)),
            ("1QAZ2WSX3EDC", Err(PasswordProblem::Common)),
            ("Wachtwoord2025!", Err(PasswordProblem::Common)),
            ("password123456", Err(PasswordProblem::Common)),
            (
                "mijn-naam-is-devries",
                Err(PasswordProblem::ContainsEmailName),
            ),
            (
                "J.DEVRIES-welkom-thuis",
                Err(PasswordProblem::ContainsEmailName),
            ),
        ] {
            assert_eq!(check_policy(password, &email()), expected, "{password}");
        }
        assert_eq!(
            check_policy(&"x".repeat(MAX_CHARS + 1), &email()),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(check_policy(&"xy".repeat(MAX_CHARS / 2), &email()), Ok(()));
        // Characters, not bytes: twelve emoji are twelve characters.
        assert_eq!(check_policy("🔑🦀🌷🚲🧀🌊🔑🦀🌷🚲🧀🌊", &email()), Ok(()));
    }

    #[test]
    fn hash_and_verify() {
        let phc = hash("correct horse battery", [7; 16]);
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batterY", &phc));
        assert!(!verify("anything", "not a phc string"));
        assert_ne!(phc, hash("correct horse battery", [8; 16]), "salted");
    }

    #[test]
    fn dummy_hash_is_a_real_hash_with_the_same_parameters() {
        assert!(DUMMY_HASH.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(argon2::password_hash::phc::PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify("", DUMMY_HASH));
    }
}
