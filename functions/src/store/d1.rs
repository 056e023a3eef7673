//! D1 behind the `Db` trait (Worker only).

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{Db, DbError, Statement, Value};

pub struct D1Db(pub D1Database);

fn err(e: worker::Error) -> DbError {
    // D1 puts SQLite's own text ("UNIQUE constraint failed: ...") in the error.
    let text = match &e {
        worker::Error::D1(d1) => d1.cause(),
        _ => e.to_string(),
    };
    DbError::from_message(format!("{e}: {text}"))
}

impl D1Db {
    fn prepare(&self, stmt: &Statement) -> Result<D1PreparedStatement, DbError> {
        let values: Vec<JsValue> = stmt
            .params
            .iter()
            .map(|v| match v {
                Value::Null => JsValue::NULL,
                Value::Integer(i) => JsValue::from_f64(*i as f64),
                Value::Text(s) => JsValue::from_str(s),
            })
            .collect();
        self.0.prepare(stmt.sql).bind(&values).map_err(err)
    }
}

impl Db for D1Db {
    async fn all<T: DeserializeOwned>(&self, stmt: Statement) -> Result<Vec<T>, DbError> {
        let result = self.prepare(&stmt)?.all().await.map_err(err)?;
        result.results::<T>().map_err(err)
    }

    async fn batch(&self, stmts: Vec<Statement>) -> Result<(), DbError> {
        let prepared = stmts
            .iter()
            .map(|s| self.prepare(s))
            .collect::<Result<Vec<_>, _>>()?;
        // D1 runs a batch as one transaction: any failure rolls back all of it.
        self.0.batch(prepared).await.map_err(err)?;
        Ok(())
    }
}
