//! Storage behind two small traits, so handlers run unchanged against D1/KV in the
//! Worker and against SQLite/in-memory natively. Both SQL backends apply the same
//! `migrations/`.
//!
//! The traits use `async fn` without `Send` bounds on purpose: the Worker is
//! single-threaded and its futures are not `Send`.
#![allow(async_fn_in_trait)]

pub mod accounts;
pub mod cleanup;
pub mod contracts;
pub mod documents;
pub mod employees;
pub mod employers;
pub mod links;
pub mod outbox;
pub mod settlements;
pub mod users;

#[cfg(target_arch = "wasm32")]
pub mod d1;
#[cfg(not(target_arch = "wasm32"))]
pub mod memory_kv;
#[cfg(not(target_arch = "wasm32"))]
pub mod sqlite;
#[cfg(target_arch = "wasm32")]
pub mod workers_kv;

use serde::de::DeserializeOwned;

/// A value bound to a `?` placeholder. Integers must stay below 2^53: D1 passes
/// them through JavaScript numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Text(String),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Integer(i)
    }
}
/// A calendar date is stored as its ISO text, `2024-01-01`.
impl From<chrono::NaiveDate> for Value {
    fn from(d: chrono::NaiveDate) -> Self {
        Value::Text(d.format("%Y-%m-%d").to_string())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One SQL statement with its parameters.
#[derive(Debug, Clone)]
pub struct Statement {
    pub sql: &'static str,
    pub params: Vec<Value>,
}

impl Statement {
    pub fn new(sql: &'static str, params: Vec<Value>) -> Self {
        Self { sql, params }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DbError {
    /// A single-use trigger refused the write (migrations/0002): the token,
    /// challenge, recovery code or TOTP step was already spent.
    #[error("already used: {0}")]
    AlreadyUsed(String),
    /// A rule trigger refused the write (migrations/0003, `refused: <code>`): an
    /// employment overlap or a change to a submitted year.
    #[error("refused: {0}")]
    Refused(String),
    /// A UNIQUE/PRIMARY KEY/CHECK/FOREIGN KEY constraint refused the write; the
    /// text names the constraint as SQLite reports it.
    #[error("constraint failed: {0}")]
    Constraint(String),
    #[error("database error: {0}")]
    Other(String),
}

impl DbError {
    /// Classifies a backend's error text; D1 and SQLite word constraint failures alike.
    pub fn from_message(message: String) -> Self {
        if message.contains("already_used") {
            DbError::AlreadyUsed(message)
        } else if message.contains("refused: ") {
            DbError::Refused(message)
        } else if message.contains("constraint failed") {
            DbError::Constraint(message)
        } else {
            DbError::Other(message)
        }
    }
}

pub trait Db {
    /// Runs a query and decodes every row (column name → field).
    async fn all<T: DeserializeOwned>(&self, stmt: Statement) -> Result<Vec<T>, DbError>;
    /// Runs all statements in one transaction: all of them apply or none.
    async fn batch(&self, stmts: Vec<Statement>) -> Result<(), DbError>;

    async fn first<T: DeserializeOwned>(&self, stmt: Statement) -> Result<Option<T>, DbError> {
        Ok(self.all(stmt).await?.into_iter().next())
    }
}

/// Runs a `SELECT COUNT(*) AS n …` and answers `n`.
pub async fn count(db: &impl Db, stmt: Statement) -> Result<i64, DbError> {
    #[derive(serde::Deserialize)]
    struct Count {
        n: i64,
    }
    Ok(db.first::<Count>(stmt).await?.map_or(0, |c| c.n))
}

/// Decodes rows a query packed into one JSON text (`json_group_array(json_array(…))`,
/// fields in the order `T` declares them; `NULL` when there were none). For long
/// lists: the Worker's bridge converts a row object field by field, which for
/// 10,000 rows costs more than the query, while one string crosses at once.
pub fn unpack<T: DeserializeOwned>(packed: Option<&str>) -> Result<Vec<T>, DbError> {
    packed.map_or(Ok(Vec::new()), |json| {
        serde_json::from_str(json).map_err(|e| DbError::Other(format!("packed rows: {e}")))
    })
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("kv error: {0}")]
pub struct KvError(pub String);

/// Key-value blobs (documents). Eventually consistent in production: never use it
/// for counters or anything that must be read back at once.
pub trait Kv {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, KvError>;
    async fn put(&self, key: &str, value: &[u8]) -> Result<(), KvError>;
    async fn delete(&self, key: &str) -> Result<(), KvError>;
}
