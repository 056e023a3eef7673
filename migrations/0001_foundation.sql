-- Employers, their policy and users; one-time tokens; the e-mail outbox.
-- Money and percentages are TEXT decimal strings: they never pass through a float.
-- Instants are INTEGER unix seconds (compared in SQL); calendar dates are TEXT YYYY-MM-DD.

CREATE TABLE employers (
    id TEXT PRIMARY KEY,
    policy_number TEXT NOT NULL UNIQUE,
    company_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE policies (
    employer_id TEXT PRIMARY KEY REFERENCES employers (id),
    product TEXT NOT NULL CHECK (product IN ('verzuim')),
    premium_rate_percent TEXT NOT NULL,
    insured_wage TEXT NOT NULL CHECK (
        insured_wage IN ('sv_loon', 'uniform_loon', 'uniform_loon_zonder_auto', 'pensioengevend_salaris')
    ),
    start_date TEXT NOT NULL,
    wage_cap TEXT NOT NULL CHECK (wage_cap IN ('none', 'max_premieloon'))
);

CREATE TABLE provisional_premiums (
    employer_id TEXT NOT NULL REFERENCES employers (id),
    year INTEGER NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (employer_id, year)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    name TEXT NOT NULL,
    -- The username; stored lower-case so uniqueness ignores case.
    email TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
    password_hash TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX users_by_employer ON users (employer_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('user_management', 'hr', 'finance')),
    PRIMARY KEY (user_id, role)
);

-- Activation and password-reset links: only the SHA-256 of the token is kept.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX auth_tokens_by_user ON auth_tokens (user_id);

-- Every e-mail is written here in the same batch as the change that causes it
-- (transactional outbox); in development this table is the mailbox.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
