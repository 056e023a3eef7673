//! Employers and their policy.

use super::{Db, DbError, Statement};
use crate::app::NewEmployer;

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
