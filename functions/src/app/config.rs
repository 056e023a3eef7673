//! The Worker's settings (`wrangler.toml` vars and secrets) and the one check of
//! them. A production Worker whose settings are incomplete answers every `/api`
//! request with the same 503 and one log line naming what to fix, instead of
//! failing later on the first request that needs the missing part (a 500 on
//! provisioning, or on forgotten password only for known addresses).

use crate::domain::email::Email;

/// Secrets shorter than this are treated as unset: a short secret is guessable.
pub const MIN_SECRET_LEN: usize = 32;

/// Security-log lines are kept this long unless `SECURITY_LOG_RETENTION_DAYS` says otherwise.
pub const DEFAULT_SECURITY_LOG_DAYS: i64 = 730;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `ENVIRONMENT=development`: the local dev server (outbox readable, no HSTS,
    /// cookies without `Secure`, the outbox as mailbox).
    pub development: bool,
    /// Bearer secret of the insurer's back office; `None` disables those endpoints.
    pub admin_token: Option<String>,
    /// Base of every link in e-mails. Configured, never taken from the request's
    /// Host header (which an attacker controls), except in development.
    pub public_url: Option<String>,
    /// Shown in e-mails (as the sender's name) and as the TOTP issuer.
    pub insurer_name: String,
    /// The secret the session and sealing keys derive from (`AUTH_SECRET`, at
    /// least 32 characters); without it nobody can sign in.
    pub auth_secret: Option<String>,
    /// `MAIL_TRANSPORT`: `outbox`, `ses` or `cloudflare`.
    pub mail_transport: Option<String>,
    /// `MAIL_FROM`: the sender address.
    pub mail_from: Option<String>,
    pub ses_region: Option<String>,
    /// Replaces `https://email.<region>.amazonaws.com` (a local receiver in tests).
    pub ses_endpoint: Option<String>,
    pub ses_access_key_id: Option<String>,
    pub ses_secret_access_key: Option<String>,
    /// Whether the `EMAIL` send_email binding exists (for `cloudflare`).
    pub email_binding: bool,
    /// `SECURITY_LOG_RETENTION_DAYS`.
    pub security_log_days: Option<String>,
}

/// How e-mail leaves, once the settings are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mail {
    /// Development: the outbox table is the mailbox.
    Outbox,
    Ses(Ses),
    Cloudflare {
        from: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ses {
    pub from: String,
    pub region: String,
    /// Base URL without a trailing slash.
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// A region name as AWS writes them: `eu-west-1`, `us-gov-west-1`.
fn is_region(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// An absolute http(s) URL without query or fragment.
fn is_base_url(url: &str, https_only: bool) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| (!https_only).then(|| url.strip_prefix("http://")).flatten());
    rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        !host.is_empty() && !r.contains(['?', '#', ' ', '@'])
    })
}

impl Config {
    /// Every problem of the settings, each naming the setting and what it needs;
    /// empty when the Worker can serve.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let production = !self.development;
        if self
            .auth_secret
            .as_deref()
            .is_none_or(|s| s.len() < MIN_SECRET_LEN)
        {
            problems.push(format!(
                "AUTH_SECRET must be set (a secret of at least {MIN_SECRET_LEN} characters)"
            ));
        }
        if self
            .admin_token
            .as_deref()
            .is_some_and(|t| t.len() < MIN_SECRET_LEN)
        {
            problems.push(format!(
                "ADMIN_TOKEN must be at least {MIN_SECRET_LEN} characters (or unset to close the back-office API)"
            ));
        }
        match self.public_url.as_deref() {
            Some(url) if is_base_url(url, production) => {}
            Some(_) if production => {
                problems.push("PUBLIC_URL must be the portal's https:// address".into())
            }
            Some(_) => problems.push("PUBLIC_URL must be an http(s):// address".into()),
            None if production => problems.push(
                "PUBLIC_URL must be set to the portal's https:// address (links in e-mails use it)"
                    .into(),
            ),
            None => {}
        }
        if let Some(days) = &self.security_log_days {
            if days.parse::<i64>().map_or(true, |d| d < 1) {
                problems.push("SECURITY_LOG_RETENTION_DAYS must be a whole number of days".into());
            }
        }
        if let Err(mut mail) = self.mail() {
            problems.append(&mut mail);
        }
        problems
    }

    /// The mail transport the settings choose, or what is missing for it.
    pub fn mail(&self) -> Result<Mail, Vec<String>> {
        let transport = self
            .mail_transport
            .as_deref()
            .unwrap_or(if self.development { "outbox" } else { "" });
        let from = || {
            self.mail_from
                .as_deref()
                .filter(|f| Email::parse(f).is_ok())
                .map(str::to_owned)
                .ok_or_else(|| "MAIL_FROM must be the sender's e-mail address".to_owned())
        };
        match transport {
            "outbox" if self.development => Ok(Mail::Outbox),
            "outbox" => Err(vec![
                "MAIL_TRANSPORT=outbox delivers nothing: production needs ses or cloudflare".into(),
            ]),
            "cloudflare" => {
                let mut problems = Vec::new();
                if !self.email_binding {
                    problems.push(
                        "MAIL_TRANSPORT=cloudflare needs the send_email binding EMAIL in wrangler.toml".into(),
                    );
                }
                match from() {
                    Ok(from) if problems.is_empty() => Ok(Mail::Cloudflare { from }),
                    Ok(_) => Err(problems),
                    Err(p) => Err([problems, vec![p]].concat()),
                }
            }
            "ses" => {
                let mut problems = Vec::new();
                let from = from().map_err(|p| problems.push(p)).ok();
                let region = self.ses_region.clone().filter(|r| is_region(r));
                if region.is_none() {
                    problems.push("SES_REGION must name an AWS region, such as eu-west-1".into());
                }
                let endpoint = match &self.ses_endpoint {
                    Some(e) if is_base_url(e, false) => Some(e.trim_end_matches('/').to_owned()),
                    Some(_) => {
                        problems.push("SES_ENDPOINT must be an http(s):// address".into());
                        None
                    }
                    None => region
                        .as_ref()
                        .map(|r| format!("https://email.{r}.amazonaws.com")),
                };
                let key = |value: &Option<String>, name: &str| {
                    value.clone().ok_or_else(|| {
                        format!("{name} must be set (a secret) for MAIL_TRANSPORT=ses")
                    })
                };
                let access_key_id = key(&self.ses_access_key_id, "SES_ACCESS_KEY_ID")
                    .map_err(|p| problems.push(p))
                    .ok();
                let secret_access_key = key(&self.ses_secret_access_key, "SES_SECRET_ACCESS_KEY")
                    .map_err(|p| problems.push(p))
                    .ok();
                match (from, region, endpoint, access_key_id, secret_access_key) {
                    (
                        Some(from),
                        Some(region),
                        Some(endpoint),
                        Some(access_key_id),
                        Some(secret_access_key),
                    ) if problems.is_empty() => Ok(Mail::Ses(Ses {
                        from,
                        region,
                        endpoint,
                        access_key_id,
                        secret_access_key,
                    })),
                    _ => Err(problems),
                }
            }
            "" => Err(vec!["MAIL_TRANSPORT must be set: ses or cloudflare".into()]),
            _ => Err(vec![
                "MAIL_TRANSPORT must be outbox, ses or cloudflare".into()
            ]),
        }
    }

    /// How long security-log lines are kept, in days.
    pub fn security_log_days(&self) -> i64 {
        self.security_log_days
            .as_deref()
            .and_then(|d| d.parse().ok())
            .filter(|d| *d >= 1)
            .unwrap_or(DEFAULT_SECURITY_LOG_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn production() -> Config {
        Config {
            development: false,
            admin_token: Some("a".repeat(40)),
            public_url: Some("https://portaal.verzekeraar.nl".into()),
            insurer_name: "Verzekeraar".into(),
            auth_secret: Some("s".repeat(40)),
            mail_transport: Some("ses".into()),
            mail_from: Some("portaal@verzekeraar.nl".into()),
            ses_region: Some("eu-west-1".into()),
            ses_endpoint: None,
            ses_access_key_id: Some("AKIAEXAMPLE".into()),
            ses_secret_access_key: Some("secret".into()),
            email_binding: false,
            security_log_days: None,
        }
    }

    #[test]
    fn a_complete_production_config_has_no_problems() {
        let c = production();
        assert_eq!(c.problems(), Vec::<String>::new());
        assert_eq!(
            c.mail(),
            Ok(Mail::Ses(Ses {
                from: "portaal@verzekeraar.nl".into(),
                region: "eu-west-1".into(),
                endpoint: "https://email.eu-west-1.amazonaws.com".into(),
                access_key_id: "AKIAEXAMPLE".into(),
                secret_access_key: "secret".into(),
            }))
        );
        let cloudflare = Config {
            mail_transport: Some("cloudflare".into()),
            email_binding: true,
            ..production()
        };
        assert_eq!(cloudflare.problems(), Vec::<String>::new());
        assert_eq!(
            cloudflare.mail(),
            Ok(Mail::Cloudflare {
                from: "portaal@verzekeraar.nl".into()
            })
        );
    }

    /// Each missing or bad setting is named by the setting it concerns.
    #[test]
    fn each_missing_setting_is_named() {
        let cases: Vec<(&str, Config)> = vec![
            (
                "AUTH_SECRET",
                Config {
                    auth_secret: None,
                    ..production()
                },
            ),
            (
                "AUTH_SECRET",
                Config {
                    auth_secret: Some("short".into()),
                    ..production()
                },
            ),
            (
                "ADMIN_TOKEN",
                Config {
                    admin_token: Some("short".into()),
                    ..production()
                },
            ),
            (
                "PUBLIC_URL",
                Config {
                    public_url: None,
                    ..production()
                },
            ),
            (
                "PUBLIC_URL",
                Config {
                    public_url: Some("http://portaal.nl".into()),
                    ..production()
                },
            ),
            (
                "PUBLIC_URL",
                Config {
                    public_url: Some("portaal.nl".into()),
                    ..production()
                },
            ),
            (
                "MAIL_TRANSPORT",
                Config {
                    mail_transport: None,
                    ..production()
                },
            ),
            (
                "MAIL_TRANSPORT=outbox",
                Config {
                    mail_transport: Some("outbox".into()),
                    ..production()
                },
            ),
            (
                "MAIL_TRANSPORT",
                Config {
                    mail_transport: Some("smtp".into()),
                    ..production()
                },
            ),
            (
                "MAIL_FROM",
                Config {
                    mail_from: None,
                    ..production()
                },
            ),
            (
                "MAIL_FROM",
                Config {
                    mail_from: Some("portaal".into()),
                    ..production()
                },
            ),
            (
                "SES_REGION",
                Config {
                    ses_region: None,
                    ..production()
                },
            ),
            (
                "SES_REGION",
                Config {
                    ses_region: Some("Ireland".into()),
                    ..production()
                },
            ),
            (
                "SES_ENDPOINT",
                Config {
                    ses_endpoint: Some("localhost:8005".into()),
                    ..production()
                },
            ),
            (
                "SES_ACCESS_KEY_ID",
                Config {
                    ses_access_key_id: None,
                    ..production()
                },
            ),
            (
                "SES_SECRET_ACCESS_KEY",
                Config {
                    ses_secret_access_key: None,
                    ..production()
                },
            ),
            (
                "binding EMAIL",
                Config {
                    mail_transport: Some("cloudflare".into()),
                    ..production()
                },
            ),
            (
                "SECURITY_LOG_RETENTION_DAYS",
                Config {
                    security_log_days: Some("two years".into()),
                    ..production()
                },
            ),
        ];
        for (setting, config) in cases {
            let problems = config.problems();
            assert_eq!(problems.len(), 1, "{setting}: {problems:?}");
            assert!(problems[0].contains(setting), "{setting}: {problems:?}");
        }
    }

    #[test]
    fn development_defaults_to_the_outbox_and_needs_no_public_url() {
        let dev = Config {
            development: true,
            public_url: None,
            mail_transport: None,
            mail_from: None,
            ..production()
        };
        assert_eq!(dev.problems(), Vec::<String>::new());
        assert_eq!(dev.mail(), Ok(Mail::Outbox));
        // A local receiver over plain http is fine in development.
        let local = Config {
            ses_endpoint: Some("http://127.0.0.1:8005/".into()),
            public_url: Some("http://127.0.0.1:8787".into()),
            ..Config {
                development: true,
                ..production()
            }
        };
        assert_eq!(local.problems(), Vec::<String>::new());
        assert!(matches!(local.mail(), Ok(Mail::Ses(s)) if s.endpoint == "http://127.0.0.1:8005"));
    }

    #[test]
    fn retention_defaults_to_two_years() {
        assert_eq!(production().security_log_days(), 730);
        assert_eq!(
            Config {
                security_log_days: Some("90".into()),
                ..production()
            }
            .security_log_days(),
            90
        );
    }
}
