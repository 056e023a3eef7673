//! Pure domain rules: no IO, no `worker`/JS types; time and randomness come in as
//! arguments.

pub mod bsn;
pub mod contract;
pub mod documents;
pub mod email;
pub mod employee;
pub mod employer;
pub mod identifiers;
pub mod ids;
pub mod money;
pub mod passwords;
pub mod policy;
pub mod premium;
pub mod rate_limit;
pub mod roles;
pub mod secrets;
pub mod sessions;
pub mod settlement;
pub mod specification;
pub mod totp;
pub mod wage_csv;
pub mod wga;
pub mod year;
