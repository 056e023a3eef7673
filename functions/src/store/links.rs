//! Links: another organisation's employer joined to this organisation, and the
//! one-time token with which the linked employer's user managers undo a link.

use serde::Deserialize;

use super::{Db, DbError, Statement};

pub fn insert(organisation_id: &str, employer_id: &str, user_id: &str, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO links (organisation_id, employer_id, linked_by, created_at) VALUES (?, ?, ?, ?)",
        vec![
            organisation_id.into(),
            employer_id.into(),
            user_id.into(),
            now.into(),
        ],
    )
}

pub async fn exists(
    db: &impl Db,
    organisation_id: &str,
    employer_id: &str,
) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM links WHERE organisation_id = ? AND employer_id = ?",
            vec![organisation_id.into(), employer_id.into()],
        ))
        .await?;
    Ok(row.is_some())
}

/// Ends the link and spends its open revocation tokens.
pub fn delete(organisation_id: &str, employer_id: &str, now: i64) -> Vec<Statement> {
    vec![
        Statement::new(
            "DELETE FROM links WHERE organisation_id = ? AND employer_id = ?",
            vec![organisation_id.into(), employer_id.into()],
        ),
        Statement::new(
            "UPDATE link_revocations SET used_at = ? \
             WHERE organisation_id = ? AND employer_id = ? AND used_at IS NULL",
            vec![now.into(), organisation_id.into(), employer_id.into()],
        ),
    ]
}

pub fn insert_revocation(
    token_hash: &str,
    organisation_id: &str,
    employer_id: &str,
    expires_at: i64,
) -> Statement {
    Statement::new(
        "INSERT INTO link_revocations (token_hash, organisation_id, employer_id, expires_at) \
         VALUES (?, ?, ?, ?)",
        vec![
            token_hash.into(),
            organisation_id.into(),
            employer_id.into(),
            expires_at.into(),
        ],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct Revocation {
    pub organisation_id: String,
    pub employer_id: String,
}

/// An unspent, unexpired revocation token's link.
pub async fn revocation(
    db: &impl Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<Revocation>, DbError> {
    db.first(Statement::new(
        "SELECT organisation_id, employer_id FROM link_revocations \
         WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        vec![token_hash.into(), now.into()],
    ))
    .await
}

/// Spends the token; the single-use trigger refuses a second spend in a race.
pub fn spend_revocation(token_hash: &str, now: i64) -> Statement {
    Statement::new(
        "UPDATE link_revocations SET used_at = ? WHERE token_hash = ?",
        vec![now.into(), token_hash.into()],
    )
}
