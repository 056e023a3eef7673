//! Users, their roles and their one-time tokens.

use super::{Db, DbError, Statement};
use crate::domain::email::Email;

pub const ALL_ROLES: [&str; 3] = ["user_management", "hr", "finance"];

#[derive(Debug, Clone, Copy)]
pub enum TokenPurpose {
    Activation,
}

impl TokenPurpose {
    fn code(self) -> &'static str {
        match self {
            TokenPurpose::Activation => "activation",
        }
    }
}

pub async fn email_exists(db: &impl Db, email: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM users WHERE email = ?",
            vec![email.into()],
        ))
        .await?;
    Ok(row.is_some())
}

/// A new user, invited (no password yet), with the given roles.
pub fn insert(
    user_id: &str,
    employer_id: &str,
    name: &str,
    email: &Email,
    roles: &[&str],
    now: i64,
) -> Vec<Statement> {
    let mut stmts = vec![Statement::new(
        "INSERT INTO users (id, employer_id, name, email, status, created_at) VALUES (?, ?, ?, ?, 'invited', ?)",
        vec![
            user_id.into(),
            employer_id.into(),
            name.into(),
            email.as_str().into(),
            now.into(),
        ],
    )];
    for role in roles {
        stmts.push(Statement::new(
            "INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
            vec![user_id.into(), (*role).into()],
        ));
    }
    stmts
}

pub fn insert_token(
    token_hash: &str,
    user_id: &str,
    purpose: TokenPurpose,
    expires_at: i64,
) -> Statement {
    Statement::new(
        "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)",
        vec![
            token_hash.into(),
            user_id.into(),
            purpose.code().into(),
            expires_at.into(),
        ],
    )
}
