//! The scheduled job: every minute by cron, by hand in development
//! (`POST /api/dev/run-scheduled`). It delivers what the outbox holds and, at the
//! top of each hour (and on every manual run), sweeps what has served its purpose.
//! Each run logs one line of counts.

use super::config::Mail;
use super::App;
use crate::delivery::{self, Counts, Sender};
use crate::domain::rate_limit::LONGEST_WINDOW_SECS;
use crate::runtime::Clock;
use crate::store::{cleanup, Db, DbError, Kv};

impl<D: Db, K: Kv> App<D, K> {
    /// The sender of every message: the insurer's name and `MAIL_FROM`.
    pub fn sender(&self) -> Sender {
        let address = match self.config.mail() {
            Ok(Mail::Ses(ses)) => ses.from,
            Ok(Mail::Cloudflare { from }) => from,
            _ => self
                .config
                .mail_from
                .clone()
                .unwrap_or_else(|| "portaal@localhost".into()),
        };
        Sender {
            name: self.config.insurer_name.clone(),
            address,
        }
    }

    /// Delivers what is due at `clock`'s time.
    async fn deliver_at(&self, clock: &dyn Clock) -> Result<Counts, DbError> {
        delivery::deliver_due(&self.db, self.transport.as_ref(), clock, &self.sender()).await
    }

    /// Delivers what is due now (right after an answer, through `waitUntil`).
    pub async fn deliver(&self) -> Result<Counts, DbError> {
        self.deliver_at(self.clock.as_ref()).await
    }

    /// One run of the job at `clock`'s time; `sweep` adds the clean-up.
    pub async fn run_scheduled(&self, clock: &dyn Clock, sweep: bool) -> Result<Counts, DbError> {
        let counts = self.deliver_at(clock).await?;
        let mut swept = serde_json::Map::new();
        if sweep {
            let sweeps = cleanup::sweeps(
                clock.now(),
                LONGEST_WINDOW_SECS,
                self.config.security_log_days(),
                self.transport.keeps_body(),
            );
            for s in sweeps {
                let name = s.name;
                swept.insert(name.into(), cleanup::run(&self.db, s).await?.into());
            }
        }
        crate::runtime::log(&serde_json::json!({
            "level": "info", "event": "scheduled", "delivered": counts.delivered,
            "failed": counts.failed, "pending": counts.pending, "swept": swept,
        }));
        Ok(counts)
    }
}
