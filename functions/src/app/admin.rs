//! The insurer's back office: provisioning an employer with its policy and main user.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::json;
use subtle::ConstantTimeEq;

use super::common::{email_not_allowed, email_taken, invitation, Invitation};
use super::{App, MIN_SECRET_LEN};
use crate::domain::employer::NewEmployer;
use crate::domain::ids;
use crate::domain::money::{DecimalError, Money, Percent};
use crate::domain::policy::{InsuredWage, Policy, PolicyNumber, WageCap};
use crate::domain::year::Year;
use crate::http::input::{amount_error, decimal_error, json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::{employers, users, Db, DbError, Kv, Statement};

pub(super) fn check_bearer<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<(), ApiError> {
    let expected = app
        .config
        .admin_token
        .as_deref()
        .filter(|t| t.len() >= MIN_SECRET_LEN)
        .ok_or(ApiError::Unauthorized)?;
    let given = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// A policy date: an existing date in one of the portal's years.
fn date(fields: &Fields, name: &str) -> Result<NaiveDate, ApiError> {
    let date = fields.date(name)?;
    if Year::new(i64::from(chrono::Datelike::year(&date))).is_some() {
        Ok(date)
    } else {
        Err(ApiError::invalid(
            fields.path(name),
            "Geef een datum van 2000 tot en met 2100.",
            "Give a date from 2000 to 2100.",
        ))
    }
}

fn parse_new_employer(req: &Request) -> Result<NewEmployer, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let policy_number = PolicyNumber::parse(f.str("policy_number")?).ok_or_else(|| {
        ApiError::invalid(
            "policy_number",
            "Een polisnummer heeft 6 tot 12 cijfers.",
            "A policy number has 6 to 12 digits.",
        )
    })?;
    let company_name = f.text("company_name", 200)?;
    let user = f.object("main_user")?;
    let main_user_name = user.text("name", 200)?;
    let main_user_email = user.email("email")?;
    if !main_user_email.is_organisation_address() {
        return Err(email_not_allowed(user.path("email")));
    }

    let p = f.object("policy")?;
    let product = match p.str("product")? {
        "verzuim" => "verzuim",
        _ => {
            return Err(ApiError::invalid(
                p.path("product"),
                "Alleen het product 'verzuim' wordt ondersteund.",
                "Only the product 'verzuim' is supported.",
            ))
        }
    };
    let premium_rate = Percent::parse(p.str("premium_rate_percent")?)
        .map_err(|e| decimal_error(p.path("premium_rate_percent"), e))?;
    let insured_wage = InsuredWage::parse(p.str("insured_wage")?).ok_or_else(|| {
        ApiError::invalid(
            p.path("insured_wage"),
            "Onbekende loonsoort.",
            "Unknown wage type.",
        )
    })?;
    let start_date = date(&p, "start_date")?;
    let wage_cap = match p.opt_str("wage_cap")? {
        None => WageCap::None,
        Some(code) => WageCap::parse(code).ok_or_else(|| {
            ApiError::invalid(
                p.path("wage_cap"),
                "Kies geen loongrens of het maximum premieloon.",
                "Choose no wage cap or the maximum premium wage.",
            )
        })?,
    };
    let mut provisional_premium = BTreeMap::new();
    for (year, amount) in p.opt_entries("provisional_premium")? {
        let field = format!("{}.{year}", p.path("provisional_premium"));
        let year = year
            .parse::<Year>()
            .map_err(|_| ApiError::invalid(&field, "Onbekend jaar.", "Unknown year."))?;
        let amount = amount
            .as_str()
            .ok_or_else(|| amount_error(field.clone(), DecimalError::NotANumber, ""))
            .and_then(|a| {
                Money::parse_non_negative(a).map_err(|e| amount_error(field.clone(), e, a))
            })?;
        provisional_premium.insert(year.get(), amount);
    }

    Ok(NewEmployer {
        policy_number,
        company_name,
        main_user_name,
        main_user_email,
        policy: Policy {
            product,
            premium_rate,
            insured_wage,
            start_date,
            wage_cap,
            provisional_premium,
        },
    })
}

fn policy_number_taken() -> ApiError {
    ApiError::Conflict {
        code: "policy_number_exists",
        field: Some("policy_number".into()),
        msg: Msg::new(
            "Er bestaat al een werkgever met dit polisnummer.",
            "An employer with this policy number already exists.",
        ),
    }
}

fn main_user_email_taken() -> ApiError {
    email_taken("main_user.email")
}

/// `POST /api/admin/employers`: employer, policy, main user (every role), the
/// activation token and its e-mail, all in one batch.
pub async fn create_employer<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let new = parse_new_employer(req)?;
    if employers::policy_number_exists(&app.db, new.policy_number.as_str()).await? {
        return Err(policy_number_taken());
    }
    if users::email_exists(&app.db, new.main_user_email.as_str()).await? {
        return Err(main_user_email_taken());
    }

    let now = app.clock.now();
    let employer_id = ids::new_id(app.random_bytes());
    let (user_id, invitation) = invitation(
        app,
        req,
        &Invitation {
            employer_id: &employer_id,
            company_name: &new.company_name,
            name: &new.main_user_name,
            email: &new.main_user_email,
            roles: &users::ALL_ROLES,
            invited_by: None,
        },
        now,
    )?;
    let mut batch: Vec<Statement> = employers::insert(&employer_id, &new, now);
    batch.extend(invitation);

    match app.db.batch(batch).await {
        Ok(()) => Ok(Response::json(
            201,
            &json!({"employer_id": employer_id, "main_user_id": user_id}),
        )),
        // Lost a race with a concurrent request: the constraint decides.
        Err(DbError::Constraint(m)) if m.contains("policy_number") => Err(policy_number_taken()),
        Err(DbError::Constraint(m)) if m.contains("users.email") => Err(main_user_email_taken()),
        Err(e) => Err(e.into()),
    }
}
