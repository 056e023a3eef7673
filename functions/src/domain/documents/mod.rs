//! Uploaded documents: payroll statements (verzamelloonstaat) and absence reports
//! (arborapportage). Two halves meet at [`Content`]:
//!
//! - reading (`reader` and the format modules): bytes → what the file is, by its
//!   bytes alone, and its text as numbered lines of cells; bounded in memory and
//!   time whatever the input, never a panic;
//! - checking (`check` and the rule modules): lines → findings per kind.
//!
//! Nothing here keeps or logs a file; the caller decides what to store, and a file
//! with medical data must never be stored.

pub mod check;
pub mod csv_file;
pub mod headers;
pub mod medical;
pub mod pdf;
pub mod reader;
pub mod rows;
pub mod sniff;
pub mod xlsx;

use serde::Serialize;

use super::money::Money;

/// Larger files are refused before they are read.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Bounds on what a reader hands on; a file beyond them is unreadable.
pub const MAX_LINES: usize = 200_000;
pub const MAX_CELLS_PER_LINE: usize = 256;
pub const MAX_CELL_CHARS: usize = 2_000;

/// `str::trim`, with a quick answer for text that starts and ends with an ASCII
/// character other than white space (every cell a reader hands on is trimmed).
pub fn trim(text: &str) -> &str {
    let edge =
        |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '));
    let bytes = text.as_bytes();
    if edge(bytes.first()) && edge(bytes.last()) {
        text
    } else {
        text.trim()
    }
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

/// A format the checks can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Pdf,
}

impl Format {
    /// The content type a stored file is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Pdf => "application/pdf",
        }
    }
}

/// One line of a document: its number as the user sees it (CSV line, sheet row,
/// PDF table line, all from 1) and its cells' text, trimmed. Empty lines are left
/// out, so numbers can skip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: u32,
    pub cells: Vec<String>,
}

/// A readable document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub format: Format,
    pub lines: Vec<Line>,
    /// Metadata naming the program that made the file (PDF Producer/Creator,
    /// XLSX Application): a screenshot tool there means a screenshot.
    pub producer: Option<String>,
}

/// Why a file could not be read, for the `unreadable` finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Broken or truncated structure.
    Corrupt,
    /// Neither UTF-8 nor Windows-1252 text, or NUL bytes in text.
    Encoding,
    /// Encrypted (password-protected) PDF or XLSX.
    Encrypted,
    /// Beyond [`MAX_LINES`], [`MAX_CELLS_PER_LINE`], [`MAX_CELL_CHARS`], or a
    /// compressed part that unpacks to more than the readers allow.
    TooBig,
    /// A readable file without any text (an empty CSV, a sheet without cells).
    Empty,
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Content(Content),
    /// Any image, whatever its name or declared type: always a screenshot.
    /// `tool` when its metadata names the program (PNG `Software`, EXIF).
    Image {
        format: &'static str,
        tool: Option<String>,
    },
    /// A PDF whose pages hold pictures and no text layer.
    ImageOnlyPdf,
    Unsupported,
    Unreadable(Unreadable),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing the employer should know about the file. `field` is the canonical
/// name of a required content (`sv_wage`, `first_sick_day`, ...), `row` a line
/// number as in [`Line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub field: Option<&'static str>,
    pub row: Option<u32>,
    pub nl: String,
    pub en: String,
}

/// The outcome of a check: accepted when no finding is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Set when the file was readable content (what it will be stored as).
    pub format: Option<Format>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn accepted(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity == Severity::Warning)
    }

    /// A medical-data hit: the whole file must be dropped, nothing of it kept.
    pub fn has_medical_data(&self) -> bool {
        self.findings.iter().any(|f| f.code == "medical_data")
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
    check::report_with(reader::read(bytes), kind, year, settled)
}
