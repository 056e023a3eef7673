//! The e-mail outbox. Every message is written here in the batch of the change that
//! causes it (`enqueue`), then delivered by a transport (`crate::delivery`), which
//! claims due messages, and marks each delivered, due again later, or failed.

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::mail::OutgoingMail;

/// A new pending message, due at once. Its idempotency key (its Message-ID) is
/// drawn by SQLite: it only has to be unique, and no caller has to pass one.
pub fn enqueue(mail: &OutgoingMail, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO outbox (idempotency_key, to_address, subject, body_text, created_at, next_attempt_at) \
         VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?)",
        vec![
            mail.to.as_str().into(),
            mail.subject.as_str().into(),
            mail.text.as_str().into(),
            now.into(),
            now.into(),
        ],
    )
}

/// A message claimed for one delivery attempt.
#[derive(Debug, Clone, Deserialize)]
pub struct Claimed {
    pub id: i64,
    pub idempotency_key: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
    /// Including this one.
    pub attempts: i64,
}

/// Claims up to `limit` due messages until `lease_until`, oldest first. One
/// statement: two deliverers running at once (the answer's `waitUntil` and the
/// cron job) never claim the same message.
pub async fn claim_due(
    db: &impl Db,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, DbError> {
    db.all(Statement::new(
        "UPDATE outbox SET claimed_until = ?, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? \
                      AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ?) \
         RETURNING id, idempotency_key, to_address, subject, body_text, created_at, attempts",
        vec![lease_until.into(), now.into(), now.into(), limit.into()],
    ))
    .await
}

/// Sent: the provider's id stays, the body goes unless the outbox is the mailbox.
pub fn delivered(id: i64, provider_id: &str, now: i64, keep_body: bool) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'delivered', delivered_at = ?, provider_id = ?, claimed_until = NULL, \
         last_error = NULL, body_text = CASE WHEN ? THEN body_text END WHERE id = ?",
        vec![now.into(), provider_id.into(), i64::from(keep_body).into(), id.into()],
    )
}

/// Not sent this time: due again at `next_attempt_at`.
pub fn retry(id: i64, next_attempt_at: i64, error: &str) -> Statement {
    Statement::new(
        "UPDATE outbox SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?",
        vec![next_attempt_at.into(), error.into(), id.into()],
    )
}

/// Given up: shown in the back office; the body goes unless the outbox is the mailbox.
pub fn failed(id: i64, error: &str, keep_body: bool) -> Statement {
    Statement::new(
        "UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = ?, \
         body_text = CASE WHEN ? THEN body_text END WHERE id = ?",
        vec![error.into(), i64::from(keep_body).into(), id.into()],
    )
}

/// How many messages wait for delivery.
pub async fn pending_count(db: &impl Db) -> Result<i64, DbError> {
    super::count(
        db,
        Statement::new(
            "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'",
            vec![],
        ),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct StoredMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: Option<String>,
    pub created_at: i64,
    pub status: String,
    pub attempts: i64,
    pub delivered_at: Option<i64>,
    pub last_error: Option<String>,
}

/// The 100 newest messages, newest first; with a status, only those.
pub async fn newest(db: &impl Db, status: Option<&str>) -> Result<Vec<StoredMail>, DbError> {
    db.all(Statement::new(
        "SELECT id, to_address, subject, body_text, created_at, status, attempts, delivered_at, last_error \
         FROM outbox WHERE ? IS NULL OR status = ? ORDER BY id DESC LIMIT 100",
        vec![status.into(), status.into()],
    ))
    .await
}
