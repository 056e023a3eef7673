//! CSV as spreadsheets export it: `;` (Dutch Excel) or `,`, UTF-8 with or without
//! BOM or else Windows-1252 (what Excel writes on a Dutch Windows), quoted fields
//! that may hold either delimiter or line breaks.
//!
//! Parsing is `csv-core`'s, field by field, rather than the `csv` crate's record
//! reader: that one grows a record to whatever a line holds before handing it on
//! (a line of ten million commas is 80 MB of field ends), while field by field the
//! column and cell bounds stop a hostile file at the first field beyond them.

use csv_core::{ReadFieldResult, ReaderBuilder};

use crate::{trim, Content, Format, Limits, Line, Lines, Read, Unreadable};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// The delimiter is chosen on this many records from the start of the file.
const SAMPLE_RECORDS: usize = 20;
const SAMPLE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Windows1252,
}

pub fn read(bytes: &[u8], limits: &Limits) -> Read {
    match read_lines(bytes, limits) {
        Ok(lines) if lines.is_empty() => Read::Unreadable(Unreadable::Empty),
        Ok(lines) => Read::Content(Content {
            format: Format::Csv,
            lines,
            producer: None,
            notes: Vec::new(),
            embedded: Vec::new(),
        }),
        Err(why) => Read::Unreadable(why),
    }
}

fn read_lines(bytes: &[u8], limits: &Limits) -> Result<Vec<Line>, Unreadable> {
    // A field of more bytes than this has more than `limits.cell_chars`
    // characters in either encoding (UTF-8 spends at most 4 bytes per character,
    // 1252 one).
    let max_field_bytes = limits.cell_chars.saturating_mul(4);
    let max_chars = limits.cell_chars;
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    // No text format holds NULs; UTF-16 exports are full of them.
    if body.contains(&0) {
        return Err(Unreadable::Encoding);
    }
    let utf8 = std::str::from_utf8(body).ok();
    let encoding = if utf8.is_some() {
        Encoding::Utf8
    } else if body.iter().all(|&b| windows_1252(b).is_some()) {
        Encoding::Windows1252
    } else {
        return Err(Unreadable::Encoding);
    };
    let delimiter = detect_delimiter(body);
    let mut parser = ReaderBuilder::new().delimiter(delimiter).build();

    let mut lines = Lines::new(limits);
    let mut field = vec![0u8; max_field_bytes + 1];
    let mut field_len = 0;
    let mut cells: Vec<String> = Vec::new();
    let mut fields_in_record = 0usize;
    // Line numbers as an editor shows them: 1 + the line breaks before the record.
    let mut line = 1u64;
    let mut record_line = 1u64;
    let mut pos = 0;
    let mut record_start = true;
    loop {
        if record_start {
            // Skip blank lines here so the record's number is the line its first
            // field is on (csv-core would skip them too, without saying how many).
            while let Some(&b) = body.get(pos).filter(|&&b| b == b'\r' || b == b'\n') {
                line += u64::from(b == b'\n');
                pos += 1;
            }
            record_line = line;
            record_start = false;
            // A line without quotes is split on the delimiter, which is all
            // csv-core would do with it, at a fraction of the cost; csv-core
            // starts afresh at the next record either way.
            parser.reset();
            if let Some(record) = unquoted_record(body.get(pos..).unwrap_or(&[])) {
                let ends = record
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == delimiter)
                    .map(|(end, _)| end)
                    .chain(std::iter::once(record.len()));
                let mut start = 0;
                for end in ends {
                    fields_in_record += 1;
                    if fields_in_record > limits.cells_per_line || end - start > max_field_bytes {
                        return Err(Unreadable::TooBig);
                    }
                    // Valid UTF-8 is cut at ASCII delimiters without checking again.
                    let cell = match utf8.and_then(|text| text.get(pos + start..pos + end)) {
                        Some(text) => checked(trim(text).to_owned(), max_chars)?,
                        None => decode(record.get(start..end).unwrap_or(&[]), encoding, max_chars)?,
                    };
                    cells.push(cell);
                    start = end + 1;
                }
                pos += record.len();
                end_record(&mut cells, &mut lines, record_line)?;
                fields_in_record = 0;
                record_start = true;
                continue;
            }
        }
        let input = body.get(pos..).unwrap_or(&[]);
        let output = field.get_mut(field_len..).unwrap_or(&mut []);
        let (result, read, written) = parser.read_field(input, output);
        line += newlines(input.get(..read).unwrap_or(&[]));
        pos += read;
        field_len += written;
        match result {
            ReadFieldResult::Field { record_end } => {
                fields_in_record += 1;
                if fields_in_record > limits.cells_per_line {
                    return Err(Unreadable::TooBig);
                }
                let raw = field.get(..field_len).unwrap_or(&[]);
                cells.push(decode(raw, encoding, max_chars)?);
                field_len = 0;
                if record_end {
                    end_record(&mut cells, &mut lines, record_line)?;
                    fields_in_record = 0;
                    record_start = true;
                }
            }
            ReadFieldResult::OutputFull => return Err(Unreadable::TooBig),
            ReadFieldResult::End => break,
            // csv-core asks for more input; an empty input already meant the end,
            // so this only guards against looping forever.
            ReadFieldResult::InputEmpty if input.is_empty() => break,
            ReadFieldResult::InputEmpty => {}
        }
    }
    Ok(lines.lines)
}

/// The record at the start of `rest` up to its line break (or the end), when it
/// holds no quote: then no field is quoted and no line break is inside a field.
fn unquoted_record(rest: &[u8]) -> Option<&[u8]> {
    if rest.is_empty() {
        return None;
    }
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'\r' | b'\n' | b'"'))
        .unwrap_or(rest.len());
    match rest.get(end) {
        Some(b'"') => None,
        _ => rest.get(..end),
    }
}

/// Hands on a record's cells as a line; `cells` is left empty with room for as many.
fn end_record(
    cells: &mut Vec<String>,
    lines: &mut Lines,
    record_line: u64,
) -> Result<(), Unreadable> {
    let number = u32::try_from(record_line).map_err(|_| Unreadable::TooBig)?;
    let room = cells.len();
    lines.push(number, std::mem::replace(cells, Vec::with_capacity(room)))
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A field's text, trimmed; the cell bound checked on characters.
fn decode(raw: &[u8], encoding: Encoding, max_chars: usize) -> Result<String, Unreadable> {
    let text = match encoding {
        // Fields end at ASCII bytes, so every field of valid UTF-8 is valid.
        Encoding::Utf8 => std::str::from_utf8(raw)
            .map(trim)
            .map_err(|_| Unreadable::Encoding)?
            .to_owned(),
        Encoding::Windows1252 => raw
            .iter()
            .map(|&b| windows_1252(b).ok_or(Unreadable::Encoding))
            .collect::<Result<String, _>>()?
            .trim()
            .to_owned(),
    };
    checked(text, max_chars)
}

/// A cell's text within `max_chars` characters.
fn checked(text: String, max_chars: usize) -> Result<String, Unreadable> {
    if text.len() > max_chars && text.chars().count() > max_chars {
        return Err(Unreadable::TooBig);
    }
    Ok(text)
}

/// Windows-1252: Latin-1 except 0x80–0x9F, where it has typographic characters
/// and five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) no text file uses.
fn windows_1252(byte: u8) -> Option<char> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('\u{2018}'),
        Some('\u{2019}'),
        Some('\u{201C}'),
        Some('\u{201D}'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match byte {
        0x80..=0x9F => HIGH.get(usize::from(byte - 0x80)).copied().flatten(),
        _ => Some(char::from(byte)),
    }
}

/// `;` or `,`: the one that splits the first records into the same number (more
/// than one) of fields most often. In a Dutch file `Jansen;1.234,56` the decimal
/// commas vary from line to line while the semicolons do not. Ties go to `;`.
fn detect_delimiter(body: &[u8]) -> u8 {
    let sample = body.get(..SAMPLE_BYTES).unwrap_or(body);
    let score = |delimiter: u8| {
        let counts = field_counts(sample, delimiter);
        counts
            .iter()
            .filter(|&&n| n > 1)
            .map(|n| counts.iter().filter(|&m| m == n).count())
            .max()
            .unwrap_or(0)
    };
    let (semicolon, comma) = (score(b';'), score(b','));
    if comma > semicolon {
        b','
    } else {
        b';'
    }
}

/// Fields per non-blank record among the first [`SAMPLE_RECORDS`]. Any quote
/// opens or closes a quoted stretch here, wherever it stands: a parser with the
/// wrong delimiter would take `a,"x;y"` as the fields `a,"x` and `y"`, this count
/// sees no `;` outside quotes.
fn field_counts(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut counts = Vec::new();
    let (mut fields, mut blank, mut quoted) = (1, true, false);
    for &b in sample {
        match b {
            b'"' => {
                quoted = !quoted;
                blank = false;
            }
            b'\n' if !quoted => {
                if !blank {
                    counts.push(fields);
                    if counts.len() == SAMPLE_RECORDS {
                        break;
                    }
                }
                (fields, blank) = (1, true);
            }
            b'\r' => {}
            b if b == delimiter && !quoted => {
                fields += 1;
                blank = false;
            }
            _ => blank = false,
        }
    }
    if !blank && counts.len() < SAMPLE_RECORDS {
        counts.push(fields);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    const MAX_CELLS: usize = Limits::DEFAULT.cells;
    const MAX_LINES: usize = Limits::DEFAULT.lines;
    const MAX_CELL_CHARS: usize = Limits::DEFAULT.cell_chars;
    const MAX_CELLS_PER_LINE: usize = Limits::DEFAULT.cells_per_line;

    fn read(bytes: &[u8]) -> Read {
        super::read(bytes, &Limits::DEFAULT)
    }

    fn lines(bytes: &[u8]) -> Vec<(u32, Vec<String>)> {
        match read(bytes) {
            Read::Content(c) => {
                assert_eq!(c.format, Format::Csv);
                c.lines.into_iter().map(|l| (l.number, l.cells)).collect()
            }
            other => panic!("not content: {other:?}"),
        }
    }

    fn owned(lines: Vec<(u32, Vec<&str>)>) -> Vec<(u32, Vec<String>)> {
        lines
            .into_iter()
            .map(|(n, cells)| (n, cells.into_iter().map(String::from).collect()))
            .collect()
    }

    #[test]
    fn reads_lines_and_cells() {
        type Case = (&'static str, &'static [u8], Vec<(u32, Vec<&'static str>)>);
        let cases: Vec<Case> = vec![
            (
                "semicolons, decimal commas",
                b"Naam;SV-loon\nJansen;1.234,56\nDe Vries;2.000,00\n",
                vec![
                    (1, vec!["Naam", "SV-loon"]),
                    (2, vec!["Jansen", "1.234,56"]),
                    (3, vec!["De Vries", "2.000,00"]),
                ],
            ),
            (
                "commas with quoted commas and semicolons",
                b"Naam,Adres\n\"Jansen, P.\",\"Straat 1; Utrecht\"\n",
                vec![
                    (1, vec!["Naam", "Adres"]),
                    (2, vec!["Jansen, P.", "Straat 1; Utrecht"]),
                ],
            ),
            (
                "semicolons with quoted semicolon",
                b"Naam;Opmerking\n\"Jansen\";\"a;b\"\n",
                vec![(1, vec!["Naam", "Opmerking"]), (2, vec!["Jansen", "a;b"])],
            ),
            (
                "BOM, CRLF, blank and padding lines keep line numbers",
                b"\xEF\xBB\xBFNaam;Loon\r\n\r\n;;\r\n  Jansen ; 12 ;;\r\n",
                vec![(1, vec!["Naam", "Loon"]), (4, vec!["Jansen", "12"])],
            ),
            (
                "quoted line break counts as a line",
                b"Naam;Opmerking\n\"Jansen\";\"twee\nregels\"\nDe Vries;x",
                vec![
                    (1, vec!["Naam", "Opmerking"]),
                    (2, vec!["Jansen", "twee\nregels"]),
                    (4, vec!["De Vries", "x"]),
                ],
            ),
            (
                "title line before a comma header",
                b"Verzamelloonstaat 2024\nNaam,Loon\nA,1\nB,2\n",
                vec![
                    (1, vec!["Verzamelloonstaat 2024"]),
                    (2, vec!["Naam", "Loon"]),
                    (3, vec!["A", "1"]),
                    (4, vec!["B", "2"]),
                ],
            ),
            (
                "flexible rows",
                b"a;b;c\nd\ne;f;g;h\n",
                vec![
                    (1, vec!["a", "b", "c"]),
                    (2, vec!["d"]),
                    (3, vec!["e", "f", "g", "h"]),
                ],
            ),
            (
                "windows-1252",
                b"Naam;Bedrag\nCor\xe9;\x80 12\nM\xfcller \x96 Smit;1\n",
                vec![
                    (1, vec!["Naam", "Bedrag"]),
                    (2, vec!["Coré", "€ 12"]),
                    (3, vec!["Müller – Smit", "1"]),
                ],
            ),
            (
                "utf-8",
                "Naam;Bedrag\nCoré;€ 12\n".as_bytes(),
                vec![(1, vec!["Naam", "Bedrag"]), (2, vec!["Coré", "€ 12"])],
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(lines(bytes), owned(expected), "{name}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let wide = b"a;".repeat(1_000_000);
        let wide_commas = b",".repeat(5_000_000);
        let long_cell = [b"Naam;".to_vec(), vec![b'x'; MAX_CELL_CHARS + 1]].concat();
        let long_1252 = [b"Naam;".to_vec(), vec![0xe9; MAX_CELL_CHARS + 1]].concat();
        let many_lines = b"a\n".repeat(MAX_LINES + 1);
        let many_cells = b"a;a;a;a;a;a;a;a;a;a\n".repeat(MAX_CELLS / 10 + 1);
        let cases: Vec<(&str, &[u8], Unreadable)> = vec![
            ("empty", b"", Unreadable::Empty),
            ("only blank lines", b"\r\n\n;;;\n", Unreadable::Empty),
            ("only a BOM", b"\xEF\xBB\xBF", Unreadable::Empty),
            ("nul byte", b"Naam;Loon\nJan\0;1\n", Unreadable::Encoding),
            ("utf-16", b"\xFF\xFEN\0a\0", Unreadable::Encoding),
            ("not 1252 either", b"Naam;\x81\x8d\n", Unreadable::Encoding),
            ("a million columns", &wide, Unreadable::TooBig),
            (
                "five million empty columns",
                &wide_commas,
                Unreadable::TooBig,
            ),
            ("cell too long", &long_cell, Unreadable::TooBig),
            ("1252 cell too long", &long_1252, Unreadable::TooBig),
            ("too many lines", &many_lines, Unreadable::TooBig),
            ("too many cells", &many_cells, Unreadable::TooBig),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(read(bytes), Read::Unreadable(expected), "{name}");
        }
    }

    #[test]
    fn the_longest_cell_and_widest_line_allowed_are_read() {
        let cell = "é".repeat(MAX_CELL_CHARS);
        let wide = vec!["x"; MAX_CELLS_PER_LINE].join(";");
        let text = format!("{cell}\n{wide}\n");
        let got = lines(text.as_bytes());
        assert_eq!(got[0].1, vec![cell]);
        assert_eq!(got[1].1.len(), MAX_CELLS_PER_LINE);
    }

    #[test]
    fn chooses_the_delimiter() {
        let cases: Vec<(&str, &[u8], u8)> = vec![
            ("dutch decimals", b"Naam;Loon\nA;1,5\nB;2,25\n", b';'),
            (
                "decimal commas in every line",
                b"A;1,5;2,5\nB;1,5;2,5\n",
                b';',
            ),
            ("commas", b"Naam,Loon\nA,1.5\n", b','),
            ("quoted semicolons", b"a,\"x;y;z\"\nb,\"p;q;r\"\n", b','),
            ("one column", b"Naam\nA\n", b';'),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(detect_delimiter(bytes), expected, "{name}");
        }
    }
}
