//! The crate's one integration-test binary: every area is a module here, so the
//! crate and the bundled SQLite are compiled and linked once. `support` holds the
//! test app and the helpers the areas share. The document modules stay separate
//! (the readers' three use no support) so they can move with the readers to a
//! crate of their own.

mod support;

mod activation_resend;
mod admin_employers;
mod auth_flows;
mod bsn_as_typed;
mod calc;
mod delivery;
mod employee_corrections;
mod employees;
mod layers;
mod messages;
mod organisations;
mod service;
mod settlements;
mod store;
mod tasks;
mod users;

// Documents: readers and rules on the fixtures, and uploads through the router.
mod document_fixtures;
mod documents;
