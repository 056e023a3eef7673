//! Contracts: one product of one employer with its settings (JSON written by the
//! domain's types). Reads for a user go through the organisation's reach.

use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::domain::contract::NewContract;

pub fn insert(id: &str, employer_id: &str, c: &NewContract, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO contracts (id, employer_id, product, contract_number, name, start_date, end_date, \
         settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            id.into(),
            employer_id.into(),
            c.settings.product().code().into(),
            c.number.as_str().into(),
            c.name.as_str().into(),
            c.start_date.into(),
            c.end_date.into(),
            c.settings.to_json().to_string().into(),
            now.into(),
        ],
    )
}

/// Whether a constraint failure was a contract number in use.
pub fn number_taken(e: &DbError) -> bool {
    matches!(e, DbError::Constraint(m) if m.contains("contracts.contract_number"))
}

pub async fn number_exists(db: &impl Db, number: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM contracts WHERE contract_number = ?",
            vec![number.into()],
        ))
        .await?;
    Ok(row.is_some())
}

#[derive(Debug, Clone, Deserialize)]
pub struct ContractRow {
    pub id: String,
    pub employer_id: String,
    pub company_name: String,
    pub product: String,
    pub contract_number: String,
    pub name: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: Option<chrono::NaiveDate>,
    /// The settings' JSON text.
    pub settings: String,
}

macro_rules! contract_select {
    () => {
        "SELECT c.id, c.employer_id, e.company_name, c.product, c.contract_number, c.name, \
         c.start_date, c.end_date, c.settings FROM contracts c JOIN employers e ON e.id = c.employer_id "
    };
}

/// Every contract the organisation reaches, by company name, then contract number.
pub async fn in_reach(db: &impl Db, organisation_id: &str) -> Result<Vec<ContractRow>, DbError> {
    db.all(Statement::new(
        concat!(
            contract_select!(),
            "WHERE e.organisation_id = ? OR e.id IN (SELECT employer_id FROM links WHERE organisation_id = ?) \
             ORDER BY e.company_name, c.contract_number"
        ),
        vec![organisation_id.into(), organisation_id.into()],
    ))
    .await
}

/// One contract, if the organisation reaches its employer.
pub async fn one_in_reach(
    db: &impl Db,
    organisation_id: &str,
    id: &str,
) -> Result<Option<ContractRow>, DbError> {
    db.first(Statement::new(
        concat!(
            contract_select!(),
            "WHERE c.id = ? AND (e.organisation_id = ? OR e.id IN \
             (SELECT employer_id FROM links WHERE organisation_id = ?))"
        ),
        vec![id.into(), organisation_id.into(), organisation_id.into()],
    ))
    .await
}

/// An employer's contracts of one product, by contract number.
pub async fn of_employer(
    db: &impl Db,
    employer_id: &str,
    product: &str,
) -> Result<Vec<ContractRow>, DbError> {
    db.all(Statement::new(
        concat!(
            contract_select!(),
            "WHERE c.employer_id = ? AND c.product = ? ORDER BY c.contract_number"
        ),
        vec![employer_id.into(), product.into()],
    ))
    .await
}

#[derive(Deserialize)]
pub struct LinkTarget {
    pub employer_id: String,
    pub organisation_id: String,
    pub company_name: String,
}

/// The employer a customer number and a contract number lead to, when both belong
/// to it: what a link needs. Either half wrong gives `None`, the same either way.
pub async fn link_target(
    db: &impl Db,
    customer_number: &str,
    contract_number: &str,
) -> Result<Option<LinkTarget>, DbError> {
    db.first(Statement::new(
        "SELECT e.id AS employer_id, e.organisation_id, e.company_name \
         FROM employers e JOIN contracts c ON c.employer_id = e.id \
         WHERE e.customer_number = ? AND c.contract_number = ?",
        vec![customer_number.into(), contract_number.into()],
    ))
    .await
}

/// Whether `id` is a contract of this employer, of any product.
pub async fn of_employer_any(db: &impl Db, employer_id: &str, id: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM contracts WHERE id = ? AND employer_id = ?",
            vec![id.into(), employer_id.into()],
        ))
        .await?;
    Ok(row.is_some())
}
