//! Balie's API. `domain` is pure logic, `store` hides D1/KV (SQLite natively),
//! `http` holds the plain request/response types and the one error mapping, `app`
//! answers requests, and `edge` (wasm32 only) is the thin Worker entry.

pub mod app;
pub mod delivery;
pub mod domain;
pub mod http;
pub mod mail;
pub mod runtime;
pub mod store;

#[cfg(target_arch = "wasm32")]
mod edge;
