//! Signed-in requests: the `session` cookie holds a short-lived JWT naming a session
//! row; the row, its user and its employer are checked on every request, so
//! logout, disabling a user and role changes count from the very next request.

use super::App;
use crate::domain::ids;
use crate::domain::roles::{Role, Roles};
use crate::domain::sessions;
use crate::http::{ApiError, Msg, Request, Response};
use crate::store::{accounts, users, Db, Kv, Statement};

/// A session ends 8 hours after sign-in at the latest. Without a request it ends
/// when its token expires (sessions::TOKEN_TTL_SECS, 15 minutes): a token is
/// only renewed by using it.
pub const SESSION_MAX_SECS: i64 = 8 * 3600;
/// A token older than this is replaced on the next request.
const REFRESH_AFTER_SECS: i64 = 5 * 60;

/// Who is asking: every query past this point is scoped to `employer_id`, and
/// anything beyond it to what `organisation_id` reaches (app/reach.rs).
#[derive(Debug, Clone)]
pub struct Principal {
    pub session_id: String,
    pub user_id: String,
    /// The employer this request acts on: the user's own, or another one of the
    /// organisation chosen with `?employer=` on the employer-scoped routes.
    pub employer_id: String,
    /// The employer that created the user (their users, their security log).
    pub own_employer_id: String,
    pub organisation_id: String,
    pub name: String,
    pub email: String,
    pub roles: Roles,
    /// The own employer's company name.
    pub company_name: String,
    /// A fresh token to set as the cookie, when the old one was aging.
    pub refreshed_token: Option<String>,
}

impl Principal {
    /// The one role check: 403 unless the user holds one of `required`.
    pub fn require(&self, required: &[Role]) -> Result<(), ApiError> {
        if self.roles.grants_any(required) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                code: "forbidden",
                msg: Msg::new(
                    "U heeft geen rechten voor deze actie.",
                    "You do not have permission for this action.",
                ),
            })
        }
    }
}

/// `; Secure` outside development (the local dev server speaks plain HTTP).
fn secure(development: bool) -> &'static str {
    if development {
        ""
    } else {
        "; Secure"
    }
}

pub fn cookie(token: &str, development: bool) -> String {
    let secure = secure(development);
    format!("session={token}; HttpOnly; SameSite=Strict; Path=/{secure}")
}

pub fn clear_cookie(development: bool) -> String {
    let secure = secure(development);
    format!("session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}")
}

/// Beside the session, a cookie that scripts may read and that grants nothing: it
/// only tells the help site's header to offer "Mijn portaal" instead of "Inloggen".
/// It lives as long as a session can and goes at sign-out.
pub fn hint_cookie(development: bool) -> String {
    let secure = secure(development);
    format!("signed_in=1; SameSite=Strict; Path=/; Max-Age={SESSION_MAX_SECS}{secure}")
}

pub fn clear_hint_cookie(development: bool) -> String {
    let secure = secure(development);
    format!("signed_in=; SameSite=Strict; Path=/; Max-Age=0{secure}")
}

fn session_token(req: &Request) -> Option<&str> {
    req.header("cookie")?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == "session")
        .map(|(_, value)| value)
}

impl<D: Db, K: Kv> App<D, K> {
    /// The principal of a signed-in request, or 401.
    pub async fn authenticate(&self, req: &Request) -> Result<Principal, ApiError> {
        let keys = self.keys()?;
        let now = self.clock.now();
        let (sid, user_id, issued_at) = session_token(req)
            .and_then(|t| sessions::verify(&keys.session, t, now))
            .ok_or(ApiError::Unauthorized)?;
        let row = accounts::session(&self.db, &sid)
            .await?
            .filter(|s| {
                s.user_id == user_id
                    && s.status == "active"
                    && s.revoked_at.is_none()
                    && s.expires_at > now
            })
            .ok_or(ApiError::Unauthorized)?;
        let roles =
            Roles::parse(users::role_codes(row.roles.as_deref())).ok_or(ApiError::Unauthorized)?;
        let refreshed_token = (now - issued_at >= REFRESH_AFTER_SECS)
            .then(|| sessions::issue(&keys.session, &sid, &user_id, now));
        Ok(Principal {
            session_id: sid,
            user_id,
            employer_id: row.employer_id.clone(),
            own_employer_id: row.employer_id,
            organisation_id: row.organisation_id,
            name: row.name,
            email: row.email,
            roles,
            company_name: row.company_name,
            refreshed_token,
        })
    }

    /// A new session for `user_id`: the statement that stores it (to run in the
    /// batch that completes the sign-in) and the cookie to set.
    pub fn new_session(&self, user_id: &str) -> Result<(Statement, String), ApiError> {
        let keys = self.keys()?;
        let now = self.clock.now();
        let sid = ids::token_text(self.random_bytes());
        let token = sessions::issue(&keys.session, &sid, user_id, now);
        Ok((
            accounts::insert_session(&sid, user_id, now, now + SESSION_MAX_SECS),
            cookie(&token, self.config.development),
        ))
    }

    /// Ends the session the request carries, if any; logout answers 204 either way.
    pub async fn end_session(&self, req: &Request) -> Result<Response, ApiError> {
        let keys = self.keys()?;
        if let Some((sid, _, _)) =
            session_token(req).and_then(|t| sessions::verify(&keys.session, t, self.clock.now()))
        {
            self.db
                .batch(vec![accounts::revoke_session(&sid, self.clock.now())])
                .await?;
        }
        let mut resp = Response::empty(204);
        resp.set_header("set-cookie", clear_cookie(self.config.development));
        resp.add_header("set-cookie", clear_hint_cookie(self.config.development));
        Ok(resp)
    }
}
