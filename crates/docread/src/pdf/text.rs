//! From character codes to text: simple fonts (WinAnsi, MacRoman, Standard
//! encodings with /Differences) and ToUnicode CMaps, which LibreOffice, Chromium
//! and office exports write for their Identity-H subset fonts. Also the glyph
//! widths that place the next character.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::file::File;
use super::lex::{Dict, Lexer, Obj, Token};
use super::Error;

/// A CMap never needs more entries than 2-byte codes allow; bigger ones are cut.
const MAX_CMAP_ENTRIES: usize = 65_536;

/// Windows-1252's 0x80–0x9F (the rest of WinAnsi is ASCII and Latin-1).
const CP1252_HIGH: &str = "€\u{fffd}‚ƒ„…†‡ˆ‰Š‹Œ\u{fffd}Ž\u{fffd}\u{fffd}‘’“”•–—˜™š›œ\u{fffd}žŸ";
/// MacRoman's 0x80–0xFF.
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/// Glyph names of WinAnsi codes 0x20–0xFF in order ("" where none): enough of
/// the Adobe glyph list for /Differences in Dutch and English documents.
const WINANSI_NAMES: [&str; 224] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "",
    "Euro",
    "",
    "quotesinglbase",
    "florin",
    "quotedblbase",
    "ellipsis",
    "dagger",
    "daggerdbl",
    "circumflex",
    "perthousand",
    "Scaron",
    "guilsinglleft",
    "OE",
    "",
    "Zcaron",
    "",
    "",
    "quoteleft",
    "quoteright",
    "quotedblleft",
    "quotedblright",
    "bullet",
    "endash",
    "emdash",
    "tilde",
    "trademark",
    "scaron",
    "guilsinglright",
    "oe",
    "",
    "zcaron",
    "Ydieresis",
    "nbspace",
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "sfthyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// The WinAnsi character of a byte (also used, close enough, for PDFDocEncoding).
pub fn win_ansi(b: u8) -> Option<char> {
    match b {
        0x20..=0x7e | 0xa0..=0xff => Some(char::from(b)),
        0x80..=0x9f => CP1252_HIGH
            .chars()
            .nth(usize::from(b - 0x80))
            .filter(|c| *c != '\u{fffd}'),
        _ => None,
    }
}

fn mac_roman(b: u8) -> Option<char> {
    match b {
        0x20..=0x7e => Some(char::from(b)),
        0x80..=0xff => MAC_ROMAN_HIGH.chars().nth(usize::from(b - 0x80)),
        _ => None,
    }
}

/// StandardEncoding: ASCII but for its curly quotes; its upper half is only
/// met together with /Differences.
fn standard(b: u8) -> Option<char> {
    match b {
        b'\'' => Some('’'),
        b'`' => Some('‘'),
        0x20..=0x7e => Some(char::from(b)),
        _ => None,
    }
}

fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(i) = WINANSI_NAMES.iter().position(|n| *n == name) {
        return u8::try_from(i + 0x20).ok().and_then(win_ansi);
    }
    match name {
        "fi" => return Some('ﬁ'),
        "fl" => return Some('ﬂ'),
        _ => {}
    }
    // uniXXXX and uXXXX[XX] name any Unicode character.
    let hex = match name.strip_prefix("uni") {
        Some(h) => h.get(..4)?,
        None => name
            .strip_prefix('u')
            .filter(|h| (4..=6).contains(&h.len()))?,
    };
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// Maps keyed by character code, looked up once per glyph: SipHash (the std
/// default, made against flooding by chosen keys) costs more than the rest of
/// the glyph's work. Codes are at most 4 bytes and maps at most 65,536 entries;
/// a multiplicative hash folded high into low spreads even codes that share
/// their low bits.
type CodeMap<V> = HashMap<u32, V, BuildHasherDefault<CodeHasher>>;

#[derive(Default)]
struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u32(u32::from(*b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        let h = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

pub struct Font {
    /// Bytes per character code: 2 for composite (Type0) fonts.
    code_len: usize,
    to_unicode: CodeMap<String>,
    /// Simple fonts: the character per code from the encoding.
    encoding: Option<Vec<Option<char>>>,
    widths: CodeMap<f64>,
    default_width: f64,
    /// Glyph space to text space: 1/1000 except for Type3 fonts' FontMatrix.
    scale: f64,
    /// Codes below 256 by table once [`Font::finish`] ran: the width, and the
    /// text as a range of `pool`, or as its one character when it is one.
    /// Simple fonts' codes are all below 256.
    low: Vec<(f64, u32, u32, Option<char>)>,
    pool: String,
}

impl Font {
    /// Without a usable font (missing, broken) text still reads as WinAnsi with
    /// average widths, rather than vanish.
    pub fn fallback() -> Font {
        Font {
            code_len: 1,
            to_unicode: CodeMap::default(),
            encoding: Some((0..=255u8).map(win_ansi).collect()),
            widths: CodeMap::default(),
            default_width: 500.0,
            scale: 0.001,
            low: Vec::new(),
            pool: String::new(),
        }
    }

    /// Tabulates the codes below 256 (after loading: the maps no longer change).
    pub fn finish(&mut self) {
        self.low.clear();
        let mut pool = String::new();
        let mut low = Vec::with_capacity(256);
        for code in 0..256u32 {
            let start = pool.len();
            self.push_text_mapped(code, &mut pool);
            let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(pool.len())) else {
                return;
            };
            let mut chars = pool.get(start as usize..).unwrap_or("").chars();
            let one = match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            };
            low.push((self.width_mapped(code), start, end, one));
        }
        self.low = low;
        self.pool = pool;
    }

    pub fn load(file: &mut File, dict: &Dict) -> Result<Font, Error> {
        let mut font = Font::fallback();
        let subtype = file.entry(dict, b"Subtype")?;
        if subtype.as_name() == Some(b"Type0") {
            font.code_len = 2;
            font.encoding = None;
            font.default_width = 1000.0;
            let descendants = file.entry(dict, b"DescendantFonts")?;
            let first = match &descendants {
                Obj::Array(a) => a.first().cloned().unwrap_or(Obj::Null),
                _ => Obj::Null,
            };
            if let Obj::Dict(cid) = file.resolve_lenient(&first)? {
                if let Some(dw) = file.entry(&cid, b"DW")?.as_f64() {
                    font.default_width = dw;
                }
                if let Obj::Array(w) = file.entry(&cid, b"W")? {
                    font.cid_widths(file, &w)?;
                }
            }
        } else {
            let base = file.entry(dict, b"BaseFont")?;
            if base.as_name().is_some_and(|n| n.starts_with(b"Courier")) {
                font.default_width = 600.0;
            }
            if let Obj::Array(w) = file.entry(dict, b"Widths")? {
                let first = file.entry(dict, b"FirstChar")?.as_int().unwrap_or(0);
                for (i, w) in w.iter().take(256).enumerate() {
                    if let (Ok(code), Some(w)) = (
                        u32::try_from(first.saturating_add(i as i64)),
                        file.resolve_lenient(w)?.as_f64(),
                    ) {
                        font.widths.insert(code, w);
                    }
                }
                font.default_width = match file.entry(dict, b"FontDescriptor")? {
                    Obj::Dict(fd) => file.entry(&fd, b"MissingWidth")?.as_f64().unwrap_or(0.0),
                    _ => 0.0,
                };
            }
            if subtype.as_name() == Some(b"Type3") {
                if let Obj::Array(m) = file.entry(dict, b"FontMatrix")? {
                    font.scale = m.first().and_then(Obj::as_f64).unwrap_or(0.001);
                }
            }
            font.encoding = Some(simple_encoding(file, dict)?);
        }
        if let Obj::Stream(d, start, end) = file.entry(dict, b"ToUnicode")? {
            // A ToUnicode map that does not decode leaves the encoding to do.
            match file.decode(&d, start, end) {
                Ok(data) => font.read_to_unicode(&data, &mut |n| file.charge_font_work(n))?,
                Err(Error::TooBig) => return Err(Error::TooBig),
                Err(_) => {}
            }
        }
        font.finish();
        Ok(font)
    }

    fn cid_widths(&mut self, file: &mut File, w: &[Obj]) -> Result<(), Error> {
        let mut i = 0;
        while let Some(first) = w.get(i).and_then(Obj::as_int) {
            match w.get(i + 1) {
                Some(Obj::Array(ws)) => {
                    for (k, width) in ws.iter().enumerate() {
                        if let (Ok(code), Some(width)) = (
                            u32::try_from(first.saturating_add(k as i64)),
                            width.as_f64(),
                        ) {
                            self.add_width(code, width);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = file.resolve_lenient(last)?.as_int().unwrap_or(first);
                    let width = w
                        .get(i + 2)
                        .and_then(Obj::as_f64)
                        .unwrap_or(self.default_width);
                    let span = last.saturating_sub(first).clamp(0, 65_535);
                    file.charge_font_work(usize::try_from(span).unwrap_or(0) + 1)?;
                    for code in first.max(0)..=last.min(first.saturating_add(65_535)) {
                        if let Ok(code) = u32::try_from(code) {
                            self.add_width(code, width);
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
        Ok(())
    }

    fn add_width(&mut self, code: u32, width: f64) {
        if self.widths.len() < MAX_CMAP_ENTRIES {
            self.widths.insert(code, width);
        }
    }

    /// Reads bfchar/bfrange maps; `charge` counts the work of expanding ranges.
    fn read_to_unicode(
        &mut self,
        data: &[u8],
        charge: &mut dyn FnMut(usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut lex = Lexer::content(data);
        let mut code_lens = Vec::new();
        let mut operands: Vec<Obj> = Vec::new();
        while let Ok(Some(tok)) = lex.token() {
            let op = match tok {
                Token::Obj(o) => {
                    operands.push(o);
                    // Only the operands of the current section matter.
                    if operands.len() > 3 * 100 + 3 {
                        operands.clear();
                    }
                    continue;
                }
                Token::Keyword(k) => k,
            };
            match op {
                b"endcodespacerange" => {
                    for lo in operands.iter().step_by(2) {
                        if let Obj::Str(s) = lo {
                            code_lens.push(s.len());
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let [Obj::Str(src), dst] = pair {
                            if let Some(text) = dst_text(dst) {
                                self.map(be(src), text);
                            }
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        let [Obj::Str(lo), Obj::Str(hi), dst] = triple else {
                            continue;
                        };
                        let (lo, hi) = (be(lo), be(hi));
                        charge(hi.saturating_sub(lo).min(65_535) as usize + 1)?;
                        for (k, code) in (lo..=hi.min(lo.saturating_add(65_535))).enumerate() {
                            let text = match dst {
                                Obj::Str(s) => {
                                    // The last UTF-16 unit counts up along the range.
                                    let mut units = utf16_units(s);
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(k as u16);
                                    }
                                    Some(String::from_utf16_lossy(&units))
                                }
                                Obj::Array(a) => a.get(k).and_then(dst_text),
                                _ => None,
                            };
                            if let Some(text) = text {
                                self.map(code, text);
                            }
                            if self.to_unicode.len() >= MAX_CMAP_ENTRIES {
                                break;
                            }
                        }
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        // Composite fonts with one-byte code space ranges (rare) read bytewise.
        if self.encoding.is_none() && !code_lens.is_empty() && code_lens.iter().all(|l| *l == 1) {
            self.code_len = 1;
        }
        Ok(())
    }

    fn map(&mut self, code: u32, text: String) {
        if self.to_unicode.len() < MAX_CMAP_ENTRIES {
            self.to_unicode.insert(code, text);
        }
    }

    /// The character codes of a string operand.
    pub fn codes<'s>(&self, s: &'s [u8]) -> impl Iterator<Item = u32> + 's {
        s.chunks(self.code_len).map(be)
    }

    /// Appends a string's text and returns how far it moves along the
    /// baseline before horizontal scaling: per glyph its width times `size`
    /// plus `char_space`, and `word_space` after a single-byte space, summed
    /// glyph by glyph.
    pub fn show(
        &self,
        s: &[u8],
        out: &mut String,
        size: f64,
        char_space: f64,
        word_space: f64,
    ) -> f64 {
        let mut advance = 0.0;
        if self.code_len != 1 {
            for code in self.codes(s) {
                self.push_text(code, out);
                advance += self.width(code) * size + char_space;
            }
            return advance;
        }
        // Single-byte codes (simple fonts, most office exports' text) are each
        // one look-up in the table of the low codes, text and width at once.
        for &b in s {
            let width = match self.low.get(usize::from(b)) {
                Some(&(width, _, _, Some(c))) => {
                    out.push(c);
                    width
                }
                Some(&(width, start, end, None)) => {
                    out.push_str(self.pool.get(start as usize..end as usize).unwrap_or(""));
                    width
                }
                None => {
                    self.push_text_mapped(u32::from(b), out);
                    self.width_mapped(u32::from(b))
                }
            };
            advance += width * size + char_space;
            if b == b' ' {
                advance += word_space;
            }
        }
        advance
    }

    /// Appends the text of one code; unknown codes add nothing. Control
    /// characters carry no text and are left out; tabs and no-break spaces are
    /// gaps and become spaces.
    #[inline]
    pub fn push_text(&self, code: u32, out: &mut String) {
        match self.low.get(code as usize) {
            Some(&(_, _, _, Some(c))) => out.push(c),
            Some(&(_, start, end, None)) => {
                out.push_str(self.pool.get(start as usize..end as usize).unwrap_or(""));
            }
            None => self.push_text_mapped(code, out),
        }
    }

    fn push_text_mapped(&self, code: u32, out: &mut String) {
        if let Some(t) = self.to_unicode.get(&code) {
            if t.chars().all(|c| !c.is_control() && c != '\u{a0}') {
                out.push_str(t);
            } else {
                t.chars().for_each(|c| push_clean(c, out));
            }
        } else if let Some(c) = self
            .encoding
            .as_ref()
            .and_then(|e| e.get(code as usize).copied().flatten())
        {
            push_clean(c, out);
        }
    }

    /// Advance width in text space units per unit of font size.
    #[inline]
    pub fn width(&self, code: u32) -> f64 {
        match self.low.get(code as usize) {
            Some(&(width, _, _, _)) => width,
            None => self.width_mapped(code),
        }
    }

    fn width_mapped(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

fn push_clean(c: char, out: &mut String) {
    match c {
        '\t' | '\u{a0}' => out.push(' '),
        c if c.is_control() => {}
        c => out.push(c),
    }
}

fn simple_encoding(file: &mut File, dict: &Dict) -> Result<Vec<Option<char>>, Error> {
    let table = |name: Option<&[u8]>| -> Vec<Option<char>> {
        let f: fn(u8) -> Option<char> = match name {
            Some(b"MacRomanEncoding") => mac_roman,
            Some(b"StandardEncoding") => standard,
            _ => win_ansi,
        };
        (0..=255u8).map(f).collect()
    };
    Ok(match file.entry(dict, b"Encoding")? {
        Obj::Name(n) => table(Some(&n)),
        Obj::Dict(d) => {
            let base = file.entry(&d, b"BaseEncoding")?;
            let mut enc = table(base.as_name());
            if let Obj::Array(diffs) = file.entry(&d, b"Differences")? {
                let mut code = 0usize;
                for item in diffs {
                    match item {
                        Obj::Int(c) => code = usize::try_from(c).unwrap_or(usize::MAX),
                        Obj::Name(n) => {
                            if let Some(slot) = enc.get_mut(code) {
                                *slot = glyph_char(&n);
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
            }
            enc
        }
        _ => table(None),
    })
}

fn dst_text(dst: &Obj) -> Option<String> {
    match dst {
        Obj::Str(s) => Some(String::from_utf16_lossy(&utf16_units(s))),
        Obj::Name(n) => glyph_char(n).map(String::from),
        _ => None,
    }
}

fn utf16_units(s: &[u8]) -> Vec<u16> {
    s.chunks(2)
        .map(|c| match c {
            [hi, lo] => u16::from_be_bytes([*hi, *lo]),
            [b] => u16::from(*b),
            _ => 0,
        })
        .collect()
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| acc << 8 | u32::from(*b))
}

/// A text string outside content streams (document information): UTF-16BE with
/// its byte-order mark, UTF-8 with its mark (PDF 2.0), else PDFDocEncoding.
pub fn text_string(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(&[0xfe, 0xff]) {
        String::from_utf16_lossy(&utf16_units(rest))
    } else if let Some(rest) = s.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        s.iter().filter_map(|b| win_ansi(*b)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmaps_map_codes_and_ranges() {
        let mut font = Font::fallback();
        font.encoding = None;
        font.code_len = 2;
        font.read_to_unicode(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
              2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <00EB>] endbfrange",
            &mut |_| Ok(()),
        )
        .unwrap_or(());
        let mut out = String::new();
        for code in font.codes(&[0, 0x24, 0, 0x26, 0, 3, 0, 0x11, 0, 0x31, 0, 0x99]) {
            font.push_text(code, &mut out);
        }
        assert_eq!(out, "AC fië");
    }

    #[test]
    fn encodings_and_glyph_names() {
        assert_eq!(win_ansi(0x80), Some('€'));
        assert_eq!(win_ansi(0xe9), Some('é'));
        assert_eq!(win_ansi(0x81), None);
        assert_eq!(mac_roman(0x8e), Some('é'));
        assert_eq!(glyph_char(b"eacute"), Some('é'));
        assert_eq!(glyph_char(b"uni20AC"), Some('€'));
        assert_eq!(glyph_char(b"Euro"), Some('€'));
        assert_eq!(MAC_ROMAN_HIGH.chars().count(), 128);
        assert_eq!(CP1252_HIGH.chars().count(), 32);
        assert_eq!(text_string(b"\xfe\xff\x00S\x00n"), "Sn");
        assert_eq!(text_string(b"LibreOffice 7.4"), "LibreOffice 7.4");
    }
}
