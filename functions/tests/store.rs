//! The SQLite store keeps the `Db` contract the D1 one keeps: batches are atomic,
//! constraint failures are recognisable.

use std::path::Path;

use balie_functions::store::sqlite::SqliteDb;
use balie_functions::store::{Db, DbError, Statement};
use serde_json::Value;

fn db() -> SqliteDb {
    SqliteDb::with_migrations(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations")).unwrap()
}

fn outbox_insert(to: &str) -> Statement {
    Statement::new(
        "INSERT INTO outbox (to_address, subject, body_text, created_at) VALUES (?, 's', 't', 1)",
        vec![to.into()],
    )
}

#[test]
fn a_failing_statement_rolls_back_the_whole_batch() {
    let db = db();
    let failing = Statement::new(
        "INSERT INTO user_roles (user_id, role) VALUES ('nobody', 'hr')",
        vec![],
    );
    let err = pollster::block_on(db.batch(vec![outbox_insert("a@x.nl"), failing])).unwrap_err();
    assert!(matches!(err, DbError::Constraint(_)), "{err:?}");
    let rows: Vec<Value> =
        pollster::block_on(db.all(Statement::new("SELECT * FROM outbox", vec![]))).unwrap();
    assert!(rows.is_empty(), "first statement was rolled back");
}

#[test]
fn rows_decode_with_types() {
    let db = db();
    pollster::block_on(db.batch(vec![outbox_insert("a@x.nl"), outbox_insert("b@x.nl")])).unwrap();
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Row {
        id: i64,
        to_address: String,
    }
    let rows: Vec<Row> = pollster::block_on(db.all(Statement::new(
        "SELECT id, to_address FROM outbox WHERE to_address = ?",
        vec!["b@x.nl".into()],
    )))
    .unwrap();
    assert_eq!(
        rows,
        vec![Row {
            id: 2,
            to_address: "b@x.nl".into()
        }]
    );
}
