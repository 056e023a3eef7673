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

    /// Users sign in with a personal address at their organisation (DOMAIN.md):
    /// free-mail providers and shared mailboxes are refused.
    pub fn is_organisation_address(&self) -> bool {
        let (local, domain) = self.0.split_once('@').unwrap_or(("", ""));
        // The name before the public suffix: "yahoo" in yahoo.com and yahoo.co.uk.
        let labels: Vec<&str> = domain.rsplit('.').collect();
        let two_level_suffix = labels.len() > 2
            && labels[0].len() == 2
            && ["co", "com", "net", "org"].contains(&labels[1]);
        let provider = labels
            .get(if two_level_suffix { 2 } else { 1 })
            .copied()
            .unwrap_or("");
        // A sub-address (info+hr@) is still the shared box; "hr.jan@" may be a person.
        let mailbox = local.split('+').next().unwrap_or(local);
        !FREE_MAIL_DOMAINS.contains(&domain)
            && !FREE_MAIL_PROVIDERS.contains(&provider)
            && !SHARED_MAILBOXES.contains(&mailbox)
    }
}

/// Providers whose every domain is free mail (gmail.com, hotmail.nl, yahoo.co.uk ...).
const FREE_MAIL_PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "outlook",
    "hotmail",
    "live",
    "msn",
    "yahoo",
    "ymail",
    "icloud",
    "aol",
    "gmx",
    "proton",
    "protonmail",
    "zoho",
    "yandex",
    "tutanota",
    "mail",
    "web",
];

/// Free or consumer mail domains of Dutch and other providers.
const FREE_MAIL_DOMAINS: &[&str] = &[
    "me.com",
    "mac.com",
    "pm.me",
    "ziggo.nl",
    "kpnmail.nl",
    "kpnplanet.nl",
    "planet.nl",
    "home.nl",
    "hetnet.nl",
    "xs4all.nl",
    "chello.nl",
    "quicknet.nl",
    "online.nl",
    "tele2.nl",
    "casema.nl",
    "zeelandnet.nl",
    "upcmail.nl",
    "telfort.nl",
    "freeler.nl",
    "hccnet.nl",
    "solcon.nl",
    "caiway.nl",
    "kabelfoon.nl",
    "delta.nl",
    "t-mobilethuis.nl",
    "onsbrabantnet.nl",
    "telenet.be",
    "skynet.be",
    "web.de",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
];

/// Mailboxes of a team or department rather than of one person.
const SHARED_MAILBOXES: &[&str] = &[
    "info",
    "hr",
    "pz",
    "salaris",
    "salarissen",
    "salarisadministratie",
    "loonadministratie",
    "administratie",
    "admin",
    "boekhouding",
    "finance",
    "financien",
    "financiele-administratie",
    "personeel",
    "personeelszaken",
    "office",
    "kantoor",
    "contact",
    "mail",
    "post",
    "receptie",
    "secretariaat",
    "support",
    "service",
    "klantenservice",
    "sales",
    "verkoop",
    "team",
    "hallo",
    "hello",
    "welkom",
    "noreply",
    "no-reply",
    "algemeen",
    "directie",
    "facturen",
    "factuur",
    "invoice",
    "invoices",
    "accounts",
    "payroll",
    "bedrijfsbureau",
];

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
    fn organisation_addresses_only() {
        for (input, allowed) in [
            ("j.devries@goudenkorst.nl", true),
            ("hrmanager@goudenkorst.nl", true),
            ("jan@gmail.com", false),
            ("jan@hotmail.nl", false),
            ("jan@yahoo.co.uk", false),
            ("jan@ziggo.nl", false),
            ("info@goudenkorst.nl", false),
            ("hr@goudenkorst.nl", false),
            ("salaris@goudenkorst.nl", false),
            ("salaris+2025@goudenkorst.nl", false),
            ("hr.jan@goudenkorst.nl", true),
            ("administratie@goudenkorst.nl", false),
        ] {
            assert_eq!(
                Email::parse(input).unwrap().is_organisation_address(),
                allowed,
                "{input}"
            );
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
