//! D1 behind the `Db` trait (Worker only).

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
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
    /// The rows cross from JavaScript as one JSON text: `D1Result::results` would
    /// convert every row object field by field across the Wasm boundary, which
    /// took most of a 10,000-row settlement's time. Errors take the same path as
    /// `D1PreparedStatement::all` (a rejected promise into `worker::Error`).
    async fn all<T: DeserializeOwned>(&self, stmt: Statement) -> Result<Vec<T>, DbError> {
        let js = |e: JsValue| err(e.into());
        let promise = self.prepare(&stmt)?.inner().all().map_err(js)?;
        let result = JsFuture::from(promise).await.map_err(js)?;
        let rows = js_sys::Reflect::get(&result, &JsValue::from_str("results")).map_err(js)?;
        if rows.is_undefined() || rows.is_null() {
            return Ok(Vec::new());
        }
        let text = String::from(js_sys::JSON::stringify(&rows).map_err(js)?);
        serde_json::from_str(&text).map_err(|e| DbError::Other(format!("row decode: {e}")))
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
