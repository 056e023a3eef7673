//! From what a file turned out to be to the findings the employer sees.
//!
//! Order of the findings: medical data alone when there is any (the page must say
//! which cells to clear, and the caller must drop the file:
//! [`super::Report::has_medical_data`]; other findings could quote the medical
//! text, "de hersteldatum 'verwacht na knieoperatie' is geen datum", and the file
//! is refused whole anyway), else a progress report, missing columns, the company name, the rows, the
//! total and the comparison with the settlement. The list is capped at
//! [`MAX_FINDINGS`], so a huge bad file gets a bounded answer whose last finding
//! says how many more there are.

pub mod messages;
pub mod progress;
#[cfg(test)]
mod tests;

use super::headers::normalize;
use super::rows;
use super::{medical, Content, Finding, Kind, KnownWage, Read, Report, Settled, Severity};
use crate::domain::year::Year;

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

    pub fn finish(mut self) -> Vec<Finding> {
        if self.more > 0 {
            let severity = if self.more_errors {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.kept.push(messages::too_many(self.more, severity));
        }
        self.kept
    }
}

/// The `too_large` finding; the HTTP layer refuses such a file before reading it.
pub fn too_large() -> Finding {
    messages::too_large()
}

/// The `unsupported_type` finding, for the HTTP layer and for [`report_for`].
pub fn unsupported() -> Finding {
    messages::unsupported()
}

/// Screenshot tools as producers name them, compared without case, spaces and
/// punctuation; the specific names before the generic words, so that
/// "gnome-screenshot" is named as such.
const SCREENSHOT_TOOLS: &[(&str, &str)] = &[
    ("snippingtool", "Snipping Tool"),
    ("knipprogramma", "Knipprogramma"),
    ("knippenenaantekenen", "Knippen en aantekenen"),
    ("snipsketch", "Snip & Sketch"),
    ("greenshot", "Greenshot"),
    ("sharex", "ShareX"),
    ("lightshot", "Lightshot"),
    ("gnomescreenshot", "gnome-screenshot"),
    ("spectacle", "Spectacle"),
    ("flameshot", "Flameshot"),
    ("ksnapshot", "KSnapshot"),
    ("snagit", "Snagit"),
    ("skitch", "Skitch"),
    ("shottr", "Shottr"),
    ("cleanshot", "CleanShot"),
    ("monosnap", "Monosnap"),
    ("picpick", "PicPick"),
    ("screenpresso", "Screenpresso"),
    ("gyazo", "Gyazo"),
    ("schermafbeelding", "Schermafbeelding"),
    ("schermopname", "Schermopname"),
    ("bildschirmfoto", "Bildschirmfoto"),
    ("screenshot", "Screenshot"),
];

/// The screenshot tool a producer names, if any.
pub fn screenshot_tool(producer: &str) -> Option<&'static str> {
    let compact: String = normalize(producer).chars().filter(|c| *c != ' ').collect();
    SCREENSHOT_TOOLS
        .iter()
        .find(|(key, _)| compact.contains(key))
        .map(|(_, name)| *name)
}

/// The report for one upload, for a year whose settlement is open.
pub fn report_for(read: Read, kind: Kind, year: Year, known: &[KnownWage]) -> Report {
    report_with(
        read,
        kind,
        year,
        Settled {
            wages: known,
            submitted: false,
        },
    )
}

/// The report for one upload, held against the year's settlement as it stands.
pub fn report_with(read: Read, kind: Kind, year: Year, known: Settled<'_>) -> Report {
    let (format, findings) = match read {
        Read::Content(content) => {
            let mut out = Findings::default();
            if let Some(tool) = content.producer.as_deref().and_then(screenshot_tool) {
                out.push(messages::screenshot(kind, None, Some(tool)));
            }
            run(kind, year, &content, known, &mut out);
            (Some(content.format), out.finish())
        }
        Read::Image { format, tool } => (
            None,
            vec![messages::screenshot(kind, Some(format), tool.as_deref())],
        ),
        Read::ImageOnlyPdf => (None, vec![messages::image_only_pdf(kind)]),
        Read::Unsupported => (None, vec![unsupported()]),
        Read::Unreadable(reason) => (None, vec![messages::unreadable(reason)]),
    };
    Report { format, findings }
}

/// Every rule for a kind over a readable file's text.
pub fn check_content(
    kind: Kind,
    year: Year,
    content: &Content,
    known: &[KnownWage],
) -> Vec<Finding> {
    let mut out = Findings::default();
    let known = Settled {
        wages: known,
        submitted: false,
    };
    run(kind, year, content, known, &mut out);
    out.finish()
}

fn run(kind: Kind, year: Year, content: &Content, known: Settled<'_>, out: &mut Findings) {
    let layout = rows::layout(kind, &content.lines);
    let mut medical = Findings::default();
    medical::scan(&content.lines, &layout, &mut medical);
    if !medical.is_empty() {
        // Only these: the file is refused whole, and other findings (a screenshot
        // tool aside) may quote the medical text itself.
        *out = medical;
        return;
    }
    if kind == Kind::AbsenceReport {
        progress::scan(&content.lines, &layout.other, out);
    }
    rows::check(kind, year, content, &layout, known, out);
}
