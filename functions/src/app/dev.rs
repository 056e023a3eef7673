//! The development mailbox: every e-mail the system wrote, newest first.

use serde_json::json;

use super::App;
use crate::http::{ApiError, Response};
use crate::store::{outbox, Db, Kv};

pub async fn outbox<D: Db, K: Kv>(app: &App<D, K>) -> Result<Response, ApiError> {
    if !app.config.development {
        return Err(ApiError::NotFound);
    }
    let messages: Vec<_> = outbox::newest(&app.db)
        .await?
        .into_iter()
        .map(|m| {
            json!({
                "to": m.to_address, "subject": m.subject, "text": m.body_text,
                "sent_at": chrono::DateTime::from_timestamp(m.created_at, 0)
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "messages": messages })))
}
