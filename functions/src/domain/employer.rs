//! An employer as the insurer's back office provisions it: the input aggregate the
//! handler builds from a request and the store writes.

use super::email::Email;
use super::policy::{Policy, PolicyNumber};

pub struct NewEmployer {
    pub policy_number: PolicyNumber,
    pub company_name: String,
    pub main_user_name: String,
    pub main_user_email: Email,
    pub policy: Policy,
}
