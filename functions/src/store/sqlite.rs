//! SQLite behind the `Db` trait, for native tests: the same migrations as D1, with
//! foreign keys on as D1 has them.

use std::cell::RefCell;
use std::path::Path;

use rusqlite::types::ValueRef;
use serde::de::DeserializeOwned;

use super::{Db, DbError, Statement, Value};

pub struct SqliteDb {
    conn: RefCell<rusqlite::Connection>,
}

fn err(e: rusqlite::Error) -> DbError {
    DbError::from_message(e.to_string())
}

impl SqliteDb {
    /// A fresh in-memory database with every `*.sql` file of `migrations_dir`
    /// applied in name order, each in its own transaction, as `wrangler d1
    /// migrations apply` does (a migration may defer foreign keys to its commit).
    pub fn with_migrations(migrations_dir: &Path) -> Result<Self, DbError> {
        let conn = rusqlite::Connection::open_in_memory().map_err(err)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(err)?;
        let mut files: Vec<_> = std::fs::read_dir(migrations_dir)
            .map_err(|e| DbError::Other(format!("{}: {e}", migrations_dir.display())))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        let db = Self {
            conn: RefCell::new(conn),
        };
        for file in files {
            let sql = std::fs::read_to_string(&file)
                .map_err(|e| DbError::Other(format!("{}: {e}", file.display())))?;
            db.migrate(&sql)?;
        }
        Ok(db)
    }

    /// Applies one migration's SQL in a transaction of its own.
    pub fn migrate(&self, sql: &str) -> Result<(), DbError> {
        let mut conn = self.conn.borrow_mut();
        let tx = conn.transaction().map_err(err)?;
        tx.execute_batch(sql).map_err(err)?;
        tx.commit().map_err(err)
    }

    fn bind(params: &[Value]) -> Vec<rusqlite::types::Value> {
        params
            .iter()
            .map(|v| match v {
                Value::Null => rusqlite::types::Value::Null,
                Value::Integer(i) => rusqlite::types::Value::Integer(*i),
                Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
            })
            .collect()
    }
}

fn column_json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        // The schema has no REAL columns; a real here is a schema bug, kept visible.
        ValueRef::Real(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b.iter().map(|&x| serde_json::Value::from(x)).collect(),
    }
}

impl Db for SqliteDb {
    async fn all<T: DeserializeOwned>(&self, stmt: Statement) -> Result<Vec<T>, DbError> {
        let conn = self.conn.borrow();
        let mut prepared = conn.prepare(stmt.sql).map_err(err)?;
        let names: Vec<String> = prepared.column_names().map(String::from).collect();
        let params = Self::bind(&stmt.params);
        let mut rows = prepared
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let mut object = serde_json::Map::with_capacity(names.len());
            for (i, name) in names.iter().enumerate() {
                object.insert(name.clone(), column_json(row.get_ref(i).map_err(err)?));
            }
            out.push(
                serde_json::from_value(serde_json::Value::Object(object))
                    .map_err(|e| DbError::Other(format!("row decode: {e}")))?,
            );
        }
        Ok(out)
    }

    async fn batch(&self, stmts: Vec<Statement>) -> Result<(), DbError> {
        let mut conn = self.conn.borrow_mut();
        let tx = conn.transaction().map_err(err)?;
        for stmt in &stmts {
            let params = Self::bind(&stmt.params);
            tx.execute(stmt.sql, rusqlite::params_from_iter(params.iter()))
                .map_err(err)?;
        }
        tx.commit().map_err(err)
    }
}
