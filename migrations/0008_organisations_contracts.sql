-- Version 2: users sign in to an organisation; it holds employers (legal entities)
-- and each employer holds contracts of four products. Existing data migrates: every
-- employer becomes an organisation holding just that employer, and its policy
-- becomes a `verzuim` contract numbered with the policy number.
--
-- `employers` is rebuilt (its policy number moves to the contract), while users,
-- employees, documents and the log refer to it. Foreign keys are deferred to the
-- end of this migration's transaction, and the new table is created under its final
-- name before the rows go back in, so that every reference finds its row again by
-- commit (renaming a copy would leave SQLite's deferred count unbalanced).
PRAGMA defer_foreign_keys = true;

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
);

CREATE TABLE employers_v1 AS SELECT * FROM employers;
DROP TABLE employers;

CREATE TABLE employers (
    id TEXT PRIMARY KEY,
    -- The organisation that owns the employer; others may reach it through a link.
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    -- Generated, 10 digits; with a contract number it grants access (links), so
    -- pages show it only to the own organisation's user managers.
    customer_number TEXT NOT NULL UNIQUE
        CHECK (length(customer_number) = 10 AND customer_number NOT GLOB '*[^0-9]*'),
    company_name TEXT NOT NULL,
    kvk_number TEXT CHECK (length(kvk_number) = 8 AND kvk_number NOT GLOB '*[^0-9]*'),
    payroll_tax_number TEXT CHECK (length(payroll_tax_number) = 12),
    street TEXT,
    house_number TEXT,
    postcode TEXT,
    city TEXT,
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    adviser_name TEXT,
    adviser_email TEXT,
    adviser_phone TEXT,
    created_at INTEGER NOT NULL,
    -- The postal address: all four parts or none; a person: name and e-mail.
    CHECK ((street IS NULL) = (house_number IS NULL)
       AND (street IS NULL) = (postcode IS NULL)
       AND (street IS NULL) = (city IS NULL)),
    CHECK ((contact_name IS NULL) = (contact_email IS NULL)),
    CHECK ((adviser_name IS NULL) = (adviser_email IS NULL))
);
CREATE INDEX employers_by_organisation ON employers (organisation_id);

INSERT INTO organisations (id, created_at) SELECT id, created_at FROM employers_v1;
-- The remainder of a random 64-bit number stays below 9e9 in magnitude, so abs()
-- cannot overflow; the leading digit is 1 to 9.
INSERT INTO employers (id, organisation_id, customer_number, company_name, created_at)
    SELECT id, id, printf('%d', 1000000000 + abs(random() % 9000000000)), company_name, created_at
    FROM employers_v1;

-- One product per contract. `settings` is the product's settings as JSON, written
-- only after the domain parsed them (domain/contract.rs); its shape per product is
-- in API.md (NewContract).
CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    product TEXT NOT NULL CHECK (product IN ('verzuim', 'wga_hiaat', 'pensioen', 'zorg')),
    contract_number TEXT NOT NULL UNIQUE
        CHECK (length(contract_number) BETWEEN 6 AND 12 AND contract_number NOT GLOB '*[^0-9]*'),
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    settings TEXT NOT NULL CHECK (json_valid(settings)),
    created_at INTEGER NOT NULL
);
CREATE INDEX contracts_by_employer ON contracts (employer_id, product);

INSERT INTO contracts (id, employer_id, product, contract_number, name, start_date, settings, created_at)
    SELECT lower(hex(randomblob(16))), e.id, 'verzuim', e.policy_number, 'Verzuimverzekering', p.start_date,
        json_object(
            'premium_rate_percent', p.premium_rate_percent,
            'insured_wage', p.insured_wage,
            'wage_cap', p.wage_cap,
            'provisional_premium', json(COALESCE(
                (SELECT json_group_object(CAST(pp.year AS TEXT), pp.amount)
                 FROM provisional_premiums pp WHERE pp.employer_id = e.id),
                '{}'))
        ),
        e.created_at
    FROM employers_v1 e JOIN policies p ON p.employer_id = e.id;

DROP TABLE provisional_premiums;
DROP TABLE policies;
DROP TABLE employers_v1;

-- A settlement belongs to a verzuim contract. The year stays locked for the whole
-- employer while any of its contracts has it submitted (the triggers of 0003 keep
-- joining on employer_id).
ALTER TABLE settlement_submissions ADD COLUMN contract_id TEXT REFERENCES contracts (id);
UPDATE settlement_submissions SET contract_id =
    (SELECT c.id FROM contracts c WHERE c.employer_id = settlement_submissions.employer_id);
DROP INDEX settlement_submissions_one_submitted;
CREATE UNIQUE INDEX settlement_submissions_one_submitted
    ON settlement_submissions (contract_id, year) WHERE status = 'submitted';

-- Another organisation's employer, reached with its customer number and one of its
-- contract numbers. An organisation's own employer is never linked to it.
CREATE TABLE links (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    employer_id TEXT NOT NULL REFERENCES employers (id),
    linked_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, employer_id)
);
CREATE INDEX links_by_employer ON links (employer_id);

CREATE TRIGGER links_not_own
BEFORE INSERT ON links
WHEN EXISTS (SELECT 1 FROM employers WHERE id = NEW.employer_id AND organisation_id = NEW.organisation_id)
BEGIN
    SELECT RAISE(ABORT, 'refused: already_linked');
END;

-- The one-time "undo this link" token mailed to the linked employer's user
-- managers (only its SHA-256 kept, 30 days).
CREATE TABLE link_revocations (
    token_hash TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    employer_id TEXT NOT NULL REFERENCES employers (id),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX link_revocations_by_link ON link_revocations (organisation_id, employer_id);

CREATE TRIGGER link_revocation_single_use
BEFORE UPDATE OF used_at ON link_revocations
WHEN OLD.used_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'already_used: link revocation');
END;

-- The security log learns linking, unlinking, revoking and changed company details.
CREATE TABLE security_events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    user_id TEXT REFERENCES users (id),
    actor_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN (
        'sign_in_ok', 'sign_in_failed', 'totp_failed', 'totp_enrolled', 'totp_reset',
        'password_changed', 'password_reset_requested', 'user_activated', 'user_invited',
        'roles_changed', 'user_disabled', 'user_enabled', 'employee_corrected',
        'activation_resent', 'employer_linked', 'employer_unlinked', 'link_revoked',
        'company_details_changed'
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
