//! SQL for sign-in: users, challenges, recovery codes, sessions, one-time tokens,
//! rate-limit counters and the security log. Every query that reads another user's
//! data is scoped by employer in the caller or in the statement.

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::domain::rate_limit::Limit;

#[derive(Debug, Clone, Deserialize)]
pub struct UserRow {
    pub id: String,
    pub employer_id: String,
    pub name: String,
    pub email: String,
    pub status: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub totp_last_step: i64,
}

pub async fn user_by_email(db: &impl Db, email: &str) -> Result<Option<UserRow>, DbError> {
    db.first(Statement::new(
        "SELECT id, employer_id, name, email, status, password_hash, totp_secret, totp_last_step \
         FROM users WHERE email = ?",
        vec![email.into()],
    ))
    .await
}

pub async fn user_by_id(db: &impl Db, id: &str) -> Result<Option<UserRow>, DbError> {
    db.first(Statement::new(
        "SELECT id, employer_id, name, email, status, password_hash, totp_secret, totp_last_step \
         FROM users WHERE id = ?",
        vec![id.into()],
    ))
    .await
}

// --- challenges -------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct ChallengeRow {
    pub user_id: String,
    pub kind: String,
    pub pending_secret: Option<String>,
    pub failures: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub fn insert_challenge(
    id_hash: &str,
    user_id: &str,
    kind: &str,
    pending_secret: Option<&str>,
    expires_at: i64,
) -> Statement {
    Statement::new(
        "INSERT INTO login_challenges (id_hash, user_id, kind, pending_secret, expires_at) VALUES (?, ?, ?, ?, ?)",
        vec![id_hash.into(), user_id.into(), kind.into(), pending_secret.into(), expires_at.into()],
    )
}

pub async fn challenge(db: &impl Db, id_hash: &str) -> Result<Option<ChallengeRow>, DbError> {
    db.first(Statement::new(
        "SELECT user_id, kind, pending_secret, failures, expires_at, used_at FROM login_challenges WHERE id_hash = ?",
        vec![id_hash.into()],
    ))
    .await
}

pub fn challenge_failed(id_hash: &str) -> Statement {
    Statement::new(
        "UPDATE login_challenges SET failures = failures + 1 WHERE id_hash = ?",
        vec![id_hash.into()],
    )
}

/// Spends a challenge; a second spend aborts the batch (trigger).
pub fn spend_challenge(id_hash: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE login_challenges SET used_at = ? WHERE id_hash = ?",
        vec![now.into(), id_hash.into()],
    )
}

/// Records the accepted TOTP step; a step not later than the last aborts the batch.
pub fn accept_totp_step(user_id: &str, step: i64) -> Statement {
    Statement::new(
        "UPDATE users SET totp_last_step = ? WHERE id = ?",
        vec![step.into(), user_id.into()],
    )
}

pub fn set_totp_secret(user_id: &str, sealed: Option<&str>) -> Statement {
    Statement::new(
        "UPDATE users SET totp_secret = ? WHERE id = ?",
        vec![sealed.into(), user_id.into()],
    )
}

/// A new set of recovery codes replaces every old one.
pub fn replace_recovery_codes(user_id: &str, hashes: &[String]) -> Vec<Statement> {
    let mut stmts = vec![Statement::new(
        "DELETE FROM recovery_codes WHERE user_id = ?",
        vec![user_id.into()],
    )];
    stmts.extend(hashes.iter().map(|h| {
        Statement::new(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
            vec![user_id.into(), h.as_str().into()],
        )
    }));
    stmts
}

pub async fn recovery_code_unused(
    db: &impl Db,
    user_id: &str,
    hash: &str,
) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM recovery_codes WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
            vec![user_id.into(), hash.into()],
        ))
        .await?;
    Ok(row.is_some())
}

pub fn spend_recovery_code(user_id: &str, hash: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ?",
        vec![now.into(), user_id.into(), hash.into()],
    )
}

// --- sessions ---------------------------------------------------------------

pub fn insert_session(id: &str, user_id: &str, now: i64, expires_at: i64) -> Statement {
    Statement::new(
        "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        vec![id.into(), user_id.into(), now.into(), expires_at.into()],
    )
}

/// A session with its user and employer, as every signed-in request needs them.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionRow {
    pub user_id: String,
    pub employer_id: String,
    pub name: String,
    pub email: String,
    pub status: String,
    pub organisation_id: String,
    pub company_name: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// The user's role codes, comma-separated (codes hold no commas).
    pub roles: Option<String>,
}

/// The session with its user, employer and roles: one query, as every signed-in
/// request starts with it.
pub async fn session(db: &impl Db, id: &str) -> Result<Option<SessionRow>, DbError> {
    db.first(Statement::new(
        "SELECT s.user_id, u.employer_id, u.name, u.email, u.status, e.organisation_id, e.company_name, \
         s.expires_at, s.revoked_at, \
         (SELECT group_concat(r.role) FROM user_roles r WHERE r.user_id = s.user_id) AS roles \
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN employers e ON e.id = u.employer_id \
         WHERE s.id = ?",
        vec![id.into()],
    ))
    .await
}

pub fn revoke_session(id: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        vec![now.into(), id.into()],
    )
}

pub fn revoke_user_sessions(user_id: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        vec![now.into(), user_id.into()],
    )
}

/// Open sign-in challenges die with a password change or a disabled account.
pub fn expire_challenges(user_id: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE login_challenges SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?",
        vec![now.into(), user_id.into(), now.into()],
    )
}

// --- one-time tokens ----------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct TokenRow {
    pub user_id: String,
    pub purpose: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub async fn token(db: &impl Db, hash: &str) -> Result<Option<TokenRow>, DbError> {
    db.first(Statement::new(
        "SELECT user_id, purpose, expires_at, used_at FROM auth_tokens WHERE token_hash = ?",
        vec![hash.into()],
    ))
    .await
}

/// A user's activation links that are still open expire now: a new link replaces
/// them. (Expired, not spent: `used_at` keeps meaning that a link was used.)
pub fn expire_activation_tokens(user_id: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE auth_tokens SET expires_at = ? \
         WHERE user_id = ? AND purpose = 'activation' AND used_at IS NULL AND expires_at > ?",
        vec![now.into(), user_id.into(), now.into()],
    )
}

/// Spends a token; a second spend aborts the batch (trigger).
pub fn spend_token(hash: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE auth_tokens SET used_at = ? WHERE token_hash = ?",
        vec![now.into(), hash.into()],
    )
}

pub fn set_password(user_id: &str, phc: &str, activate: bool) -> Statement {
    if activate {
        Statement::new(
            "UPDATE users SET password_hash = ?, status = 'active' WHERE id = ? AND status = 'invited'",
            vec![phc.into(), user_id.into()],
        )
    } else {
        Statement::new(
            "UPDATE users SET password_hash = ? WHERE id = ?",
            vec![phc.into(), user_id.into()],
        )
    }
}

// --- rate limits -------------------------------------------------------------

fn bucket(limit: &Limit, subject: &str) -> String {
    format!("{}:{subject}", limit.name)
}

#[derive(Debug, Deserialize)]
struct CountRow {
    count: i64,
}

/// Counts one event and returns the count in the current window, this one included.
/// One statement, so concurrent requests cannot both read a stale count.
pub async fn hit(db: &impl Db, limit: &Limit, subject: &str, now: i64) -> Result<i64, DbError> {
    let row: Option<CountRow> = db
        .first(Statement::new(
            "INSERT INTO rate_limits (bucket, window_start, count) VALUES (?, ?, 1) \
             ON CONFLICT (bucket) DO UPDATE SET \
               count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END, \
               window_start = excluded.window_start \
             RETURNING count",
            vec![bucket(limit, subject).into(), limit.window_start(now).into()],
        ))
        .await?;
    Ok(row.map_or(1, |r| r.count))
}

/// Events counted so far in the current window.
pub async fn count(db: &impl Db, limit: &Limit, subject: &str, now: i64) -> Result<i64, DbError> {
    let row: Option<CountRow> = db
        .first(Statement::new(
            "SELECT count FROM rate_limits WHERE bucket = ? AND window_start = ?",
            vec![
                bucket(limit, subject).into(),
                limit.window_start(now).into(),
            ],
        ))
        .await?;
    Ok(row.map_or(0, |r| r.count))
}

// --- security log ------------------------------------------------------------

/// One line of an employer's security log. `user_id` is whom it concerns,
/// `actor_id` who did it (when someone else did).
pub struct Event<'a> {
    pub employer_id: &'a str,
    pub user_id: Option<&'a str>,
    pub actor_id: Option<&'a str>,
    pub kind: &'static str,
    pub detail: Option<String>,
    pub address: &'a str,
}

pub fn log_event(event: Event<'_>, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO security_events (employer_id, user_id, actor_id, kind, detail, address, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        vec![
            event.employer_id.into(),
            event.user_id.into(),
            event.actor_id.into(),
            event.kind.into(),
            event.detail.into(),
            event.address.into(),
            now.into(),
        ],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub kind: String,
    pub user_id: Option<String>,
    pub user_email: Option<String>,
    pub actor_email: Option<String>,
    pub detail: Option<String>,
    pub address: Option<String>,
    pub created_at: i64,
}

/// An employer's security log, newest first, 100 per page (`before` = last id seen).
pub async fn events(
    db: &impl Db,
    employer_id: &str,
    before: Option<i64>,
) -> Result<Vec<EventRow>, DbError> {
    db.all(Statement::new(
        "SELECT ev.id, ev.kind, ev.user_id, u.email AS user_email, a.email AS actor_email, ev.detail, ev.address, ev.created_at \
         FROM security_events ev LEFT JOIN users u ON u.id = ev.user_id LEFT JOIN users a ON a.id = ev.actor_id \
         WHERE ev.employer_id = ? AND ev.id < ? ORDER BY ev.id DESC LIMIT 100",
        vec![employer_id.into(), before.unwrap_or(i64::MAX >> 11).into()],
    ))
    .await
}
