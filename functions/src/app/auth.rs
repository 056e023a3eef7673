//! Accounts and sign-in (API.md, "Accounts and sign-in"): activation, password
//! then TOTP always, recovery codes, forgotten password, logout and `/api/me`.
//! Unknown and known e-mails get the same answers and cost the same hashing time.

use serde_json::json;

use super::{session, App};
use crate::domain::email::Email;
use crate::domain::passwords::{self, PasswordProblem};
use crate::domain::rate_limit::{self, Limit};
use crate::domain::{ids, secrets, totp};
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Msg, Request, Response};
use crate::mail::{self, Recipient};
use crate::store::accounts::{self, Event, UserRow};
use crate::store::{outbox, Db, DbError, Kv, Statement};

/// How long the step between password and code may take (a first set-up included).
const CHALLENGE_TTL_SECS: i64 = 10 * 60;
/// Reset links stay valid for 60 minutes.
const RESET_TTL_SECS: i64 = 60 * 60;

fn invalid_credentials() -> ApiError {
    ApiError::Denied {
        code: "invalid_credentials",
        msg: Msg::new(
            "Het e-mailadres of het wachtwoord klopt niet.",
            "The e-mail address or the password is wrong.",
        ),
    }
}

fn invalid_code() -> ApiError {
    ApiError::Denied {
        code: "invalid_code",
        msg: Msg::new(
            "Deze code klopt niet of is al gebruikt. Probeer de volgende code.",
            "This code is wrong or was already used. Try the next code.",
        ),
    }
}

fn invalid_challenge() -> ApiError {
    ApiError::Denied {
        code: "invalid_challenge",
        msg: Msg::new(
            "Deze inlogpoging is verlopen. Log opnieuw in met uw wachtwoord.",
            "This sign-in attempt has expired. Sign in again with your password.",
        ),
    }
}

fn invalid_token() -> ApiError {
    ApiError::BadRequest {
        code: "invalid_token",
        msg: Msg::new(
            "Deze link is ongeldig, verlopen of al gebruikt. Vraag een nieuwe link aan.",
            "This link is invalid, expired or already used. Ask for a new link.",
        ),
    }
}

fn weak_password(problem: PasswordProblem) -> ApiError {
    let (nl, en) = match problem {
        PasswordProblem::TooShort => (
            "Kies een wachtwoord van minstens 12 tekens.",
            "Choose a password of at least 12 characters.",
        ),
        PasswordProblem::TooLong => (
            "Kies een wachtwoord van hoogstens 256 tekens.",
            "Choose a password of at most 256 characters.",
        ),
        PasswordProblem::Common => (
            "Dit wachtwoord is te makkelijk te raden. Kies een ander wachtwoord.",
            "This password is too easy to guess. Choose another one.",
        ),
        PasswordProblem::ContainsEmailName => (
            "Gebruik uw naam of e-mailadres niet in uw wachtwoord.",
            "Do not use your name or e-mail address in your password.",
        ),
    };
    ApiError::Invalid {
        code: "weak_password",
        field: "password".into(),
        msg: Msg::new(nl, en),
    }
}

/// The subject of a per-account limit: a hash, so unknown addresses are not kept.
fn account_subject(email: &str) -> String {
    ids::token_hash(&email.trim().to_lowercase())
}

impl<D: Db, K: Kv> App<D, K> {
    /// Counts an attempt against `limit`; 429 with `Retry-After` once it is spent.
    pub(super) async fn limit(&self, limit: &Limit, subject: &str) -> Result<(), ApiError> {
        let now = self.clock.now();
        let count = accounts::hit(&self.db, limit, subject, now).await?;
        match limit.retry_after(count - 1, now) {
            Some(secs) => Err(ApiError::TooManyAttempts { retry_after: secs }),
            None => Ok(()),
        }
    }

    fn recipient<'a>(&'a self, user: &'a UserRow) -> Recipient<'a> {
        Recipient {
            email: &user.email,
            name: &user.name,
            insurer: &self.config.insurer_name,
        }
    }

    /// The answer that asks for a first TOTP set-up: a new secret sealed in a new challenge.
    fn setup_challenge(
        &self,
        user: &UserRow,
        batch: &mut Vec<Statement>,
    ) -> Result<serde_json::Value, ApiError> {
        let keys = self.keys()?;
        let secret: [u8; totp::SECRET_BYTES] = self.random_bytes();
        let challenge = ids::token_text(self.random_bytes());
        let sealed = secrets::seal(&keys, self.random_bytes(), &secret);
        batch.push(accounts::insert_challenge(
            &ids::token_hash(&challenge),
            &user.id,
            "totp_setup",
            Some(&sealed),
            self.clock.now() + CHALLENGE_TTL_SECS,
        ));
        let uri = totp::otpauth_uri(&secret, &self.config.insurer_name, &user.email)
            .ok_or_else(|| ApiError::Internal("otpauth URI could not be built".into()))?;
        let qr = totp::qr_svg(&uri)
            .ok_or_else(|| ApiError::Internal("QR code could not be built".into()))?;
        Ok(json!({
            "next": "totp_setup", "challenge": challenge, "secret": totp::base32(&secret),
            "otpauth_uri": uri, "qr_svg": qr,
        }))
    }
}

/// `POST /api/auth/login`
pub async fn login<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let email_input = f.str("email")?;
    let password = f.str("password")?;
    app.limit(&rate_limit::LOGIN_PER_ADDRESS, &app.address(req))
        .await?;
    let subject = account_subject(email_input);
    let now = app.clock.now();
    let failures = accounts::count(
        &app.db,
        &rate_limit::LOGIN_FAILURES_PER_ACCOUNT,
        &subject,
        now,
    )
    .await?;
    if let Some(secs) = rate_limit::LOGIN_FAILURES_PER_ACCOUNT.retry_after(failures, now) {
        return Err(ApiError::TooManyAttempts { retry_after: secs });
    }

    let user = match Email::parse(email_input) {
        Ok(email) => accounts::user_by_email(&app.db, email.as_str()).await?,
        Err(_) => None,
    };
    let usable = user
        .as_ref()
        .filter(|u| u.status == "active" && u.password_hash.is_some());
    // Always one full argon2 verification, against the dummy hash when no account fits.
    let hash = usable
        .and_then(|u| u.password_hash.as_deref())
        .unwrap_or(passwords::DUMMY_HASH);
    let bounded = password.chars().count() <= passwords::MAX_CHARS;
    let matches = passwords::verify(if bounded { password } else { "" }, hash) && bounded;

    let Some(user) = usable.filter(|_| matches) else {
        accounts::hit(
            &app.db,
            &rate_limit::LOGIN_FAILURES_PER_ACCOUNT,
            &subject,
            now,
        )
        .await?;
        if let Some(u) = &user {
            app.db
                .batch(vec![accounts::log_event(
                    Event {
                        employer_id: &u.employer_id,
                        user_id: Some(&u.id),
                        actor_id: None,
                        kind: "sign_in_failed",
                        detail: None,
                        address: &app.address(req),
                    },
                    now,
                )])
                .await?;
        }
        return Err(invalid_credentials());
    };

    let mut batch = Vec::new();
    let answer = if user.totp_secret.is_some() {
        let challenge = ids::token_text(app.random_bytes());
        batch.push(accounts::insert_challenge(
            &ids::token_hash(&challenge),
            &user.id,
            "totp",
            None,
            now + CHALLENGE_TTL_SECS,
        ));
        json!({"next": "totp", "challenge": challenge})
    } else {
        app.setup_challenge(user, &mut batch)?
    };
    app.db.batch(batch).await?;
    Ok(Response::json(200, &answer))
}

/// A challenge that can still be answered, with its user.
async fn live_challenge<D: Db, K: Kv>(
    app: &App<D, K>,
    challenge: &str,
) -> Result<(String, accounts::ChallengeRow, UserRow), ApiError> {
    let hash = ids::token_hash(challenge);
    let now = app.clock.now();
    let row = accounts::challenge(&app.db, &hash)
        .await?
        .filter(|c| {
            c.used_at.is_none()
                && c.expires_at > now
                && c.failures < rate_limit::CHALLENGE_MAX_FAILURES
        })
        .ok_or_else(invalid_challenge)?;
    let user = accounts::user_by_id(&app.db, &row.user_id)
        .await?
        .filter(|u| u.status == "active")
        .ok_or_else(invalid_challenge)?;
    Ok((hash, row, user))
}

/// A wrong code or recovery code: counted against the challenge and logged.
async fn wrong_code<D: Db, K: Kv>(
    app: &App<D, K>,
    hash: &str,
    user: &UserRow,
    req: &Request,
) -> ApiError {
    let event = accounts::log_event(
        Event {
            employer_id: &user.employer_id,
            user_id: Some(&user.id),
            actor_id: None,
            kind: "totp_failed",
            detail: None,
            address: &app.address(req),
        },
        app.clock.now(),
    );
    match app
        .db
        .batch(vec![accounts::challenge_failed(hash), event])
        .await
    {
        Ok(()) => invalid_code(),
        Err(e) => e.into(),
    }
}

fn spent_is_invalid(e: DbError, invalid: fn() -> ApiError) -> ApiError {
    match e {
        DbError::AlreadyUsed(_) => invalid(),
        other => other.into(),
    }
}

/// `POST /api/auth/totp`: the code completes the sign-in (and a set-up).
pub async fn totp_code<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let challenge = f.str("challenge")?;
    let code = f.str("code")?;
    app.limit(&rate_limit::CODE_PER_ADDRESS, &app.address(req))
        .await?;
    let (hash, row, user) = live_challenge(app, challenge).await?;
    let keys = app.keys()?;
    let setup = row.kind == "totp_setup";
    let sealed = if setup {
        row.pending_secret.as_deref()
    } else {
        user.totp_secret.as_deref()
    };
    let secret = sealed
        .and_then(|s| secrets::open(&keys, s))
        .ok_or_else(|| ApiError::Internal("TOTP secret missing or not readable".into()))?;
    let now = app.clock.now();
    let step = totp::matching_step(&secret, code, now as u64)
        .map(|s| s as i64)
        .filter(|s| *s > user.totp_last_step);
    let Some(step) = step else {
        return Err(wrong_code(app, &hash, &user, req).await);
    };

    let address = app.address(req);
    let mut batch = vec![
        accounts::spend_challenge(&hash, now),
        accounts::accept_totp_step(&user.id, step),
    ];
    let mut answer = json!({"status": "signed_in"});
    if setup {
        let codes: Vec<String> = (0..10)
            .map(|_| secrets::recovery_code(app.random_bytes()))
            .collect();
        let hashes: Vec<String> = codes
            .iter()
            .map(|c| secrets::recovery_code_hash(c))
            .collect();
        batch.push(accounts::set_totp_secret(&user.id, sealed));
        batch.extend(accounts::replace_recovery_codes(&user.id, &hashes));
        batch.push(event(&user, "totp_enrolled", &address, now));
        answer["recovery_codes"] = json!(codes);
    }
    batch.push(event(&user, "sign_in_ok", &address, now));
    let (session, cookie) = app.new_session(&user.id)?;
    batch.push(session);
    // A replayed step or a spent challenge aborts the whole batch (triggers).
    app.db
        .batch(batch)
        .await
        .map_err(|e| spent_is_invalid(e, invalid_code))?;
    let mut resp = Response::json(200, &answer);
    resp.set_header("set-cookie", cookie);
    resp.add_header("set-cookie", session::hint_cookie(app.config.development));
    Ok(resp)
}

fn event(user: &UserRow, kind: &'static str, address: &str, now: i64) -> Statement {
    accounts::log_event(
        Event {
            employer_id: &user.employer_id,
            user_id: Some(&user.id),
            actor_id: None,
            kind,
            detail: None,
            address,
        },
        now,
    )
}

/// `POST /api/auth/recovery`: a recovery code replaces the lost app once; a new
/// app must be set up before a session exists.
pub async fn recovery<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let challenge = f.str("challenge")?;
    let code = f.str("recovery_code")?;
    app.limit(&rate_limit::CODE_PER_ADDRESS, &app.address(req))
        .await?;
    let (hash, row, user) = live_challenge(app, challenge).await?;
    if row.kind != "totp" {
        return Err(invalid_challenge());
    }
    let code_hash = secrets::recovery_code_hash(code);
    if code.chars().count() > 64
        || !accounts::recovery_code_unused(&app.db, &user.id, &code_hash).await?
    {
        return Err(wrong_code(app, &hash, &user, req).await);
    }
    let now = app.clock.now();
    let mut batch = vec![
        accounts::spend_recovery_code(&user.id, &code_hash, now),
        accounts::spend_challenge(&hash, now),
        accounts::set_totp_secret(&user.id, None),
        event(&user, "totp_reset", &app.address(req), now),
        outbox::enqueue(&mail::totp_reset(&app.recipient(&user)), now),
    ];
    let answer = app.setup_challenge(&user, &mut batch)?;
    app.db
        .batch(batch)
        .await
        .map_err(|e| spent_is_invalid(e, invalid_code))?;
    Ok(Response::json(200, &answer))
}

/// `POST /api/auth/password/forgot`: always 202; a known, activated address gets
/// a reset link.
pub async fn forgot_password<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let email_input = Fields::new(&body).str("email")?;
    app.limit(&rate_limit::FORGOT_PER_ADDRESS, &app.address(req))
        .await?;
    app.limit(
        &rate_limit::FORGOT_PER_ACCOUNT,
        &account_subject(email_input),
    )
    .await?;
    let user = match Email::parse(email_input) {
        Ok(email) => accounts::user_by_email(&app.db, email.as_str()).await?,
        Err(_) => None,
    };
    if let Some(user) = user.filter(|u| u.status == "active") {
        let now = app.clock.now();
        let token = ids::token_text(app.random_bytes());
        let link = format!(
            "{}/wachtwoord-herstellen?token={token}",
            app.public_url(req)?
        );
        app.db
            .batch(vec![
                crate::store::users::insert_token(
                    &ids::token_hash(&token),
                    &user.id,
                    crate::store::users::TokenPurpose::PasswordReset,
                    now + RESET_TTL_SECS,
                ),
                outbox::enqueue(&mail::password_reset(&app.recipient(&user), &link), now),
                event(&user, "password_reset_requested", &app.address(req), now),
            ])
            .await?;
    }
    Ok(Response::json(202, &json!({"status": "accepted"})))
}

/// `POST /api/auth/activate/resend`: always 202. Only an invited user (not yet
/// activated) gets a new activation link, and their earlier links expire. Unknown,
/// active and disabled addresses get the same answer after the same steps: the
/// limits, the look-up, a token drawn and a write batch (that changes nothing).
pub async fn resend_activation<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let email_input = Fields::new(&body).str("email")?;
    app.limit(&rate_limit::RESEND_PER_ADDRESS, &app.address(req))
        .await?;
    app.limit(
        &rate_limit::RESEND_PER_ACCOUNT,
        &account_subject(email_input),
    )
    .await?;
    let user = match Email::parse(email_input) {
        Ok(email) => accounts::user_by_email(&app.db, email.as_str()).await?,
        Err(_) => None,
    };
    let now = app.clock.now();
    let token = ids::token_text(app.random_bytes());
    let hash = ids::token_hash(&token);
    let invited = user.filter(|u| u.status == "invited");
    let batch = match &invited {
        Some(user) => {
            let company = crate::store::employers::company_name(&app.db, &user.employer_id)
                .await?
                .unwrap_or_default();
            let link = format!("{}/activeren?token={token}", app.public_url(req)?);
            vec![
                accounts::expire_activation_tokens(&user.id, now),
                crate::store::users::insert_token(
                    &hash,
                    &user.id,
                    crate::store::users::TokenPurpose::Activation,
                    now + super::common::ACTIVATION_TTL_SECS,
                ),
                outbox::enqueue(
                    &mail::activation_resent(&app.recipient(user), &company, &link),
                    now,
                ),
                event(user, "activation_resent", &app.address(req), now),
            ]
        }
        // The same kind of write, matching no row.
        None => vec![accounts::expire_activation_tokens("", now)],
    };
    app.db.batch(batch).await?;
    Ok(Response::json(202, &json!({"status": "accepted"})))
}

/// Reads `{token, password}` and finds the live token of `purpose` with its user.
async fn token_and_password<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
    purpose: &str,
    user_status: &str,
) -> Result<(String, UserRow, String), ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let token = f.str("token")?;
    let password = f.str("password")?;
    app.limit(&rate_limit::TOKEN_PER_ADDRESS, &app.address(req))
        .await?;
    let hash = ids::token_hash(token);
    let now = app.clock.now();
    let row = accounts::token(&app.db, &hash)
        .await?
        .filter(|t| t.purpose == purpose && t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(invalid_token)?;
    let user = accounts::user_by_id(&app.db, &row.user_id)
        .await?
        .filter(|u| u.status == user_status)
        .ok_or_else(invalid_token)?;
    let email = Email::parse(&user.email)
        .map_err(|_| ApiError::Internal("stored e-mail invalid".into()))?;
    passwords::check_policy(password, &email).map_err(weak_password)?;
    Ok((hash, user, passwords::hash(password, app.random_bytes())))
}

/// `POST /api/auth/activate`: the invitation link sets the first password.
pub async fn activate<D: Db, K: Kv>(app: &App<D, K>, req: &Request) -> Result<Response, ApiError> {
    let (hash, user, phc) = token_and_password(app, req, "activation", "invited").await?;
    let now = app.clock.now();
    app.db
        .batch(vec![
            accounts::spend_token(&hash, now),
            accounts::set_password(&user.id, &phc, true),
            event(&user, "user_activated", &app.address(req), now),
        ])
        .await
        .map_err(|e| spent_is_invalid(e, invalid_token))?;
    Ok(Response::json(200, &json!({"status": "activated"})))
}

/// `POST /api/auth/password/reset`: a new password ends every session; TOTP stays.
pub async fn reset_password<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    let (hash, user, phc) = token_and_password(app, req, "password_reset", "active").await?;
    let now = app.clock.now();
    app.db
        .batch(vec![
            accounts::spend_token(&hash, now),
            accounts::set_password(&user.id, &phc, false),
            accounts::revoke_user_sessions(&user.id, now),
            accounts::expire_challenges(&user.id, now),
            outbox::enqueue(&mail::password_changed(&app.recipient(&user)), now),
            event(&user, "password_changed", &app.address(req), now),
        ])
        .await
        .map_err(|e| spent_is_invalid(e, invalid_token))?;
    Ok(Response::json(200, &json!({"status": "password_changed"})))
}

/// `GET /api/me`: the user, and their own employer with its (first) verzuim
/// contract's number and start (`policy_number`, `policy_start`, where pages
/// start their lists of years); both null without a verzuim contract.
pub async fn me<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &super::session::Principal,
) -> Result<Response, ApiError> {
    let verzuim = crate::store::contracts::of_employer(
        &app.db,
        &p.own_employer_id,
        crate::domain::contract::Product::Verzuim.code(),
    )
    .await?;
    let first = verzuim.first();
    Ok(Response::json(
        200,
        &json!({
            "id": p.user_id, "name": p.name, "email": p.email, "roles": p.roles.codes(),
            "employer": {
                "id": p.own_employer_id, "company_name": p.company_name,
                "policy_number": first.map(|c| &c.contract_number),
                "policy_start": first.map(|c| c.start_date),
            },
        }),
    ))
}
