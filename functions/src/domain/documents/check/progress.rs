//! A progress report, evaluation or plan of action uploaded as an absence report.
//! Recognised by its title: a phrase at the start of a cell on a line outside the
//! table (title, preamble, free text). Not from the table itself: an absence
//! report may well have a column "Plan van aanpak opgesteld".

use super::messages;
use super::Findings;
use crate::domain::documents::headers::normalize;
use crate::domain::documents::Line;

/// Titles, compared without spaces, hyphens and case ("Plan van Aanpak",
/// "re-integratieverslag").
const TITLES: &[&str] = &[
    "voortgangsverslag",
    "voortgangsrapportage",
    "probleemanalyse",
    "planvanaanpak",
    "tussentijdseevaluatie",
    "eerstejaarsevaluatie",
    "eindevaluatie",
    "reintegratieverslag",
    "reintegratieplan",
    "progressreport",
    "actionplan",
    "planofaction",
    "problemanalysis",
    "interimevaluation",
    "firstyearevaluation",
];

/// How far into a cell (in letters) a title may start: "Bijgesteld plan van
/// aanpak", "Rapport: tussentijdse evaluatie", but not a sentence that mentions one.
const TITLE_WITHIN: usize = 30;

/// Reports the first line outside the table whose text starts like a title.
pub fn scan(lines: &[Line], other: &[usize], out: &mut Findings) {
    let hit = other.iter().find_map(|&i| {
        let line = lines.get(i)?;
        line.cells
            .iter()
            .any(|cell| {
                let compact: String = normalize(cell).chars().filter(|c| *c != ' ').collect();
                TITLES
                    .iter()
                    .any(|title| compact.find(title).is_some_and(|at| at <= TITLE_WITHIN))
            })
            .then_some(line.number)
    });
    if let Some(row) = hit {
        out.push(messages::progress_report(row));
    }
}
