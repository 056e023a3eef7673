//! Delivering the outbox: a transport sends one message (Amazon SES over its HTTP
//! API, Cloudflare Email Service through its binding, or nothing when the outbox
//! is the development mailbox); `deliver_due` claims what is due and records each
//! outcome. It runs right after an answer that may have written mail (`waitUntil`)
//! and from the scheduled job every minute.

pub mod mime;
#[cfg(target_arch = "wasm32")]
pub mod platform;
pub mod ses;
pub mod sigv4;

use std::future::Future;
use std::pin::Pin;

use crate::runtime::Clock;
use crate::store::{outbox, Db, DbError};

pub use mime::Message;

/// Why a message was not sent. Both are retried until the message is 24 hours
/// old: a refusal can be a quota or a sender not yet verified, fixed in the
/// meantime. The text goes to the outbox row and the log: never the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError(pub String);

pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<String, SendError>> + 'a>>;

/// Sends one message and answers the provider's message id.
pub trait Transport {
    fn send<'a>(&'a self, message: &'a Message) -> Sending<'a>;
    /// Whether the body stays after delivery: only where the outbox is the mailbox.
    fn keeps_body(&self) -> bool {
        false
    }
}

/// Development: the outbox table is the mailbox, so delivering is only marking.
pub struct Outbox;

impl Transport for Outbox {
    fn send<'a>(&'a self, _message: &'a Message) -> Sending<'a> {
        Box::pin(async { Ok("outbox".to_owned()) })
    }
    fn keeps_body(&self) -> bool {
        true
    }
}

/// Retries stop this long after the message was written; then it is `failed`.
pub const GIVE_UP_AFTER_SECS: i64 = 24 * 60 * 60;
/// A claim lasts this long: past it, a deliverer that died mid-send is assumed gone.
pub const LEASE_SECS: i64 = 120;
/// Messages per run; the rest wait for the next.
pub const BATCH: i64 = 50;

/// When attempt `attempts` failed at `now`, the next one: after 1, 5, 15 and 60
/// minutes, then every hour.
pub fn next_attempt(attempts: i64, now: i64) -> i64 {
    let minutes = match attempts {
        ..=1 => 1,
        2 => 5,
        3 => 15,
        _ => 60,
    };
    now + minutes * 60
}

/// The sender as messages show it.
pub struct Sender {
    pub name: String,
    pub address: String,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub delivered: i64,
    pub failed: i64,
    /// Still waiting after the run.
    pub pending: i64,
}

fn message(m: &outbox::Claimed, sender: &Sender, now: i64) -> Message {
    let domain = sender.address.rsplit('@').next().unwrap_or("localhost");
    Message {
        from_name: sender.name.clone(),
        from_address: sender.address.clone(),
        to: m.to_address.clone(),
        subject: m.subject.clone(),
        html: mime::html(&m.body_text, &m.subject),
        text: m.body_text.clone(),
        message_id: format!("<{}@{domain}>", m.idempotency_key),
        // The time it was written: the change it tells about happened then.
        date: chrono::DateTime::from_timestamp(m.created_at, 0)
            .or_else(|| chrono::DateTime::from_timestamp(now, 0))
            .unwrap_or_default(),
    }
}

/// Claims what is due and sends it, one message at a time, recording each outcome
/// as it comes: a run that is cut off leaves the rest claimed until the lease ends.
pub async fn deliver_due(
    db: &impl Db,
    transport: &dyn Transport,
    clock: &dyn Clock,
    sender: &Sender,
) -> Result<Counts, DbError> {
    let mut counts = Counts::default();
    let now = clock.now();
    for m in outbox::claim_due(db, now, now + LEASE_SECS, BATCH).await? {
        let outcome = transport.send(&message(&m, sender, now)).await;
        let now = clock.now();
        let keep = transport.keeps_body();
        let update = match outcome {
            Ok(provider_id) => {
                counts.delivered += 1;
                outbox::delivered(m.id, &provider_id, now, keep)
            }
            Err(SendError(error)) if now - m.created_at >= GIVE_UP_AFTER_SECS => {
                counts.failed += 1;
                crate::runtime::log(&serde_json::json!({
                    "level": "warn", "event": "mail_failed", "outbox_id": m.id,
                    "attempts": m.attempts, "error": error,
                }));
                outbox::failed(m.id, &error, keep)
            }
            Err(SendError(error)) => outbox::retry(m.id, next_attempt(m.attempts, now), &error),
        };
        db.batch(vec![update]).await?;
    }
    counts.pending = outbox::pending_count(db).await?;
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_one_five_fifteen_sixty_then_hourly() {
        let gaps: Vec<i64> = (1..=6).map(|a| (next_attempt(a, 0)) / 60).collect();
        assert_eq!(gaps, [1, 5, 15, 60, 60, 60]);
    }
}
