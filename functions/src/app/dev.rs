//! Development only (404 otherwise): the mailbox, and the scheduled job by hand.

use serde::Deserialize;
use serde_json::json;

use super::common::utc_time;
use super::App;
use crate::http::input::json_object;
use crate::http::{ApiError, Request, Response};
use crate::runtime::Clock;
use crate::store::{outbox, Db, Kv};

/// `GET /api/dev/outbox`: every e-mail the system wrote, newest first, with its
/// delivery status; a message delivered through ses or cloudflare has no text left.
pub async fn outbox<D: Db, K: Kv>(app: &App<D, K>) -> Result<Response, ApiError> {
    if !app.config.development {
        return Err(ApiError::NotFound);
    }
    let messages: Vec<_> = outbox::newest(&app.db, None)
        .await?
        .into_iter()
        .map(|m| {
            json!({
                "to": m.to_address, "subject": m.subject, "text": m.body_text,
                "status": m.status,
                "sent_at": utc_time(m.created_at),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "messages": messages })))
}

/// A clock stopped at one moment: a manual run "at" a later time.
struct At(i64);

impl Clock for At {
    fn now(&self) -> i64 {
        self.0
    }
}

/// `POST /api/dev/run-scheduled`: one run of the scheduled job now, or `at` a
/// later time (`{"at":"2026-12-08T10:00:00Z"}`) to see retries come due.
pub async fn run_scheduled<D: Db, K: Kv>(
    app: &App<D, K>,
    req: &Request,
) -> Result<Response, ApiError> {
    if !app.config.development {
        return Err(ApiError::NotFound);
    }
    #[derive(Deserialize)]
    struct Body {
        at: Option<chrono::DateTime<chrono::Utc>>,
    }
    let at = if req.body.is_empty() {
        None
    } else {
        let body: Body = serde_json::from_value(json_object(req)?.into()).map_err(|_| {
            ApiError::invalid(
                "at",
                "Geef het tijdstip als 2026-12-08T10:00:00Z.",
                "Give the time as 2026-12-08T10:00:00Z.",
            )
        })?;
        body.at
    };
    let clock = At(at.map_or_else(|| app.clock.now(), |t| t.timestamp()));
    let counts = app.run_scheduled(&clock, true).await?;
    Response::json_of(200, &counts)
}
