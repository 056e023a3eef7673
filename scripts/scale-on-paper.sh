#!/usr/bin/env bash
# Bytes per row of the D1 schema, measured: applies migrations/ to a throw-away
# SQLite file, fills it with rows shaped like production's (UUID ids, hashed
# tokens, names, dates, decimal amounts), VACUUMs, and reads each table's and
# index's pages from the dbstat virtual table. ARCHITECTURE.md ("Scale on paper")
# multiplies the result by an insurer's row counts.
#
#   scripts/scale-on-paper.sh [employers]   # default 2000 (20 employees each)
#
# Needs the sqlite3 CLI built with dbstat (Debian's is).
set -euo pipefail
cd "$(dirname "$0")/.."

employers=${1:-2000}
db=$(mktemp -t balie-scale.XXXXXX.sqlite)
trap 'rm -f "$db"' EXIT

for f in migrations/*.sql; do sqlite3 "$db" <"$f"; done

# A random UUID, evaluated per row.
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
    || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $employers * 20 - 1)
INSERT INTO n SELECT i FROM c;

BEGIN;
-- Per employer: one organisation, 1.5 contracts, 3 users with 2 roles each.
INSERT INTO organisations SELECT $uuid, 1700000000 + i FROM n WHERE i < $employers;
INSERT INTO employers (id, organisation_id, customer_number, company_name, kvk_number, payroll_tax_number,
    street, house_number, postcode, city, contact_name, contact_email, contact_phone, created_at)
SELECT id, id, printf('%010d', 1000000000 + rowid), 'Bakkerij De Gouden Korst ' || rowid || ' B.V.',
    printf('%08d', 10000000 + rowid), printf('%09dL01', 800000000 + rowid), 'Industrieweg', '12a', '1234 AB',
    'Amersfoort', 'J. de Vries', 'j.devries@bedrijf' || rowid || '.nl', '033 123 45 67', created_at
FROM organisations;
INSERT INTO contracts (id, employer_id, product, contract_number, name, start_date, settings, created_at)
SELECT $uuid, e.id, p.product, printf('%09d', 100000000 + e.rowid * 2 + p.k), p.name, '2024-01-01',
    p.settings, e.created_at
FROM employers e JOIN (SELECT 0 AS k, 'verzuim' AS product, 'Verzuimverzekering' AS name,
    '{"premium_rate_percent":"4.25","insured_wage":"sv_loon","wage_cap":"max_premieloon","provisional_premium":{"2024":"10200.00","2025":"10800.00"}}' AS settings
    UNION ALL SELECT 1, 'wga_hiaat', 'WGA-hiaatverzekering', '{"premium_rate_percent":"0.45"}') p
WHERE p.k = 0 OR e.rowid % 2 = 0;
INSERT INTO users (id, employer_id, name, email, status, password_hash, totp_secret, totp_last_step, created_at)
SELECT $uuid, e.id, 'Gebruiker ' || k.k || ' van ' || e.rowid,
    'gebruiker' || k.k || '@bedrijf' || e.rowid || '.nl', 'active',
    '\$argon2id\$v=19\$m=19456,t=2,p=1\$' || substr(hex(randomblob(16)), 1, 22) || '\$' || substr(hex(randomblob(32)), 1, 43),
    hex(randomblob(48)), 58000000, e.created_at
FROM employers e JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) k;
INSERT INTO user_roles SELECT id, 'hr' FROM users;
INSERT INTO user_roles SELECT id, 'finance' FROM users;

-- Per employer 20 employees; 1.3 periods and 5 years of wages each.
INSERT INTO employees (id, employer_id, bsn, bsn_hash, initials, prefix, last_name, gender, birth_date,
    employee_number, created_at)
SELECT $uuid, e.id, printf('%09d', 100000000 + n.i), lower(hex(randomblob(32))), 'J.P.',
    CASE WHEN n.i % 4 = 0 THEN 'van der' END, 'Achternaam' || n.i, 'V', '1985-06-15', printf('P%05d', n.i),
    e.created_at
FROM n JOIN employers e ON e.rowid = n.i / 20 + 1;
INSERT INTO employments SELECT id, '2019-03-01', CASE WHEN rowid % 10 < 3 THEN '2021-08-31' END, 0 FROM employees;
INSERT INTO employments SELECT id, '2022-01-01', NULL, 0 FROM employees WHERE rowid % 10 < 3;
INSERT INTO wages SELECT e.id, y.y, printf('%d.%02d', 30000 + abs(random() % 40000), abs(random() % 100))
FROM employees e JOIN (SELECT 2020 AS y UNION ALL SELECT 2021 UNION ALL SELECT 2022 UNION ALL SELECT 2023
    UNION ALL SELECT 2024) y;

-- Per employer and year: a submission, 4 documents; per user 300 log lines, per
-- employer 60 e-mails (5 years of sign-ins, notices and settlements).
INSERT INTO settlement_submissions (employer_id, year, status, submitted_at, submitted_by, reference, contract_id)
SELECT c.employer_id, y.y, 'submitted', 1700000000, (SELECT id FROM users u WHERE u.employer_id = c.employer_id LIMIT 1),
    'NV-' || y.y || '-' || substr(hex(randomblob(4)), 1, 6), c.id
FROM contracts c JOIN (SELECT 2020 AS y UNION ALL SELECT 2021 UNION ALL SELECT 2022 UNION ALL SELECT 2023) y
WHERE c.product = 'verzuim';
INSERT INTO documents (id, employer_id, kind, year, file_name, content_type, size, sha256, kv_key, uploaded_at, uploaded_by)
SELECT $uuid, u.employer_id, 'payroll_statement', 2024, 'loonstaat-2024-' || k.k || '.pdf',
    'application/pdf', 84213, lower(hex(randomblob(32))), u.employer_id || '/' || lower(hex(randomblob(32))),
    1700000000 + k.k, u.id
FROM users u JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k
WHERE u.email LIKE 'gebruiker0@%';
INSERT INTO security_events (employer_id, user_id, actor_id, kind, detail, address, created_at)
SELECT u.employer_id, u.id, u.id, 'sign_in_ok', NULL, '2001:db8:' || (n.i % 9999) || '::1', 1700000000 + n.i
FROM users u JOIN n ON n.i < 300;
-- Delivered mail as production keeps it: metadata and the provider's id, no body.
INSERT INTO outbox (idempotency_key, to_address, subject, body_text, created_at, status,
    attempts, next_attempt_at, delivered_at, provider_id)
SELECT lower(hex(randomblob(16))), u.email,
    'Uw naverrekening is ingediend / Your year-end settlement was submitted (Verzekeraar)', NULL,
    1700000000 + n.i, 'delivered', 1, 1700000000 + n.i, 1700000000 + n.i,
    '0102018f' || lower(hex(randomblob(24))) || '-000000'
FROM users u JOIN n ON n.i < 20;
COMMIT;
VACUUM;
SQL

# Each table with its own indexes; bytes include B-tree overhead and free space
# in pages, as the D1 size limit counts them.
sqlite3 -separator ' | ' "$db" <<'SQL'
.headers on
WITH pages AS (
    SELECT COALESCE(i.tbl_name, d.name) AS tbl, d.name = COALESCE(i.tbl_name, d.name) AS is_table, d.pgsize
    FROM dbstat d LEFT JOIN sqlite_schema i ON i.name = d.name AND i.type = 'index'
), sized AS (
    SELECT tbl, SUM(CASE WHEN is_table THEN pgsize END) AS table_bytes,
        SUM(CASE WHEN is_table THEN 0 ELSE pgsize END) AS index_bytes
    FROM pages GROUP BY tbl
), counted AS (
    SELECT 'organisations' AS tbl, COUNT(*) AS n FROM organisations UNION ALL
    SELECT 'employers', COUNT(*) FROM employers UNION ALL
    SELECT 'contracts', COUNT(*) FROM contracts UNION ALL
    SELECT 'users', COUNT(*) FROM users UNION ALL
    SELECT 'user_roles', COUNT(*) FROM user_roles UNION ALL
    SELECT 'employees', COUNT(*) FROM employees UNION ALL
    SELECT 'employments', COUNT(*) FROM employments UNION ALL
    SELECT 'wages', COUNT(*) FROM wages UNION ALL
    SELECT 'settlement_submissions', COUNT(*) FROM settlement_submissions UNION ALL
    SELECT 'documents', COUNT(*) FROM documents UNION ALL
    SELECT 'security_events', COUNT(*) FROM security_events UNION ALL
    SELECT 'outbox', COUNT(*) FROM outbox
)
SELECT c.tbl AS "table", c.n AS rows, s.table_bytes / c.n AS row_bytes, s.index_bytes / c.n AS index_bytes,
    (s.table_bytes + s.index_bytes) / c.n AS total_per_row
FROM counted c JOIN sized s ON s.tbl = c.tbl ORDER BY c.tbl;
SELECT 'whole file' AS "table", page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size;
SQL

# Writes per second one SQLite file takes: 2,000 transactions, each adding an
# employee and their period (the triggers of 0003 and 0009 run), as D1 commits a
# request's batch. An upper bound for D1, which adds its own durable commit.
employer=$(sqlite3 "$db" "SELECT id FROM employers LIMIT 1")
start=$(date +%s.%N)
for i in $(seq 1 2000); do
    printf "BEGIN; INSERT INTO employees (id, employer_id, bsn, initials, last_name, gender, birth_date, created_at)
        VALUES ('w-%d', '%s', '%09d', 'A.', 'Schrijver', 'X', '1990-01-01', 0);
        INSERT INTO employments (employee_id, start_date) VALUES ('w-%d', '2025-01-01'); COMMIT;\n" \
        "$i" "$employer" "$((900000000 + i))" "$i"
done | sqlite3 -cmd "PRAGMA journal_mode = WAL" -cmd "PRAGMA foreign_keys = ON" "$db" >/dev/null
end=$(date +%s.%N)
echo "write transactions per second (WAL, one file): $(echo "2000 / ($end - $start)" | bc)"
