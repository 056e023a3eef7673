-- Searching employees by a full BSN. The search never compares the number itself:
-- it matches the last four digits and this keyed hash, HMAC-SHA256 of the nine
-- digits with a key derived from AUTH_SECRET under its own label
-- (domain/secrets.rs, `bsn_search`), written when an employee is added.
--
-- No backfill: version 1 never went live, so no employee row predates this column.
-- A row without a hash (NULL) is simply not found by a full-BSN search; the
-- last-four search and everything else work as before.

ALTER TABLE employees ADD COLUMN bsn_hash TEXT;
CREATE INDEX employees_by_bsn_hash ON employees (employer_id, bsn_hash);
