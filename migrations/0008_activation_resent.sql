-- The security log learns the kind 'activation_resent': an invited user asked for a
-- new activation link (POST /api/auth/activate/resend). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with its rows and ids, as in
-- 0006; nothing refers to it.
CREATE TABLE security_events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    user_id TEXT REFERENCES users (id),
    actor_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN (
        'sign_in_ok', 'sign_in_failed', 'totp_failed', 'totp_enrolled', 'totp_reset',
        'password_changed', 'password_reset_requested', 'user_activated', 'user_invited',
        'roles_changed', 'user_disabled', 'user_enabled', 'employee_corrected',
        'activation_resent'
    )),
    detail TEXT,
    address TEXT,
    created_at INTEGER NOT NULL
);
INSERT INTO security_events_new (id, employer_id, user_id, actor_id, kind, detail, address, created_at)
    SELECT id, employer_id, user_id, actor_id, kind, detail, address, created_at FROM security_events;
DROP TABLE security_events;
ALTER TABLE security_events_new RENAME TO security_events;
CREATE INDEX security_events_by_employer ON security_events (employer_id, id);
