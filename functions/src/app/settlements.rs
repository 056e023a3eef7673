//! The yearly settlement (naverrekening): the computed settlement and its CSV
//! specification (hr, finance), submitting it (hr), and reopening it (the insurer's
//! back office). Submitting locks the year: the database refuses changes to it
//! (migrations/0003) until it is reopened.

use std::collections::HashMap;

use serde_json::json;

use super::common::{parse_year, utc_time};
use super::session::Principal;
use super::App;
use crate::domain::contract::{self, Product, Settings};
use crate::domain::employee::display_name;
use crate::domain::ids;
use crate::domain::policy::Policy;
use crate::domain::settlement::{settle, Employee, Settlement, SettlementError};
use crate::domain::specification::{self, Person};
use crate::domain::year::Year;
use crate::http::{ApiError, Msg, Request, Response};
use crate::mail;
use crate::store::contracts::ContractRow;
use crate::store::employees::{self, YearEmployee};
use crate::store::{employers, outbox, settlements, Db, DbError, Kv};

fn settlement_error(e: SettlementError) -> ApiError {
    let (code, nl, en) = match e {
        SettlementError::PolicyNotInForce => (
            "policy_not_in_force",
            "De polis liep in dat jaar nog niet.",
            "The policy was not yet in force in that year.",
        ),
        SettlementError::NoMaxPremiumWage => (
            "max_premium_wage_unknown",
            "Het maximum premieloon van dat jaar is nog niet bekend.",
            "That year's maximum premium wage is not known yet.",
        ),
    };
    ApiError::Invalid {
        code,
        field: "year".into(),
        msg: Msg::new(nl, en),
    }
}

/// The verzuim terms of a contract; stored settings that no longer parse are a
/// fault of ours.
pub(super) fn contract_policy(contract: &ContractRow) -> Result<Policy, ApiError> {
    match Settings::from_stored(Product::Verzuim, &contract.settings) {
        Some(Settings::Verzuim(s)) => Ok(contract::policy(contract.start_date, &s)),
        _ => Err(ApiError::Internal(format!(
            "contract {}: stored verzuim settings do not parse",
            contract.id
        ))),
    }
}

/// The year's settlement of a verzuim contract and the employees it was computed from.
async fn compute<D: Db, K: Kv>(
    app: &App<D, K>,
    contract: &ContractRow,
    year: Year,
) -> Result<(Settlement, Vec<YearEmployee>), ApiError> {
    let employer_id = contract.employer_id.as_str();
    let policy = contract_policy(contract)?;
    let staff = employees::in_year(&app.db, employer_id, year).await?;
    let input = staff
        .iter()
        .map(|e| Employee {
            id: e.id.clone(),
            name: display_name(&e.initials, e.prefix.as_deref(), &e.last_name),
            employments: e.periods.clone(),
            wage: e.wage,
        })
        .collect();
    let settlement = settle(&policy, year, input).map_err(settlement_error)?;
    Ok((settlement, staff))
}

/// `GET /api/settlements/{year}`: the domain's settlement with the year's status.
pub async fn get<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    let contract = app.verzuim_contract(&p.employer_id, req).await?;
    // Both reads at once: under workerd each D1 query is a round trip.
    let (computed, submission) = futures_util::future::join(
        compute(app, &contract, year),
        settlements::submitted(&app.db, &contract.id, year),
    )
    .await;
    let (settlement, _) = computed?;
    let submission = submission?;
    /// The domain's settlement with the year's status, written in one pass.
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        #[serde(flatten)]
        settlement: &'a Settlement,
        status: &'static str,
        reference: Option<String>,
        submitted_at: Option<String>,
    }
    let answer = Answer {
        settlement: &settlement,
        status: if submission.is_some() {
            "submitted"
        } else {
            "open"
        },
        reference: submission.as_ref().and_then(|s| s.reference.clone()),
        submitted_at: submission.and_then(|s| utc_time(s.submitted_at)),
    };
    Response::json_of(200, &answer)
}

/// `POST /api/settlements/{year}/submit`: once. The unique index on submissions
/// decides between concurrent submits: exactly one row is stored. The answer and
/// an e-mail to the submitting user (in the same batch) carry a short reference.
pub async fn submit<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    let contract = app.verzuim_contract(&p.employer_id, req).await?;
    // A year that cannot be settled cannot be submitted.
    let (settlement, _) = compute(app, &contract, year).await?;
    let now = app.clock.now();
    let submitted_on = chrono::DateTime::from_timestamp(now, 0)
        .ok_or_else(|| ApiError::Internal("clock out of range".into()))?;
    let recipient = mail::Recipient {
        email: &p.email,
        name: &p.name,
        insurer: &app.config.insurer_name,
    };
    // 30 random bits per reference: a collision is rare, and retried.
    for _ in 0..3 {
        let reference = ids::settlement_reference(year.get(), app.random_bytes());
        let email = mail::settlement_submitted(
            &recipient,
            &mail::SubmittedSettlement {
                company: &contract.company_name,
                year: year.get(),
                reference: &reference,
                submitted_on: submitted_on.date_naive(),
                balance: &settlement.balance,
            },
        );
        let batch = vec![
            settlements::submit(
                &p.employer_id,
                &contract.id,
                year,
                &p.user_id,
                now,
                &reference,
            ),
            outbox::enqueue(&email, now),
        ];
        match app.db.batch(batch).await {
            Ok(()) => {
                return Ok(Response::json(
                    200,
                    &json!({
                        "status": "submitted", "reference": reference,
                        "submitted_at": submitted_on.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    }),
                ))
            }
            Err(e) if settlements::reference_taken(&e) => continue,
            Err(DbError::Constraint(m)) if m.contains("settlement_submissions") => {
                return Err(ApiError::Conflict {
                    code: "already_submitted",
                    field: None,
                    msg: Msg::new(
                        "De naverrekening van dit jaar is al ingediend.",
                        "This year's settlement was already submitted.",
                    ),
                })
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Internal(
        "three settlement references in a row were taken".into(),
    ))
}

/// `GET /api/settlements/{year}/specification.csv`
pub async fn specification<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    let contract = app.verzuim_contract(&p.employer_id, req).await?;
    let (settlement, staff) = compute(app, &contract, year).await?;
    let people: HashMap<String, Person> = staff
        .into_iter()
        .filter_map(|e| {
            let person = Person {
                name: display_name("", e.prefix.as_deref(), &e.last_name),
                initials: e.initials,
                bsn_last4: e.bsn.get(5..)?.to_owned(),
                start: e.periods.first()?.start,
                end: e.periods.last()?.end,
            };
            Some((e.id, person))
        })
        .collect();
    let csv = specification::csv(&settlement, &people);
    Ok(Response {
        status: 200,
        headers: vec![
            ("content-type".into(), "text/csv; charset=utf-8".into()),
            (
                "content-disposition".into(),
                format!("attachment; filename=\"naverrekening-{}.csv\"", year.get()),
            ),
            // Wages and BSN digits: no copy in any cache.
            ("cache-control".into(), "no-store".into()),
        ],
        body: csv.into_bytes(),
    })
}

/// `POST /api/admin/employers/{employer_id}/settlements/{year}/reopen`: the
/// employer may change and submit that year again; the submission stays as history.
/// An employer with several verzuim contracts names one with `?contract=`.
pub async fn reopen<D: Db, K: Kv>(
    app: &App<D, K>,
    employer_id: &str,
    year: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let year = parse_year(year)?;
    if !employers::exists(&app.db, employer_id).await? {
        return Err(ApiError::NotFound);
    }
    let contract = app.verzuim_contract(employer_id, req).await?;
    if settlements::submitted(&app.db, &contract.id, year)
        .await?
        .is_none()
    {
        return Err(ApiError::Conflict {
            code: "not_submitted",
            field: None,
            msg: Msg::new(
                "De naverrekening van dit jaar is niet ingediend.",
                "This year's settlement has not been submitted.",
            ),
        });
    }
    app.db
        .batch(vec![settlements::reopen(
            &contract.id,
            year,
            app.clock.now(),
        )])
        .await?;
    Ok(Response::json(200, &json!({"status": "open"})))
}
