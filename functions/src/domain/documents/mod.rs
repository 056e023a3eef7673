//! Uploaded documents: payroll statements (verzamelloonstaat) and absence reports
//! (arborapportage). Two halves meet at [`Content`]:
//!
//! - reading: the `docread` crate (bytes → what the file is, by its bytes alone,
//!   and its text as numbered lines of cells; bounded by [`LIMITS`] whatever the
//!   input, never a panic);
//! - checking (`check` and the rule modules): lines → findings per kind.
//!
//! Nothing here keeps or logs a file; the caller decides what to store, and a file
//! with medical data must never be stored.

pub mod check;
pub mod findings;
pub mod headers;
pub mod medical;
pub mod messages;
pub mod rows;

use serde::Serialize;

pub use findings::{Finding, Severity};

pub use docread::{trim, Content, Format, Line, Note, NoteSource, Read, Unreadable};

use super::money::Money;

/// Larger files are refused before they are read.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// What the readers may hand on; a file beyond it is unreadable (too big).
pub const LIMITS: docread::Limits = docread::Limits::DEFAULT;

/// Reads an upload with Balie's [`LIMITS`].
pub fn read(bytes: &[u8]) -> Read {
    docread::read(bytes, &LIMITS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PayrollStatement,
    AbsenceReport,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "payroll_statement" => Some(Kind::PayrollStatement),
            "absence_report" => Some(Kind::AbsenceReport),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PayrollStatement => "payroll_statement",
            Kind::AbsenceReport => "absence_report",
        }
    }
}

/// What the app must do with a checked file. Decided from what the file turned
/// out to be and the findings' severities, never from their codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No finding is an error: the file may be stored, as this format.
    Accepted(Format),
    /// At least one error: nothing of the file is stored.
    Refused(Refusal),
    /// Medical data: refused whole, and nothing of it may be kept or logged
    /// (no KV blob, no row, no log line with its content).
    RefusedMedical,
}

/// Why a file without medical data was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The bytes are no format we read (the API answers 415).
    UnsupportedType,
    /// The findings hold an error (unreadable, screenshot, missing columns, ...).
    Findings,
}

/// The outcome of a check: the verdict and what the employer is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn accepted(&self) -> bool {
        matches!(self.verdict, Verdict::Accepted(_))
    }
}

/// A wage the year's settlement already has, to compare a payroll statement's
/// rows with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownWage {
    pub bsn: String,
    pub initials: String,
    pub prefix: Option<String>,
    pub last_name: String,
    pub wage: Money,
}

/// What the year's settlement holds when a payroll statement is checked: its
/// wages, and whether it was submitted (then only the insurer can reopen it, and
/// findings say so instead of asking to correct the settlement).
#[derive(Debug, Clone, Copy, Default)]
pub struct Settled<'a> {
    pub wages: &'a [KnownWage],
    pub submitted: bool,
}

/// Reads a file and checks it as a document of `kind` for `year`.
pub fn check(kind: Kind, year: super::year::Year, bytes: &[u8], settled: Settled<'_>) -> Report {
    check::report_with(read(bytes), kind, year, settled)
}
