//! Wages per employee per year (role hr): one at a time, or a whole year from a CSV
//! file that is checked row by row first and then applied all or nothing.

use std::collections::HashMap;

use serde_json::json;

use super::common::{employee_of, parse_year, refused};
use super::session::Principal;
use super::App;
use crate::domain::money::Money;
use crate::domain::wage_csv::{self, Column, LineError, Problem};
use crate::domain::year::Year;
use crate::http::input::{amount_msg, json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response, RowError};
use crate::store::{employees, Db, Kv};

/// An import holds at most this many rows: with ids of 36 characters the rows'
/// JSON stays near 0.5 MB, well inside D1's 2 MB for one value.
pub const MAX_IMPORT_ROWS: usize = 10_000;
/// Bodies above this are refused before parsing.
const MAX_CSV_BYTES: usize = 1024 * 1024;

fn not_employed(year: Year) -> Msg {
    Msg::new(
        format!(
            "Geen werknemer met dit BSN was in {} in dienst. Voeg de werknemer toe of controleer het BSN en het jaar.",
            year.get()
        ),
        format!(
            "No employee with this BSN was employed in {}. Add the employee or check the BSN and the year.",
            year.get()
        ),
    )
}

/// `PUT /api/employees/{id}/wages/{year}`: what the employee earned in that year
/// while employed.
pub async fn set<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    let body = json_object(req)?;
    let wage = Fields::new(&body).money("insured_wage")?;
    employee_of(app, p, id).await?;
    let periods = employees::periods(&app.db, &p.employer_id, id).await?;
    if !periods
        .iter()
        .any(|p| p.employment().overlaps(year.first_day(), year.last_day()))
    {
        return Err(ApiError::Invalid {
            code: "not_employed_in_year",
            field: "year".into(),
            msg: not_employed(year),
        });
    }
    app.db
        .batch(vec![employees::set_wage(id, year, wage)])
        .await
        .map_err(refused)?;
    Ok(Response::json(
        200,
        &json!({"employee_id": id, "year": year, "insured_wage": wage}),
    ))
}

fn row_error(e: &LineError) -> RowError {
    let field = match e.column {
        Column::Bsn => "bsn",
        Column::Wage => "loon",
    };
    let (code, msg) = match e.problem {
        Problem::Missing => ("missing_field", crate::http::fields::required(field)),
        Problem::InvalidBsn => (
            "invalid_bsn",
            Msg::new(
                "Dit BSN klopt niet: het heeft 9 cijfers en moet de elfproef doorstaan.",
                "This BSN is not valid: it has 9 digits and must pass the 11-check.",
            ),
        ),
        Problem::Wage(e) => ("invalid_value", amount_msg(e, "")),
        Problem::TooManyColumns => (
            "too_many_columns",
            Msg::new(
                "Een regel heeft twee kolommen: BSN;loon.",
                "A line has two columns: BSN;loon.",
            ),
        ),
        Problem::DuplicateBsn { first_row } => (
            "duplicate_bsn",
            Msg::new(
                format!("Dit BSN staat ook op regel {first_row}."),
                format!("This BSN is also on line {first_row}."),
            ),
        ),
    };
    RowError {
        row: e.row,
        field,
        code,
        msg,
    }
}

/// `POST /api/wages/{year}/import` with a `text/csv` body of `BSN;loon` lines: every
/// row is checked first; one error refuses the whole file (422 with every row's
/// errors), otherwise all wages are written in one statement.
pub async fn import<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    let media_type = req.header("content-type").unwrap_or("");
    if !media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("text/csv")
    {
        return Err(ApiError::UnsupportedMediaType);
    }
    if req.body.len() > MAX_CSV_BYTES {
        return Err(ApiError::TooLarge);
    }
    let file = wage_csv::parse(&String::from_utf8_lossy(&req.body));
    if file.rows > MAX_IMPORT_ROWS {
        return Err(ApiError::TooLarge);
    }
    if file.rows == 0 {
        return Err(ApiError::invalid(
            "file",
            "Het bestand bevat geen regels met BSN;loon.",
            "The file has no lines with BSN;loon.",
        ));
    }
    let staff = employees::in_year(&app.db, &p.employer_id, year).await?;
    let employed: HashMap<&str, &str> = staff
        .iter()
        .filter(|e| {
            e.periods
                .iter()
                .any(|p| p.overlaps(year.first_day(), year.last_day()))
        })
        .map(|e| (e.bsn.as_str(), e.id.as_str()))
        .collect();
    let mut errors: Vec<RowError> = file.errors.iter().map(row_error).collect();
    let mut wages: Vec<(&str, Money)> = Vec::with_capacity(file.lines.len());
    for line in &file.lines {
        match employed.get(line.bsn.as_str()) {
            Some(id) => wages.push((id, line.wage)),
            None => errors.push(RowError {
                row: line.row,
                field: "bsn",
                code: "not_employed_in_year",
                msg: not_employed(year),
            }),
        }
    }
    if !errors.is_empty() {
        // Stable: a row's BSN error stays before its wage error.
        errors.sort_by_key(|e| e.row);
        return Err(ApiError::InvalidRows(errors));
    }
    app.db
        .batch(vec![employees::import_wages(&p.employer_id, year, &wages)])
        .await
        .map_err(refused)?;
    Ok(Response::json(
        200,
        &json!({"year": year, "imported": wages.len()}),
    ))
}
