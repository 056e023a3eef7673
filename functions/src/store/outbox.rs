//! The e-mail outbox table.

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::mail::OutgoingMail;

pub fn enqueue(mail: &OutgoingMail, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO outbox (to_address, subject, body_text, created_at) VALUES (?, ?, ?, ?)",
        vec![
            mail.to.as_str().into(),
            mail.subject.as_str().into(),
            mail.text.as_str().into(),
            now.into(),
        ],
    )
}

#[derive(Debug, Deserialize)]
pub struct StoredMail {
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
}

/// The 100 newest messages, newest first.
pub async fn newest(db: &impl Db) -> Result<Vec<StoredMail>, DbError> {
    db.all(Statement::new(
        "SELECT to_address, subject, body_text, created_at FROM outbox ORDER BY id DESC LIMIT 100",
        vec![],
    ))
    .await
}
