-- Uploaded payroll statements and absence reports. The file itself lives in KV
-- under `kv_key` (the employer and the SHA-256 of its bytes); this row is what the
-- employer sees, scoped by employer_id. Only files that passed every check are
-- stored: a refused file, and above all one with medical data, never gets here.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    kind TEXT NOT NULL CHECK (kind IN ('payroll_statement', 'absence_report')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    kv_key TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX documents_by_employer ON documents (employer_id, uploaded_at DESC, id);
