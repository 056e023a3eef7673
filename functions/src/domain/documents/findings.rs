//! The vocabulary of a check's outcome, depending on nothing else in
//! `documents`: a [`Finding`] and its [`Severity`], what is wrong with a value
//! ([`Problem`], [`DateProblem`]), and the capped collector [`Findings`] the
//! rules push into. The wording is `messages`'s; the rules (`rows`, `medical`,
//! `check::progress`) and `check` build on both.

use serde::Serialize;

use crate::domain::money::DecimalError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing the employer should know about the file. `field` is the canonical
/// name of a required content (`sv_wage`, `first_sick_day`, ...), `row` a line
/// number as in [`docread::Line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub field: Option<&'static str>,
    pub row: Option<u32>,
    pub nl: String,
    pub en: String,
}

/// What is wrong with one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required value is empty.
    Empty,
    Date(DateProblem),
    /// The date lies before the date of this other field.
    Before(&'static str),
    Amount(DecimalError),
    Percent(DecimalError),
    Name,
    Initials,
    /// A name cell without initials, in a file without an initials column.
    NoInitials,
    Bsn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in a date format at all.
    NotADate,
    /// In a date format, but no such day (31-02-2025) or a year outside 1900–2100.
    Impossible,
}

/// At most this many findings, the last of them `too_many_findings` when more
/// were found.
pub const MAX_FINDINGS: usize = 200;

/// Collects findings up to the cap; only counts the rest, and whether an error
/// was among them, so that a cut list is never accepted by mistake.
#[derive(Debug, Default)]
pub struct Findings {
    kept: Vec<Finding>,
    more: usize,
    more_errors: bool,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        if self.kept.len() + 1 < MAX_FINDINGS {
            self.kept.push(finding);
        } else {
            self.more += 1;
            self.more_errors |= finding.severity == Severity::Error;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.more == 0
    }

    /// The findings kept; when more were found, `too_many` (the wording, from
    /// `messages`) adds the last one with how many more and their severity.
    pub fn finish(mut self, too_many: impl FnOnce(usize, Severity) -> Finding) -> Vec<Finding> {
        if self.more > 0 {
            let severity = if self.more_errors {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.kept.push(too_many(self.more, severity));
        }
        self.kept
    }
}
