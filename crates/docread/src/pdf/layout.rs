//! Positioned text to table lines: fragments on one baseline form a line,
//! ordered left to right; a gap wider than about two spaces separates cells, as
//! spreadsheet and HTML-table exports print each cell as its own run. Below a
//! table's header line, cells are placed in the header's columns so an empty
//! cell (no end date, still sick) stays an empty cell instead of shifting the
//! rest of the row left.

use super::content::Fragment;

/// A gap wider than this (in font heights) starts a new cell: a space is about
/// 0.28 of the height in common fonts, cell padding in exports is wider.
const CELL_GAP: f32 = 0.5;
/// A gap wider than this inside a cell is a space between words.
const WORD_GAP: f32 = 0.15;
/// Baselines closer than this (in font heights) are the same line.
const LINE_TOLERANCE: f32 = 0.35;
/// A header needs this many cells to define columns.
const MIN_HEADER_CELLS: usize = 3;

/// A cell with its horizontal extent, before column placement.
#[derive(Debug)]
struct Cell {
    x0: f32,
    x1: f32,
    text: String,
}

/// The columns of the last table header seen: where each header cell starts.
#[derive(Debug, Default)]
pub struct Columns(Vec<f32>);

/// One page's lines of cells, top to bottom, from its fragments and their
/// `text`. `columns` carries a table header on to the next pages, which often
/// do not repeat it. `max_cells` is the cell bound per line: placing beyond it
/// is not tried.
pub fn page_lines(
    mut fragments: Vec<Fragment>,
    text: &str,
    columns: &mut Columns,
    max_cells: usize,
) -> Vec<Vec<String>> {
    fragments.retain(|f| !text_of(text, f).trim().is_empty());
    // Top of the page first (PDF's y grows upwards), then left to right.
    fragments.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    let mut current: Vec<Fragment> = Vec::new();
    for f in fragments {
        let same_line = current.first().is_some_and(|first| {
            let size = first.size.max(f.size).max(1.0);
            first.y - f.y <= LINE_TOLERANCE * size
        });
        if !same_line && !current.is_empty() {
            lines.push(cells(std::mem::take(&mut current), text));
        }
        current.push(f);
    }
    if !current.is_empty() {
        lines.push(cells(current, text));
    }
    let header = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.len() >= MIN_HEADER_CELLS)
        .max_by_key(|(i, l)| (l.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if Some(i) == header {
            columns.0 = line.iter().map(|c| c.x0).collect();
        }
        let below_header = header.is_none_or(|h| i > h);
        out.push(match place(&line, &columns.0, max_cells) {
            Some(placed) if below_header => placed,
            _ => line.into_iter().map(|c| c.text).collect(),
        });
    }
    out
}

fn text_of<'t>(text: &'t str, f: &Fragment) -> &'t str {
    text.get(f.text.clone()).unwrap_or("")
}

/// Splits one line's fragments into cells by the gaps between them.
fn cells(mut line: Vec<Fragment>, text: &str) -> Vec<Cell> {
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut cells: Vec<Cell> = Vec::new();
    for f in line {
        let f_text = text_of(text, &f);
        if let Some(cell) = cells.last_mut() {
            let gap = f.x0 - cell.x1;
            let size = f.size.max(1.0);
            if gap <= CELL_GAP * size {
                if gap > WORD_GAP * size && !cell.text.ends_with(' ') && !f_text.starts_with(' ') {
                    cell.text.push(' ');
                }
                cell.text.push_str(f_text);
                cell.x1 = cell.x1.max(f.x1);
                continue;
            }
        }
        cells.push(Cell {
            x0: f.x0,
            x1: f.x1,
            text: f_text.to_owned(),
        });
    }
    for c in &mut cells {
        let end = c.text.trim_end().len();
        c.text.truncate(end);
        let lead = c.text.len() - c.text.trim_start().len();
        c.text.replace_range(..lead, "");
    }
    cells
}

/// Places a line's cells under the header's columns, empty cells between. A
/// column spans from its header's start to the next header's start, so both
/// left-aligned text and right-aligned amounts under it land there. `None`
/// when the line does not fit the header (more cells than columns, one line).
fn place(line: &[Cell], columns: &[f32], max_cells: usize) -> Option<Vec<String>> {
    // Past the cell bound the file is refused anyway; skip the quadratic work.
    if line.len() < 2 || line.len() >= columns.len() || columns.len() > max_cells {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for cell in line {
        let overlap = |i: usize| {
            let lo = if i == 0 {
                f32::NEG_INFINITY
            } else {
                columns.get(i).copied().unwrap_or(f32::INFINITY)
            };
            let hi = columns.get(i + 1).copied().unwrap_or(f32::INFINITY);
            (cell.x1.min(hi) - cell.x0.max(lo)).max(0.0)
        };
        let best = (0..columns.len())
            .max_by(|a, b| overlap(*a).total_cmp(&overlap(*b)).then(b.cmp(a)))
            .unwrap_or(0);
        // Columns only go right: a cell never lands left of its predecessor.
        let col = best.max(out.len());
        if col >= columns.len() {
            return None;
        }
        out.resize(col, String::new());
        out.push(cell.text.clone());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cells_and_columns() {
        let mut text = String::new();
        let mut frag = |x0: f32, x1: f32, y: f32, t: &str| {
            let start = text.len();
            text.push_str(t);
            Fragment {
                x0,
                x1,
                y,
                size: 10.0,
                text: start..text.len(),
            }
        };
        let fragments = vec![
            frag(10.0, 40.0, 700.0, "Naam"),
            frag(100.0, 150.0, 700.0, "Datum in dienst"),
            frag(200.0, 250.0, 700.0, "Datum uit dienst"),
            frag(300.0, 350.0, 700.5, "SV-loon"),
            frag(10.0, 40.0, 688.0, "Jansen"),
            frag(100.0, 150.0, 688.0, "01-01-2024"),
            frag(320.0, 380.0, 688.0, "45.000,00"),
            // Two words one space apart, and a run continuing a word.
            frag(10.0, 30.0, 800.0, "Bakkerij"),
            frag(33.0, 50.0, 800.0, "De"),
            frag(50.0, 60.0, 800.0, "n"),
        ];
        let mut columns = Columns::default();
        let lines = page_lines(fragments, &text, &mut columns, 256);
        assert_eq!(
            lines,
            vec![
                vec!["Bakkerij Den".to_string()],
                vec![
                    "Naam".into(),
                    "Datum in dienst".into(),
                    "Datum uit dienst".into(),
                    "SV-loon".into()
                ],
                vec![
                    "Jansen".into(),
                    "01-01-2024".into(),
                    String::new(),
                    "45.000,00".into()
                ],
            ]
        );
    }
}
