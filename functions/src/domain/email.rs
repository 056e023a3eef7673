//! E-mail addresses: the username. Deliberately stricter than RFC 5322 (no quoted
//! or commented local parts), so an accepted address is one people actually type.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidEmail;

impl Email {
    /// Trims, lower-cases and checks the shape `local@domain.tld`.
    pub fn parse(input: &str) -> Result<Self, InvalidEmail> {
        let s = input.trim().to_lowercase();
        if s.len() > 254 {
            return Err(InvalidEmail);
        }
        let (local, domain) = s.split_once('@').ok_or(InvalidEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Email(s))
        } else {
            Err(InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        for (input, expected) in [
            ("j.devries@goudenkorst.nl", "j.devries@goudenkorst.nl"),
            ("  J.DeVries@GoudenKorst.NL ", "j.devries@goudenkorst.nl"),
            ("a+b@sub.example-x.com", "a+b@sub.example-x.com"),
        ] {
            assert_eq!(Email::parse(input).unwrap().as_str(), expected, "{input}");
        }
    }

    #[test]
    fn refuses_malformed() {
        let long_local = format!("{}@example.nl", "a".repeat(65));
        for input in [
            "",
            "plain",
            "@example.nl",
            "a@",
            "a@nl",
            "a@@example.nl",
            "a b@example.nl",
            ".a@example.nl",
            "a..b@example.nl",
            "a@-x.nl",
            "a@x..nl",
            "a@x.n",
            "a@x.123",
            "\"q\"@example.nl",
            "ü@example.nl",
            &long_local,
        ] {
            assert_eq!(Email::parse(input), Err(InvalidEmail), "{input:?}");
        }
    }
}
