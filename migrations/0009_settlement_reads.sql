-- The year's settlement reads every employee of the employer in name order with
-- their wage and periods for the year (store/employees.rs, `in_year`); with
-- 10,000 employees that must stay within 50 ms. Two changes make each of those
-- reads one step in one B-tree:
--
-- 1. The name index carries everything the settlement and the register sort by
--    and show of the person, so the employees come out of it in order: no table
--    lookups, no sort.
-- 2. `wages` and `employments` become WITHOUT ROWID tables clustered on their
--    primary keys, (employee_id, year) and (employee_id, start_date): finding an
--    employee's wage or periods reads the row itself instead of an index and then
--    the table, and the key is no longer stored twice.
--
-- Nothing refers to the two tables, so they are rebuilt in place with their rows;
-- dropping a table drops its triggers, so the triggers of 0003 are created again,
-- word for word and in the same order.

DROP INDEX employees_by_name;
CREATE INDEX employees_by_name ON employees (employer_id, last_name, prefix, initials, id, bsn);

CREATE TABLE wages_new (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    year INTEGER NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (employee_id, year)
) WITHOUT ROWID;
INSERT INTO wages_new (employee_id, year, amount) SELECT employee_id, year, amount FROM wages;
DROP TABLE wages;
ALTER TABLE wages_new RENAME TO wages;

CREATE TABLE employments_new (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    start_date TEXT NOT NULL,
    -- The last day employed (inclusive); NULL while it lasts.
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    fixed_term INTEGER NOT NULL DEFAULT 0 CHECK (fixed_term IN (0, 1)),
    CHECK (fixed_term = 0 OR end_date IS NOT NULL),
    PRIMARY KEY (employee_id, start_date)
) WITHOUT ROWID;
INSERT INTO employments_new (employee_id, start_date, end_date, fixed_term)
    SELECT employee_id, start_date, end_date, fixed_term FROM employments;
DROP TABLE employments;
ALTER TABLE employments_new RENAME TO employments;

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
