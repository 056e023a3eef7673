//! docread: what an uploaded file is, by its bytes alone, and its text as
//! numbered lines of cells. Sniffing ([`sniff`]) and three readers ([`csv`],
//! [`xlsx`], [`pdf`]), each bounded in memory and time by [`Limits`] whatever the
//! input: any input ends in [`Read`], never a panic. The readers are fuzzed
//! (`fuzz/`).
//!
//! It knows nothing of what the lines mean (columns, findings, document kinds):
//! that is the caller's. Nothing here keeps or logs a file. Images are not read
//! further than their metadata.

pub mod csv;
pub mod pdf;
pub mod sniff;
pub mod xlsx;

use sniff::{image_tool, sniff, Sniffed};

/// Bounds on what a reader hands on; a file beyond them is
/// [`Unreadable::TooBig`]. Each reader also has inner bounds of its own (bytes
/// unpacked, parts, objects, nesting), documented where they apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Lines with text.
    pub lines: usize,
    /// Cells on one line.
    pub cells_per_line: usize,
    /// Characters in one cell.
    pub cell_chars: usize,
    /// Cells over all lines together (CSV and XLSX): every cell costs a
    /// `String`, and a 10 MB CSV of one-character cells would otherwise make five
    /// million of them, more than a Worker's 128 MB holds. A real statement of
    /// 10,000 employees with 20 columns has 200,000.
    pub cells: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        lines: 200_000,
        cells_per_line: 256,
        cell_chars: 2_000,
        cells: 1_000_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

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

/// A format the readers can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Pdf,
}

impl Format {
    /// The content type a file of this format is served with.
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
    /// XLSX Application).
    pub producer: Option<String>,
    /// Text outside the lines of cells (an XLSX's comments and the text in its
    /// drawings and charts), in the order of the parts.
    pub notes: Vec<Note>,
    /// The part names of files embedded in the document (an XLSX's
    /// `embeddings/`, and any part an `oleObject` or `package` relationship
    /// points at). Never unpacked.
    pub embedded: Vec<String>,
}

/// Where a [`Note`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSource {
    /// A comment or note on a cell (legacy comments and threaded comments).
    Comment,
    /// A text box, shape or chart title in a drawing or chart.
    Drawing,
}

/// One text outside the cells: a comment, or a paragraph of a drawing's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub source: NoteSource,
    /// The cell a comment belongs to: its line number as in [`Line`] and its
    /// column from 0.
    pub cell: Option<(u32, usize)>,
    /// Trimmed, within [`Limits::cell_chars`].
    pub text: String,
}

/// Why a file could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Broken or truncated structure.
    Corrupt,
    /// Neither UTF-8 nor Windows-1252 text, or NUL bytes in text.
    Encoding,
    /// Encrypted (password-protected) PDF or XLSX.
    Encrypted,
    /// Beyond the [`Limits`], or a compressed part that unpacks to more than the
    /// readers allow.
    TooBig,
    /// A readable file without any text (an empty CSV, a sheet without cells).
    Empty,
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Content(Content),
    /// Any image, whatever its name or declared type.
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

/// Where the CSV and XLSX readers put their lines: trailing empty cells dropped,
/// lines without any text left out, and the bounds on lines and cells kept.
pub(crate) struct Lines<'l> {
    pub lines: Vec<Line>,
    cells: usize,
    limits: &'l Limits,
}

impl<'l> Lines<'l> {
    pub fn new(limits: &'l Limits) -> Self {
        Lines {
            lines: Vec::new(),
            cells: 0,
            limits,
        }
    }

    pub fn push(&mut self, number: u32, mut cells: Vec<String>) -> Result<(), Unreadable> {
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        self.cells += cells.len();
        if self.lines.len() >= self.limits.lines || self.cells > self.limits.cells {
            return Err(Unreadable::TooBig);
        }
        self.lines.push(Line { number, cells });
        Ok(())
    }
}

/// What the bytes are ([`sniff`]), then the reader for that format.
pub fn read(bytes: &[u8], limits: &Limits) -> Read {
    match sniff(bytes) {
        Sniffed::Pdf => pdf::read(bytes, limits),
        Sniffed::Xlsx => xlsx::read(bytes, limits),
        Sniffed::Text => csv::read(bytes, limits),
        Sniffed::Image(format) => Read::Image {
            format,
            tool: image_tool(format, bytes),
        },
        Sniffed::EncryptedOoxml => Read::Unreadable(Unreadable::Encrypted),
        Sniffed::Unsupported => Read::Unsupported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatches_on_the_bytes() {
        let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        encrypted.extend(b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0");
        let cases: Vec<(&str, Vec<u8>, Read)> = vec![
            (
                "csv",
                b"Naam;Loon\n".to_vec(),
                Read::Content(Content {
                    format: Format::Csv,
                    lines: vec![Line {
                        number: 1,
                        cells: vec!["Naam".into(), "Loon".into()],
                    }],
                    producer: None,
                    notes: Vec::new(),
                    embedded: Vec::new(),
                }),
            ),
            (
                "png, whatever it is called",
                b"\x89PNG\r\n\x1a\n\0\0\0\x19tEXtSoftware\0gnome-screenshot\0\0\0\0".to_vec(),
                Read::Image {
                    format: "png",
                    tool: Some("gnome-screenshot".into()),
                },
            ),
            (
                "gif",
                b"GIF89a".to_vec(),
                Read::Image {
                    format: "gif",
                    tool: None,
                },
            ),
            (
                "encrypted xlsx",
                encrypted,
                Read::Unreadable(Unreadable::Encrypted),
            ),
            (
                "broken xlsx",
                b"PK\x03\x04[Content_Types].xml xl/workbook.xml".to_vec(),
                Read::Unreadable(Unreadable::Corrupt),
            ),
            ("elf", b"\x7fELF\x02\x01\x01\0".to_vec(), Read::Unsupported),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(read(&bytes, &Limits::DEFAULT), expected, "{name}");
        }
    }

    #[test]
    fn the_callers_limits_apply_to_every_reader() {
        let csv = b"a;b\nc;d\ne;f\n";
        let tight = |limits: Limits| read(csv, &limits);
        assert!(matches!(tight(Limits::DEFAULT), Read::Content(_)));
        for limits in [
            Limits {
                lines: 2,
                ..Limits::DEFAULT
            },
            Limits {
                cells_per_line: 1,
                ..Limits::DEFAULT
            },
            Limits {
                cells: 5,
                ..Limits::DEFAULT
            },
        ] {
            assert_eq!(
                tight(limits),
                Read::Unreadable(Unreadable::TooBig),
                "{limits:?}"
            );
        }
        let long = Limits {
            cell_chars: 3,
            ..Limits::DEFAULT
        };
        assert_eq!(read(b"abcd\n", &long), Read::Unreadable(Unreadable::TooBig));
        assert!(matches!(read(b"abc\n", &long), Read::Content(_)));
    }
}
