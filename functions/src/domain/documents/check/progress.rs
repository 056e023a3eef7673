//! A progress report, evaluation or plan of action uploaded as an absence report.
//! Recognised by its title: a phrase at the start of a cell on a line outside the
//! table (title, preamble, free text). Not from the table itself: an absence
//! report may well have a column "Plan van aanpak opgesteld".

use crate::domain::documents::findings::Findings;
use crate::domain::documents::headers::normalize;
use crate::domain::documents::messages;
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

/// Reports the first line outside the table with a cell that starts like a
/// title, after at most one word ("Bijgesteld plan van aanpak", "Rapport:
/// tussentijdse evaluatie"); a sentence that mentions one further on is no title.
pub fn scan(lines: &[Line], other: &[usize], out: &mut Findings) {
    let is_title = |cell: &str| {
        let normalized = normalize(cell);
        let words: Vec<&str> = normalized.split(' ').collect();
        (0..words.len().min(2)).any(|skip| {
            let compact = words[skip..].concat();
            TITLES.iter().any(|title| compact.starts_with(title))
        })
    };
    let hit = other.iter().find_map(|&i| {
        let line = lines.get(i)?;
        line.cells
            .iter()
            .any(|cell| is_title(cell))
            .then_some(line.number)
    });
    if let Some(row) = hit {
        out.push(messages::progress_report(row));
    }
}
