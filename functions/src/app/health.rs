use serde_json::json;

use super::VERSION;
use crate::http::Response;

pub fn get() -> Response {
    Response::json(200, &json!({"status": "ok", "version": VERSION}))
}
