//! Linking another employer to the organisation with its customer number and one
//! of its contract numbers (VGZ's "koppelen contracten"), undoing it from either
//! side. A wrong pair never says which half was wrong, and guesses are limited
//! per organisation.

use serde_json::json;

use super::session::Principal;
use super::App;
use crate::domain::identifiers::{ContractNumber, CustomerNumber};
use crate::domain::ids;
use crate::domain::rate_limit;
use crate::domain::roles::Role;
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::mail;
use crate::store::accounts::{self, Event};
use crate::store::{contracts, employers, links, outbox, users, Db, DbError, Kv, Statement};

/// The undo link in the notice works for 30 days.
const REVOKE_TTL_SECS: i64 = 30 * 24 * 3600;

fn invalid_link() -> ApiError {
    ApiError::Rejected {
        code: "invalid_link",
        msg: Msg::new(
            "Deze combinatie van klantnummer en contractnummer kennen wij niet. Controleer beide nummers op de polis of de brief van uw verzekeraar.",
            "We do not know this combination of customer number and contract number. Check both numbers on the policy or your insurer's letter.",
        ),
    }
}

fn already_linked() -> ApiError {
    ApiError::Conflict {
        code: "already_linked",
        field: None,
        msg: Msg::new(
            "Deze werkgever hoort al bij uw organisatie.",
            "This employer already belongs to your organisation.",
        ),
    }
}

/// The active user managers of an employer: who hears about its links.
async fn user_managers<D: Db, K: Kv>(
    app: &App<D, K>,
    employer_id: &str,
) -> Result<Vec<users::ListedUser>, ApiError> {
    Ok(users::of_employer(&app.db, employer_id, None)
        .await?
        .into_iter()
        .filter(|u| u.status == "active" && u.role_codes().contains(&Role::UserManagement.code()))
        .collect())
}

fn event<'a>(
    employer_id: &'a str,
    actor: Option<&'a str>,
    kind: &'static str,
    detail: String,
    address: &'a str,
    now: i64,
) -> Statement {
    accounts::log_event(
        Event {
            employer_id,
            user_id: None,
            actor_id: actor,
            kind,
            detail: Some(detail),
            address,
        },
        now,
    )
}

/// `POST /api/links` `{"customer_number","contract_number"}` → 201 `{"employer_id"}`.
pub async fn create<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let customer = f.str("customer_number")?;
    let contract = f.str("contract_number")?;
    // Every attempt counts, a well-formed one or not: 10 per organisation per hour.
    app.limit(&rate_limit::LINK_PER_ORGANISATION, &p.organisation_id)
        .await?;
    let (Some(customer), Some(contract)) = (
        CustomerNumber::parse(customer),
        ContractNumber::parse(contract),
    ) else {
        return Err(invalid_link());
    };
    let target = contracts::link_target(&app.db, customer.as_str(), contract.as_str())
        .await?
        .ok_or_else(invalid_link)?;
    if target.organisation_id == p.organisation_id
        || links::exists(&app.db, &p.organisation_id, &target.employer_id).await?
    {
        return Err(already_linked());
    }

    let now = app.clock.now();
    let address = app.address(req);
    let token = ids::token_text(app.random_bytes());
    let undo_link = format!("{}/koppeling-intrekken?token={token}", app.public_url(req)?);
    let mut batch = vec![
        links::insert(&p.organisation_id, &target.employer_id, &p.user_id, now),
        links::insert_revocation(
            &ids::token_hash(&token),
            &p.organisation_id,
            &target.employer_id,
            now + REVOKE_TTL_SECS,
        ),
        // Both logs: the linked employer's user managers see who reached in.
        event(
            &target.employer_id,
            Some(&p.user_id),
            "employer_linked",
            p.company_name.clone(),
            &address,
            now,
        ),
        event(
            &p.own_employer_id,
            Some(&p.user_id),
            "employer_linked",
            target.company_name.clone(),
            &address,
            now,
        ),
    ];
    let notice = mail::LinkNotice {
        company: &target.company_name,
        linked_by_company: &p.company_name,
        linked_by_name: &p.name,
    };
    for manager in user_managers(app, &target.employer_id).await? {
        let to = mail::Recipient {
            email: &manager.email,
            name: &manager.name,
            insurer: &app.config.insurer_name,
        };
        batch.push(outbox::enqueue(
            &mail::employer_linked(&to, &notice, &undo_link),
            now,
        ));
    }
    match app.db.batch(batch).await {
        Ok(()) => Ok(Response::json(
            201,
            &json!({ "employer_id": target.employer_id }),
        )),
        // A concurrent request linked it first.
        Err(DbError::Constraint(m)) if m.contains("links.") => Err(already_linked()),
        Err(DbError::Refused(_)) => Err(already_linked()),
        Err(e) => Err(e.into()),
    }
}

/// `DELETE /api/links/{employer_id}` → 204; the organisation's own employer: 409.
pub async fn delete<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    employer_id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let employer = app.employer_in_reach(p, employer_id).await?;
    if employer.organisation_id == p.organisation_id {
        return Err(ApiError::Conflict {
            code: "own_employer",
            field: None,
            msg: Msg::new(
                "Dit is een werkgever van uw eigen organisatie. Die kunt u niet ontkoppelen.",
                "This employer belongs to your own organisation. It cannot be unlinked.",
            ),
        });
    }
    let now = app.clock.now();
    let address = app.address(req);
    let mut batch = links::delete(&p.organisation_id, &employer.id, now);
    batch.push(event(
        &employer.id,
        Some(&p.user_id),
        "employer_unlinked",
        p.company_name.clone(),
        &address,
        now,
    ));
    batch.push(event(
        &p.own_employer_id,
        Some(&p.user_id),
        "employer_unlinked",
        employer.company_name.clone(),
        &address,
        now,
    ));
    app.db.batch(batch).await?;
    Ok(Response::empty(204))
}

/// `POST /api/links/revoke` `{"token"}`: the linked employer's user manager undoes
/// the link from the notice; the linking organisation's user managers are told.
pub async fn revoke<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let token = Fields::new(&body).str("token")?.to_owned();
    app.limit(&rate_limit::TOKEN_PER_ADDRESS, &app.address(req))
        .await?;
    let invalid = || {
        ApiError::BadRequest {
        code: "invalid_token",
        msg: Msg::new(
            "Deze link werkt niet meer: hij is al gebruikt of verlopen, of de koppeling is al opgeheven.",
            "This link no longer works: it was used already or has expired, or the link was already removed.",
        ),
    }
    };
    let now = app.clock.now();
    let hash = ids::token_hash(&token);
    let link = links::revocation(&app.db, &hash, now)
        .await?
        .ok_or_else(invalid)?;
    let company = employers::company_name(&app.db, &link.employer_id)
        .await?
        .unwrap_or_default();
    let address = app.address(req);
    let mut batch = vec![links::spend_revocation(&hash, now)];
    batch.extend(links::delete(&link.organisation_id, &link.employer_id, now));
    let linking = employers::owned_by(&app.db, &link.organisation_id).await?;
    let linking_names: Vec<&str> = linking.iter().map(|e| e.company_name.as_str()).collect();
    batch.push(event(
        &link.employer_id,
        None,
        "link_revoked",
        linking_names.join(", "),
        &address,
        now,
    ));
    for employer in &linking {
        for manager in user_managers(app, &employer.id).await? {
            let to = mail::Recipient {
                email: &manager.email,
                name: &manager.name,
                insurer: &app.config.insurer_name,
            };
            batch.push(outbox::enqueue(&mail::link_revoked(&to, &company), now));
        }
    }
    match app.db.batch(batch).await {
        Ok(()) => Ok(Response::json(200, &json!({"status": "unlinked"}))),
        Err(DbError::AlreadyUsed(_)) => Err(invalid()),
        Err(e) => Err(e.into()),
    }
}
