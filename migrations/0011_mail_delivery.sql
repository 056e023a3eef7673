-- E-mail leaves through a transport (Amazon SES or Cloudflare Email Service) after
-- the answer and from the scheduled job, so each message gets a delivery state:
-- pending until sent, then delivered (with the provider's id), or failed after 24
-- hours of retries. The body can hold a one-time link: once the message is
-- delivered or failed it is deleted (NULL), outside the development mailbox.
--
-- idempotency_key: random per message; it is the message's Message-ID, so a retry
-- is the same message. claimed_until: a deliverer's lease, so the answer's
-- waitUntil and the cron job never send one message at the same time.
--
-- Messages written before this migration are pending: the job delivers them, or
-- fails them once they are older than 24 hours.

CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    delivered_at INTEGER,
    provider_id TEXT,
    last_error TEXT,
    CHECK (status <> 'delivered' OR delivered_at IS NOT NULL),
    CHECK (status <> 'pending' OR body_text IS NOT NULL)
);
INSERT INTO outbox_new (id, idempotency_key, to_address, subject, body_text, created_at, next_attempt_at)
    SELECT id, lower(hex(randomblob(16))), to_address, subject, body_text, created_at, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

-- The job's question: what is due now.
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- The clean-up drops client addresses from security-log lines after 90 days; this
-- index holds only the lines that still have one, so finding the oldest of them
-- does not walk two years of lines that no longer do.
CREATE INDEX security_events_with_address ON security_events (id) WHERE address IS NOT NULL;
