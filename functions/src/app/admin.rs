//! The insurer's back office: provisioning an employer with its contracts and main
//! user, adding contracts later, and the mail that went out.

use serde_json::json;
use subtle::ConstantTimeEq;

use super::common::{email_taken, invitation, utc_time, Invitation};
use super::{provisioning, App, MIN_SECRET_LEN};
use crate::domain::identifiers::CustomerNumber;
use crate::domain::ids;
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::{contracts, employers, outbox, users, Db, DbError, Kv, Statement};

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

fn contract_taken(field: String) -> ApiError {
    ApiError::Conflict {
        code: "contract_exists",
        field: Some(field),
        msg: Msg::new(
            "Dit contractnummer is al in gebruik.",
            "This contract number is already in use.",
        ),
    }
}

fn main_user_email_taken() -> ApiError {
    email_taken("main_user.email")
}

/// The field that names contract `i` of a new employer: version 1's
/// `policy_number` for the policy, else `contracts.<n>.contract_number`.
fn contract_field(has_policy: bool, i: usize) -> String {
    match (has_policy, i) {
        (true, 0) => "policy_number".into(),
        (true, i) => format!("contracts.{}.contract_number", i - 1),
        (false, i) => format!("contracts.{i}.contract_number"),
    }
}

fn taken(has_policy: bool, i: usize) -> ApiError {
    if has_policy && i == 0 {
        policy_number_taken()
    } else {
        contract_taken(contract_field(has_policy, i))
    }
}

/// `POST /api/admin/employers`: organisation, employer, contracts, main user (every
/// role), the activation token and its e-mail, all in one batch. The answer adds
/// the generated customer number.
pub async fn create_employer<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let (new, has_policy) = provisioning::new_employer(req)?;
    for (i, c) in new.contracts.iter().enumerate() {
        let twice = new.contracts[..i].iter().any(|d| d.number == c.number);
        if twice || contracts::number_exists(&app.db, c.number.as_str()).await? {
            return Err(taken(has_policy, i));
        }
    }
    if users::email_exists(&app.db, new.main_user_email.as_str()).await? {
        return Err(main_user_email_taken());
    }

    let now = app.clock.now();
    let organisation_id = ids::new_id(app.random_bytes());
    let employer_id = ids::new_id(app.random_bytes());
    let contract_ids: Vec<String> = new
        .contracts
        .iter()
        .map(|_| ids::new_id(app.random_bytes()))
        .collect();
    // A customer number is drawn from 9e9: a collision is rare, and retried.
    for _ in 0..3 {
        let customer_number = CustomerNumber::generate(app.random_bytes());
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
        let ids = employers::NewIds {
            organisation_id: &organisation_id,
            employer_id: &employer_id,
            customer_number: customer_number.as_str(),
            contract_ids: &contract_ids,
        };
        let mut batch: Vec<Statement> = employers::insert(&ids, &new, now);
        batch.extend(invitation);
        match app.db.batch(batch).await {
            Ok(()) => {
                return Ok(Response::json(
                    201,
                    &json!({
                        "employer_id": employer_id, "main_user_id": user_id,
                        "customer_number": customer_number.as_str(),
                    }),
                ))
            }
            Err(e) if employers::customer_number_taken(&e) => continue,
            // Lost a race with a concurrent request: the constraint decides.
            Err(e) if contracts::number_taken(&e) => return Err(taken(has_policy, 0)),
            Err(DbError::Constraint(m)) if m.contains("users.email") => {
                return Err(main_user_email_taken())
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Internal(
        "three customer numbers in a row were taken".into(),
    ))
}

/// `POST /api/admin/employers/{employer_id}/contracts` with a NewContract → 201 `{"id"}`.
pub async fn create_contract<D: Db, K: Kv>(
    app: &App<D, K>,
    employer_id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let contract = provisioning::new_contract(&Fields::new(&body))?;
    if !employers::exists(&app.db, employer_id).await? {
        return Err(ApiError::NotFound);
    }
    if contracts::number_exists(&app.db, contract.number.as_str()).await? {
        return Err(contract_taken("contract_number".into()));
    }
    let id = ids::new_id(app.random_bytes());
    match app
        .db
        .batch(vec![contracts::insert(
            &id,
            employer_id,
            &contract,
            app.clock.now(),
        )])
        .await
    {
        Ok(()) => Ok(Response::json(201, &json!({ "id": id }))),
        Err(e) if contracts::number_taken(&e) => Err(contract_taken("contract_number".into())),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/admin/mail?status=pending|delivered|failed`: the newest 100 messages
/// (of that status), for the back office: what failed and why. Bodies are not
/// shown: they can hold a one-time link.
pub(super) async fn mail<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let status = req.query_param("status");
    if let Some(s) = status.as_deref() {
        if !["pending", "delivered", "failed"].contains(&s) {
            return Err(ApiError::invalid(
                "status",
                "Kies pending, delivered of failed.",
                "Choose pending, delivered or failed.",
            ));
        }
    }
    let messages: Vec<_> = outbox::newest(&app.db, status.as_deref())
        .await?
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "id": m.id, "to": m.to_address, "subject": m.subject, "status": m.status,
                "created_at": utc_time(m.created_at), "attempts": m.attempts,
                "delivered_at": m.delivered_at.and_then(utc_time), "last_error": m.last_error,
            })
        })
        .collect();
    Ok(Response::json(
        200,
        &serde_json::json!({ "messages": messages }),
    ))
}
