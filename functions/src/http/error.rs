//! The one error type of the API and its one mapping to the contract's error body:
//! `{"error":{"code","message","field"?}}`. Messages are Dutch by default, English
//! when the client prefers it.

use serde_json::json;

use super::Response;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// English only when the client's first preference is English; Dutch otherwise.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let first = header.and_then(|h| h.split(',').next()).map(|tag| {
            tag.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        match first {
            Some(tag) if tag == "en" || tag.starts_with("en-") => Lang::En,
            _ => Lang::Nl,
        }
    }
}

/// One row's problem in an uploaded file (`{"row","field","code","message"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line number in the file, counting from 1 (a header is line 1).
    pub row: usize,
    pub field: &'static str,
    pub code: &'static str,
    pub msg: Msg,
}

/// At most this many row errors are listed; the message gives the total.
pub const MAX_ROW_ERRORS: usize = 100;

/// A user-facing message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub nl: String,
    pub en: String,
}

impl Msg {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            nl: nl.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0:?}")]
    Malformed(Msg),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("not authenticated")]
    Unauthorized,
    /// 401 with a specific code: wrong credentials, code or challenge.
    #[error("denied: {code}")]
    Denied { code: &'static str, msg: Msg },
    /// 400 with a specific code, e.g. `invalid_token`.
    #[error("bad request: {code}")]
    BadRequest { code: &'static str, msg: Msg },
    /// 429; the client may try again after `retry_after` seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after: i64 },
    #[error("forbidden: {code}")]
    Forbidden { code: &'static str, msg: Msg },
    #[error("not found")]
    NotFound,
    /// 405; `allow` lists the path's methods for the `Allow` header ("GET, POST").
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("conflict: {code}")]
    Conflict {
        code: &'static str,
        field: Option<String>,
        msg: Msg,
    },
    #[error("body too large")]
    TooLarge,
    #[error("invalid {field}: {code}")]
    Invalid {
        code: &'static str,
        field: String,
        msg: Msg,
    },
    /// 422 about the request as a whole, naming no field on purpose (a wrong pair
    /// of numbers must not say which half was wrong).
    #[error("rejected: {code}")]
    Rejected { code: &'static str, msg: Msg },
    /// 422 for a file with invalid rows: nothing of it was applied. The body lists
    /// the rows' errors in `errors`, next to `error`.
    #[error("{} invalid rows", .0.len())]
    InvalidRows(Vec<RowError>),
    /// Any error about one record, with that record's id in the error object under
    /// `key` (e.g. `"employee_id"`), so a page can link to it.
    #[error("{error} ({key} {id})")]
    Concerning {
        error: Box<ApiError>,
        key: &'static str,
        id: String,
    },
    /// A fault of ours (database down, bug). Details go to the log, never the client.
    #[error("internal: {0}")]
    Internal(String),
    /// 503: the deployment's settings are incomplete (`Config::problems`, logged).
    #[error("not configured")]
    NotConfigured,
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, nl: &str, en: &str) -> Self {
        ApiError::Invalid {
            code: "invalid_value",
            field: field.into(),
            msg: Msg::new(nl, en),
        }
    }

    /// 422 `missing_field`; the message names the field by its label
    /// (`http::fields`), never by its path.
    pub fn missing(field: impl Into<String>) -> Self {
        let field = field.into();
        ApiError::Invalid {
            code: "missing_field",
            msg: super::fields::required(&field),
            field,
        }
    }

    /// This error, naming the record it concerns.
    pub fn concerning(self, key: &'static str, id: impl Into<String>) -> Self {
        ApiError::Concerning {
            error: Box::new(self),
            key,
            id: id.into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::Malformed(_) | ApiError::BadRequest { .. } => 400,
            ApiError::Unauthorized | ApiError::Denied { .. } => 401,
            ApiError::TooManyAttempts { .. } => 429,
            ApiError::Forbidden { .. } => 403,
            ApiError::NotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Conflict { .. } => 409,
            ApiError::TooLarge => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::Invalid { .. } | ApiError::Rejected { .. } | ApiError::InvalidRows(_) => 422,
            ApiError::Concerning { error, .. } => error.status(),
            ApiError::Internal(_) => 500,
            ApiError::NotConfigured => 503,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Malformed(_) => "malformed_request",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::TooLarge => "too_large",
            ApiError::Internal(_) => "internal_error",
            ApiError::NotConfigured => "not_configured",
            ApiError::TooManyAttempts { .. } => "too_many_attempts",
            ApiError::InvalidRows(_) => "invalid_rows",
            ApiError::Concerning { error, .. } => error.code(),
            ApiError::Denied { code, .. }
            | ApiError::BadRequest { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Rejected { code, .. }
            | ApiError::Invalid { code, .. } => code,
        }
    }

    fn message(&self) -> Msg {
        match self {
            ApiError::Malformed(msg)
            | ApiError::Denied { msg, .. }
            | ApiError::BadRequest { msg, .. }
            | ApiError::Forbidden { msg, .. }
            | ApiError::Conflict { msg, .. }
            | ApiError::Rejected { msg, .. }
            | ApiError::Invalid { msg, .. } => msg.clone(),
            ApiError::UnsupportedMediaType => Msg::new(
                "Dit type inhoud wordt hier niet ondersteund.",
                "This content type is not supported here.",
            ),
            ApiError::Unauthorized => Msg::new(
                "U bent niet ingelogd of de inloggegevens kloppen niet.",
                "You are not signed in or the credentials are wrong.",
            ),
            ApiError::NotFound => Msg::new("Niet gevonden.", "Not found."),
            ApiError::MethodNotAllowed { .. } => Msg::new(
                "Deze methode is hier niet toegestaan.",
                "This method is not allowed here.",
            ),
            ApiError::TooLarge => Msg::new("Het verzoek is te groot.", "The request is too large."),
            ApiError::TooManyAttempts { retry_after } => Msg::new(
                format!(
                    "Te veel pogingen. Probeer het over {} minuten opnieuw.",
                    (retry_after + 59) / 60
                ),
                format!(
                    "Too many attempts. Try again in {} minutes.",
                    (retry_after + 59) / 60
                ),
            ),
            ApiError::Internal(_) => Msg::new(
                "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
                "Something went wrong on our side. Please try again later.",
            ),
            ApiError::NotConfigured => Msg::new(
                "Het portaal is nog niet klaar voor gebruik: de verzekeraar rondt de instellingen af. Probeer het later opnieuw.",
                "The portal is not ready for use yet: the insurer is finishing its settings. Please try again later.",
            ),
            ApiError::InvalidRows(rows) => Msg::new(
                format!(
                    "Het bestand bevat {} fout(en); er is niets verwerkt.",
                    rows.len()
                ),
                format!(
                    "The file has {} error(s); nothing was processed.",
                    rows.len()
                ),
            ),
            ApiError::Concerning { error, .. } => error.message(),
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            ApiError::Invalid { field, .. } => Some(field),
            ApiError::Conflict { field, .. } => field.as_deref(),
            ApiError::Concerning { error, .. } => error.field(),
            _ => None,
        }
    }

    /// The contract's error body with a fitting status.
    pub fn to_response(&self, lang: Lang) -> Response {
        let mut error = json!({"code": self.code(), "message": self.message().get(lang)});
        if let Some(field) = self.field() {
            error["field"] = field.into();
        }
        if let ApiError::Concerning { key, id, .. } = self {
            error[*key] = id.as_str().into();
        }
        let mut body = json!({ "error": error });
        if let ApiError::InvalidRows(rows) = self {
            body["errors"] = rows
                .iter()
                .take(MAX_ROW_ERRORS)
                .map(|r| json!({"row": r.row, "field": r.field, "code": r.code, "message": r.msg.get(lang)}))
                .collect();
        }
        let mut resp = Response::json(self.status(), &body);
        if let ApiError::TooManyAttempts { retry_after } = self {
            resp.set_header("retry-after", retry_after.max(&1).to_string());
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            resp.set_header("allow", allow.clone());
        }
        resp
    }
}

impl From<crate::store::DbError> for ApiError {
    fn from(e: crate::store::DbError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_code_message_and_field() {
        let r = ApiError::invalid("policy_number", "Ongeldig.", "Invalid.").to_response(Lang::Nl);
        assert_eq!(r.status, 422);
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            body,
            json!({"error":{"code":"invalid_value","message":"Ongeldig.","field":"policy_number"}})
        );
    }

    #[test]
    fn too_many_attempts_says_when_to_retry() {
        let r = ApiError::TooManyAttempts { retry_after: 61 }.to_response(Lang::En);
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), Some("61"));
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["error"]["code"], "too_many_attempts");
        assert_eq!(
            body["error"]["message"],
            "Too many attempts. Try again in 2 minutes."
        );
    }

    #[test]
    fn record_ids_and_row_errors_in_the_body() {
        let conflict = ApiError::Conflict {
            code: "employee_inactive",
            field: Some("bsn".into()),
            msg: Msg::new("Oud-werknemer.", "Former employee."),
        };
        let r = conflict
            .concerning("employee_id", "e-1")
            .to_response(Lang::En);
        assert_eq!(r.status, 409);
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            body,
            json!({"error":{"code":"employee_inactive","message":"Former employee.","field":"bsn","employee_id":"e-1"}})
        );

        let row = |row| RowError {
            row,
            field: "loon",
            code: "invalid_value",
            msg: Msg::new("Geen getal.", "Not a number."),
        };
        let r = ApiError::InvalidRows((2..=150).map(row).collect()).to_response(Lang::Nl);
        assert_eq!(r.status, 422);
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["error"]["code"], "invalid_rows");
        assert_eq!(
            body["error"]["message"],
            "Het bestand bevat 149 fout(en); er is niets verwerkt."
        );
        assert_eq!(body["errors"].as_array().unwrap().len(), MAX_ROW_ERRORS);
        assert_eq!(
            body["errors"][0],
            json!({"row": 2, "field": "loon", "code": "invalid_value", "message": "Geen getal."})
        );
    }

    #[test]
    fn internal_details_never_reach_the_client() {
        let r = ApiError::Internal("SQLITE secret detail".into()).to_response(Lang::En);
        assert_eq!(r.status, 500);
        assert!(!String::from_utf8(r.body).unwrap().contains("secret"));
    }

    #[test]
    fn language_preference() {
        assert_eq!(Lang::from_accept_language(None), Lang::Nl);
        assert_eq!(Lang::from_accept_language(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("nl-NL,en;q=0.8")), Lang::Nl);
        assert_eq!(Lang::from_accept_language(Some("de")), Lang::Nl);
    }
}
