//! Users, their roles and their one-time tokens.

use super::{Db, DbError, Statement};
use crate::domain::email::Email;

pub const ALL_ROLES: [&str; 3] = ["user_management", "hr", "finance"];

#[derive(Debug, Clone, Copy)]
pub enum TokenPurpose {
    Activation,
    PasswordReset,
}

impl TokenPurpose {
    fn code(self) -> &'static str {
        match self {
            TokenPurpose::Activation => "activation",
            TokenPurpose::PasswordReset => "password_reset",
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

#[derive(Debug, Clone, serde::Deserialize)]
pub struct ListedUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub status: String,
    /// Comma-separated role codes.
    pub roles: Option<String>,
    pub has_password: i64,
}

/// Role codes from a `group_concat` of them (codes hold no commas).
pub fn role_codes(roles: Option<&str>) -> Vec<&str> {
    roles.map_or_else(Vec::new, |r| r.split(',').collect())
}

impl ListedUser {
    /// The role codes of the comma-separated `roles` column.
    pub fn role_codes(&self) -> Vec<&str> {
        role_codes(self.roles.as_deref())
    }
}

/// The users of one employer, by name; `only` narrows it to one user id.
pub async fn of_employer(
    db: &impl Db,
    employer_id: &str,
    only: Option<&str>,
) -> Result<Vec<ListedUser>, DbError> {
    db.all(Statement::new(
        "SELECT u.id, u.name, u.email, u.status, u.password_hash IS NOT NULL AS has_password, \
         (SELECT GROUP_CONCAT(role) FROM user_roles r WHERE r.user_id = u.id) AS roles \
         FROM users u WHERE u.employer_id = ? AND (? IS NULL OR u.id = ?) ORDER BY u.name, u.email",
        vec![employer_id.into(), only.into(), only.into()],
    ))
    .await
}

pub fn replace_roles(user_id: &str, roles: &[&str]) -> Vec<Statement> {
    let mut stmts = vec![Statement::new(
        "DELETE FROM user_roles WHERE user_id = ?",
        vec![user_id.into()],
    )];
    stmts.extend(roles.iter().map(|role| {
        Statement::new(
            "INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
            vec![user_id.into(), (*role).into()],
        )
    }));
    stmts
}

pub fn set_status(user_id: &str, employer_id: &str, status: &str) -> Statement {
    Statement::new(
        "UPDATE users SET status = ? WHERE id = ? AND employer_id = ?",
        vec![status.into(), user_id.into(), employer_id.into()],
    )
}
