//! Settlement submissions: at most one submitted row per verzuim contract and
//! year (a unique index); reopening marks it `reopened` and keeps it as history.
//! While any contract of an employer has a year submitted, that year of its
//! employees is locked (the triggers of migrations/0003 join on employer_id).

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::domain::year::Year;

#[derive(Debug, Clone, Deserialize)]
pub struct Submission {
    pub submitted_at: i64,
    pub reference: Option<String>,
}

/// The contract's live submission of the year, if submitted and not reopened since.
pub async fn submitted(
    db: &impl Db,
    contract_id: &str,
    year: Year,
) -> Result<Option<Submission>, DbError> {
    db.first(Statement::new(
        "SELECT submitted_at, reference FROM settlement_submissions \
         WHERE contract_id = ? AND year = ? AND status = 'submitted'",
        vec![contract_id.into(), i64::from(year.get()).into()],
    ))
    .await
}

/// Whether any contract of the employer has the year submitted (so it is locked).
pub async fn employer_year_locked(
    db: &impl Db,
    employer_id: &str,
    year: Year,
) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM settlement_submissions \
             WHERE employer_id = ? AND year = ? AND status = 'submitted'",
            vec![employer_id.into(), i64::from(year.get()).into()],
        ))
        .await?;
    Ok(row.is_some())
}

#[derive(Deserialize)]
struct YearRow {
    year: i32,
}

/// The contract's years that are submitted (and not reopened since).
pub async fn submitted_years(db: &impl Db, contract_id: &str) -> Result<Vec<i32>, DbError> {
    let rows: Vec<YearRow> = db
        .all(Statement::new(
            "SELECT year FROM settlement_submissions WHERE contract_id = ? AND status = 'submitted'",
            vec![contract_id.into()],
        ))
        .await?;
    Ok(rows.into_iter().map(|r| r.year).collect())
}

/// Fails on the unique index when the year is already submitted (or, rarely,
/// when `reference` was drawn before: see [`reference_taken`]).
pub fn submit(
    employer_id: &str,
    contract_id: &str,
    year: Year,
    user_id: &str,
    now: i64,
    reference: &str,
) -> Statement {
    Statement::new(
        "INSERT INTO settlement_submissions \
         (employer_id, contract_id, year, status, submitted_at, submitted_by, reference) \
         VALUES (?, ?, ?, 'submitted', ?, ?, ?)",
        vec![
            employer_id.into(),
            contract_id.into(),
            i64::from(year.get()).into(),
            now.into(),
            user_id.into(),
            reference.into(),
        ],
    )
}

/// Whether a constraint failure of [`submit`] was the reference's uniqueness
/// (draw another) rather than the year's (already submitted).
pub fn reference_taken(e: &DbError) -> bool {
    matches!(e, DbError::Constraint(m) if m.contains("settlement_submissions.reference"))
}

pub fn reopen(contract_id: &str, year: Year, now: i64) -> Statement {
    Statement::new(
        "UPDATE settlement_submissions SET status = 'reopened', reopened_at = ? \
         WHERE contract_id = ? AND year = ? AND status = 'submitted'",
        vec![now.into(), contract_id.into(), i64::from(year.get()).into()],
    )
}
