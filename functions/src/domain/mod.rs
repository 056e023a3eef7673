//! Pure domain rules: no IO, no `worker`/JS types; time and randomness come in as
//! arguments.

pub mod email;
pub mod ids;
pub mod money;
pub mod policy;
