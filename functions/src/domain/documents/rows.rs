//! The table below the header: which lines are employees, the rules per row and
//! kind, the company name, the payroll total, and the comparison with the
//! settlement's wages (`known`).
//!
//! Decisions:
//! - A line after the header is an employee row when it has at least two filled
//!   cells; a single filled cell is a title, a department name or a footer ("Pagina
//!   1 van 2"). A repeated header (a PDF repeats it per page) is skipped.
//! - The payroll total is a line whose first filled cell starts with "Totaal" /
//!   "Total" (or is labelled like the total, "Totale loonsom: ..."); with several,
//!   the last one with an SV-loon is the grand total, and the employee rows end
//!   there (what follows is a footer). "Subtotaal" lines are neither rows nor the
//!   total. Without a total line, a total column ("Totale loonsom") is used.
//! - A row whose dates put it outside the year (employment not overlapping the
//!   year; an absence that ended before or began after it) is a warning
//!   `outside_year`, not an error: statements often list people who left the
//!   year before with a zero wage, and the rest of the file is still usable.
//! - The total is compared only when every row's SV-loon was readable: otherwise
//!   the sum is unknown and the rows' own findings say what to fix.

pub mod known;
pub mod values;

use std::borrow::Cow;

use chrono::NaiveDate;

use super::findings::Findings;
pub use super::findings::Problem;
use super::headers::{
    could_name, field_of, find_header, first_word_in, normalize, required_columns, Header,
};
use super::messages;
use super::{trim, Content, Kind, Line, Settled};
use crate::domain::bsn::Bsn;
use crate::domain::money::Money;
use crate::domain::year::Year;
use values::{
    initials_key, is_initials, is_name, parse_amount, parse_date, parse_percent, split_name,
    surname_key,
};

/// Where the header, the employee rows and the total are (indices into lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub header: Option<Header>,
    pub rows: Vec<usize>,
    /// The payroll statement's grand-total line.
    pub total: Option<usize>,
    /// Every other line but the header: title, preamble, free text, subtotals,
    /// footer. Titles and labels ("Werkgever: ...") are looked for here.
    pub other: Vec<usize>,
}

/// First words of a total line; "subtotaal" lines are left out of the rows too.
const TOTAL_WORDS: &[&str] = &["totaal", "total", "totalen", "totals", "eindtotaal"];
const SUBTOTAL_WORDS: &[&str] = &["subtotaal", "subtotal", "subtotalen", "transport"];

fn first_filled(line: &Line) -> Option<(usize, &str)> {
    line.cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, trim(c)))
        .find(|(_, c)| !c.is_empty())
}

fn filled_count(line: &Line) -> usize {
    line.cells.iter().filter(|c| !trim(c).is_empty()).count()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Total,
    Subtotal,
}

/// Whether a line is a (sub)total line, by its first filled cell.
fn total_label(line: &Line) -> Option<Label> {
    let (_, cell) = first_filled(line)?;
    let label = cell.split(':').next().unwrap_or(cell);
    let first_word = first_word_in(label, &[SUBTOTAL_WORDS, TOTAL_WORDS]);
    if first_word == Some(0) {
        Some(Label::Subtotal)
    } else if first_word == Some(1)
        || (could_name(label, "total") && field_of(label) == Some("total"))
    {
        Some(Label::Total)
    } else {
        None
    }
}

/// A cell's trimmed text, `None` when the header has no such column.
fn cell(line: &Line, column: Option<usize>) -> Option<&str> {
    column.map(|c| line.cells.get(c).map_or("", |s| trim(s)))
}

pub fn layout(kind: Kind, lines: &[Line]) -> Layout {
    let header = find_header(lines, kind);
    let start = header.as_ref().map_or(lines.len(), |h| h.index + 1);
    let sv = header.as_ref().and_then(|h| h.column("sv_wage"));
    let labels: Vec<Option<Label>> = match kind {
        Kind::PayrollStatement => lines.iter().map(total_label).collect(),
        Kind::AbsenceReport => vec![None; lines.len()],
    };
    let totals = || {
        labels
            .iter()
            .enumerate()
            .filter(|(_, l)| **l == Some(Label::Total))
            .map(|(i, _)| i)
    };
    let total = totals()
        .rev()
        .find(|&i| cell(&lines[i], sv).is_some_and(|c| !c.is_empty()))
        .or_else(|| totals().next_back());
    let end = total.filter(|&t| t >= start).unwrap_or(lines.len());
    let mut layout = Layout {
        header,
        rows: Vec::new(),
        total,
        other: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate() {
        if layout.header.as_ref().is_some_and(|h| h.index == i) || Some(i) == total {
            continue;
        }
        // A PDF repeats the header per page, cell for cell: comparing with it is
        // cheaper than matching every row's cells against the synonyms again.
        let repeats_header = layout
            .header
            .as_ref()
            .is_some_and(|h| lines[h.index].cells == line.cells);
        let is_row = i >= start
            && i < end
            && labels[i].is_none()
            && filled_count(line) >= 2
            && !repeats_header;
        if is_row {
            layout.rows.push(i);
        } else {
            layout.other.push(i);
        }
    }
    layout
}

/// The header's column of each field a row check reads.
struct Columns {
    name: Option<usize>,
    initials: Option<usize>,
    prefix: Option<usize>,
    bsn: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    sv: Option<usize>,
    total: Option<usize>,
    company: Option<usize>,
    first_sick: Option<usize>,
    report: Option<usize>,
    recovery: Option<usize>,
    ao: Option<usize>,
    atw: Option<usize>,
}

impl Columns {
    fn of(header: Option<&Header>) -> Columns {
        let c = |field| header.and_then(|h| h.column(field));
        Columns {
            name: c("name"),
            initials: c("initials"),
            prefix: c("prefix"),
            bsn: c("bsn"),
            start: c("start_date"),
            end: c("end_date"),
            sv: c("sv_wage"),
            total: c("total"),
            company: c("company_name"),
            first_sick: c("first_sick_day"),
            report: c("report_date"),
            recovery: c("recovery_date"),
            ao: c("ao_percent"),
            atw: c("atw_percent"),
        }
    }
}

/// An employee as the file names them, for the comparison with the settlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub initials: String,
    pub surname: String,
    /// "J.P. van der Berg", for messages.
    pub display: String,
}

/// A payroll row's facts for the total and the settlement comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollRow {
    pub row: u32,
    /// `None` too when there are no known wages to compare with.
    pub person: Option<Person>,
    pub bsn: Option<Bsn>,
    pub wage: Option<Money>,
}

/// Checks the rows, the company name and the total, and compares with `known`.
/// Missing columns are reported here too, before the rows, in the order of
/// [`required_columns`].
pub fn check(
    kind: Kind,
    year: Year,
    content: &Content,
    layout: &Layout,
    known: Settled<'_>,
    out: &mut Findings,
) {
    let lines = &content.lines;
    let columns = Columns::of(layout.header.as_ref());
    for field in required_columns(kind) {
        let present = layout
            .header
            .as_ref()
            .is_some_and(|h| h.column(field).is_some());
        // Initials may stand in the name column ("Jansen, J."): no initials column
        // is only missing when there is no name column either.
        let combined = *field == "initials" && columns.name.is_some();
        if !present && !combined {
            out.push(messages::missing_field(kind, field));
        }
    }
    if kind == Kind::PayrollStatement && !has_company(lines, layout, &columns) {
        out.push(messages::missing_field(kind, "company_name"));
    }
    if layout.header.is_some() && layout.rows.is_empty() {
        out.push(messages::no_rows(kind));
    }
    match kind {
        Kind::PayrollStatement => {
            let rows: Vec<PayrollRow> = layout
                .rows
                .iter()
                .map(|&i| payroll_row(&lines[i], &columns, year, !known.wages.is_empty(), out))
                .collect();
            check_total(lines, layout, &columns, &rows, out);
            if !known.wages.is_empty() {
                known::compare(year, &rows, known, out);
            }
        }
        Kind::AbsenceReport => {
            for &i in &layout.rows {
                absence_row(&lines[i], &columns, year, out);
            }
        }
    }
}

/// Legal forms that mark a title line as the company name ("Bakkerij De
/// Korenschoof B.V."), compared after normalisation (dots dropped).
const LEGAL_FORMS: &[&str] = &[
    "bv",
    "nv",
    "vof",
    "cv",
    "ua",
    "stichting",
    "vereniging",
    "cooperatie",
    "maatschap",
    "holding",
    "bvba",
    "gmbh",
    "ltd",
    "inc",
    "llc",
];

/// The company name: a filled company column, a labelled line anywhere outside
/// the table ("Werkgever: ...", or "Bedrijfsnaam" with the name in the next
/// cell), or a line above the header naming a legal form.
fn has_company(lines: &[Line], layout: &Layout, columns: &Columns) -> bool {
    if layout
        .rows
        .iter()
        .any(|&i| cell(&lines[i], columns.company).is_some_and(|c| !c.is_empty()))
    {
        return true;
    }
    let header_index = layout.header.as_ref().map_or(usize::MAX, |h| h.index);
    layout.other.iter().any(|&i| {
        let cells = &lines[i].cells;
        cells.iter().enumerate().any(|(k, c)| {
            // "Werkgever: X" in one cell, or "Werkgever(:)" with X in a later one.
            let (label, value) = c.split_once(':').unwrap_or((c, ""));
            let labelled = field_of(label) == Some("company_name")
                && (!value.trim().is_empty()
                    || cells[k + 1..].iter().any(|next| !next.trim().is_empty()));
            labelled
                || (i < header_index
                    && normalize(c)
                        .split(' ')
                        .any(|word| LEGAL_FORMS.contains(&word)))
        })
    })
}

fn invalid(out: &mut Findings, field: &'static str, line: &Line, problem: Problem, value: &str) {
    out.push(messages::invalid_value(field, line.number, problem, value));
}

/// A date cell: `None` when the column is absent, empty (and allowed to be) or
/// wrong (reported).
fn date(
    out: &mut Findings,
    line: &Line,
    column: Option<usize>,
    field: &'static str,
    required: bool,
) -> Option<NaiveDate> {
    let value = cell(line, column)?;
    if value.is_empty() {
        if required {
            invalid(out, field, line, Problem::Empty, value);
        }
        return None;
    }
    parse_date(value)
        .map_err(|p| invalid(out, field, line, Problem::Date(p), value))
        .ok()
}

/// Reports `later` when it lies before `earlier`.
fn in_order(
    out: &mut Findings,
    line: &Line,
    (earlier, earlier_field): (Option<NaiveDate>, &'static str),
    (later, later_field, later_column): (Option<NaiveDate>, &'static str, Option<usize>),
) {
    if let (Some(earlier), Some(later)) = (earlier, later) {
        if later < earlier {
            let value = cell(line, later_column).unwrap_or("");
            invalid(
                out,
                later_field,
                line,
                Problem::Before(earlier_field),
                value,
            );
        }
    }
}

/// Initials, name and prefix of a row; reports what is wrong.
/// `keys`: whether the caller compares people (a settlement to compare with);
/// without, the row is checked and `None` returned, sparing the keys' text.
fn person(out: &mut Findings, line: &Line, columns: &Columns, keys: bool) -> Option<Person> {
    let raw = cell(line, columns.name)?;
    if raw.is_empty() {
        invalid(out, "name", line, Problem::Empty, raw);
        return None;
    }
    if !is_name(raw) {
        invalid(out, "name", line, Problem::Name, raw);
        return None;
    }
    let parts = split_name(raw);
    if parts.last_name.is_empty() {
        invalid(out, "name", line, Problem::Empty, raw);
        return None;
    }
    let initials = match cell(line, columns.initials) {
        Some("") => {
            invalid(out, "initials", line, Problem::Empty, "");
            return None;
        }
        Some(initials) if !is_initials(initials) => {
            invalid(out, "initials", line, Problem::Initials, initials);
            return None;
        }
        Some(initials) => Cow::Borrowed(initials),
        None => match parts.initials {
            Some(initials) => Cow::Owned(initials),
            None => {
                invalid(out, "initials", line, Problem::NoInitials, raw);
                return None;
            }
        },
    };
    if !keys {
        return None;
    }
    let prefix = match cell(line, columns.prefix) {
        Some(prefix) if !prefix.is_empty() => prefix.to_owned(),
        _ => parts.prefix,
    };
    let display = [initials.as_ref(), prefix.as_str(), parts.last_name.as_str()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Person {
        initials: initials_key(&initials),
        surname: surname_key(&prefix, &parts.last_name),
        display,
    })
}

/// An optional BSN column: an empty cell is fine, a wrong number is not.
fn bsn(out: &mut Findings, line: &Line, columns: &Columns) -> Option<Bsn> {
    let raw = cell(line, columns.bsn).filter(|c| !c.is_empty())?;
    let bsn = Bsn::parse(raw);
    if bsn.is_none() {
        invalid(out, "bsn", line, Problem::Bsn, "");
    }
    bsn
}

fn payroll_row(
    line: &Line,
    columns: &Columns,
    year: Year,
    keys: bool,
    out: &mut Findings,
) -> PayrollRow {
    let person = person(out, line, columns, keys);
    let start = date(out, line, columns.start, "start_date", true);
    let end = date(out, line, columns.end, "end_date", false);
    in_order(
        out,
        line,
        (start, "start_date"),
        (end, "end_date", columns.end),
    );
    if start.is_some_and(|s| s > year.last_day()) {
        let value = cell(line, columns.start).unwrap_or("");
        out.push(messages::outside_year(
            "start_date",
            line.number,
            year,
            value,
            true,
        ));
    } else if end.is_some_and(|e| e < year.first_day()) {
        let value = cell(line, columns.end).unwrap_or("");
        out.push(messages::outside_year(
            "end_date",
            line.number,
            year,
            value,
            false,
        ));
    }
    let wage = match cell(line, columns.sv) {
        Some("") => {
            invalid(out, "sv_wage", line, Problem::Empty, "");
            None
        }
        Some(raw) => parse_amount(raw)
            .map_err(|p| invalid(out, "sv_wage", line, Problem::Amount(p), raw))
            .ok(),
        None => None,
    };
    let bsn = bsn(out, line, columns);
    PayrollRow {
        row: line.number,
        person,
        bsn,
        wage,
    }
}

fn percent(
    out: &mut Findings,
    line: &Line,
    column: Option<usize>,
    field: &'static str,
    required: bool,
) {
    match cell(line, column) {
        Some("") if required => invalid(out, field, line, Problem::Empty, ""),
        Some("") | None => {}
        Some(raw) => {
            if let Err(p) = parse_percent(raw) {
                invalid(out, field, line, Problem::Percent(p), raw);
            }
        }
    }
}

fn absence_row(line: &Line, columns: &Columns, year: Year, out: &mut Findings) {
    person(out, line, columns, false);
    let first = date(out, line, columns.first_sick, "first_sick_day", true);
    let report = date(out, line, columns.report, "report_date", true);
    // Empty while the employee is still sick.
    let recovery = date(out, line, columns.recovery, "recovery_date", false);
    in_order(
        out,
        line,
        (first, "first_sick_day"),
        (report, "report_date", columns.report),
    );
    in_order(
        out,
        line,
        (first, "first_sick_day"),
        (recovery, "recovery_date", columns.recovery),
    );
    if first.is_some_and(|f| f > year.last_day()) {
        let value = cell(line, columns.first_sick).unwrap_or("");
        out.push(messages::outside_year(
            "first_sick_day",
            line.number,
            year,
            value,
            true,
        ));
    } else if recovery.is_some_and(|r| r < year.first_day()) {
        let value = cell(line, columns.recovery).unwrap_or("");
        out.push(messages::outside_year(
            "recovery_date",
            line.number,
            year,
            value,
            false,
        ));
    }
    percent(out, line, columns.ao, "ao_percent", true);
    // ATW% applies only where therapeutic work does: empty is fine.
    percent(out, line, columns.atw, "atw_percent", false);
    bsn(out, line, columns);
}

/// The total's text on a total line: in the SV-loon column, after the label's
/// colon ("Totaal: 52.350,00"), or the only other filled cell.
fn total_text(line: &Line, sv: Option<usize>) -> Option<&str> {
    if let Some(value) = cell(line, sv).filter(|c| !c.is_empty()) {
        return Some(value);
    }
    let (label_at, label) = first_filled(line)?;
    if let Some((_, value)) = label.split_once(':') {
        if !value.trim().is_empty() {
            return Some(value.trim());
        }
    }
    let mut rest = line.cells[label_at + 1..]
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty());
    match (rest.next(), rest.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

fn check_total(
    lines: &[Line],
    layout: &Layout,
    columns: &Columns,
    rows: &[PayrollRow],
    out: &mut Findings,
) {
    let found = match (layout.total, columns.total) {
        (Some(i), _) => Some((lines[i].number, total_text(&lines[i], columns.sv))),
        (None, Some(_)) => layout.rows.iter().find_map(|&i| {
            cell(&lines[i], columns.total)
                .filter(|c| !c.is_empty())
                .map(|c| (lines[i].number, Some(c)))
        }),
        (None, None) => None,
    };
    let Some((row, text)) = found else {
        out.push(messages::missing_field(Kind::PayrollStatement, "total"));
        return;
    };
    let Some(text) = text else {
        out.push(messages::invalid_value("total", row, Problem::Empty, ""));
        return;
    };
    let total = match parse_amount(text) {
        Ok(total) => total,
        Err(p) => {
            out.push(messages::invalid_value(
                "total",
                row,
                Problem::Amount(p),
                text,
            ));
            return;
        }
    };
    let sum: Option<Money> = rows.iter().map(|r| r.wage).sum();
    if let Some(sum) = sum.filter(|_| columns.sv.is_some()) {
        if sum != total {
            out.push(messages::totals_mismatch(row, total, sum));
        }
    }
}
