-- Sign-in with TOTP, recovery codes, sessions, rate limits and the security log.
-- Single use is enforced here, not only in code: the triggers abort a batch that
-- would spend a token, challenge or recovery code twice, or accept a TOTP step
-- that is not later than the last one, so two concurrent requests cannot both win.

-- TOTP seed sealed with AES-256-GCM (a key derived from AUTH_SECRET): codes must
-- be checked against it, so it cannot be hashed.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER totp_step_only_forward
BEFORE UPDATE OF totp_last_step ON users
WHEN NEW.totp_last_step <= OLD.totp_last_step
BEGIN
    SELECT RAISE(ABORT, 'already_used: totp step');
END;

CREATE TRIGGER auth_token_single_use
BEFORE UPDATE OF used_at ON auth_tokens
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'already_used: token');
END;

-- Between the password and the code: a random challenge (only its hash kept).
CREATE TABLE login_challenges (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'totp_setup')),
    -- The new, not yet confirmed TOTP seed of a set-up challenge (sealed).
    pending_secret TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX login_challenges_by_user ON login_challenges (user_id);

CREATE TRIGGER login_challenge_single_use
BEFORE UPDATE OF used_at ON login_challenges
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'already_used: challenge');
END;

CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TRIGGER recovery_code_single_use
BEFORE UPDATE OF used_at ON recovery_codes
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'already_used: recovery code');
END;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Fixed-window counters: bucket = limit name + subject (an e-mail hash or address).
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
);

CREATE TABLE security_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    user_id TEXT REFERENCES users (id),
    actor_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN (
        'sign_in_ok', 'sign_in_failed', 'totp_failed', 'totp_enrolled', 'totp_reset',
        'password_changed', 'password_reset_requested', 'user_activated', 'user_invited',
        'roles_changed', 'user_disabled', 'user_enabled'
    )),
    detail TEXT,
    address TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX security_events_by_employer ON security_events (employer_id, id);
