//! What a file is, by its bytes alone: never by its name or declared content type,
//! which an upload can set to anything. Also the screenshot hints in an image's
//! metadata (PNG text chunks, EXIF), for the `screenshot` finding's message.
//!
//! Everything here looks at a bounded prefix or walks length-prefixed structures
//! with checked arithmetic: any input gives an answer, never a panic.

use std::io::Read as _;

/// What [`sniff`] recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    /// A ZIP with the parts of a spreadsheet (`[Content_Types].xml` and
    /// `xl/workbook.xml`).
    Xlsx,
    /// An image; the name is what [`super::Read::Image`] reports.
    Image(&'static str),
    /// Password-protected Office Open XML: Office wraps the encrypted ZIP in an OLE2
    /// compound file with an `EncryptedPackage` stream.
    EncryptedOoxml,
    /// No NUL byte near the start: a CSV candidate (the CSV reader decides).
    Text,
    Unsupported,
}

/// How far into the file a PDF header may start: Acrobat accepts up to 1024 bytes
/// of junk (a mail header, a BOM) before `%PDF-`.
const PDF_HEADER_WINDOW: usize = 1024;
/// How much is looked at to tell text from binary. Binary formats have NUL bytes
/// in their first few KB; a NUL further on is the CSV reader's `Encoding` error.
const TEXT_WINDOW: usize = 4096;
const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if let Some(image) = image_format(bytes) {
        return Sniffed::Image(image);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // Part names stand uncompressed in the local headers and the central
        // directory, so a byte search finds them without unpacking anything.
        // Other Office zips (DOCX, ODS, ...) lack `xl/workbook.xml`.
        return if contains(bytes, b"[Content_Types].xml") && contains(bytes, b"xl/workbook.xml") {
            Sniffed::Xlsx
        } else {
            Sniffed::Unsupported
        };
    }
    if bytes.starts_with(OLE2) {
        // Old .xls/.doc are OLE2 too; only encrypted OOXML has this stream, whose
        // name the OLE2 directory stores in UTF-16LE.
        return if contains(bytes, &utf16le(b"EncryptedPackage")) {
            Sniffed::EncryptedOoxml
        } else {
            Sniffed::Unsupported
        };
    }
    let head = bytes.get(..PDF_HEADER_WINDOW).unwrap_or(bytes);
    if contains(head, b"%PDF-") {
        return Sniffed::Pdf;
    }
    let window = bytes.get(..TEXT_WINDOW).unwrap_or(bytes);
    // A UTF-16 text export (Excel's "Unicode text") is full of NULs: let the CSV
    // reader call it an encoding problem rather than an unknown type.
    let utf16 = window.starts_with(&[0xFF, 0xFE]) || window.starts_with(&[0xFE, 0xFF]);
    if utf16 || !window.contains(&0) {
        if is_markup(window) {
            Sniffed::Unsupported
        } else {
            Sniffed::Text
        }
    } else {
        Sniffed::Unsupported
    }
}

/// HTML, XML or SVG: text, but never a table of ours. No CSV starts with `<`.
fn is_markup(window: &[u8]) -> bool {
    let text = window.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(window);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

fn image_format(bytes: &[u8]) -> Option<&'static str> {
    let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or(&[]);
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("jpeg");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("gif");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Some("tiff");
    }
    if bytes.starts_with(b"RIFF") && at(8..12) == b"WEBP" {
        return Some("webp");
    }
    // "BM" alone would catch a CSV starting with "BMW;": the reserved bytes must be
    // zero and the DIB header one of the sizes that exist.
    if bytes.starts_with(b"BM") && at(6..10) == [0, 0, 0, 0] {
        let dib = at(14..18);
        if [12u8, 40, 52, 56, 64, 108, 124]
            .iter()
            .any(|&size| dib == [size, 0, 0, 0])
        {
            return Some("bmp");
        }
    }
    // ISO base media files: `ftyp` box first, then the major brand; MP4 video has
    // `ftyp` too, so only image brands count.
    if at(4..8) == b"ftyp" {
        return match at(8..12) {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" => Some("heic"),
            b"avif" | b"avis" => Some("avif"),
            b"mif1" | b"msf1" => Some("heif"),
            _ => None,
        };
    }
    // ICO: reserved 0, type 1, at least one image, and a zero reserved byte in the
    // first directory entry.
    if bytes.starts_with(&[0, 0, 1, 0]) && at(4..6) != [0, 0] && at(9..10) == [0] {
        return Some("ico");
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    // Jump between occurrences of the first byte: far fewer comparisons than
    // trying every window on a 10 MB file.
    let mut rest = haystack;
    while let Some(i) = rest.iter().position(|&b| b == first) {
        let Some(tail) = rest.get(i..) else {
            return false;
        };
        if tail.starts_with(needle) {
            return true;
        }
        rest = tail.get(1..).unwrap_or(&[]);
    }
    false
}

fn utf16le(ascii: &[u8]) -> Vec<u8> {
    ascii.iter().flat_map(|&b| [b, 0]).collect()
}

// --- Screenshot metadata -------------------------------------------------------

/// Metadata text is cut to this many characters: it only names a program.
const MAX_TOOL_CHARS: usize = 100;
/// At most this much of a compressed PNG text chunk is unpacked.
const MAX_INFLATED_TEXT: u64 = 64 * 1024;
/// At most this many PNG chunks, JPEG segments, RIFF chunks or IFD entries are
/// walked; real images have a few dozen before the metadata.
const MAX_STRUCTURES: usize = 4096;

/// The program an image's metadata names, where it does: an EXIF or XMP
/// `UserComment` that says "Screenshot" (what macOS and iOS write) wins, else the
/// `Software` text (PNG text chunks, EXIF tag 0x0131: "gnome-screenshot",
/// "Greenshot", "ShareX", ...).
pub fn image_tool(format: &str, bytes: &[u8]) -> Option<String> {
    let mut found = Metadata::default();
    match format {
        "png" => png_metadata(bytes, &mut found),
        "jpeg" => jpeg_metadata(bytes, &mut found),
        "tiff" => exif_metadata(bytes, &mut found),
        "webp" => webp_metadata(bytes, &mut found),
        _ => {}
    }
    found
        .comment
        .filter(|c| c.to_lowercase().contains("screenshot"))
        .or(found.software)
        // Shown to the user: no control characters, no runaway length.
        .map(|t| {
            t.chars()
                .filter(|c| !c.is_control())
                .take(MAX_TOOL_CHARS)
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .filter(|t| !t.is_empty())
}

#[derive(Default)]
struct Metadata {
    software: Option<String>,
    comment: Option<String>,
}

impl Metadata {
    fn software(&mut self, text: String) {
        if self.software.is_none() && !text.trim().is_empty() {
            self.software = Some(text);
        }
    }
    fn comment(&mut self, text: String) {
        if self.comment.is_none() && !text.trim().is_empty() {
            self.comment = Some(text);
        }
    }
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(b))
}

fn png_metadata(bytes: &[u8], found: &mut Metadata) {
    let mut at = 8;
    for _ in 0..MAX_STRUCTURES {
        let Some(len) = be32(bytes, at).and_then(|l| usize::try_from(l).ok()) else {
            return;
        };
        let kind = bytes.get(at + 4..at + 8).unwrap_or(&[]);
        let Some(data) = at
            .checked_add(8)
            .and_then(|start| bytes.get(start..start.checked_add(len)?))
        else {
            return;
        };
        match kind {
            b"tEXt" => {
                if let Some((key, text)) = split_nul(data) {
                    png_text(key, latin1(text), found);
                }
            }
            b"zTXt" => {
                // keyword NUL, compression method (0 = zlib), compressed text
                if let Some((key, rest)) = split_nul(data) {
                    if let Some(text) = rest.get(1..).and_then(inflate) {
                        png_text(key, latin1(&text), found);
                    }
                }
            }
            b"iTXt" => {
                if let Some((key, text)) = itxt(data) {
                    png_text(key, text, found);
                }
            }
            b"eXIf" => exif_metadata(data, found),
            b"IEND" => return,
            _ => {}
        }
        // length, type, data, CRC
        let Some(next) = at.checked_add(12).and_then(|a| a.checked_add(len)) else {
            return;
        };
        at = next;
    }
}

fn png_text(key: &[u8], text: String, found: &mut Metadata) {
    match key {
        b"Software" => found.software(text),
        b"Comment" | b"Description" => found.comment(text),
        b"XML:com.adobe.xmp" => {
            if let Some(comment) = xmp_user_comment(&text) {
                found.comment(comment);
            }
        }
        _ => {}
    }
}

/// iTXt: keyword NUL, compressed flag, method, language NUL, translated keyword
/// NUL, UTF-8 text (zlib-compressed when the flag is 1).
fn itxt(data: &[u8]) -> Option<(&[u8], String)> {
    let (key, rest) = split_nul(data)?;
    let compressed = *rest.first()? == 1;
    let (_language, rest) = split_nul(rest.get(2..)?)?;
    let (_translated, text) = split_nul(rest)?;
    let text = if compressed {
        String::from_utf8_lossy(&inflate(text)?).into_owned()
    } else {
        String::from_utf8_lossy(text).into_owned()
    };
    Some((key, text))
}

/// The text of an XMP `exif:UserComment` (macOS writes
/// `<exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">Screenshot</rdf:li>`).
fn xmp_user_comment(xmp: &str) -> Option<String> {
    let start = xmp.find("UserComment>")? + "UserComment>".len();
    let inner = xmp.get(start..)?;
    let end = inner.find("UserComment>")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.get(..end)?.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text.trim().to_owned())
}

fn split_nul(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = data.iter().position(|&b| b == 0)?;
    Some((data.get(..i)?, data.get(i + 1..)?))
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn inflate(compressed: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .take(MAX_INFLATED_TEXT)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn jpeg_metadata(bytes: &[u8], found: &mut Metadata) {
    let mut at = 2;
    for _ in 0..MAX_STRUCTURES {
        // Segments: FF, marker, big-endian length that counts itself.
        if bytes.get(at) != Some(&0xFF) {
            return;
        }
        let Some(&marker) = bytes.get(at + 1) else {
            return;
        };
        match marker {
            // padding before a marker
            0xFF => {
                at += 1;
                continue;
            }
            // start of scan or end of image: no metadata segments follow
            0xDA | 0xD9 => return,
            // markers without a length
            0x01 | 0xD0..=0xD7 => {
                at += 2;
                continue;
            }
            _ => {}
        }
        let Some(len) = bytes
            .get(at + 2..at + 4)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return;
        };
        let Some(data) = bytes.get(at + 4..(at + 2).saturating_add(len)) else {
            return;
        };
        if marker == 0xE1 {
            if let Some(tiff) = data.strip_prefix(b"Exif\0\0") {
                exif_metadata(tiff, found);
            }
        }
        at = at.saturating_add(2).saturating_add(len.max(2));
    }
}

/// WebP is RIFF: chunks of a four-letter type, a little-endian length and the data
/// padded to even length; EXIF sits in an `EXIF` chunk.
fn webp_metadata(bytes: &[u8], found: &mut Metadata) {
    let mut at = 12;
    for _ in 0..MAX_STRUCTURES {
        let Some(kind) = bytes.get(at..at + 4) else {
            return;
        };
        let Some(len) = bytes
            .get(at + 4..at + 8)
            .and_then(|b| b.try_into().ok())
            .and_then(|b| usize::try_from(u32::from_le_bytes(b)).ok())
        else {
            return;
        };
        let Some(data) = bytes.get(at + 8..(at + 8).saturating_add(len)) else {
            return;
        };
        if kind == b"EXIF" {
            // Some writers keep JPEG's "Exif\0\0" prefix here.
            exif_metadata(data.strip_prefix(b"Exif\0\0").unwrap_or(data), found);
            return;
        }
        at = at
            .saturating_add(8)
            .saturating_add(len)
            .saturating_add(len % 2);
    }
}

/// A TIFF structure (EXIF): byte order, the first IFD's offset, IFD entries of
/// tag, type, count and a value or an offset to it.
fn exif_metadata(tiff: &[u8], found: &mut Metadata) {
    let little = match tiff.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<usize> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        let v = if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        };
        usize::try_from(v).ok()
    };
    // The value of an entry: inline when it fits in 4 bytes, else at an offset.
    let value = |entry: usize| -> Option<&[u8]> {
        let count = u32_at(entry.checked_add(4)?)?;
        let start = if count <= 4 {
            entry.checked_add(8)?
        } else {
            u32_at(entry.checked_add(8)?)?
        };
        tiff.get(start..start.checked_add(count)?)
    };
    let Some(ifd0) = u32_at(4) else {
        return;
    };
    // IFD0 holds Software; its ExifIFD pointer leads to UserComment. Two IFDs
    // at most, so a loop of pointers cannot spin.
    let mut ifds = vec![ifd0];
    let mut visited = 0;
    while let Some(ifd) = ifds.pop() {
        visited += 1;
        if visited > 2 {
            return;
        }
        let Some(count) = u16_at(ifd) else {
            return;
        };
        for i in 0..usize::from(count).min(MAX_STRUCTURES) {
            let entry = ifd.saturating_add(2).saturating_add(i * 12);
            match u16_at(entry) {
                Some(0x0131) => {
                    if let Some(text) = value(entry) {
                        found.software(ascii_text(text));
                    }
                }
                Some(0x8769) => {
                    if let Some(sub) = u32_at(entry.saturating_add(8)) {
                        ifds.push(sub);
                    }
                }
                Some(0x9286) => {
                    if let Some(comment) = value(entry).and_then(user_comment) {
                        found.comment(comment);
                    }
                }
                Some(_) => {}
                None => return,
            }
        }
    }
}

/// EXIF UserComment: an 8-byte character code, then the text.
fn user_comment(value: &[u8]) -> Option<String> {
    let (code, text) = (value.get(..8)?, value.get(8..)?);
    Some(if code == b"UNICODE\0" {
        // UCS-2 in either byte order; screenshot tools write ASCII text, so
        // dropping the zero bytes recovers it.
        text.iter()
            .filter(|&&b| b != 0)
            .map(|&b| char::from(b))
            .collect()
    } else {
        ascii_text(text)
    })
}

fn ascii_text(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(bytes.get(..end).unwrap_or(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG chunk with a (dummy) CRC: the reader does not check CRCs.
    pub(crate) fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]);
        out
    }

    fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(chunk(b"IHDR", &[0; 13]));
        for c in chunks {
            out.extend_from_slice(c);
        }
        out.extend(chunk(b"IEND", &[]));
        out
    }

    /// A little-endian TIFF/EXIF block with Software in IFD0 and UserComment in
    /// the Exif IFD.
    fn exif(software: &str, comment: &str) -> Vec<u8> {
        let mut t = b"II*\0".to_vec();
        t.extend(8u32.to_le_bytes());
        // IFD0 at 8: 2 entries, next-IFD offset 0 -> 8 + 2 + 24 + 4 = 38
        let software_at = 38u32;
        let exif_ifd_at = software_at + software.len() as u32 + 1;
        t.extend(2u16.to_le_bytes());
        t.extend(0x0131u16.to_le_bytes());
        t.extend(2u16.to_le_bytes());
        t.extend((software.len() as u32 + 1).to_le_bytes());
        t.extend(software_at.to_le_bytes());
        t.extend(0x8769u16.to_le_bytes());
        t.extend(4u16.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        t.extend(exif_ifd_at.to_le_bytes());
        t.extend(0u32.to_le_bytes());
        t.extend(software.as_bytes());
        t.push(0);
        // Exif IFD: 1 entry, then the comment right after it
        let comment_at = exif_ifd_at + 2 + 12 + 4;
        t.extend(1u16.to_le_bytes());
        t.extend(0x9286u16.to_le_bytes());
        t.extend(7u16.to_le_bytes());
        t.extend((comment.len() as u32 + 8).to_le_bytes());
        t.extend(comment_at.to_le_bytes());
        t.extend(0u32.to_le_bytes());
        t.extend(b"ASCII\0\0\0");
        t.extend(comment.as_bytes());
        t
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn recognises_formats_by_bytes() {
        let mut heic = b"\0\0\0\x18ftypheic".to_vec();
        heic.extend([0; 12]);
        let mut bmp = b"BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0".to_vec();
        bmp.extend([0; 40]);
        let mut xlsx = b"PK\x03\x04".to_vec();
        xlsx.extend(b"....[Content_Types].xml....xl/workbook.xml");
        let mut docx = b"PK\x03\x04".to_vec();
        docx.extend(b"....[Content_Types].xml....word/document.xml");
        let mut encrypted = OLE2.to_vec();
        encrypted.extend([0; 100]);
        encrypted.extend(utf16le(b"EncryptedPackage"));
        let mut xls = OLE2.to_vec();
        xls.extend(utf16le(b"Workbook"));
        let mut junk_pdf = vec![b'x'; 900];
        junk_pdf.extend(b"%PDF-1.7\n");
        let mut late_pdf = vec![b'x'; 1100];
        late_pdf.extend(b"%PDF-1.7\n");
        let mut late_nul = vec![b'a'; 5000];
        late_nul.push(0);
        let cases: Vec<(&str, Vec<u8>, Sniffed)> = vec![
            ("pdf", b"%PDF-1.4\n%...".to_vec(), Sniffed::Pdf),
            ("pdf after junk", junk_pdf, Sniffed::Pdf),
            ("pdf header too late is text", late_pdf, Sniffed::Text),
            ("xlsx", xlsx, Sniffed::Xlsx),
            ("docx", docx, Sniffed::Unsupported),
            (
                "png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                Sniffed::Image("png"),
            ),
            (
                "jpeg",
                b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(),
                Sniffed::Image("jpeg"),
            ),
            ("gif", b"GIF89a\x01\0\x01\0".to_vec(), Sniffed::Image("gif")),
            ("bmp", bmp, Sniffed::Image("bmp")),
            ("csv starting with BM", b"BMW;12\n".to_vec(), Sniffed::Text),
            (
                "webp",
                b"RIFF\x24\0\0\0WEBPVP8 ".to_vec(),
                Sniffed::Image("webp"),
            ),
            (
                "wav is not an image",
                b"RIFF\x24\0\0\0WAVEfmt ".to_vec(),
                Sniffed::Unsupported,
            ),
            ("heic", heic, Sniffed::Image("heic")),
            (
                "avif",
                b"\0\0\0\x1cftypavif\0\0\0\0".to_vec(),
                Sniffed::Image("avif"),
            ),
            (
                "mp4",
                b"\0\0\0\x1cftypisom\0\0\0\0".to_vec(),
                Sniffed::Unsupported,
            ),
            (
                "tiff le",
                b"II*\0\x08\0\0\0".to_vec(),
                Sniffed::Image("tiff"),
            ),
            (
                "tiff be",
                b"MM\0*\0\0\0\x08".to_vec(),
                Sniffed::Image("tiff"),
            ),
            (
                "ico",
                b"\0\0\x01\0\x01\0\x10\x10\0\0".to_vec(),
                Sniffed::Image("ico"),
            ),
            ("encrypted xlsx", encrypted, Sniffed::EncryptedOoxml),
            ("xls", xls, Sniffed::Unsupported),
            (
                "elf",
                b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec(),
                Sniffed::Unsupported,
            ),
            ("csv", b"Naam;Loon\nJansen;1,00\n".to_vec(), Sniffed::Text),
            (
                "html",
                b"\xEF\xBB\xBF\n  <!DOCTYPE html><p>".to_vec(),
                Sniffed::Unsupported,
            ),
            (
                "svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
                Sniffed::Unsupported,
            ),
            ("empty", Vec::new(), Sniffed::Text),
            ("utf-16 text", b"\xFF\xFEN\0a\0".to_vec(), Sniffed::Text),
            ("nul in text", b"Naam;\0Loon".to_vec(), Sniffed::Unsupported),
            ("nul late in text", late_nul, Sniffed::Text),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(sniff(&bytes), expected, "{name}");
        }
    }

    #[test]
    fn names_the_screenshot_tool() {
        let mut itxt = b"Software\0\0\0\0\0".to_vec();
        itxt.extend("ShareX".as_bytes());
        let mut compressed_itxt = b"Software\0\x01\0nl\0\0".to_vec();
        compressed_itxt.extend(zlib(b"Snipping Tool"));
        let mut ztxt = b"Software\0\0".to_vec();
        ztxt.extend(zlib(b"Greenshot"));
        let xmp = "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><exif:UserComment><rdf:Alt>\
                   <rdf:li xml:lang=\"x-default\">Screenshot</rdf:li></rdf:Alt>\
                   </exif:UserComment></x:xmpmeta>";
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        let app1 = [b"Exif\0\0".to_vec(), exif("Photos 1.0", "Screenshot")].concat();
        jpeg.extend(((app1.len() + 2) as u16).to_be_bytes());
        jpeg.extend(app1);
        jpeg.extend([0xFF, 0xDA, 0, 2]);
        let mut webp = b"RIFF\0\0\0\0WEBPEXIF".to_vec();
        let tiff = exif("GIMP 2.10", "");
        webp.extend((tiff.len() as u32).to_le_bytes());
        webp.extend(tiff);

        let cases: Vec<(&str, &str, Vec<u8>, Option<&str>)> = vec![
            (
                "png tEXt",
                "png",
                png(&[chunk(b"tEXt", b"Software\0gnome-screenshot\0\x07")]),
                Some("gnome-screenshot"),
            ),
            (
                "png iTXt",
                "png",
                png(&[chunk(b"iTXt", &itxt)]),
                Some("ShareX"),
            ),
            (
                "png compressed iTXt",
                "png",
                png(&[chunk(b"iTXt", &compressed_itxt)]),
                Some("Snipping Tool"),
            ),
            (
                "png zTXt",
                "png",
                png(&[chunk(b"zTXt", &ztxt)]),
                Some("Greenshot"),
            ),
            (
                "png macOS XMP",
                "png",
                png(&[chunk(b"iTXt", xmp.as_bytes())]),
                Some("Screenshot"),
            ),
            (
                "png eXIf comment beats software",
                "png",
                png(&[
                    chunk(b"tEXt", b"Software\0macOS"),
                    chunk(b"eXIf", &exif("x", "Screenshot")),
                ]),
                Some("Screenshot"),
            ),
            (
                "png other text only",
                "png",
                png(&[chunk(b"tEXt", b"Title\0loonstaat")]),
                None,
            ),
            ("jpeg exif", "jpeg", jpeg, Some("Screenshot")),
            ("webp exif software", "webp", webp, Some("GIMP 2.10")),
            (
                "tiff software",
                "tiff",
                exif("scanner", "no"),
                Some("scanner"),
            ),
            ("gif has none", "gif", b"GIF89a".to_vec(), None),
        ];
        for (name, format, bytes, expected) in cases {
            assert_eq!(image_tool(format, &bytes).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn hostile_metadata_gives_no_tool_and_no_panic() {
        let huge_len = [
            &b"\x89PNG\r\n\x1a\n\xff\xff\xff\xfftEXt"[..],
            b"Software\0x",
        ]
        .concat();
        let mut ifd_loop = b"II*\0\x08\0\0\0\x01\0\x69\x87\x04\0\x01\0\0\0\x08\0\0\0".to_vec();
        ifd_loop.extend([0; 4]);
        let cases: Vec<(&str, &str, Vec<u8>)> = vec![
            ("png chunk longer than the file", "png", huge_len),
            ("png truncated", "png", b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
            (
                "jpeg segment past the end",
                "jpeg",
                b"\xFF\xD8\xFF\xE1\xFF\xFFExif".to_vec(),
            ),
            (
                "jpeg zero length",
                "jpeg",
                b"\xFF\xD8\xFF\xE1\0\0\xFF\xE1\0\0".to_vec(),
            ),
            ("exif ifd pointing at itself", "tiff", ifd_loop),
            (
                "exif offset past the end",
                "tiff",
                b"MM\0*\xff\xff\xff\xff".to_vec(),
            ),
            (
                "webp chunk past the end",
                "webp",
                b"RIFF\0\0\0\0WEBPEXIF\xff\xff\xff\xff".to_vec(),
            ),
            (
                "zlib garbage",
                "png",
                png(&[chunk(b"zTXt", b"Software\0\0not zlib at all")]),
            ),
        ];
        for (name, format, bytes) in cases {
            assert_eq!(image_tool(format, &bytes), None, "{name}");
        }
    }
}
