//! An employer (a legal entity) as the insurer's back office provisions it: the
//! input aggregate the handler builds from a request and the store writes.

use super::contract::NewContract;
use super::email::Email;
use super::identifiers::{KvkNumber, PayrollTaxNumber, Postcode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    pub street: String,
    pub house_number: String,
    pub postcode: Postcode,
    pub city: String,
}

/// A contact person or adviser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: Email,
    pub phone: Option<String>,
}

pub struct NewEmployer {
    pub company_name: String,
    pub main_user_name: String,
    pub main_user_email: Email,
    pub kvk_number: Option<KvkNumber>,
    pub payroll_tax_number: Option<PayrollTaxNumber>,
    pub postal_address: Option<PostalAddress>,
    pub adviser: Option<Contact>,
    /// Version 1's `policy` comes first, as the verzuim contract numbered with
    /// its `policy_number`; then `contracts` in the order given.
    pub contracts: Vec<NewContract>,
}
