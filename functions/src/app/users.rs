//! User management (role `user_management`): list, invite, change roles, disable,
//! and the employer's security log. Every query is scoped to the signed-in
//! user's employer; another employer's user ids answer 404.

use serde_json::json;

use super::common::{self, email_not_allowed, invitation, Invitation};
use super::session::Principal;
use super::App;
use crate::domain::roles::{Role, Roles};
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::accounts::{self, Event};
use crate::store::users::{self, ListedUser};
use crate::store::{Db, DbError, Kv, Statement};

fn email_taken() -> ApiError {
    common::email_taken("email")
}

fn user_json(user: &ListedUser) -> serde_json::Value {
    let roles = Roles::parse(user.role_codes()).map_or_else(Vec::new, |r| r.codes());
    json!({"id": user.id, "name": user.name, "email": user.email, "roles": roles, "status": user.status})
}

/// `GET /api/users`
pub async fn list<D: Db, K: Kv>(app: &App<D, K>, p: &Principal) -> Result<Response, ApiError> {
    let list = users::of_employer(&app.db, &p.own_employer_id, None).await?;
    Ok(Response::json(
        200,
        &json!({"users": list.iter().map(user_json).collect::<Vec<_>>()}),
    ))
}

fn parse_roles(f: &Fields, codes: Vec<&str>) -> Result<Roles, ApiError> {
    Roles::parse(codes).ok_or_else(|| {
        ApiError::invalid(
            f.path("roles"),
            "Kies één of meer rollen: Gebruikersbeheer, HR, Financiën.",
            "Choose one or more roles: User management, HR, Finance.",
        )
    })
}

/// `POST /api/users`: an invited colleague with an activation e-mail.
pub async fn invite<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let name = f.text("name", 200)?;
    let email = f.email("email")?;
    if !email.is_organisation_address() {
        return Err(email_not_allowed("email".into()));
    }
    let codes = f
        .opt_str_list("roles")?
        .ok_or_else(|| ApiError::missing("roles"))?;
    let roles = parse_roles(&f, codes)?;
    if users::email_exists(&app.db, email.as_str()).await? {
        return Err(email_taken());
    }
    let now = app.clock.now();
    let codes = roles.codes();
    let (user_id, mut batch) = invitation(
        app,
        req,
        &Invitation {
            employer_id: &p.own_employer_id,
            company_name: &p.company_name,
            name: &name,
            email: &email,
            roles: &codes,
            invited_by: Some(&p.name),
        },
        now,
    )?;
    batch.push(event(
        app,
        p,
        &user_id,
        "user_invited",
        Some(roles.codes().join(",")),
        req,
    ));
    match app.db.batch(batch).await {
        Ok(()) => Ok(Response::json(201, &json!({"id": user_id}))),
        Err(DbError::Constraint(m)) if m.contains("users.email") => Err(email_taken()),
        Err(e) => Err(e.into()),
    }
}

fn event<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    user_id: &str,
    kind: &'static str,
    detail: Option<String>,
    req: &Request,
) -> Statement {
    accounts::log_event(
        Event {
            employer_id: &p.own_employer_id,
            user_id: Some(user_id),
            actor_id: Some(&p.user_id),
            kind,
            detail,
            address: &app.address(req),
        },
        app.clock.now(),
    )
}

/// `PATCH /api/users/{id}`: new roles and/or a status; effective on that user's
/// very next request (sessions are checked against the database every time).
pub async fn update<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let new_roles = f
        .opt_str_list("roles")?
        .map(|codes| parse_roles(&f, codes))
        .transpose()?;
    let new_status = f.opt_str("status")?;
    if new_roles.is_none() && new_status.is_none() {
        return Err(ApiError::missing("roles"));
    }
    let all = users::of_employer(&app.db, &p.own_employer_id, None).await?;
    let target = all.iter().find(|u| u.id == id).ok_or(ApiError::NotFound)?;
    let status =
        match new_status {
            None => target.status.as_str(),
            Some("disabled") => "disabled",
            // Re-enabling only brings back someone who had activated their account.
            Some("active") if target.has_password == 1 => "active",
            Some(_) => return Err(ApiError::invalid(
                "status",
                "Kies 'disabled', of 'active' voor een geblokkeerde gebruiker die al actief was.",
                "Choose 'disabled', or 'active' for a disabled user who was active before.",
            )),
        };
    let roles =
        new_roles.unwrap_or_else(|| Roles::parse(target.role_codes()).unwrap_or_else(Roles::all));

    // An employer must keep at least one active user who can manage users.
    let manager_left = all.iter().any(|u| {
        let (s, r) = if u.id == target.id {
            (status, roles.contains(Role::UserManagement))
        } else {
            (
                u.status.as_str(),
                u.role_codes().contains(&Role::UserManagement.code()),
            )
        };
        s == "active" && r
    });
    if !manager_left {
        return Err(ApiError::Conflict {
            code: "last_user_manager",
            field: None,
            msg: Msg::new(
                "Er moet minstens één actieve gebruiker met de rol Gebruikersbeheer blijven.",
                "At least one active user with the role User management must remain.",
            ),
        });
    }

    let now = app.clock.now();
    let mut batch = Vec::new();
    if roles.codes() != Roles::parse(target.role_codes()).map_or_else(Vec::new, |r| r.codes()) {
        batch.extend(users::replace_roles(&target.id, &roles.codes()));
        batch.push(event(
            app,
            p,
            &target.id,
            "roles_changed",
            Some(roles.codes().join(",")),
            req,
        ));
    }
    if status != target.status {
        batch.push(users::set_status(&target.id, &p.own_employer_id, status));
        if status == "disabled" {
            batch.push(accounts::revoke_user_sessions(&target.id, now));
            batch.push(accounts::expire_challenges(&target.id, now));
            batch.push(event(app, p, &target.id, "user_disabled", None, req));
        } else {
            batch.push(event(app, p, &target.id, "user_enabled", None, req));
        }
    }
    if !batch.is_empty() {
        app.db.batch(batch).await?;
    }
    Ok(Response::json(
        200,
        &json!({"id": target.id, "roles": roles.codes(), "status": status}),
    ))
}

/// `GET /api/security-log?before=<id>`: newest first, 100 per page.
pub async fn security_log<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let before = req
        .query
        .split('&')
        .find_map(|kv| kv.strip_prefix("before="))
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::invalid("before", "Geef een getal.", "Give a number."))
        })
        .transpose()?;
    let rows = accounts::events(&app.db, &p.own_employer_id, before).await?;
    let next = (rows.len() == 100)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let events: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "kind": r.kind, "user_id": r.user_id, "user_email": r.user_email,
                "actor_email": r.actor_email, "detail": r.detail, "address": r.address,
                "at": common::utc_time(r.created_at),
            })
        })
        .collect();
    Ok(Response::json(
        200,
        &json!({"events": events, "next_before": next}),
    ))
}
