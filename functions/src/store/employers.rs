//! Employers and their policy.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Db, DbError, Statement};
use crate::domain::employer::NewEmployer;
use crate::domain::money::{Money, Percent};
use crate::domain::policy::{InsuredWage, Policy, WageCap};

pub async fn policy_number_exists(db: &impl Db, policy_number: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM employers WHERE policy_number = ?",
            vec![policy_number.into()],
        ))
        .await?;
    Ok(row.is_some())
}

/// Statements that write the employer, its policy and its provisional premiums.
pub fn insert(employer_id: &str, new: &NewEmployer, now: i64) -> Vec<Statement> {
    let p = &new.policy;
    let mut stmts = vec![
        Statement::new(
            "INSERT INTO employers (id, policy_number, company_name, created_at) VALUES (?, ?, ?, ?)",
            vec![
                employer_id.into(),
                new.policy_number.as_str().into(),
                new.company_name.as_str().into(),
                now.into(),
            ],
        ),
        Statement::new(
            "INSERT INTO policies (employer_id, product, premium_rate_percent, insured_wage, start_date, wage_cap) \
             VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                employer_id.into(),
                p.product.into(),
                p.premium_rate.to_string().into(),
                p.insured_wage.code().into(),
                p.start_date.format("%Y-%m-%d").to_string().into(),
                p.wage_cap.code().into(),
            ],
        ),
    ];
    for (year, amount) in &p.provisional_premium {
        stmts.push(Statement::new(
            "INSERT INTO provisional_premiums (employer_id, year, amount) VALUES (?, ?, ?)",
            vec![
                employer_id.into(),
                i64::from(*year).into(),
                amount.to_string().into(),
            ],
        ));
    }
    stmts
}

#[derive(Deserialize)]
struct NameRow {
    company_name: String,
}

pub async fn company_name(db: &impl Db, employer_id: &str) -> Result<Option<String>, DbError> {
    let row: Option<NameRow> = db
        .first(Statement::new(
            "SELECT company_name FROM employers WHERE id = ?",
            vec![employer_id.into()],
        ))
        .await?;
    Ok(row.map(|r| r.company_name))
}

#[derive(Deserialize)]
struct StartRow {
    start_date: NaiveDate,
}

/// The day the employer's policy started; `None` for an employer without one.
pub async fn policy_start(db: &impl Db, employer_id: &str) -> Result<Option<NaiveDate>, DbError> {
    let row: Option<StartRow> = db
        .first(Statement::new(
            "SELECT start_date FROM policies WHERE employer_id = ?",
            vec![employer_id.into()],
        ))
        .await?;
    Ok(row.map(|r| r.start_date))
}

pub async fn exists(db: &impl Db, employer_id: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM employers WHERE id = ?",
            vec![employer_id.into()],
        ))
        .await?;
    Ok(row.is_some())
}

#[derive(Deserialize)]
struct PolicyRow {
    product: String,
    premium_rate_percent: String,
    insured_wage: String,
    start_date: NaiveDate,
    wage_cap: String,
}

#[derive(Deserialize)]
struct ProvisionalRow {
    year: i32,
    amount: String,
}

/// The employer's policy with its provisional premiums; `None` for an unknown
/// employer. A stored value that no longer parses is a fault of ours.
pub async fn policy(db: &impl Db, employer_id: &str) -> Result<Option<Policy>, DbError> {
    let Some(row) = db
        .first::<PolicyRow>(Statement::new(
            "SELECT product, premium_rate_percent, insured_wage, start_date, wage_cap \
             FROM policies WHERE employer_id = ?",
            vec![employer_id.into()],
        ))
        .await?
    else {
        return Ok(None);
    };
    let provisional: Vec<ProvisionalRow> = db
        .all(Statement::new(
            "SELECT year, amount FROM provisional_premiums WHERE employer_id = ?",
            vec![employer_id.into()],
        ))
        .await?;
    let bad = |what: &str| DbError::Other(format!("stored policy of {employer_id}: {what}"));
    let mut provisional_premium = BTreeMap::new();
    for p in provisional {
        let amount =
            Money::parse_non_negative(&p.amount).map_err(|_| bad("provisional premium"))?;
        provisional_premium.insert(p.year, amount);
    }
    Ok(Some(Policy {
        product: match row.product.as_str() {
            "verzuim" => "verzuim",
            _ => return Err(bad("product")),
        },
        premium_rate: Percent::parse(&row.premium_rate_percent).map_err(|_| bad("rate"))?,
        insured_wage: InsuredWage::parse(&row.insured_wage).ok_or_else(|| bad("wage type"))?,
        start_date: row.start_date,
        wage_cap: WageCap::parse(&row.wage_cap).ok_or_else(|| bad("wage cap"))?,
        provisional_premium,
    }))
}
