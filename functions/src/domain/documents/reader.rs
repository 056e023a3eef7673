//! The one entry for reading an upload: what the bytes are ([`super::sniff`]),
//! then the reader for that format. Images are not read further than their
//! metadata: any image is a screenshot.

use super::sniff::{image_tool, sniff, Sniffed};
use super::{csv_file, pdf, xlsx, Line, Read, Unreadable, MAX_LINES};

/// Bound shared by the CSV and XLSX readers on the cells they hand on in total
/// (next to the per-line bounds in `super`): every cell costs a `String`, and a
/// 10 MB CSV of one-character cells would otherwise make five million of them,
/// more than a Worker's 128 MB holds. A real statement of 10,000 employees with
/// 20 columns has 200,000.
pub const MAX_CELLS: usize = 1_000_000;

/// Where the CSV and XLSX readers put their lines: trailing empty cells dropped,
/// lines without any text left out, and the bounds on lines and cells kept.
#[derive(Default)]
pub struct Lines {
    pub lines: Vec<Line>,
    cells: usize,
}

impl Lines {
    pub fn push(&mut self, number: u32, mut cells: Vec<String>) -> Result<(), Unreadable> {
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        self.cells += cells.len();
        if self.lines.len() >= MAX_LINES || self.cells > MAX_CELLS {
            return Err(Unreadable::TooBig);
        }
        self.lines.push(Line { number, cells });
        Ok(())
    }
}

pub fn read(bytes: &[u8]) -> Read {
    match sniff(bytes) {
        Sniffed::Pdf => pdf::read(bytes),
        Sniffed::Xlsx => xlsx::read(bytes),
        Sniffed::Text => csv_file::read(bytes),
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
    use crate::domain::documents::{Content, Format, Line};

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
            assert_eq!(read(&bytes), expected, "{name}");
        }
    }
}
