//! Employees, their employment periods and wages. Every query names the employer:
//! callers pass the signed-in principal's employer id.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{unpack, Db, DbError, Statement, Value};
use crate::domain::bsn::Bsn;
use crate::domain::employee::{Gender, NewPeriod};
use crate::domain::money::Money;
use crate::domain::settlement::Employment;
use crate::domain::year::Year;

/// Employees listed per page.
pub const PAGE_SIZE: i64 = 100;

/// A stored amount back into `Money`; a bad one is a fault of ours.
fn money(text: &str) -> Result<Money, DbError> {
    Money::parse_non_negative(text).map_err(|_| DbError::Other(format!("stored amount {text:?}")))
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmployeeRow {
    pub id: String,
    pub bsn: String,
    pub initials: String,
    pub prefix: Option<String>,
    pub last_name: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub employee_number: Option<String>,
}

pub async fn by_id(
    db: &impl Db,
    employer_id: &str,
    id: &str,
) -> Result<Option<EmployeeRow>, DbError> {
    db.first(Statement::new(
        "SELECT id, bsn, initials, prefix, last_name, gender, birth_date, employee_number \
         FROM employees WHERE employer_id = ? AND id = ?",
        vec![employer_id.into(), id.into()],
    ))
    .await
}

pub async fn by_bsn(
    db: &impl Db,
    employer_id: &str,
    bsn: &Bsn,
) -> Result<Option<EmployeeRow>, DbError> {
    db.first(Statement::new(
        "SELECT id, bsn, initials, prefix, last_name, gender, birth_date, employee_number \
         FROM employees WHERE employer_id = ? AND bsn = ?",
        vec![employer_id.into(), bsn.as_str().into()],
    ))
    .await
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PeriodRow {
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub fixed_term: i64,
}

impl PeriodRow {
    pub fn employment(self) -> Employment {
        Employment {
            start: self.start_date,
            end: self.end_date,
        }
    }
}

/// An employee's periods, oldest first (they never overlap, so the last is the latest).
pub async fn periods(
    db: &impl Db,
    employer_id: &str,
    employee_id: &str,
) -> Result<Vec<PeriodRow>, DbError> {
    db.all(Statement::new(
        "SELECT p.start_date, p.end_date, p.fixed_term FROM employments p \
         JOIN employees e ON e.id = p.employee_id \
         WHERE e.employer_id = ? AND p.employee_id = ? ORDER BY p.start_date",
        vec![employer_id.into(), employee_id.into()],
    ))
    .await
}

#[derive(Debug, Clone, Deserialize)]
struct WageRow {
    year: i64,
    amount: String,
}

/// An employee's wages by year, oldest first.
pub async fn wages(
    db: &impl Db,
    employer_id: &str,
    employee_id: &str,
) -> Result<Vec<(i64, Money)>, DbError> {
    let rows: Vec<WageRow> = db
        .all(Statement::new(
            "SELECT w.year, w.amount FROM wages w JOIN employees e ON e.id = w.employee_id \
             WHERE e.employer_id = ? AND w.employee_id = ? ORDER BY w.year",
            vec![employer_id.into(), employee_id.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok((r.year, money(&r.amount)?)))
        .collect()
}

/// A new employee as entered, all fields parsed.
pub struct NewEmployee {
    pub bsn: Bsn,
    pub initials: String,
    pub prefix: Option<String>,
    pub last_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub employee_number: Option<String>,
    pub period: NewPeriod,
}

/// The employee and their first period (one batch). `bsn_hash` is the BSN's
/// keyed search hash (`Bsn::search_hash`).
pub fn insert(
    id: &str,
    employer_id: &str,
    new: &NewEmployee,
    bsn_hash: &str,
    now: i64,
) -> Vec<Statement> {
    vec![
        Statement::new(
            "INSERT INTO employees (id, employer_id, bsn, bsn_hash, initials, prefix, last_name, gender, \
             birth_date, employee_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                id.into(),
                employer_id.into(),
                new.bsn.as_str().into(),
                bsn_hash.into(),
                new.initials.as_str().into(),
                new.prefix.as_deref().into(),
                new.last_name.as_str().into(),
                new.gender.code().into(),
                Value::from(new.birth_date),
                new.employee_number.as_deref().into(),
                now.into(),
            ],
        ),
        insert_period(id, &new.period),
    ]
}

/// A period; the database refuses one that overlaps another or touches a submitted year.
pub fn insert_period(employee_id: &str, period: &NewPeriod) -> Statement {
    Statement::new(
        "INSERT INTO employments (employee_id, start_date, end_date, fixed_term) VALUES (?, ?, ?, ?)",
        vec![
            employee_id.into(),
            Value::from(period.employment.start),
            period.employment.end.into(),
            i64::from(period.fixed_term).into(),
        ],
    )
}

/// Sets the end of the period that starts on `period.start`.
pub fn set_end(employee_id: &str, period: Employment) -> Statement {
    Statement::new(
        "UPDATE employments SET end_date = ? WHERE employee_id = ? AND start_date = ?",
        vec![
            period.end.into(),
            employee_id.into(),
            Value::from(period.start),
        ],
    )
}

pub fn set_wage(employee_id: &str, year: Year, amount: Money) -> Statement {
    Statement::new(
        "INSERT INTO wages (employee_id, year, amount) VALUES (?, ?, ?) \
         ON CONFLICT (employee_id, year) DO UPDATE SET amount = excluded.amount",
        vec![
            employee_id.into(),
            i64::from(year.get()).into(),
            amount.to_string().into(),
        ],
    )
}

/// Every wage of an import in one statement with three parameters, however many
/// rows: D1 allows 100 bound parameters per statement, so the rows travel as one
/// JSON text (`[["<employee id>","52350.00"],...]`) that `json_each` unrolls. The
/// `IN` keeps it to the employer's own employees; it is evaluated once (a join
/// let SQLite loop over the JSON for every employee: quadratic).
pub fn import_wages(employer_id: &str, year: Year, wages: &[(&str, Money)]) -> Statement {
    let rows: Vec<[String; 2]> = wages
        .iter()
        .map(|(id, amount)| [(*id).to_owned(), amount.to_string()])
        .collect();
    Statement::new(
        "INSERT INTO wages (employee_id, year, amount) \
         SELECT json_extract(j.value, '$[0]'), ?, json_extract(j.value, '$[1]') FROM json_each(?) AS j \
         WHERE json_extract(j.value, '$[0]') IN (SELECT id FROM employees WHERE employer_id = ?) \
         ON CONFLICT (employee_id, year) DO UPDATE SET amount = excluded.amount",
        vec![
            i64::from(year.get()).into(),
            serde_json::to_string(&rows).unwrap_or_default().into(),
            employer_id.into(),
        ],
    )
}

/// A personal detail that the employer may correct (`PATCH /api/employees/{id}`).
/// The BSN is not one: it changes through the insurer only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalField {
    Initials,
    Prefix,
    LastName,
    Gender,
    BirthDate,
    EmployeeNumber,
}

/// The history row (old value read inside the batch, so it is exact even when
/// two corrections race) and the update, per field: column names cannot be bound.
macro_rules! correction_sql {
    ($column:literal) => {
        (
            concat!(
                "INSERT INTO employee_history (change_id, employee_id, at, actor_id, field, old_value, new_value) \
                 SELECT ?, e.id, ?, ?, '", $column, "', e.", $column, ", ? FROM employees e \
                 WHERE e.id = ? AND e.employer_id = ?"
            ),
            concat!("UPDATE employees SET ", $column, " = ? WHERE id = ? AND employer_id = ?"),
        )
    };
}

impl PersonalField {
    pub const ALL: [PersonalField; 6] = [
        PersonalField::Initials,
        PersonalField::Prefix,
        PersonalField::LastName,
        PersonalField::Gender,
        PersonalField::BirthDate,
        PersonalField::EmployeeNumber,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PersonalField::Initials => "initials",
            PersonalField::Prefix => "prefix",
            PersonalField::LastName => "last_name",
            PersonalField::Gender => "gender",
            PersonalField::BirthDate => "birth_date",
            PersonalField::EmployeeNumber => "employee_number",
        }
    }

    fn sql(self) -> (&'static str, &'static str) {
        match self {
            PersonalField::Initials => correction_sql!("initials"),
            PersonalField::Prefix => correction_sql!("prefix"),
            PersonalField::LastName => correction_sql!("last_name"),
            PersonalField::Gender => correction_sql!("gender"),
            PersonalField::BirthDate => correction_sql!("birth_date"),
            PersonalField::EmployeeNumber => correction_sql!("employee_number"),
        }
    }

    /// The field's current value as stored (dates as `YYYY-MM-DD`).
    pub fn value_of(self, e: &EmployeeRow) -> Option<String> {
        match self {
            PersonalField::Initials => Some(e.initials.clone()),
            PersonalField::Prefix => e.prefix.clone(),
            PersonalField::LastName => Some(e.last_name.clone()),
            PersonalField::Gender => Some(e.gender.clone()),
            PersonalField::BirthDate => Some(e.birth_date.format("%Y-%m-%d").to_string()),
            PersonalField::EmployeeNumber => e.employee_number.clone(),
        }
    }
}

/// One field of one correction: its history row, then the new value.
pub struct Correction<'a> {
    pub change_id: &'a str,
    pub employer_id: &'a str,
    pub employee_id: &'a str,
    pub actor_id: &'a str,
    pub now: i64,
}

impl Correction<'_> {
    pub fn set(&self, field: PersonalField, new: Option<&str>) -> [Statement; 2] {
        let (history, update) = field.sql();
        [
            Statement::new(
                history,
                vec![
                    self.change_id.into(),
                    self.now.into(),
                    self.actor_id.into(),
                    new.into(),
                    self.employee_id.into(),
                    self.employer_id.into(),
                ],
            ),
            Statement::new(
                update,
                vec![new.into(), self.employee_id.into(), self.employer_id.into()],
            ),
        ]
    }
}

/// One stored field change, with the name of the user who made it.
#[derive(Debug, Clone, Deserialize)]
pub struct HistoryRow {
    pub change_id: String,
    pub at: i64,
    pub by_name: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// An employee's corrections, newest first; the fields of one correction are
/// adjacent, in the order they were written.
pub async fn history(
    db: &impl Db,
    employer_id: &str,
    employee_id: &str,
) -> Result<Vec<HistoryRow>, DbError> {
    db.all(Statement::new(
        "SELECT h.change_id, h.at, u.name AS by_name, h.field, h.old_value, h.new_value \
         FROM employee_history h JOIN employees e ON e.id = h.employee_id \
         JOIN users u ON u.id = h.actor_id \
         WHERE e.employer_id = ? AND h.employee_id = ? \
         ORDER BY (SELECT MAX(x.id) FROM employee_history x WHERE x.change_id = h.change_id) DESC, h.id",
        vec![employer_id.into(), employee_id.into()],
    ))
    .await
}

/// An employee with what the settlement of one year needs.
#[derive(Debug, Clone)]
pub struct YearEmployee {
    pub id: String,
    pub bsn: String,
    pub initials: String,
    pub prefix: Option<String>,
    pub last_name: String,
    /// The year's wage as entered; `None` while not entered.
    pub wage: Option<Money>,
    /// The periods that overlap the year, oldest first.
    pub periods: Vec<Employment>,
}

/// One period of an employee in the year, with the employee's details and wage
/// repeated (an employee has one such row per period that overlaps the year).
#[derive(Deserialize)]
struct YearPeriodRow {
    id: String,
    bsn: String,
    initials: String,
    prefix: Option<String>,
    last_name: String,
    wage: Option<String>,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
}

/// The employer's employees with a period overlapping the calendar year, by name,
/// with their wage for it. The date filter only narrows what is read:
/// `domain::settlement` decides who counts.
///
/// One query, read in one pass of the employer's employees in id order
/// (migrations/0010) with one primary-key step into `employments` and `wages` per
/// employee, its rows packed into one JSON text (`store::unpack`); the rows are
/// put in name order here. Reading the tables separately and matching here was
/// slower under workerd: each array repeats the employee ids, and bytes are what
/// local D1 pays for.
pub async fn in_year(
    db: &impl Db,
    employer_id: &str,
    year: Year,
) -> Result<Vec<YearEmployee>, DbError> {
    #[derive(Deserialize)]
    struct Packed {
        rows: Option<String>,
    }
    let packed: Option<Packed> = db
        .first(Statement::new(
            "SELECT json_group_array(json_array(e.id, e.bsn, e.initials, e.prefix, \
               e.last_name, w.amount, p.start_date, p.end_date)) AS rows \
             FROM employees e INDEXED BY employees_by_employer \
             JOIN employments p ON p.employee_id = e.id \
               AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?) \
             LEFT JOIN wages w ON w.employee_id = e.id AND w.year = ? \
             WHERE e.employer_id = ?",
            vec![
                Value::from(year.last_day()),
                Value::from(year.first_day()),
                i64::from(year.get()).into(),
                employer_id.into(),
            ],
        ))
        .await?;
    let mut rows: Vec<YearPeriodRow> = unpack(packed.and_then(|p| p.rows).as_deref())?;
    // By name, as SQLite orders (a missing prefix first, bytes compared), then
    // by id, so an employee's rows are adjacent, oldest period first.
    rows.sort_unstable_by(|a, b| {
        (&a.last_name, &a.prefix, &a.initials, &a.id, a.start_date).cmp(&(
            &b.last_name,
            &b.prefix,
            &b.initials,
            &b.id,
            b.start_date,
        ))
    });
    let mut staff: Vec<YearEmployee> = Vec::with_capacity(rows.len());
    for r in rows {
        let period = Employment {
            start: r.start_date,
            end: r.end_date,
        };
        match staff.last_mut() {
            Some(e) if e.id == r.id => e.periods.push(period),
            _ => staff.push(YearEmployee {
                wage: r.wage.as_deref().map(money).transpose()?,
                periods: vec![period],
                id: r.id,
                bsn: r.bsn,
                initials: r.initials,
                prefix: r.prefix,
                last_name: r.last_name,
            }),
        }
    }
    Ok(staff)
}

/// Which employees a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    All,
    Active,
    Inactive,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::All => "all",
            Status::Active => "active",
            Status::Inactive => "inactive",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListedEmployee {
    pub id: String,
    pub bsn_last4: String,
    pub initials: String,
    pub prefix: Option<String>,
    pub last_name: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub employee_number: Option<String>,
    /// Of the latest period.
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

/// What a list searches for: the text as typed and, when it is a full BSN, that
/// BSN's last four digits and keyed hash.
pub struct Search<'a> {
    pub text: &'a str,
    /// `(last four digits, Bsn::search_hash)`.
    pub bsn: Option<(String, String)>,
}

/// The list's FROM and WHERE, shared by the page and its count. An employee is
/// active while their latest period has not ended before today, as
/// `domain::employee::is_active` says. The search matches names, initials, the
/// employee number and the BSN's last four digits; a full BSN matches on its
/// last four digits and its keyed hash, never on the number itself.
macro_rules! list_from_where {
    () => {
        "FROM employees e JOIN employments p ON p.employee_id = e.id \
         AND p.start_date = (SELECT MAX(l.start_date) FROM employments l WHERE l.employee_id = e.id) \
         WHERE e.employer_id = ? \
         AND (? = 'all' OR (CASE WHEN p.end_date IS NULL OR p.end_date >= ? THEN 'active' ELSE 'inactive' END) = ?) \
         AND (? IS NULL OR e.last_name LIKE ? ESCAPE '\\' \
              OR COALESCE(e.prefix || ' ', '') || e.last_name LIKE ? ESCAPE '\\' \
              OR e.initials LIKE ? ESCAPE '\\' OR e.employee_number LIKE ? ESCAPE '\\' \
              OR substr(e.bsn, 6) LIKE ? ESCAPE '\\' \
              OR (substr(e.bsn, 6) = ? AND e.bsn_hash = ?))"
    };
}

fn list_params(
    employer_id: &str,
    status: Status,
    today: NaiveDate,
    q: Option<&Search>,
) -> Vec<Value> {
    // LIKE's wildcards in the search text match themselves.
    let pattern = q.map(|q| {
        let escaped = q
            .text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let (last4, hash) = q
        .and_then(|q| q.bsn.clone())
        .map_or((Value::Null, Value::Null), |(l, h)| (l.into(), h.into()));
    let mut params = vec![
        employer_id.into(),
        status.code().into(),
        Value::from(today),
        status.code().into(),
    ];
    params.extend(std::iter::repeat_n(Value::from(pattern), 6));
    params.extend([last4, hash]);
    params
}

/// One page (from 1) of the employer's employees by name, and how many match in all.
pub async fn list(
    db: &impl Db,
    employer_id: &str,
    status: Status,
    today: NaiveDate,
    q: Option<&Search<'_>>,
    page: i64,
) -> Result<(Vec<ListedEmployee>, i64), DbError> {
    let params = list_params(employer_id, status, today, q);
    let count = super::count(
        db,
        Statement::new(
            concat!("SELECT COUNT(*) AS n ", list_from_where!()),
            params.clone(),
        ),
    )
    .await?;
    let mut page_params = params;
    page_params.extend([PAGE_SIZE.into(), ((page - 1) * PAGE_SIZE).into()]);
    let rows = db
        .all(Statement::new(
            concat!(
                "SELECT e.id, substr(e.bsn, 6) AS bsn_last4, e.initials, e.prefix, e.last_name, \
                 e.gender, e.birth_date, e.employee_number, p.start_date, p.end_date ",
                list_from_where!(),
                " ORDER BY e.last_name, e.prefix, e.initials, e.id LIMIT ? OFFSET ?"
            ),
            page_params,
        ))
        .await?;
    Ok((rows, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_statements_bind_every_placeholder() {
        let search = Search {
            text: "50%_\\",
            bsn: None,
        };
        let params = list_params("emp", Status::Active, NaiveDate::MIN, Some(&search));
        assert_eq!(params.len(), list_from_where!().matches('?').count());
        assert_eq!(params[4], Value::Text("%50\\%\\_\\\\%".into()));
        assert_eq!(params[10], Value::Null);
    }
}
