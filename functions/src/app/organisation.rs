//! The organisation's employers and contracts as its users see them
//! (`GET /api/employers`, `GET /api/contracts`), and the two company details an
//! employer keeps itself: postal address and contact person (`PATCH /api/employers/{id}`).

use serde_json::{json, Value};

use super::provisioning::{contact, postal_address};
use super::session::Principal;
use super::App;
use crate::domain::contract::{Product, Settings};
use crate::domain::roles::Role;
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::accounts::{self, Event};
use crate::store::contracts::{self, ContractRow};
use crate::store::employers::{self, EmployerRow};
use crate::store::{Db, Kv};

fn contact_json(name: &Option<String>, email: &Option<String>, phone: &Option<String>) -> Value {
    match (name, email) {
        (Some(name), Some(email)) => json!({"name": name, "email": email, "phone": phone}),
        _ => Value::Null,
    }
}

/// An employer as API.md shows it. The customer number grants access together
/// with a contract number, so only the own organisation's user managers see it.
fn employer_json(p: &Principal, e: &EmployerRow) -> Value {
    let own = e.organisation_id == p.organisation_id;
    let address = match (&e.street, &e.house_number, &e.postcode, &e.city) {
        (Some(street), Some(house_number), Some(postcode), Some(city)) => json!({
            "street": street, "house_number": house_number, "postcode": postcode, "city": city,
        }),
        _ => Value::Null,
    };
    json!({
        "id": e.id,
        "company_name": e.company_name,
        "customer_number": (own && p.roles.grants_any(&[Role::UserManagement])).then_some(&e.customer_number),
        "kvk_number": e.kvk_number,
        "payroll_tax_number": e.payroll_tax_number,
        "postal_address": address,
        "contact_person": contact_json(&e.contact_name, &e.contact_email, &e.contact_phone),
        "adviser": contact_json(&e.adviser_name, &e.adviser_email, &e.adviser_phone),
        "linked": !own,
    })
}

fn contract_json(c: &ContractRow) -> Value {
    json!({
        "id": c.id,
        "product": c.product,
        "contract_number": c.contract_number,
        "name": c.name,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "employer": {"id": c.employer_id, "company_name": c.company_name},
    })
}

/// `GET /api/employers`
pub async fn list_employers<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
) -> Result<Response, ApiError> {
    let rows = employers::in_reach(&app.db, &p.organisation_id).await?;
    let list: Vec<Value> = rows.iter().map(|e| employer_json(p, e)).collect();
    Ok(Response::json(200, &json!({ "employers": list })))
}

/// `GET /api/contracts`
pub async fn list_contracts<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
) -> Result<Response, ApiError> {
    let rows = contracts::in_reach(&app.db, &p.organisation_id).await?;
    let list: Vec<Value> = rows.iter().map(contract_json).collect();
    Ok(Response::json(200, &json!({ "contracts": list })))
}

/// `GET /api/contracts/{id}`: one contract with its `settings`.
pub async fn get_contract<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
) -> Result<Response, ApiError> {
    let c = app.contract_in_reach(p, id, None).await?;
    let settings = Product::parse(&c.product)
        .and_then(|product| Settings::from_stored(product, &c.settings))
        .ok_or_else(|| ApiError::Internal(format!("contract {}: stored settings", c.id)))?;
    let mut body = contract_json(&c);
    body["settings"] = settings.to_json();
    Ok(Response::json(200, &body))
}

/// The fields an employer may change itself; the insurer keeps the rest.
const EDITABLE: [&str; 2] = ["postal_address", "contact_person"];

/// `PATCH /api/employers/{id}`: `postal_address` and `contact_person`, each an
/// object (replaces) or null (clears); absent stays. Any other field: 422 `read_only`.
pub async fn update_employer<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
    req: &Request,
) -> Result<Response, ApiError> {
    let current = app.employer_in_reach(p, id).await?;
    let body = json_object(req)?;
    let f = Fields::new(&body);
    if let Some(other) = f.names().find(|n| !EDITABLE.contains(n)) {
        return Err(ApiError::Invalid {
            code: "read_only",
            field: other.to_owned(),
            msg: Msg::new(
                "Dit gegeven wijzigt alleen uw verzekeraar. Neem contact op met uw verzekeraar als het niet klopt.",
                "Only your insurer changes this. Contact your insurer if it is wrong.",
            ),
        });
    }
    if f.names().next().is_none() {
        return Err(ApiError::missing("postal_address"));
    }
    let mut batch = Vec::new();
    let mut changed = Vec::new();
    if body.contains_key("postal_address") {
        let address = f
            .opt_object("postal_address")?
            .map(|a| postal_address(&a))
            .transpose()?;
        batch.push(employers::update_address(&current.id, address.as_ref()));
        changed.push("postal_address");
    }
    if body.contains_key("contact_person") {
        let contact = f
            .opt_object("contact_person")?
            .map(|c| contact(&c))
            .transpose()?;
        batch.push(employers::update_contact(&current.id, contact.as_ref()));
        changed.push("contact_person");
    }
    batch.push(accounts::log_event(
        Event {
            employer_id: &current.id,
            user_id: None,
            actor_id: Some(&p.user_id),
            kind: "company_details_changed",
            detail: Some(changed.join(",")),
            address: &app.address(req),
        },
        app.clock.now(),
    ));
    app.db.batch(batch).await?;
    let updated = app.employer_in_reach(p, id).await?;
    Ok(Response::json(200, &employer_json(p, &updated)))
}
