//! Organisations, their employers and what an organisation may reach: its own
//! employers and those it linked (`links`). Every read of an employer for a user
//! goes through [`in_reach`] or [`one_in_reach`]; nothing else is visible.

use serde::Deserialize;

use super::{contracts, Db, DbError, Statement, Value};
use crate::domain::employer::{Contact, NewEmployer, PostalAddress};

/// The ids a new employer is written with.
pub struct NewIds<'a> {
    pub organisation_id: &'a str,
    pub employer_id: &'a str,
    pub customer_number: &'a str,
    /// One per contract of the employer, in order.
    pub contract_ids: &'a [String],
}

fn address_values(a: Option<&PostalAddress>) -> Vec<Value> {
    vec![
        a.map(|a| a.street.as_str()).into(),
        a.map(|a| a.house_number.as_str()).into(),
        a.map(|a| a.postcode.as_str()).into(),
        a.map(|a| a.city.as_str()).into(),
    ]
}

fn contact_values(c: Option<&Contact>) -> Vec<Value> {
    vec![
        c.map(|c| c.name.as_str()).into(),
        c.map(|c| c.email.as_str()).into(),
        c.and_then(|c| c.phone.as_deref()).into(),
    ]
}

/// Statements that write the organisation, the employer and its contracts.
pub fn insert(ids: &NewIds, new: &NewEmployer, now: i64) -> Vec<Statement> {
    let mut params: Vec<Value> = vec![
        ids.employer_id.into(),
        ids.organisation_id.into(),
        ids.customer_number.into(),
        new.company_name.as_str().into(),
        new.kvk_number.as_ref().map(|k| k.as_str()).into(),
        new.payroll_tax_number.as_ref().map(|n| n.as_str()).into(),
    ];
    params.extend(address_values(new.postal_address.as_ref()));
    params.extend(contact_values(new.adviser.as_ref()));
    params.push(now.into());
    let mut stmts = vec![
        Statement::new(
            "INSERT INTO organisations (id, created_at) VALUES (?, ?)",
            vec![ids.organisation_id.into(), now.into()],
        ),
        Statement::new(
            "INSERT INTO employers (id, organisation_id, customer_number, company_name, kvk_number, \
             payroll_tax_number, street, house_number, postcode, city, adviser_name, adviser_email, \
             adviser_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params,
        ),
    ];
    for (id, contract) in ids.contract_ids.iter().zip(&new.contracts) {
        stmts.push(contracts::insert(id, ids.employer_id, contract, now));
    }
    stmts
}

/// Whether a constraint failure of [`insert`] was the customer number's (draw another).
pub fn customer_number_taken(e: &DbError) -> bool {
    matches!(e, DbError::Constraint(m) if m.contains("employers.customer_number"))
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

#[derive(Debug, Clone, Deserialize)]
pub struct OwnedEmployer {
    pub id: String,
    pub company_name: String,
}

/// The employers an organisation owns (not those it linked).
pub async fn owned_by(db: &impl Db, organisation_id: &str) -> Result<Vec<OwnedEmployer>, DbError> {
    db.all(Statement::new(
        "SELECT id, company_name FROM employers WHERE organisation_id = ? ORDER BY company_name",
        vec![organisation_id.into()],
    ))
    .await
}

/// An employer as its users see it.
#[derive(Debug, Clone, Deserialize)]
pub struct EmployerRow {
    pub id: String,
    pub organisation_id: String,
    pub customer_number: String,
    pub company_name: String,
    pub kvk_number: Option<String>,
    pub payroll_tax_number: Option<String>,
    pub street: Option<String>,
    pub house_number: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub adviser_name: Option<String>,
    pub adviser_email: Option<String>,
    pub adviser_phone: Option<String>,
}

/// The columns of [`EmployerRow`], as a macro so queries stay `&'static str`.
macro_rules! employer_columns {
    () => {
        "e.id, e.organisation_id, e.customer_number, e.company_name, e.kvk_number, \
         e.payroll_tax_number, e.street, e.house_number, e.postcode, e.city, e.contact_name, \
         e.contact_email, e.contact_phone, e.adviser_name, e.adviser_email, e.adviser_phone"
    };
}

/// The organisation's employers, own and linked, by company name.
pub async fn in_reach(db: &impl Db, organisation_id: &str) -> Result<Vec<EmployerRow>, DbError> {
    db.all(Statement::new(
        concat!(
            "SELECT ",
            employer_columns!(),
            " FROM employers e WHERE e.organisation_id = ? OR e.id IN \
             (SELECT employer_id FROM links WHERE organisation_id = ?) \
             ORDER BY e.company_name, e.id"
        ),
        vec![organisation_id.into(), organisation_id.into()],
    ))
    .await
}

/// One employer, if the organisation reaches it.
pub async fn one_in_reach(
    db: &impl Db,
    organisation_id: &str,
    employer_id: &str,
) -> Result<Option<EmployerRow>, DbError> {
    db.first(Statement::new(
        concat!(
            "SELECT ",
            employer_columns!(),
            " FROM employers e WHERE e.id = ? AND (e.organisation_id = ? OR e.id IN \
             (SELECT employer_id FROM links WHERE organisation_id = ?))"
        ),
        vec![
            employer_id.into(),
            organisation_id.into(),
            organisation_id.into(),
        ],
    ))
    .await
}

/// The employer's postal address (`None` clears it).
pub fn update_address(employer_id: &str, address: Option<&PostalAddress>) -> Statement {
    let mut params = address_values(address);
    params.push(employer_id.into());
    Statement::new(
        "UPDATE employers SET street = ?, house_number = ?, postcode = ?, city = ? WHERE id = ?",
        params,
    )
}

/// The employer's contact person (`None` clears it).
pub fn update_contact(employer_id: &str, contact: Option<&Contact>) -> Statement {
    let mut params = contact_values(contact);
    params.push(employer_id.into());
    Statement::new(
        "UPDATE employers SET contact_name = ?, contact_email = ?, contact_phone = ? WHERE id = ?",
        params,
    )
}
