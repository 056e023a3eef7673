//! The OpenAPI 3.1 document, kept by hand next to ../shared/API.md and checked
//! against the route table by a test.

use crate::http::Response;

pub const SPEC: &str = include_str!("../../openapi.json");

pub fn get() -> Response {
    Response::raw_json(200, SPEC)
}
