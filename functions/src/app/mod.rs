//! The application: turns a `Request` into a `Response` against the store traits.
//! One module per area; this file holds the shared context and the dispatch.

mod admin;
mod auth;
mod calc;
mod common;
pub mod config;
mod dev;
mod documents;
mod employees;
mod health;
mod links;
pub mod openapi;
mod organisation;
mod provisioning;
mod reach;
mod scheduled;
pub mod session;
mod settlements;
mod tasks;
mod users;
mod wages;

use crate::delivery::Transport;
use crate::domain::secrets::Keys;
use crate::http::router::{Access, Route};
use crate::http::{router, security, ApiError, Lang, Request, Response};
use crate::runtime::{Clock, Random};
use crate::store::{Db, Kv};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use config::{Config, MIN_SECRET_LEN};

pub struct App<D, K> {
    pub config: Config,
    pub db: D,
    pub kv: K,
    pub clock: Box<dyn Clock>,
    pub random: Box<dyn Random>,
    /// How e-mail leaves (`Config::mail` chose it).
    pub transport: Box<dyn Transport>,
}

impl<D: Db, K: Kv> App<D, K> {
    pub fn random_bytes<const N: usize>(&self) -> [u8; N] {
        let mut buf = [0u8; N];
        self.random.fill(&mut buf);
        buf
    }

    /// The keys for sessions and sealed secrets; a missing or short `AUTH_SECRET`
    /// is a deployment fault, logged and answered as 500.
    pub fn keys(&self) -> Result<Keys, ApiError> {
        self.config
            .auth_secret
            .as_deref()
            .filter(|s| s.len() >= MIN_SECRET_LEN)
            .map(Keys::derive)
            .ok_or_else(|| {
                ApiError::Internal("AUTH_SECRET is missing or shorter than 32 characters".into())
            })
    }

    /// The client's address as the edge reports it, for per-address limits and the log.
    pub fn address(&self, req: &Request) -> String {
        req.header("cf-connecting-ip")
            .unwrap_or("unknown")
            .chars()
            .take(64)
            .collect()
    }

    /// Where links in e-mails point.
    pub fn public_url(&self, req: &Request) -> Result<String, ApiError> {
        match &self.config.public_url {
            Some(url) if !url.is_empty() => Ok(url.trim_end_matches('/').to_owned()),
            _ if self.config.development => Ok(req.origin.clone()),
            _ => Err(ApiError::Internal("PUBLIC_URL is not configured".into())),
        }
    }

    /// Answers one `/api` request. Every answer gets the security headers and one
    /// structured log line.
    pub async fn handle(&self, req: Request) -> Response {
        let request_id = crate::runtime::request_id(self.random.as_ref());
        let lang = Lang::from_accept_language(req.header("accept-language"));
        let problems = self.config.problems();
        let result = if problems.is_empty() {
            self.dispatch(&req).await
        } else {
            // Names the settings, never their values.
            crate::runtime::log(&serde_json::json!({
                "level": "error", "request_id": request_id, "event": "not_configured",
                "problems": problems,
            }));
            Err(ApiError::NotConfigured)
        };
        let mut resp = match result {
            Ok(resp) => resp,
            Err(err) => {
                if let ApiError::Internal(detail) = &err {
                    crate::runtime::log(&serde_json::json!({
                        "level": "error", "request_id": request_id, "error": detail,
                    }));
                }
                err.to_response(lang)
            }
        };
        security::apply(&mut resp, &request_id, self.config.development);
        crate::runtime::log_request(&request_id, req.method.as_lower(), &req.path, resp.status);
        resp
    }

    async fn dispatch(&self, req: &Request) -> Result<Response, ApiError> {
        let (route, params) = router::resolve(req.method, &req.path)?;
        if req.method.changes_state() {
            security::check_same_site(req)?;
        }
        // The one access check: every route states its access in Route::access.
        let principal = match route.access() {
            Access::Public => None,
            Access::Admin => {
                admin::check_bearer(self, req)?;
                None
            }
            Access::Session(roles) => {
                let mut p = self.authenticate(req).await?;
                p.require(roles)?;
                if route.employer_scoped() {
                    self.choose_employer(&mut p, req).await?;
                }
                Some(p)
            }
        };
        let signed_in = || principal.as_ref().ok_or(ApiError::Unauthorized);
        let id = || router::param(&params, "id");
        let year = || router::param(&params, "year");
        let mut resp = match route {
            Route::Health => Ok(health::get()),
            Route::OpenApi => Ok(openapi::get()),
            Route::CalcAbsencePremium => calc::absence_premium(req),
            Route::CalcWgaGap => calc::wga_gap(req),
            Route::AdminCreateEmployer => admin::create_employer(self, req).await,
            Route::DevOutbox => dev::outbox(self).await,
            Route::DevRunScheduled => dev::run_scheduled(self, req).await,
            Route::AdminMail => admin::mail(self, req).await,
            Route::AuthActivate => auth::activate(self, req).await,
            Route::AuthActivateResend => auth::resend_activation(self, req).await,
            Route::AuthLogin => auth::login(self, req).await,
            Route::AuthTotp => auth::totp_code(self, req).await,
            Route::AuthRecovery => auth::recovery(self, req).await,
            Route::AuthForgotPassword => auth::forgot_password(self, req).await,
            Route::AuthResetPassword => auth::reset_password(self, req).await,
            Route::AuthLogout => self.end_session(req).await,
            Route::Me => auth::me(self, signed_in()?).await,
            Route::Tasks => tasks::list(self, signed_in()?).await,
            Route::UsersList => users::list(self, signed_in()?).await,
            Route::UsersCreate => users::invite(self, signed_in()?, req).await,
            Route::UsersUpdate => users::update(self, signed_in()?, id(), req).await,
            Route::SecurityLog => users::security_log(self, signed_in()?, req).await,
            Route::EmployeesList => employees::list(self, signed_in()?, req).await,
            Route::EmployeesCreate => employees::create(self, signed_in()?, req).await,
            Route::EmployeeGet => employees::get(self, signed_in()?, id()).await,
            Route::EmployeeCorrect => employees::correct(self, signed_in()?, id(), req).await,
            Route::EmployeeEnd => employees::end(self, signed_in()?, id(), req).await,
            Route::EmployeeRehire => employees::rehire(self, signed_in()?, id(), req).await,
            Route::WageSet => wages::set(self, signed_in()?, id(), year(), req).await,
            Route::WagesImport => wages::import(self, signed_in()?, year(), req).await,
            Route::SettlementGet => settlements::get(self, signed_in()?, year(), req).await,
            Route::SettlementSubmit => settlements::submit(self, signed_in()?, year(), req).await,
            Route::SettlementSpecification => {
                settlements::specification(self, signed_in()?, year(), req).await
            }
            Route::AdminReopenSettlement => {
                let employer_id = router::param(&params, "employer_id");
                settlements::reopen(self, employer_id, year(), req).await
            }
            Route::AdminCreateContract => {
                let employer_id = router::param(&params, "employer_id");
                admin::create_contract(self, employer_id, req).await
            }
            Route::EmployersList => organisation::list_employers(self, signed_in()?).await,
            Route::EmployerUpdate => {
                organisation::update_employer(self, signed_in()?, id(), req).await
            }
            Route::ContractsList => organisation::list_contracts(self, signed_in()?).await,
            Route::ContractGet => organisation::get_contract(self, signed_in()?, id()).await,
            Route::LinksCreate => links::create(self, signed_in()?, req).await,
            Route::LinkDelete => {
                links::delete(
                    self,
                    signed_in()?,
                    router::param(&params, "employer_id"),
                    req,
                )
                .await
            }
            Route::LinkRevoke => links::revoke(self, req).await,
            Route::DocumentsCheck => documents::check_only(self, signed_in()?, req).await,
            Route::DocumentsCreate => documents::upload_and_store(self, signed_in()?, req).await,
            Route::DocumentsList => documents::list(self, signed_in()?).await,
            Route::DocumentGet => documents::download(self, signed_in()?, id()).await,
        }?;
        // A signed-in answer renews an aging session token.
        if let Some(token) = principal
            .as_ref()
            .and_then(|p| p.refreshed_token.as_deref())
        {
            resp.set_header(
                "set-cookie",
                session::cookie(token, self.config.development),
            );
        }
        Ok(resp)
    }
}
