//! Employees (role hr; finance may read): list, detail, add, end and re-hire. Every
//! query is scoped to the principal's employer; another employer's ids answer 404.
//! Overlapping periods and changes to a submitted year are refused by the database
//! itself (migrations/0003), so concurrent requests cannot slip past them.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::common::{employee_of, refused, today, utc_time};
use super::session::Principal;
use super::App;
use crate::domain::bsn::Bsn;
use crate::domain::employee::{end_period, is_active, Gender, NewPeriod, PeriodError};
use crate::domain::settlement::Employment;
use crate::domain::{ids, rate_limit};
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::accounts::{self, Event};
use crate::store::employees::{
    self, Correction, HistoryRow, ListedEmployee, NewEmployee, PeriodRow, PersonalField, Search,
    Status,
};
use crate::store::{Db, DbError, Kv, Statement};

fn period_error(e: PeriodError) -> ApiError {
    let (code, field, nl, en) = match e {
        PeriodError::EndBeforeStart => (
            "end_before_start",
            "end_date",
            "De datum uit dienst ligt voor de datum in dienst.",
            "The end date is before the start date.",
        ),
        PeriodError::FixedTermWithoutEnd => (
            "missing_field",
            "end_date",
            "Een tijdelijk dienstverband heeft een einddatum.",
            "A fixed-term employment needs an end date.",
        ),
        PeriodError::StartTooFarAhead => (
            "date_too_far_ahead",
            "start_date",
            "Een wijziging mag hoogstens drie maanden vooruit gedateerd zijn.",
            "A change may be dated at most three months ahead.",
        ),
        PeriodError::EndTooFarAhead => (
            "date_too_far_ahead",
            "end_date",
            "Een wijziging mag hoogstens drie maanden vooruit gedateerd zijn.",
            "A change may be dated at most three months ahead.",
        ),
    };
    ApiError::Invalid {
        code,
        field: field.into(),
        msg: Msg::new(nl, en),
    }
}

fn employee_inactive(field: Option<&str>, id: &str) -> ApiError {
    ApiError::Conflict {
        code: "employee_inactive",
        field: field.map(str::to_owned),
        msg: Msg::new(
            "Dit is een oud-werknemer. Neem deze persoon opnieuw in dienst.",
            "This is a former employee. Re-hire this person instead.",
        ),
    }
    .concerning("employee_id", id)
}

/// The latest of an employee's periods: every employee has one from the start.
fn latest(periods: &[PeriodRow]) -> Result<PeriodRow, ApiError> {
    periods
        .last()
        .copied()
        .ok_or_else(|| ApiError::Internal("employee without an employment period".into()))
}

/// The `status` of an employee whose latest period is `latest`.
fn status(latest: Employment, today: NaiveDate) -> &'static str {
    if is_active(latest, today) {
        "active"
    } else {
        "inactive"
    }
}

fn listed_json(e: &ListedEmployee, today: NaiveDate) -> Value {
    let latest = Employment {
        start: e.start_date,
        end: e.end_date,
    };
    json!({
        "id": e.id, "bsn_last4": e.bsn_last4, "initials": e.initials, "prefix": e.prefix,
        "last_name": e.last_name, "gender": e.gender, "birth_date": e.birth_date,
        "start_date": e.start_date, "end_date": e.end_date, "employee_number": e.employee_number,
        "status": status(latest, today),
    })
}

/// A search text that is a whole BSN: nine digits, spaces and dots allowed, passing
/// the 11-check. (Eight digits could as well be an employee number.)
fn full_bsn(text: &str) -> Option<Bsn> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (digits == 9).then(|| Bsn::parse(text)).flatten()
}

/// `GET /api/employees?status=active|inactive&q=...&page=1`: 100 per page, by name.
/// `q` matches names, initials, the employee number and the BSN's last four
/// digits; a whole BSN finds that employee (a limited number of times per user).
pub async fn list<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let status = match req.query_param("status").as_deref() {
        None | Some("") => Status::All,
        Some("active") => Status::Active,
        Some("inactive") => Status::Inactive,
        Some(_) => {
            return Err(ApiError::invalid(
                "status",
                "Kies 'active' of 'inactive'.",
                "Choose 'active' or 'inactive'.",
            ))
        }
    };
    let q = req
        .query_param("q")
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::invalid(
            "q",
            "Zoek met hoogstens 100 tekens.",
            "Search with at most 100 characters.",
        ));
    }
    let page = match req.query_param("page") {
        None => 1,
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| {
                ApiError::invalid(
                    "page",
                    "Geef een paginanummer vanaf 1.",
                    "Give a page number from 1.",
                )
            })?,
    };
    let search = match q.as_deref() {
        Some(text) => Some(Search {
            text,
            bsn: match full_bsn(text) {
                Some(bsn) => {
                    app.limit(&rate_limit::BSN_SEARCH_PER_USER, &p.user_id)
                        .await?;
                    let hash = bsn.search_hash(&app.keys()?.bsn_search);
                    Some((bsn.last4().to_owned(), hash))
                }
                None => None,
            },
        }),
        None => None,
    };
    let today = today(app);
    let (rows, total) = employees::list(
        &app.db,
        &p.employer_id,
        status,
        today,
        search.as_ref(),
        page,
    )
    .await?;
    let pages = ((total + employees::PAGE_SIZE - 1) / employees::PAGE_SIZE).max(1);
    Ok(Response::json(
        200,
        &json!({
            "employees": rows.iter().map(|e| listed_json(e, today)).collect::<Vec<_>>(),
            "page": page, "pages": pages, "total": total,
        }),
    ))
}

/// The employee with every period and their wages per year.
async fn detail<D: Db, K: Kv>(app: &App<D, K>, p: &Principal, id: &str) -> Result<Value, ApiError> {
    let e = employee_of(app, p, id).await?;
    let periods = employees::periods(&app.db, &p.employer_id, id).await?;
    let wages = employees::wages(&app.db, &p.employer_id, id).await?;
    let latest = latest(&periods)?;
    let history = history_json(employees::history(&app.db, &p.employer_id, id).await?);
    Ok(json!({
        "id": e.id, "bsn_last4": e.bsn.get(5..), "initials": e.initials, "prefix": e.prefix,
        "last_name": e.last_name, "gender": e.gender, "birth_date": e.birth_date,
        "employee_number": e.employee_number,
        "start_date": latest.start_date, "end_date": latest.end_date,
        "status": status(latest.employment(), today(app)),
        "employments": periods.iter().map(|p| json!({
            "start_date": p.start_date, "end_date": p.end_date, "fixed_term": p.fixed_term == 1,
        })).collect::<Vec<_>>(),
        "wages": wages.iter().map(|(year, amount)| json!({"year": year, "insured_wage": amount}))
            .collect::<Vec<_>>(),
        "history": history,
    }))
}

/// Corrections, newest first: `[{"at","by","fields":[{"field","old","new"}]}]`.
fn history_json(rows: Vec<HistoryRow>) -> Vec<Value> {
    let mut changes: Vec<(String, Value)> = Vec::new();
    for row in rows {
        let field = json!({"field": row.field, "old": row.old_value, "new": row.new_value});
        match changes.last_mut() {
            Some((change_id, change)) if *change_id == row.change_id => {
                if let Some(fields) = change["fields"].as_array_mut() {
                    fields.push(field);
                }
            }
            _ => {
                let at = utc_time(row.at);
                changes.push((
                    row.change_id,
                    json!({"at": at, "by": row.by_name, "fields": [field]}),
                ));
            }
        }
    }
    changes.into_iter().map(|(_, change)| change).collect()
}

/// `GET /api/employees/{id}`
pub async fn get<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
) -> Result<Response, ApiError> {
    Ok(Response::json(200, &detail(app, p, id).await?))
}

/// A period from the body's `start_date`, `end_date` and `fixed_term`.
fn parse_period(f: &Fields, today: NaiveDate) -> Result<NewPeriod, ApiError> {
    let start = f.date("start_date")?;
    let end = f.opt_date("end_date")?;
    let fixed_term = f.opt_bool("fixed_term")?;
    NewPeriod::new(start, end, fixed_term, today).map_err(period_error)
}

fn parse_new_employee(req: &Request, today: NaiveDate) -> Result<NewEmployee, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let bsn = Bsn::parse(f.str("bsn")?).ok_or_else(|| ApiError::Invalid {
        code: "invalid_bsn",
        field: "bsn".into(),
        msg: Msg::new(
            "Dit BSN klopt niet: het heeft 9 cijfers en moet de elfproef doorstaan.",
            "This BSN is not valid: it has 9 digits and must pass the 11-check.",
        ),
    })?;
    let initials = f.text("initials", 20)?;
    let prefix = f.opt_text("prefix", 20)?;
    let last_name = f.text("last_name", 200)?;
    let gender = Gender::parse(f.str("gender")?)
        .ok_or_else(|| ApiError::invalid("gender", "Kies M, V of X.", "Choose M, V or X."))?;
    let birth_date = f.date("birth_date")?;
    let period = parse_period(&f, today)?;
    if birth_date > today || birth_date >= period.employment.start {
        return Err(ApiError::invalid(
            "birth_date",
            "De geboortedatum ligt na vandaag of na de datum in dienst.",
            "The birth date is after today or after the start date.",
        ));
    }
    Ok(NewEmployee {
        bsn,
        initials,
        prefix,
        last_name,
        gender,
        birth_date,
        employee_number: f.opt_text("employee_number", 50)?,
        period,
    })
}

/// The 409 for a BSN the employer already has: `employee_exists` while employed,
/// `employee_inactive` for a former employee; both name the employee's id.
async fn known_bsn<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    bsn: &Bsn,
) -> Result<Option<ApiError>, ApiError> {
    let Some(existing) = employees::by_bsn(&app.db, &p.employer_id, bsn).await? else {
        return Ok(None);
    };
    let periods = employees::periods(&app.db, &p.employer_id, &existing.id).await?;
    if is_active(latest(&periods)?.employment(), today(app)) {
        Ok(Some(
            ApiError::Conflict {
                code: "employee_exists",
                field: Some("bsn".into()),
                msg: Msg::new(
                    "Er is al een werknemer in dienst met dit BSN.",
                    "An employee with this BSN is already employed.",
                ),
            }
            .concerning("employee_id", existing.id),
        ))
    } else {
        Ok(Some(employee_inactive(Some("bsn"), &existing.id)))
    }
}

/// `POST /api/employees`: the employee and their first period in one batch.
pub async fn create<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let new = parse_new_employee(req, today(app))?;
    if let Some(conflict) = known_bsn(app, p, &new.bsn).await? {
        return Err(conflict);
    }
    let id = ids::new_id(app.random_bytes());
    let bsn_hash = new.bsn.search_hash(&app.keys()?.bsn_search);
    let batch = employees::insert(&id, &p.employer_id, &new, &bsn_hash, app.clock.now());
    match app.db.batch(batch).await {
        Ok(()) => Ok(Response::json(201, &json!({ "id": id }))),
        // A concurrent request added this BSN first: answer as if it had been there.
        Err(DbError::Constraint(m)) if m.contains("employees.bsn") => {
            let conflict = known_bsn(app, p, &new.bsn).await?;
            Err(conflict.unwrap_or(ApiError::Internal(m)))
        }
        Err(e) => Err(refused(e)),
    }
}

/// Writes one change to an employee's periods (the database may refuse it: a
/// submitted year, an overlap) and answers the employee as it is now.
async fn change_period<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    change: Statement,
) -> Result<Response, ApiError> {
    app.db.batch(vec![change]).await.map_err(refused)?;
    Ok(Response::json(200, &detail(app, p, id).await?))
}

/// `POST /api/employees/{id}/end`: the last day employed, in the current period.
pub async fn end<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let end = Fields::new(&body).date("end_date")?;
    employee_of(app, p, id).await?;
    let today = today(app);
    let current = latest(&employees::periods(&app.db, &p.employer_id, id).await?)?;
    if !is_active(current.employment(), today) {
        return Err(employee_inactive(None, id));
    }
    let ended = end_period(current.employment(), end, today).map_err(period_error)?;
    change_period(app, p, id, employees::set_end(id, ended)).await
}

/// `POST /api/employees/{id}/rehire`: a new period; the earlier ones stay.
pub async fn rehire<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let period = parse_period(&Fields::new(&body), today(app))?;
    employee_of(app, p, id).await?;
    change_period(app, p, id, employees::insert_period(id, &period)).await
}

fn bsn_read_only() -> ApiError {
    ApiError::Invalid {
        code: "read_only",
        field: "bsn".into(),
        msg: Msg::new(
            "Een BSN wijzigt u niet zelf. Klopt het BSN niet? Neem contact op met uw verzekeraar: die past het aan.",
            "You cannot change a BSN yourself. Is the BSN wrong? Contact your insurer, who changes it.",
        ),
    }
}

/// The birth date rule of a new employee: not after today, before the (first) start.
fn birth_date_out_of_order() -> ApiError {
    ApiError::invalid(
        "birth_date",
        "De geboortedatum ligt na vandaag of na de datum in dienst.",
        "The birth date is after today or after the start date.",
    )
}

/// The new values a correction asks for, checked as `POST /api/employees` checks
/// them. A required detail cannot be emptied; `prefix` and `employee_number` can
/// (null or blank). The BSN and unknown fields are refused, naming the field.
fn parse_correction(
    body: &Map<String, Value>,
    today: NaiveDate,
) -> Result<Vec<(PersonalField, Option<String>)>, ApiError> {
    if body.contains_key("bsn") {
        return Err(bsn_read_only());
    }
    for key in body.keys() {
        match key.as_str() {
            k if PersonalField::ALL.iter().any(|f| f.code() == k) => {}
            "start_date" | "end_date" | "fixed_term" => return Err(ApiError::Invalid {
                code: "read_only",
                field: key.clone(),
                msg: Msg::new(
                    "Een dienstverband wijzigt u met Uit dienst melden of Opnieuw in dienst nemen.",
                    "An employment is changed with End employment or Re-hire.",
                ),
            }),
            _ => {
                return Err(ApiError::Invalid {
                    code: "unknown_field",
                    field: key.chars().take(100).collect(),
                    msg: Msg::new(
                        "Dit veld bestaat niet of kan hier niet worden gewijzigd.",
                        "This field does not exist or cannot be changed here.",
                    ),
                })
            }
        }
    }
    let f = Fields::new(body);
    let mut wanted = Vec::new();
    for field in PersonalField::ALL {
        if !body.contains_key(field.code()) {
            continue;
        }
        let value = match field {
            PersonalField::Initials => Some(f.text("initials", 20)?),
            PersonalField::Prefix => f.opt_text("prefix", 20)?,
            PersonalField::LastName => Some(f.text("last_name", 200)?),
            PersonalField::Gender => Some(
                Gender::parse(f.str("gender")?)
                    .ok_or_else(|| {
                        ApiError::invalid("gender", "Kies M, V of X.", "Choose M, V or X.")
                    })?
                    .code()
                    .to_owned(),
            ),
            PersonalField::BirthDate => {
                let date = f.date("birth_date")?;
                if date > today {
                    return Err(birth_date_out_of_order());
                }
                Some(date.format("%Y-%m-%d").to_string())
            }
            PersonalField::EmployeeNumber => f.opt_text("employee_number", 50)?,
        };
        wanted.push((field, value));
    }
    Ok(wanted)
}

/// `PATCH /api/employees/{id}`: corrects personal details. The changed fields with
/// their old and new values go to the employee's history, and the fact (which
/// fields, no values) to the security log, in the batch of the change itself.
pub async fn correct<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let wanted = parse_correction(&body, today(app))?;
    let current = employee_of(app, p, id).await?;
    let periods = employees::periods(&app.db, &p.employer_id, id).await?;
    let first_start = periods
        .first()
        .map(|p| p.start_date)
        .ok_or_else(|| ApiError::Internal("employee without an employment period".into()))?;
    let changes: Vec<_> = wanted
        .into_iter()
        .filter(|(field, new)| field.value_of(&current) != *new)
        .collect();
    if let Some((_, Some(birth_date))) =
        changes.iter().find(|(f, _)| *f == PersonalField::BirthDate)
    {
        let date = NaiveDate::parse_from_str(birth_date, "%Y-%m-%d")
            .map_err(|_| ApiError::Internal("birth date not ISO".into()))?;
        if date >= first_start {
            return Err(birth_date_out_of_order());
        }
    }
    if !changes.is_empty() {
        let now = app.clock.now();
        let change_id = ids::new_id(app.random_bytes());
        let correction = Correction {
            change_id: &change_id,
            employer_id: &p.employer_id,
            employee_id: id,
            actor_id: &p.user_id,
            now,
        };
        let mut batch = Vec::with_capacity(2 * changes.len() + 1);
        for (field, new) in &changes {
            batch.extend(correction.set(*field, new.as_deref()));
        }
        let fields: Vec<&str> = changes.iter().map(|(f, _)| f.code()).collect();
        batch.push(accounts::log_event(
            Event {
                employer_id: &p.employer_id,
                user_id: None,
                actor_id: Some(&p.user_id),
                kind: "employee_corrected",
                detail: Some(format!("employee {id}: {}", fields.join(","))),
                address: &app.address(req),
            },
            now,
        ));
        app.db.batch(batch).await?;
    }
    Ok(Response::json(200, &detail(app, p, id).await?))
}
