//! Settlement submissions: at most one submitted row per employer and year (a
//! unique index); reopening marks it `reopened` and keeps it as history.

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::domain::year::Year;

#[derive(Debug, Clone, Deserialize)]
pub struct Submission {
    pub submitted_at: i64,
    pub reference: Option<String>,
}

/// The year's live submission, if it was submitted and not reopened since.
pub async fn submitted(
    db: &impl Db,
    employer_id: &str,
    year: Year,
) -> Result<Option<Submission>, DbError> {
    db.first(Statement::new(
        "SELECT submitted_at, reference FROM settlement_submissions \
         WHERE employer_id = ? AND year = ? AND status = 'submitted'",
        vec![employer_id.into(), i64::from(year.get()).into()],
    ))
    .await
}

#[derive(Deserialize)]
struct YearRow {
    year: i32,
}

/// The employer's years that are submitted (and not reopened since).
pub async fn submitted_years(db: &impl Db, employer_id: &str) -> Result<Vec<i32>, DbError> {
    let rows: Vec<YearRow> = db
        .all(Statement::new(
            "SELECT year FROM settlement_submissions WHERE employer_id = ? AND status = 'submitted'",
            vec![employer_id.into()],
        ))
        .await?;
    Ok(rows.into_iter().map(|r| r.year).collect())
}

/// Fails on the unique index when the year is already submitted (or, rarely,
/// when `reference` was drawn before: see [`reference_taken`]).
pub fn submit(
    employer_id: &str,
    year: Year,
    user_id: &str,
    now: i64,
    reference: &str,
) -> Statement {
    Statement::new(
        "INSERT INTO settlement_submissions (employer_id, year, status, submitted_at, submitted_by, reference) \
         VALUES (?, ?, 'submitted', ?, ?, ?)",
        vec![
            employer_id.into(),
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

pub fn reopen(employer_id: &str, year: Year, now: i64) -> Statement {
    Statement::new(
        "UPDATE settlement_submissions SET status = 'reopened', reopened_at = ? \
         WHERE employer_id = ? AND year = ? AND status = 'submitted'",
        vec![now.into(), employer_id.into(), i64::from(year.get()).into()],
    )
}
