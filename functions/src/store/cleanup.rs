//! What the scheduled job deletes: rows whose purpose has passed. Each statement
//! is bounded, so one run stays short however far behind it is; the next run
//! takes the rest.

use serde::de::IgnoredAny;

use super::{Db, DbError, Statement};

/// Rows per table per run.
pub const BOUND: i64 = 5000;

/// Addresses in the security log are kept this long (rate-limit keys, which can
/// hold one, last an hour at most).
pub const ADDRESS_DAYS: i64 = 90;

/// One kind of clean-up: its name in the run's log line and its statement.
pub struct Sweep {
    pub name: &'static str,
    pub statement: Statement,
}

/// Every sweep at `now`. `longest_window` is the longest rate-limit window;
/// `log_days` how long security-log lines stay; `keep_mail_bodies` is true where
/// the outbox is the mailbox.
pub fn sweeps(now: i64, longest_window: i64, log_days: i64, keep_mail_bodies: bool) -> Vec<Sweep> {
    let day = 24 * 60 * 60;
    let bounded = |name, sql, params: Vec<super::Value>| Sweep {
        name,
        statement: Statement::new(sql, params),
    };
    let mut sweeps = vec![
        bounded(
            "rate_limits",
            "DELETE FROM rate_limits WHERE bucket IN \
             (SELECT bucket FROM rate_limits WHERE window_start <= ? LIMIT ?) RETURNING 1",
            vec![(now - longest_window).into(), BOUND.into()],
        ),
        // A challenge is spent once used and dead once expired.
        bounded(
            "login_challenges",
            "DELETE FROM login_challenges WHERE id_hash IN (SELECT id_hash FROM login_challenges \
             WHERE used_at IS NOT NULL OR expires_at <= ? LIMIT ?) RETURNING 1",
            vec![now.into(), BOUND.into()],
        ),
        // Used links stay until they would have expired, so using one twice still
        // says it was used; then they go.
        bounded(
            "auth_tokens",
            "DELETE FROM auth_tokens WHERE token_hash IN \
             (SELECT token_hash FROM auth_tokens WHERE expires_at <= ? LIMIT ?) RETURNING 1",
            vec![now.into(), BOUND.into()],
        ),
        bounded(
            "link_revocations",
            "DELETE FROM link_revocations WHERE token_hash IN \
             (SELECT token_hash FROM link_revocations WHERE expires_at <= ? LIMIT ?) RETURNING 1",
            vec![now.into(), BOUND.into()],
        ),
        bounded(
            "sessions",
            "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions \
             WHERE expires_at <= ? OR revoked_at IS NOT NULL LIMIT ?) RETURNING 1",
            vec![now.into(), BOUND.into()],
        ),
        // The log is written in time order: its oldest lines come first by id.
        bounded(
            "security_events",
            "DELETE FROM security_events WHERE id IN (SELECT id FROM security_events \
             ORDER BY id LIMIT ?) AND created_at <= ? RETURNING 1",
            vec![BOUND.into(), (now - log_days * day).into()],
        ),
        bounded(
            "security_event_addresses",
            "UPDATE security_events SET address = NULL WHERE id IN (SELECT id FROM security_events \
             INDEXED BY security_events_with_address WHERE address IS NOT NULL ORDER BY id LIMIT ?) \
             AND created_at <= ? RETURNING 1",
            vec![BOUND.into(), (now - ADDRESS_DAYS * day).into()],
        ),
        // Mail metadata lives as long as the security log.
        bounded(
            "outbox",
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT ?) \
             AND status <> 'pending' AND created_at <= ? RETURNING 1",
            vec![BOUND.into(), (now - log_days * day).into()],
        ),
    ];
    if !keep_mail_bodies {
        // Delivery drops a body as it goes; this catches what a cut-off run left.
        sweeps.push(bounded(
            "mail_bodies",
            "UPDATE outbox SET body_text = NULL WHERE id IN (SELECT id FROM outbox \
             WHERE status <> 'pending' AND body_text IS NOT NULL LIMIT ?) RETURNING 1",
            vec![BOUND.into()],
        ));
    }
    sweeps
}

/// Runs one sweep and answers how many rows it changed (each statement returns
/// a row per change: the count comes with the write, whatever else runs).
pub async fn run(db: &impl Db, sweep: Sweep) -> Result<usize, DbError> {
    Ok(db.all::<IgnoredAny>(sweep.statement).await?.len())
}
