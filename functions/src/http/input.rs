//! Reading a JSON request body into domain values, with the field path in every
//! error: malformed JSON is a 400, a wrong or missing field a 422 naming it.

use serde_json::{Map, Value};

use super::{ApiError, Msg, Request};

/// Bodies above this are refused before parsing.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Checks the content type and size and parses the body as a JSON object.
pub fn json_object(req: &Request) -> Result<Map<String, Value>, ApiError> {
    let content_type = req.header("content-type").unwrap_or("");
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    if !media_type.eq_ignore_ascii_case("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    if req.body.len() > MAX_JSON_BYTES {
        return Err(ApiError::TooLarge);
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::Malformed(Msg::new(
            "De inhoud moet een JSON-object zijn.",
            "The body must be a JSON object.",
        ))),
        Err(_) => Err(ApiError::Malformed(Msg::new(
            "De inhoud is geen geldige JSON.",
            "The body is not valid JSON.",
        ))),
    }
}

/// A JSON object with the path that leads to it, for error fields like `policy.start_date`.
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    prefix: String,
}

impl<'a> Fields<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Fields {
            map,
            prefix: String::new(),
        }
    }

    pub fn path(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.prefix)
        }
    }

    fn wrong_type(&self, name: &str, nl: &str, en: &str) -> ApiError {
        ApiError::invalid(self.path(name), nl, en)
    }

    /// A required string; empty after trimming counts as missing.
    pub fn str(&self, name: &str) -> Result<&'a str, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(ApiError::missing(self.path(name))),
            Some(Value::String(s)) if s.trim().is_empty() => {
                Err(ApiError::missing(self.path(name)))
            }
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(self.wrong_type(name, "Dit moet tekst zijn.", "This must be text.")),
        }
    }

    /// An optional string: absent or null is `None`.
    pub fn opt_str(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.str(name).map(Some),
        }
    }

    /// A required nested object.
    pub fn object(&self, name: &str) -> Result<Fields<'a>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(ApiError::missing(self.path(name))),
            Some(Value::Object(map)) => Ok(Fields {
                map,
                prefix: self.path(name),
            }),
            Some(_) => {
                Err(self.wrong_type(name, "Dit moet een object zijn.", "This must be an object."))
            }
        }
    }

    /// An optional nested object's entries (e.g. amounts per year).
    pub fn opt_entries(&self, name: &str) -> Result<Vec<(&'a str, &'a Value)>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Object(map)) => Ok(map.iter().map(|(k, v)| (k.as_str(), v)).collect()),
            Some(_) => {
                Err(self.wrong_type(name, "Dit moet een object zijn.", "This must be an object."))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    fn req(content_type: &str, body: &str) -> Request {
        Request {
            method: Method::Post,
            origin: "http://localhost".into(),
            path: "/api/x".into(),
            query: String::new(),
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn content_type_and_syntax() {
        assert!(json_object(&req("application/json; charset=utf-8", "{}")).is_ok());
        assert_eq!(
            json_object(&req("text/plain", "{}")).unwrap_err().status(),
            415
        );
        assert_eq!(
            json_object(&req("application/json", "{"))
                .unwrap_err()
                .status(),
            400
        );
        assert_eq!(
            json_object(&req("application/json", "[]"))
                .unwrap_err()
                .status(),
            400
        );
        let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_JSON_BYTES));
        assert_eq!(
            json_object(&req("application/json", &huge))
                .unwrap_err()
                .status(),
            413
        );
    }

    #[test]
    fn field_paths_in_errors() {
        let map =
            json_object(&req("application/json", r#"{"a":{"b":1,"c":" "},"d":"x"}"#)).unwrap();
        let f = Fields::new(&map);
        assert_eq!(f.str("d").unwrap(), "x");
        let a = f.object("a").unwrap();
        let err = a.str("b").unwrap_err();
        assert!(matches!(err, ApiError::Invalid { ref field, .. } if field == "a.b"));
        let err = a.str("c").unwrap_err();
        assert!(
            matches!(err, ApiError::Invalid { code: "missing_field", ref field, .. } if field == "a.c")
        );
        assert_eq!(a.opt_str("zzz").unwrap(), None);
    }
}
