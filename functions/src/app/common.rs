//! What several handlers share: the path's `{year}`, today's date, stored times as
//! the API writes them, the database's
//! refusals as the contract's 409s, e-mail address checks, and the one invitation
//! (user, activation token and e-mail) that provisioning and user management both
//! write. Handlers import these from here, never from one another.

use chrono::NaiveDate;

use super::session::Principal;
use super::App;
use crate::domain::email::Email;
use crate::domain::ids;
use crate::domain::year::Year;
use crate::http::{ApiError, Msg, Request};
use crate::mail;
use crate::store::employees::{self, EmployeeRow};
use crate::store::users::{self, TokenPurpose};
use crate::store::{outbox, Db, DbError, Kv, Statement};

/// Activation links, first or re-sent, stay valid for seven days.
pub(super) const ACTIVATION_TTL_SECS: i64 = 7 * 24 * 3600;

/// Today's date (UTC) by the app's clock: the reference for "three months ahead"
/// and for who is active.
pub(super) fn today<D: Db, K: Kv>(app: &App<D, K>) -> NaiveDate {
    chrono::DateTime::from_timestamp(app.clock.now(), 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// A stored time (seconds since the epoch) as the API writes times:
/// `2025-03-01T09:00:00Z`.
pub(super) fn utc_time(secs: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The `{year}` of a path or form: a year the portal knows (2000 to 2100), else 422.
pub(super) fn parse_year(raw: &str) -> Result<Year, ApiError> {
    raw.parse::<Year>().map_err(|_| {
        ApiError::invalid(
            "year",
            "Kies een jaar van 2000 tot en met 2100.",
            "Choose a year from 2000 to 2100.",
        )
    })
}

/// The principal's employer's employee `id`; another employer's (or no) employee is 404.
pub(super) async fn employee_of<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
) -> Result<EmployeeRow, ApiError> {
    employees::by_id(&app.db, &p.employer_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

fn settlement_locked() -> ApiError {
    ApiError::Conflict {
        code: "settlement_locked",
        field: None,
        msg: Msg::new(
            "Deze wijziging raakt een jaar waarvan de naverrekening al is ingediend. Vraag de verzekeraar dat jaar te heropenen.",
            "This change touches a year whose settlement was already submitted. Ask the insurer to reopen that year.",
        ),
    }
}

/// The database's refusals of a change to employments or wages, as the contract's 409s.
pub(super) fn refused(e: DbError) -> ApiError {
    match e {
        DbError::Refused(m) if m.contains("settlement_locked") => settlement_locked(),
        DbError::Refused(m) if m.contains("employment_overlap") => ApiError::Conflict {
            code: "employment_overlap",
            field: Some("start_date".into()),
            msg: Msg::new(
                "Deze periode overlapt een andere periode van deze werknemer.",
                "This period overlaps another period of this employee.",
            ),
        },
        e => e.into(),
    }
}

/// A free or shared address where a user's own address at the organisation belongs.
pub(super) fn email_not_allowed(field: String) -> ApiError {
    ApiError::Invalid {
        code: "email_not_allowed",
        field,
        msg: Msg::new(
            "Gebruik een persoonlijk e-mailadres van uw organisatie, geen gratis of gedeeld adres (zoals info@).",
            "Use a personal address at your organisation, not a free or shared one (such as info@).",
        ),
    }
}

/// The address at `field` belongs to another user already.
pub(super) fn email_taken(field: &str) -> ApiError {
    ApiError::Conflict {
        code: "email_taken",
        field: Some(field.into()),
        msg: Msg::new(
            "Dit e-mailadres is al in gebruik.",
            "This e-mail address is already in use.",
        ),
    }
}

/// Someone to invite to an employer's portal.
pub(super) struct Invitation<'a> {
    pub employer_id: &'a str,
    pub company_name: &'a str,
    pub name: &'a str,
    pub email: &'a Email,
    pub roles: &'a [&'a str],
    /// The colleague who invites; `None` when the insurer provisions the employer.
    pub invited_by: Option<&'a str>,
}

/// The invited user's new id and the statements that write the user, the
/// activation token (only its hash) and the activation e-mail, for the caller's batch.
pub(super) fn invitation<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
    who: &Invitation,
    now: i64,
) -> Result<(String, Vec<Statement>), ApiError> {
    let user_id = ids::new_id(app.random_bytes());
    let token = ids::token_text(app.random_bytes());
    let link = format!("{}/activeren?token={token}", app.public_url(req)?);
    let recipient = mail::Recipient {
        email: who.email.as_str(),
        name: who.name,
        insurer: &app.config.insurer_name,
    };
    let mut batch = users::insert(
        &user_id,
        who.employer_id,
        who.name,
        who.email,
        who.roles,
        now,
    );
    batch.push(users::insert_token(
        &ids::token_hash(&token),
        &user_id,
        TokenPurpose::Activation,
        now + ACTIVATION_TTL_SECS,
    ));
    batch.push(outbox::enqueue(
        &mail::activation(&recipient, who.company_name, who.invited_by, &link),
        now,
    ));
    Ok((user_id, batch))
}
