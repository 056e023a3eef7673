//! From what a file turned out to be to the findings the employer sees.
//!
//! Order of the findings: medical data alone when there is any (the page must say
//! which cells to clear, and the caller must drop the file:
//! [`super::Verdict::RefusedMedical`]; other findings could quote the medical
//! text, "de hersteldatum 'verwacht na knieoperatie' is geen datum", and the file
//! is refused whole anyway; comments and drawings' text are scanned too), else
//! embedded files, a progress report, missing columns, the company name, the rows, the
//! total and the comparison with the settlement. The list is capped at
//! [`MAX_FINDINGS`], so a huge bad file gets a bounded answer whose last finding
//! says how many more there are.

pub mod progress;
#[cfg(test)]
mod tests;

pub use super::findings::{Findings, MAX_FINDINGS};
use super::headers::normalize;
use super::messages;
use super::rows;
use super::{
    medical, Content, Finding, Kind, KnownWage, Read, Refusal, Report, Settled, Severity, Verdict,
};
use crate::domain::year::Year;

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
    let refused = Verdict::Refused(Refusal::Findings);
    let (verdict, findings) = match read {
        Read::Content(content) => {
            let mut out = Findings::default();
            if let Some(tool) = content.producer.as_deref().and_then(screenshot_tool) {
                out.push(messages::screenshot(kind, None, Some(tool)));
            }
            let medical = run(kind, year, &content, known, &mut out);
            let findings = out.finish(messages::too_many);
            let verdict = if medical {
                Verdict::RefusedMedical
            } else if findings.iter().all(|f| f.severity == Severity::Warning) {
                Verdict::Accepted(content.format)
            } else {
                refused
            };
            (verdict, findings)
        }
        Read::Image { format, tool } => (
            refused,
            vec![messages::screenshot(kind, Some(format), tool.as_deref())],
        ),
        Read::ImageOnlyPdf => (refused, vec![messages::image_only_pdf(kind)]),
        Read::Unsupported => (
            Verdict::Refused(Refusal::UnsupportedType),
            vec![unsupported()],
        ),
        Read::Unreadable(reason) => (refused, vec![messages::unreadable(reason)]),
    };
    Report { verdict, findings }
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
    out.finish(messages::too_many)
}

/// Runs the rules; `true` when medical data was found (then `out` holds only
/// those findings).
fn run(kind: Kind, year: Year, content: &Content, known: Settled<'_>, out: &mut Findings) -> bool {
    let layout = rows::layout(kind, &content.lines);
    let mut medical = Findings::default();
    medical::scan(&content.lines, &layout, &mut medical);
    medical::scan_notes(&content.notes, &mut medical);
    if !medical.is_empty() {
        // Only these: the file is refused whole, and other findings (a screenshot
        // tool aside) may quote the medical text itself.
        *out = medical;
        return true;
    }
    // Embedded files are refused: what they hold is never read or checked.
    if !content.embedded.is_empty() {
        out.push(messages::embedded_file(&content.embedded));
    }
    if kind == Kind::AbsenceReport {
        progress::scan(&content.lines, &layout.other, out);
    }
    rows::check(kind, year, content, &layout, known, out);
    false
}
