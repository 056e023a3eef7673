//! The application: turns a `Request` into a `Response` against the store traits.
//! One module per area; this file holds the shared context and the dispatch.

mod admin;
pub use admin::NewEmployer;
mod dev;
mod health;
pub mod openapi;

use crate::http::{router, security, ApiError, Lang, Request, Response};
use crate::runtime::{Clock, Random};
use crate::store::{Db, Kv};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Admin tokens shorter than this are treated as unset: a short secret is guessable.
pub const MIN_ADMIN_TOKEN_LEN: usize = 32;

#[derive(Debug, Clone)]
pub struct Config {
    /// `ENVIRONMENT=development`: the local dev server (outbox readable, no HSTS,
    /// cookies without `Secure`).
    pub development: bool,
    /// Bearer secret of the insurer's back office; `None` disables those endpoints.
    pub admin_token: Option<String>,
    /// Base of every link in e-mails. Configured, never taken from the request's
    /// Host header (which an attacker controls), except in development.
    pub public_url: Option<String>,
    /// Shown in e-mails and as the TOTP issuer.
    pub insurer_name: String,
}

pub struct App<D, K> {
    pub config: Config,
    pub db: D,
    pub kv: K,
    pub clock: Box<dyn Clock>,
    pub random: Box<dyn Random>,
}

impl<D: Db, K: Kv> App<D, K> {
    pub fn random_bytes<const N: usize>(&self) -> [u8; N] {
        let mut buf = [0u8; N];
        self.random.fill(&mut buf);
        buf
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
        let result = self.dispatch(&req).await;
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
        let (route, _params) = router::resolve(req.method, &req.path)?;
        if req.method.changes_state() {
            security::check_same_site(req)?;
        }
        use router::Route;
        match route {
            Route::Health => Ok(health::get()),
            Route::OpenApi => Ok(openapi::get()),
            Route::AdminCreateEmployer => admin::create_employer(self, req).await,
            Route::DevOutbox => dev::outbox(self).await,
        }
    }
}
