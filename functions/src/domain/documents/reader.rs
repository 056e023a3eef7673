//! The one entry for reading an upload: what the bytes are ([`super::sniff`]),
//! then the reader for that format. Images are not read further than their
//! metadata: any image is a screenshot.

use super::sniff::{image_tool, sniff, Sniffed};
use super::{csv_file, pdf, xlsx, Read, Unreadable};

/// Bound shared by the CSV and XLSX readers on the cells they hand on in total
/// (next to the per-line bounds in `super`): every cell costs a `String`, and a
/// 10 MB CSV of one-character cells would otherwise make five million of them,
/// more than a Worker's 128 MB holds. A real statement of 10,000 employees with
/// 20 columns has 200,000.
pub const MAX_CELLS: usize = 1_000_000;

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
