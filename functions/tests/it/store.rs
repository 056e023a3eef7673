//! The SQLite store keeps the `Db` contract the D1 one keeps: batches are atomic,
//! constraint failures are recognisable.

use std::path::Path;

use balie_functions::store::sqlite::SqliteDb;
use balie_functions::store::{Db, DbError, Statement};
use serde_json::Value;

fn db() -> SqliteDb {
    SqliteDb::with_migrations(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations")).unwrap()
}

/// A database with the migrations before `first_left_out` (e.g. "0008") applied,
/// and the directory of all migrations.
fn migrated_before(first_left_out: &str) -> (SqliteDb, std::path::PathBuf) {
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let before = std::env::temp_dir().join(format!(
        "balie-migrations-{first_left_out}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&before).unwrap();
    for entry in std::fs::read_dir(&all).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".sql") && name.as_str() < first_left_out {
            std::fs::copy(&path, before.join(&name)).unwrap();
        }
    }
    let db = SqliteDb::with_migrations(&before).unwrap();
    std::fs::remove_dir_all(&before).unwrap();
    (db, all)
}

/// Runs literal SQL on `db`; a test's fixtures.
fn run(db: &SqliteDb, sql: &str) -> Result<(), DbError> {
    let sql: &'static str = Box::leak(sql.to_owned().into_boxed_str());
    pollster::block_on(db.batch(vec![Statement::new(sql, vec![])]))
}

fn outbox_insert(to: &str) -> Statement {
    balie_functions::store::outbox::enqueue(
        &balie_functions::mail::OutgoingMail {
            to: to.into(),
            subject: "s".into(),
            text: "t".into(),
        },
        1,
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

/// Migration 0006 rebuilds `security_events` to allow a new kind: rows written
/// before it keep their ids and values, and new ids continue after them.
#[test]
fn rebuilding_the_security_log_keeps_its_rows() {
    let (db, all) = migrated_before("0006");
    let run = |sql: &str, params: Vec<balie_functions::store::Value>| {
        let sql: &'static str = Box::leak(sql.to_owned().into_boxed_str());
        pollster::block_on(db.batch(vec![Statement::new(sql, params)])).unwrap();
    };
    run("INSERT INTO employers (id, policy_number, company_name, created_at) VALUES ('e', '770000001', 'B.V.', 1)", vec![]);
    run("INSERT INTO users (id, employer_id, name, email, status, created_at) VALUES ('u', 'e', 'N', 'n@x.nl', 'active', 1)", vec![]);
    for kind in ["sign_in_ok", "roles_changed"] {
        run(
            "INSERT INTO security_events (employer_id, user_id, actor_id, kind, detail, address, created_at) \
             VALUES ('e', 'u', 'u', ?, 'hr', '192.0.2.1', 5)",
            vec![kind.into()],
        );
    }
    let old_kind_refused = pollster::block_on(db.batch(vec![Statement::new(
        "INSERT INTO security_events (employer_id, kind, created_at) VALUES ('e', 'employee_corrected', 6)",
        vec![],
    )]));
    assert!(matches!(old_kind_refused, Err(DbError::Constraint(_))));

    let migration = std::fs::read_to_string(all.join("0006_employee_history.sql")).unwrap();
    for statement in migration.split(";\n") {
        let code: String = statement
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        if !code.trim().is_empty() {
            run(&code, vec![]);
        }
    }
    run(
        "INSERT INTO security_events (employer_id, actor_id, kind, detail, created_at) \
         VALUES ('e', 'u', 'employee_corrected', 'x', 7)",
        vec![],
    );
    let rows: Vec<Value> = pollster::block_on(db.all(Statement::new(
        "SELECT id, kind, detail, address, created_at FROM security_events ORDER BY id",
        vec![],
    )))
    .unwrap();
    assert_eq!(
        rows,
        vec![
            serde_json::json!({"id": 1, "kind": "sign_in_ok", "detail": "hr", "address": "192.0.2.1", "created_at": 5}),
            serde_json::json!({"id": 2, "kind": "roles_changed", "detail": "hr", "address": "192.0.2.1", "created_at": 5}),
            serde_json::json!({"id": 3, "kind": "employee_corrected", "detail": "x", "address": null, "created_at": 7}),
        ]
    );
    // The CHECK still refuses unknown kinds.
    let unknown = pollster::block_on(db.batch(vec![Statement::new(
        "INSERT INTO security_events (employer_id, kind, created_at) VALUES ('e', 'made_up', 8)",
        vec![],
    )]));
    assert!(matches!(unknown, Err(DbError::Constraint(_))));
}

/// Migration 0008 turns each version 1 employer into an organisation holding it,
/// and its policy into a verzuim contract numbered with the policy number, while
/// every row that refers to the employer keeps pointing at it.
#[test]
fn version_one_employers_become_organisations_with_a_verzuim_contract() {
    let (db, all) = migrated_before("0008");
    let version_one = [
        "INSERT INTO employers (id, policy_number, company_name, created_at) VALUES ('e1', '770000001', 'Een B.V.', 1), ('e2', '770000002', 'Twee B.V.', 2)",
        "INSERT INTO policies VALUES ('e1', 'verzuim', '4.25', 'sv_loon', '2023-01-01', 'max_premieloon'), ('e2', 'verzuim', '3', 'uniform_loon', '2024-01-01', 'none')",
        "INSERT INTO provisional_premiums VALUES ('e1', 2023, '9000.00'), ('e1', 2024, '10200.00')",
        "INSERT INTO users (id, employer_id, name, email, status, created_at) VALUES ('u1', 'e1', 'N', 'n@een.nl', 'active', 1)",
        "INSERT INTO employees (id, employer_id, bsn, initials, last_name, gender, birth_date, created_at) VALUES ('p1', 'e1', '111222333', 'A', 'Aa', 'V', '1980-01-01', 1)",
        "INSERT INTO settlement_submissions (employer_id, year, status, submitted_at, submitted_by, reference) VALUES ('e1', 2023, 'submitted', 5, 'u1', 'NV-2023-AAAAAA')",
        "INSERT INTO security_events (employer_id, user_id, kind, created_at) VALUES ('e1', 'u1', 'sign_in_ok', 5)",
    ];
    for sql in version_one {
        run(&db, sql).unwrap();
    }

    db.migrate(&std::fs::read_to_string(all.join("0008_organisations_contracts.sql")).unwrap())
        .expect("0008 applies to version 1 data");

    let query = |sql: &'static str| {
        pollster::block_on(db.all::<Value>(Statement::new(sql, vec![]))).unwrap()
    };
    let employers = query(
        "SELECT id, organisation_id, customer_number, company_name FROM employers ORDER BY id",
    );
    assert_eq!(employers.len(), 2);
    for e in &employers {
        assert_eq!(e["organisation_id"], e["id"]);
        let n = e["customer_number"].as_str().unwrap();
        assert!(n.len() == 10 && !n.starts_with('0'), "{n}");
    }
    assert_ne!(
        employers[0]["customer_number"],
        employers[1]["customer_number"]
    );
    let contracts = query(
        "SELECT employer_id, product, contract_number, start_date, settings FROM contracts ORDER BY employer_id",
    );
    assert_eq!(contracts[0]["product"], "verzuim");
    assert_eq!(contracts[0]["contract_number"], "770000001");
    assert_eq!(contracts[0]["start_date"], "2023-01-01");
    let settings: Value = serde_json::from_str(contracts[0]["settings"].as_str().unwrap()).unwrap();
    assert_eq!(
        settings,
        serde_json::json!({"premium_rate_percent": "4.25", "insured_wage": "sv_loon", "wage_cap": "max_premieloon",
            "provisional_premium": {"2023": "9000.00", "2024": "10200.00"}})
    );
    let settings: Value = serde_json::from_str(contracts[1]["settings"].as_str().unwrap()).unwrap();
    assert_eq!(settings["provisional_premium"], serde_json::json!({}));
    // The stored settings read back through the domain's types.
    for c in &contracts {
        assert!(balie_functions::domain::contract::Settings::from_stored(
            balie_functions::domain::contract::Product::Verzuim,
            c["settings"].as_str().unwrap()
        )
        .is_some());
    }
    let submission = query("SELECT s.contract_id = c.id AS same FROM settlement_submissions s JOIN contracts c ON c.employer_id = s.employer_id");
    assert_eq!(submission[0]["same"], 1);
    assert_eq!(
        query("SELECT COUNT(*) AS n FROM security_events")[0]["n"],
        1
    );
    // The foreign keys hold: every reference still finds its row.
    assert!(query("PRAGMA foreign_key_check").is_empty());
    for gone in ["policies", "provisional_premiums", "employers_v1"] {
        let sql: &'static str = Box::leak(format!("SELECT 1 FROM {gone}").into_boxed_str());
        assert!(
            pollster::block_on(db.all::<Value>(Statement::new(sql, vec![]))).is_err(),
            "{gone}"
        );
    }
}
