//! Reading a JSON request body into domain values, with the field path in every
//! error: malformed JSON is a 400, a wrong or missing field a 422 naming it.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

use super::{ApiError, Msg, Request};
use crate::domain::money::{DecimalError, Money, Percent};

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

/// The 422 for a percentage or other number that did not parse, naming the field.
pub fn decimal_error(field: String, e: DecimalError) -> ApiError {
    ApiError::Invalid {
        code: "invalid_value",
        field,
        msg: decimal_msg(e),
    }
}

/// The 422 for an amount that did not parse, naming the field; `input` is what
/// was sent, so that the message can show the reading that was probably meant.
pub fn amount_error(field: String, e: DecimalError, input: &str) -> ApiError {
    ApiError::Invalid {
        code: "invalid_value",
        field,
        msg: amount_msg(e, input),
    }
}

/// What is wrong with a number (a percentage), in words.
pub fn decimal_msg(e: DecimalError) -> Msg {
    let (nl, en) = match e {
        DecimalError::NotANumber | DecimalError::Ambiguous => (
            "Geef een getal, bijvoorbeeld 4,25.",
            "Give a number, e.g. 4.25.",
        ),
        DecimalError::TooPrecise => (
            "Dit getal heeft te veel decimalen.",
            "This number has too many decimals.",
        ),
        DecimalError::Negative => (
            "Dit getal mag niet negatief zijn.",
            "This number may not be negative.",
        ),
        DecimalError::OutOfRange => (
            "Geef een percentage van 0 tot en met 100.",
            "Give a percentage from 0 to 100.",
        ),
        DecimalError::TooLarge => ("Dit getal is te groot.", "This number is too large."),
    };
    Msg::new(nl, en)
}

/// What is wrong with an amount in euros, in words, with an example that is an
/// amount. Three digits after a lone separator (`54.100`) were most likely meant
/// as thousands: the message names that reading.
pub fn amount_msg(e: DecimalError, input: &str) -> Msg {
    let thousands = input
        .trim()
        .split_once(['.', ','])
        .filter(|(whole, rest)| {
            (1..=3).contains(&whole.len())
                && rest.len() == 3
                && whole
                    .bytes()
                    .chain(rest.bytes())
                    .all(|b| b.is_ascii_digit())
        })
        .map(|(whole, rest)| format!("{whole}{rest}"));
    match (e, thousands) {
        (DecimalError::TooPrecise, Some(joined)) => Msg::new(
            format!(
                "Een bedrag heeft hoogstens twee decimalen. Bedoelt u {joined} euro? \
                 Schrijf dan {joined} of {joined},00, zonder punt."
            ),
            format!(
                "An amount has at most two decimals. Did you mean {joined} euros? \
                 Then write {joined} or {joined}.00, without a separator."
            ),
        ),
        (DecimalError::TooPrecise, None) => Msg::new(
            "Een bedrag heeft hoogstens twee decimalen, bijvoorbeeld 52350,25.",
            "An amount has at most two decimals, e.g. 52350.25.",
        ),
        (DecimalError::NotANumber | DecimalError::OutOfRange, _) => Msg::new(
            "Geef een bedrag in euro's, bijvoorbeeld 52350,00.",
            "Give an amount in euros, e.g. 52350.00.",
        ),
        (DecimalError::Negative, _) => Msg::new(
            "Een bedrag mag niet negatief zijn.",
            "An amount may not be negative.",
        ),
        (DecimalError::TooLarge, _) => {
            Msg::new("Dit bedrag is te groot.", "This amount is too large.")
        }
        (DecimalError::Ambiguous, _) => Msg::new(
            "Schrijf 52.350,00 of 52350,00: bij 52.350 is niet duidelijk of het 52350 of 52,35 is.",
            "Write 52350.00: with 52.350 it is unclear whether 52350 or 52.35 is meant.",
        ),
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

    /// A required amount: a decimal string (dot or Dutch comma), not negative, at
    /// most two decimals.
    pub fn money(&self, name: &str) -> Result<Money, ApiError> {
        let input = self.str(name)?;
        Money::parse_non_negative(input).map_err(|e| amount_error(self.path(name), e, input))
    }

    /// An optional amount: absent, null or blank is `None` (a form's empty field).
    pub fn opt_money(&self, name: &str) -> Result<Option<Money>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(_) => self.money(name).map(Some),
        }
    }

    /// A required percentage from 0 to 100, as a decimal string.
    pub fn percent(&self, name: &str) -> Result<Percent, ApiError> {
        Percent::parse(self.str(name)?).map_err(|e| decimal_error(self.path(name), e))
    }

    /// A required whole number, as a JSON number (`2025`, not `"2025"` or `2025.0`).
    pub fn int(&self, name: &str) -> Result<i64, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(ApiError::missing(self.path(name))),
            Some(value) => value.as_i64().ok_or_else(|| {
                self.wrong_type(
                    name,
                    "Dit moet een geheel getal zijn.",
                    "This must be a whole number.",
                )
            }),
        }
    }

    /// A required calendar date as `YYYY-MM-DD`, from 1900 to 2100.
    pub fn date(&self, name: &str) -> Result<NaiveDate, ApiError> {
        let raw = self.str(name)?;
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .filter(|d| raw.len() == 10 && (1900..=2100).contains(&d.year()))
            .ok_or_else(|| {
                ApiError::invalid(
                    self.path(name),
                    "Geef een bestaande datum als JJJJ-MM-DD.",
                    "Give an existing date as YYYY-MM-DD.",
                )
            })
    }

    /// An optional date: absent, null or blank is `None`.
    pub fn opt_date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(_) => self.date(name).map(Some),
        }
    }

    /// An optional yes/no, as a JSON boolean; absent or null is `false`.
    pub fn opt_bool(&self, name: &str) -> Result<bool, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.wrong_type(
                name,
                "Dit moet true of false zijn.",
                "This must be true or false.",
            )),
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

/// Text and lists as people type them.
impl Fields<'_> {
    /// A required line of text: trimmed, 1 to `max` characters, no control characters.
    pub fn text(&self, name: &str, max: usize) -> Result<String, ApiError> {
        let value = self.str(name)?.trim();
        if value.chars().count() > max || value.chars().any(char::is_control) {
            return Err(ApiError::invalid(
                self.path(name),
                &format!("Gebruik hoogstens {max} tekens, zonder regeleinden."),
                &format!("Use at most {max} characters, without line breaks."),
            ));
        }
        Ok(value.to_owned())
    }

    /// An optional line of text: absent, null or blank is `None`.
    pub fn opt_text(&self, name: &str, max: usize) -> Result<Option<String>, ApiError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(_) => self.text(name, max).map(Some),
        }
    }

    /// A required e-mail address.
    pub fn email(&self, name: &str) -> Result<crate::domain::email::Email, ApiError> {
        crate::domain::email::Email::parse(self.str(name)?).map_err(|_| {
            ApiError::invalid(
                self.path(name),
                "Dit is geen geldig e-mailadres.",
                "This is not a valid e-mail address.",
            )
        })
    }

    /// An optional list of strings (absent or null is `None`).
    pub fn opt_str_list(&self, name: &str) -> Result<Option<Vec<&str>>, ApiError> {
        match self.raw(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) if items.len() <= 32 => items
                .iter()
                .map(|v| v.as_str())
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| {
                    ApiError::invalid(
                        self.path(name),
                        "Geef een lijst met tekst.",
                        "Give a list of strings.",
                    )
                }),
            Some(_) => Err(ApiError::invalid(
                self.path(name),
                "Geef een lijst met tekst.",
                "Give a list of strings.",
            )),
        }
    }

    fn raw(&self, name: &str) -> Option<&Value> {
        self.map.get(name)
    }

    /// The names present in the object, for refusing fields a route does not take.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// Whether a field is present and not null.
    pub fn has(&self, name: &str) -> bool {
        !matches!(self.raw(name), None | Some(Value::Null))
    }

    /// A required yes/no, as a JSON boolean.
    pub fn bool(&self, name: &str) -> Result<bool, ApiError> {
        match self.raw(name) {
            None | Some(Value::Null) => Err(ApiError::missing(self.path(name))),
            Some(_) => self.opt_bool(name),
        }
    }

    /// An optional nested object: absent or null is `None`.
    pub fn opt_object(&self, name: &str) -> Result<Option<Fields<'_>>, ApiError> {
        if self.has(name) {
            self.object(name).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A list of objects, each with its index in the path (`contracts.0.product`);
    /// absent or null is empty. At most `max` items.
    pub fn opt_objects(&self, name: &str, max: usize) -> Result<Vec<Fields<'_>>, ApiError> {
        let wrong = || {
            ApiError::invalid(
                self.path(name),
                &format!("Geef een lijst van hoogstens {max} onderdelen."),
                &format!("Give a list of at most {max} items."),
            )
        };
        let items = match self.raw(name) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(items)) if items.len() <= max => items,
            Some(_) => return Err(wrong()),
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(map) => Ok(Fields {
                    map,
                    prefix: format!("{}.{i}", self.path(name)),
                }),
                _ => Err(ApiError::invalid(
                    format!("{}.{i}", self.path(name)),
                    "Dit moet een object zijn.",
                    "This must be an object.",
                )),
            })
            .collect()
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

    #[test]
    fn dates_flags_and_optional_text() {
        let map = json_object(&req(
            "application/json",
            r#"{"d":"2024-02-29","bad":"2023-02-29","short":"2024-2-9","old":"1899-12-31",
                "blank":" ","t":true,"n":1,"name":"  van der  ","long":"abcdef"}"#,
        ))
        .unwrap();
        let f = Fields::new(&map);
        assert_eq!(f.date("d").unwrap().to_string(), "2024-02-29");
        for name in ["bad", "short", "old", "n"] {
            assert!(
                matches!(f.date(name), Err(ApiError::Invalid { code: "invalid_value", ref field, .. }) if field == name),
                "{name}"
            );
        }
        assert!(matches!(
            f.date("blank"),
            Err(ApiError::Invalid {
                code: "missing_field",
                ..
            })
        ));
        assert_eq!(f.opt_date("blank").unwrap(), None);
        assert_eq!(f.opt_date("zzz").unwrap(), None);
        assert!(f.opt_date("bad").is_err());
        assert!(f.opt_bool("t").unwrap());
        assert!(!f.opt_bool("zzz").unwrap());
        assert!(f.opt_bool("n").is_err());
        assert_eq!(f.opt_text("name", 10).unwrap().as_deref(), Some("van der"));
        assert_eq!(f.opt_text("blank", 10).unwrap(), None);
        assert!(f.opt_text("long", 5).is_err());
    }

    #[test]
    fn numbers_become_domain_values() {
        let map = json_object(&req(
            "application/json",
            r#"{"m":"1.234,5","bad":"1.234,56","neg":"-1","p":"4,79","big":"1000000000000",
                "num":12,"blank":" ","y":2025,"ys":"2025","yf":2025.0,"pct":"101"}"#,
        ))
        .unwrap();
        let f = Fields::new(&map);
        let field_of = |e: ApiError| match e {
            ApiError::Invalid { field, code, .. } => (field, code),
            other => panic!("{other:?}"),
        };
        assert_eq!(f.percent("p").unwrap().to_string(), "4.79");
        assert_eq!(
            f.money("m").map_err(field_of),
            Err(("m".into(), "invalid_value"))
        );
        for name in ["bad", "neg", "big", "num", "zzz"] {
            assert_eq!(f.money(name).map_err(field_of).unwrap_err().0, name);
        }
        assert_eq!(
            f.money("zzz").map_err(field_of).unwrap_err().1,
            "missing_field"
        );
        assert_eq!(f.opt_money("zzz").unwrap(), None);
        assert_eq!(f.opt_money("blank").unwrap(), None);
        assert!(f.opt_money("neg").is_err());
        assert_eq!(f.percent("pct").map_err(field_of).unwrap_err().0, "pct");
        assert_eq!(f.int("y").unwrap(), 2025);
        for name in ["ys", "yf", "m"] {
            assert_eq!(f.int(name).map_err(field_of).unwrap_err().0, name);
        }
        assert_eq!(
            f.int("zzz").map_err(field_of).unwrap_err().1,
            "missing_field"
        );
    }
}
