//! The wage import file: a line `BSN;loon` per employee, an optional header line,
//! amounts as spreadsheets write them (`52.350,00`, `52350,00`, `52350.00`). Each
//! line is checked on its own here; whether a BSN is an employee of that year is
//! the caller's question.

use std::collections::HashMap;

use super::bsn::Bsn;
use super::money::{DecimalError, Money};

/// A line that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageLine {
    /// The line number in the file, from 1 (a header is line 1).
    pub row: usize,
    pub bsn: Bsn,
    pub wage: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Bsn,
    Wage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    InvalidBsn,
    Wage(DecimalError),
    TooManyColumns,
    DuplicateBsn { first_row: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineError {
    pub row: usize,
    pub column: Column,
    pub problem: Problem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WageFile {
    pub lines: Vec<WageLine>,
    pub errors: Vec<LineError>,
    /// Data lines, valid or not (no header, no blank lines).
    pub rows: usize,
}

/// A cell without the quotes a spreadsheet may put around it.
fn unquote(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_owned(),
        None => cell.to_owned(),
    }
}

/// Reads every line. The first non-blank line is a header when its first cell holds
/// no digit (`BSN;loon`, `Burgerservicenummer;Loon 2024`).
pub fn parse(text: &str) -> WageFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut file = WageFile::default();
    let mut first_rows: HashMap<String, usize> = HashMap::new();
    let mut header_possible = true;
    for (i, line) in text.split('\n').enumerate() {
        let row = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<String> = line.split(';').map(unquote).collect();
        // Spreadsheets add empty trailing columns.
        while cells.len() > 2 && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if std::mem::take(&mut header_possible) && !cells[0].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        file.rows += 1;
        let mut error = |column, problem| {
            file.errors.push(LineError {
                row,
                column,
                problem,
            })
        };
        if cells.len() > 2 {
            error(Column::Wage, Problem::TooManyColumns);
            continue;
        }
        let bsn = match cells[0].as_str() {
            "" => Err(Problem::Missing),
            raw => Bsn::parse(raw).ok_or(Problem::InvalidBsn),
        };
        let wage = match cells.get(1).map_or("", String::as_str) {
            "" => Err(Problem::Missing),
            raw => Money::parse_grouped(raw).map_err(Problem::Wage),
        };
        let bsn = bsn.and_then(|bsn| match first_rows.get(bsn.as_str()) {
            Some(&first_row) => Err(Problem::DuplicateBsn { first_row }),
            None => {
                first_rows.insert(bsn.as_str().to_owned(), row);
                Ok(bsn)
            }
        });
        match (bsn, wage) {
            (Ok(bsn), Ok(wage)) => file.lines.push(WageLine { row, bsn, wage }),
            (bsn, wage) => {
                if let Err(problem) = bsn {
                    error(Column::Bsn, problem);
                }
                if let Err(problem) = wage {
                    error(Column::Wage, problem);
                }
            }
        }
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse_non_negative(s).unwrap()
    }

    #[test]
    fn reads_lines_with_or_without_header() {
        let text = "\u{feff}BSN;Loon\r\n111222333;52.350,00\r\n\r\n123456782;52350,00;;\n\"249566758\";\"52350.00\"\n12345611;0\n";
        let file = parse(text);
        assert_eq!(file.errors, vec![]);
        assert_eq!(file.rows, 4);
        let got: Vec<_> = file
            .lines
            .iter()
            .map(|l| (l.row, l.bsn.as_str(), l.wage))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "111222333", money("52350")),
                (4, "123456782", money("52350")),
                (5, "249566758", money("52350")),
                (6, "012345611", money("0")),
            ]
        );
        let without_header = parse("111222333;1000");
        assert_eq!(without_header.lines.len(), 1);
        assert_eq!(without_header.lines[0].row, 1);
        assert_eq!(parse("").rows, 0);
        assert_eq!(parse("BSN;loon\n").rows, 0);
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let text = "bsn;loon\n111222334;100\n111222333;-5\n111222333;100\n;\n123456782;52.350\n249566758;1;2\n123456782\n111111110;abc\n";
        let file = parse(text);
        assert_eq!(file.rows, 8);
        assert_eq!(
            file.lines.iter().map(|l| l.row).collect::<Vec<_>>(),
            Vec::<usize>::new()
        );
        let e = |row, column, problem| LineError {
            row,
            column,
            problem,
        };
        assert_eq!(
            file.errors,
            vec![
                e(2, Column::Bsn, Problem::InvalidBsn),
                e(3, Column::Wage, Problem::Wage(DecimalError::Negative)),
                e(4, Column::Bsn, Problem::DuplicateBsn { first_row: 3 }),
                e(5, Column::Bsn, Problem::Missing),
                e(5, Column::Wage, Problem::Missing),
                e(6, Column::Wage, Problem::Wage(DecimalError::Ambiguous)),
                e(7, Column::Wage, Problem::TooManyColumns),
                e(8, Column::Bsn, Problem::DuplicateBsn { first_row: 6 }),
                e(8, Column::Wage, Problem::Missing),
                e(9, Column::Wage, Problem::Wage(DecimalError::NotANumber)),
            ]
        );
    }
}
