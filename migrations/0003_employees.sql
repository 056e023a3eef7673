-- Employees, their employment periods, wages per year and settlement submissions.
-- No free-text column besides names: nothing where medical details could land.
-- Rules that must hold under concurrent requests are enforced here: a period never
-- overlaps another of the same employee, and a submitted year refuses every change
-- that touches it (the triggers raise 'refused: <code>', which the app maps to 409).

CREATE TABLE employees (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    -- The 9 digits that passed the 11-check; pages and exports show the last four.
    bsn TEXT NOT NULL CHECK (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*'),
    initials TEXT NOT NULL,
    prefix TEXT,
    last_name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('M', 'V', 'X')),
    birth_date TEXT NOT NULL,
    employee_number TEXT,
    created_at INTEGER NOT NULL,
    -- One record per person and employer: re-hiring adds a period to it, and two
    -- concurrent adds of one BSN store one employee.
    UNIQUE (employer_id, bsn)
);
CREATE INDEX employees_by_name ON employees (employer_id, last_name);

CREATE TABLE employments (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    start_date TEXT NOT NULL,
    -- The last day employed (inclusive); NULL while it lasts.
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    fixed_term INTEGER NOT NULL DEFAULT 0 CHECK (fixed_term IN (0, 1)),
    CHECK (fixed_term = 0 OR end_date IS NOT NULL),
    PRIMARY KEY (employee_id, start_date)
);

-- What the employee earned in the year while employed (a decimal string).
CREATE TABLE wages (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    year INTEGER NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (employee_id, year)
);

-- One row per submission; reopening sets it to 'reopened' and a new submit adds a
-- row, so the history stays. At most one submitted row per employer and year: of
-- two concurrent submits the second fails on this index.
CREATE TABLE settlement_submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'reopened')),
    submitted_at INTEGER NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users (id),
    reopened_at INTEGER,
    CHECK ((status = 'reopened') = (reopened_at IS NOT NULL))
);
CREATE UNIQUE INDEX settlement_submissions_one_submitted
    ON settlement_submissions (employer_id, year) WHERE status = 'submitted';

CREATE TRIGGER employments_no_overlap_on_insert
BEFORE INSERT ON employments
WHEN EXISTS (
    SELECT 1 FROM employments o
    WHERE o.employee_id = NEW.employee_id
      AND o.start_date <= COALESCE(NEW.end_date, '9999-12-31')
      AND COALESCE(o.end_date, '9999-12-31') >= NEW.start_date
)
BEGIN
    SELECT RAISE(ABORT, 'refused: employment_overlap');
END;

-- The API only ends the latest period, but an end and a re-hire racing each other
-- could otherwise extend an earlier period into the new one.
CREATE TRIGGER employments_no_overlap_on_end
BEFORE UPDATE OF end_date ON employments
WHEN EXISTS (
    SELECT 1 FROM employments o
    WHERE o.employee_id = NEW.employee_id
      AND o.start_date <> OLD.start_date
      AND o.start_date <= COALESCE(NEW.end_date, '9999-12-31')
      AND COALESCE(o.end_date, '9999-12-31') >= NEW.start_date
)
BEGIN
    SELECT RAISE(ABORT, 'refused: employment_overlap');
END;

-- A new period touches every year from its start to its end (open: every later year).
CREATE TRIGGER employments_locked_on_insert
BEFORE INSERT ON employments
WHEN EXISTS (
    SELECT 1 FROM settlement_submissions s JOIN employees e ON e.employer_id = s.employer_id
    WHERE e.id = NEW.employee_id AND s.status = 'submitted'
      AND s.year BETWEEN CAST(substr(NEW.start_date, 1, 4) AS INTEGER)
                     AND CAST(substr(COALESCE(NEW.end_date, '9999-12-31'), 1, 4) AS INTEGER)
)
BEGIN
    SELECT RAISE(ABORT, 'refused: settlement_locked');
END;

-- A new end date touches the years from the earlier to the later of the old and
-- new end, both included: the year of the end date shows it in its specification.
-- (Start dates are never updated: a period is added or ended, not moved.)
CREATE TRIGGER employments_locked_on_end
BEFORE UPDATE OF end_date ON employments
WHEN EXISTS (
    SELECT 1 FROM settlement_submissions s JOIN employees e ON e.employer_id = s.employer_id
    WHERE e.id = NEW.employee_id AND s.status = 'submitted'
      AND s.year BETWEEN
          CAST(substr(min(COALESCE(OLD.end_date, '9999-12-31'), COALESCE(NEW.end_date, '9999-12-31')), 1, 4) AS INTEGER)
          AND CAST(substr(max(COALESCE(OLD.end_date, '9999-12-31'), COALESCE(NEW.end_date, '9999-12-31')), 1, 4) AS INTEGER)
)
BEGIN
    SELECT RAISE(ABORT, 'refused: settlement_locked');
END;

-- Wages are only ever written by upserts (INSERT ... ON CONFLICT DO UPDATE), and
-- SQLite fires BEFORE INSERT triggers for those too, also when they end up updating.
CREATE TRIGGER wages_locked_on_insert
BEFORE INSERT ON wages
WHEN EXISTS (
    SELECT 1 FROM settlement_submissions s JOIN employees e ON e.employer_id = s.employer_id
    WHERE e.id = NEW.employee_id AND s.status = 'submitted' AND s.year = NEW.year
)
BEGIN
    SELECT RAISE(ABORT, 'refused: settlement_locked');
END;
