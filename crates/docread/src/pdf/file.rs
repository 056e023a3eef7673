//! The file structure: where each object lives (cross-reference tables and
//! streams, with a scan of the whole file for `n g obj` when those are broken),
//! object streams, and stream filters. Inflating is bounded per stream and in
//! total, so a decompression bomb ends as [`Error::TooBig`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use miniz_oxide::inflate::core::DecompressorOxide;

use super::lex::{is_delim, is_white, Dict, Lexer, Obj, Token};
use super::Error;

/// One stream may unpack to at most this many bytes...
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// ...and all streams of a file together to this, counting a stream each time
/// it is decoded (pages sharing a content stream, forms drawn again): the
/// Worker has 128 MB, and this also bounds the time spent reading content.
const MAX_TOTAL_DECODED: usize = 64 * 1024 * 1024;
/// Work units for expanding font tables (CMap ranges, width runs) per file.
const MAX_FONT_WORK: usize = 20_000_000;
/// More objects than this in one file is not a payroll statement.
const MAX_OBJECTS: usize = 1_000_000;
/// Incremental updates chain cross-reference sections; real files have a few.
const MAX_XREF_SECTIONS: usize = 64;
/// References to references: a chain longer than this is a loop.
const MAX_REF_HOPS: usize = 16;

#[derive(Debug, Clone, Copy)]
enum Loc {
    Offset(usize),
    /// In object stream `.0`, at index `.1`.
    InStream(u32, usize),
}

struct ObjStm {
    data: Vec<u8>,
    /// Object number and offset (from the start of `data`) per index.
    entries: Vec<(u32, usize)>,
}

pub struct File<'a> {
    bytes: &'a [u8],
    locs: HashMap<u32, Loc>,
    /// Objects found by scanning, built the first time the cross-reference
    /// data is missing or points at the wrong place.
    scanned: Option<HashMap<u32, Loc>>,
    object_streams: HashMap<u32, Rc<ObjStm>>,
    /// Where `endstream` keywords are, for streams whose /Length is wrong.
    endstreams: Option<Vec<usize>>,
    decoded: usize,
    font_work: usize,
    /// One inflater for every stream: its tables are 10 KB, a page's content 2.
    inflater: Box<DecompressorOxide>,
    pub trailer: Dict,
}

impl<'a> File<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<File<'a>, Error> {
        let head = bytes.get(..1024).unwrap_or(bytes);
        if find(head, b"%PDF-").is_none() {
            return Err(Error::Corrupt);
        }
        let mut file = File {
            bytes,
            locs: HashMap::new(),
            scanned: None,
            object_streams: HashMap::new(),
            endstreams: None,
            decoded: 0,
            font_work: 0,
            inflater: Box::default(),
            trailer: Dict::default(),
        };
        match file.read_xref() {
            Ok(()) if file.trailer_root_ok() => {}
            Ok(()) | Err(Error::Corrupt | Error::Unsupported) => {
                // The cross-reference data is unusable: rebuild it from the body.
                file.locs.clear();
                file.trailer = Dict::default();
                file.rebuild()?;
            }
            Err(e) => return Err(e),
        }
        Ok(file)
    }

    fn trailer_root_ok(&mut self) -> bool {
        let root = self.trailer.get(b"Root").cloned();
        matches!(root.map(|r| self.resolve(&r)), Some(Ok(Obj::Dict(_))))
    }

    /// Follows `startxref` and the /Prev chain; the newest entry of an object wins.
    fn read_xref(&mut self) -> Result<(), Error> {
        let at = rfind(self.bytes, b"startxref").ok_or(Error::Corrupt)?;
        let mut lex = Lexer::new(self.bytes, at + b"startxref".len());
        let mut next = match lex.token()? {
            Some(Token::Obj(Obj::Int(n))) => usize::try_from(n).ok(),
            _ => None,
        };
        let mut seen = HashSet::new();
        while let Some(offset) = next.take() {
            if !seen.insert(offset) || seen.len() > MAX_XREF_SECTIONS {
                break;
            }
            let trailer = self.read_xref_section(offset)?;
            if let Some(stm) = trailer.get(b"XRefStm").and_then(Obj::as_int) {
                // Hybrid files: the table's objects plus those in the stream.
                if let Ok(offset) = usize::try_from(stm) {
                    self.read_xref_section(offset)?;
                }
            }
            next = trailer
                .get(b"Prev")
                .and_then(Obj::as_int)
                .and_then(|p| usize::try_from(p).ok());
            for (k, v) in trailer.0 {
                if self.trailer.get(&k).is_none() {
                    self.trailer.0.push((k, v));
                }
            }
        }
        Ok(())
    }

    fn read_xref_section(&mut self, offset: usize) -> Result<Dict, Error> {
        let mut lex = Lexer::new(self.bytes, offset);
        lex.skip_white();
        if lex.rest().starts_with(b"xref") {
            lex.pos += 4;
            return self.read_xref_table(lex);
        }
        let Obj::Stream(dict, start, end) = self.object_at(offset, None)? else {
            return Err(Error::Corrupt);
        };
        let data = self.decode(&dict, start, end)?;
        let widths: Vec<usize> = match dict.get(b"W") {
            Some(Obj::Array(w)) if w.len() == 3 => w
                .iter()
                .map(|x| {
                    x.as_int()
                        .and_then(|x| usize::try_from(x).ok())
                        .unwrap_or(9)
                })
                .collect(),
            _ => return Err(Error::Corrupt),
        };
        if widths.iter().any(|w| *w > 8) {
            return Err(Error::Corrupt);
        }
        let row: usize = widths.iter().sum();
        if row == 0 {
            return Err(Error::Corrupt);
        }
        let size = dict.get(b"Size").and_then(Obj::as_int).unwrap_or(0);
        let index: Vec<i64> = match dict.get(b"Index") {
            Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_int).collect(),
            _ => vec![0, size],
        };
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (Some(first), Some(count)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            for i in 0..*count {
                let Some(r) = rows.next() else {
                    return Ok(dict);
                };
                let (f1, rest) = r.split_at(widths[0].min(r.len()));
                let (f2, f3) = rest.split_at(widths[1].min(rest.len()));
                let kind = if f1.is_empty() { 1 } else { be(f1) };
                let Ok(num) = u32::try_from(first.saturating_add(i)) else {
                    continue;
                };
                let loc = match kind {
                    1 => Loc::Offset(usize::try_from(be(f2)).unwrap_or(usize::MAX)),
                    2 => Loc::InStream(
                        u32::try_from(be(f2)).unwrap_or(u32::MAX),
                        usize::try_from(be(f3)).unwrap_or(usize::MAX),
                    ),
                    _ => continue,
                };
                self.add(num, loc)?;
            }
        }
        Ok(dict)
    }

    fn read_xref_table(&mut self, mut lex: Lexer<'a>) -> Result<Dict, Error> {
        loop {
            match lex.token()? {
                Some(Token::Keyword(b"trailer")) => {
                    return match lex.object()? {
                        Obj::Dict(d) => Ok(d),
                        _ => Err(Error::Corrupt),
                    };
                }
                Some(Token::Obj(Obj::Int(first))) => {
                    let Some(Token::Obj(Obj::Int(count))) = lex.token()? else {
                        return Err(Error::Corrupt);
                    };
                    for i in 0..count.max(0) {
                        let (Some(Token::Obj(Obj::Int(off))), Some(_), Some(Token::Keyword(kind))) =
                            (lex.token()?, lex.token()?, lex.token()?)
                        else {
                            return Err(Error::Corrupt);
                        };
                        if kind == b"n" {
                            let num = u32::try_from(first.saturating_add(i))
                                .map_err(|_| Error::Corrupt)?;
                            let off = usize::try_from(off).map_err(|_| Error::Corrupt)?;
                            self.add(num, Loc::Offset(off))?;
                        }
                    }
                }
                _ => return Err(Error::Corrupt),
            }
        }
    }

    /// The first location seen wins: sections are read newest first.
    fn add(&mut self, num: u32, loc: Loc) -> Result<(), Error> {
        if self.locs.len() >= MAX_OBJECTS {
            return Err(Error::TooBig);
        }
        self.locs.entry(num).or_insert(loc);
        Ok(())
    }

    /// Without usable cross-reference data: every `n g obj` in the file (later
    /// ones win, as incremental updates append), the objects inside object
    /// streams, and the trailer from the last `trailer` or xref stream.
    fn rebuild(&mut self) -> Result<(), Error> {
        let scanned = self.scan()?.clone();
        let mut locs: HashMap<u32, Loc> = HashMap::new();
        let mut trailer = Dict::default();
        let mut catalog = None;
        let mut offsets: Vec<(u32, usize)> = scanned
            .iter()
            .filter_map(|(n, l)| match l {
                Loc::Offset(o) => Some((*n, *o)),
                Loc::InStream(..) => None,
            })
            .collect();
        offsets.sort_by_key(|(_, o)| *o);
        for (num, offset) in offsets {
            let Ok(obj) = self.object_at(offset, Some(num)) else {
                continue;
            };
            let Some(dict) = obj.as_dict() else { continue };
            match dict.get(b"Type").and_then(Obj::as_name) {
                Some(b"ObjStm") => {
                    if let Ok(stm) = self.object_stream(num, &obj) {
                        for (i, (n, _)) in stm.entries.iter().enumerate() {
                            locs.entry(*n).or_insert(Loc::InStream(num, i));
                        }
                    }
                }
                Some(b"XRef") => merge(&mut trailer, dict),
                Some(b"Catalog") => catalog = Some(num),
                _ => {}
            }
        }
        // Direct objects override those in object streams.
        locs.extend(scanned);
        if locs.len() > MAX_OBJECTS {
            return Err(Error::TooBig);
        }
        let mut at = 0;
        while let Some(i) = self.bytes.get(at..).and_then(|b| find(b, b"trailer")) {
            let pos = at + i + b"trailer".len();
            if let Ok(Obj::Dict(d)) = Lexer::new(self.bytes, pos).object() {
                merge(&mut trailer, &d);
            }
            at = pos;
        }
        if trailer.get(b"Root").is_none() {
            if let Some(num) = catalog {
                trailer.0.push((b"Root".to_vec(), Obj::Ref(num, 0)));
            }
        }
        self.locs = locs;
        self.trailer = trailer;
        Ok(())
    }

    /// Every `n g obj` header in the file, the last one per number.
    fn scan(&mut self) -> Result<&HashMap<u32, Loc>, Error> {
        if self.scanned.is_none() {
            self.scanned = Some(self.scan_body()?);
        }
        self.scanned.as_ref().ok_or(Error::Corrupt)
    }

    fn scan_body(&self) -> Result<HashMap<u32, Loc>, Error> {
        let b = self.bytes;
        let mut found = HashMap::new();
        let mut at = 0;
        while let Some(i) = b.get(at..).and_then(|r| find(r, b"obj")) {
            let kw = at + i;
            at = kw + 3;
            if b.get(kw + 3)
                .is_some_and(|c| !is_white(*c) && !is_delim(*c))
            {
                continue;
            }
            if let Some((num, start)) = header_before(b, kw) {
                found.insert(num, Loc::Offset(start));
                if found.len() > MAX_OBJECTS {
                    return Err(Error::TooBig);
                }
            }
        }
        Ok(found)
    }

    /// Object `num`, references followed; a missing object is null (as the
    /// specification says), a broken one an error.
    pub fn get(&mut self, num: u32) -> Result<Obj, Error> {
        let loc = self.locs.get(&num).copied();
        let found = match loc {
            Some(Loc::Offset(o)) => self.object_at(o, Some(num)),
            Some(Loc::InStream(s, i)) => self.in_stream(s, i, num),
            None => return Ok(Obj::Null),
        };
        match found {
            Ok(o) => Ok(o),
            Err(Error::Corrupt) => {
                // The xref pointed at the wrong place: try where a scan finds it.
                match self.scan()?.get(&num).copied() {
                    Some(Loc::Offset(o)) if !matches!(loc, Some(Loc::Offset(x)) if x == o) => {
                        self.object_at(o, Some(num))
                    }
                    _ => Err(Error::Corrupt),
                }
            }
            Err(e) => Err(e),
        }
    }

    pub fn resolve(&mut self, obj: &Obj) -> Result<Obj, Error> {
        let mut obj = obj.clone();
        for _ in 0..MAX_REF_HOPS {
            match obj {
                Obj::Ref(n, _) => obj = self.get(n)?,
                other => return Ok(other),
            }
        }
        Err(Error::Corrupt)
    }

    /// A dictionary entry, resolved; absent or broken entries are null.
    pub fn entry(&mut self, dict: &Dict, key: &[u8]) -> Result<Obj, Error> {
        match dict.get(key) {
            Some(o) => self.resolve_lenient(o),
            None => Ok(Obj::Null),
        }
    }

    /// Like [`File::resolve`], but a broken object counts as missing: one bad font
    /// or page must not hide the rest. Limits still stop the whole read.
    pub fn resolve_lenient(&mut self, obj: &Obj) -> Result<Obj, Error> {
        match self.resolve(obj) {
            Err(Error::Corrupt) => Ok(Obj::Null),
            other => other,
        }
    }

    fn in_stream(&mut self, stm: u32, index: usize, num: u32) -> Result<Obj, Error> {
        let stream = match self.object_streams.get(&stm) {
            Some(s) => s.clone(),
            None => {
                let obj = match self.locs.get(&stm) {
                    Some(Loc::Offset(o)) => self.object_at(*o, Some(stm))?,
                    _ => return Err(Error::Corrupt),
                };
                self.object_stream(stm, &obj)?
            }
        };
        let (n, offset) = stream.entries.get(index).copied().ok_or(Error::Corrupt)?;
        if n != num {
            return Err(Error::Corrupt);
        }
        let obj = Lexer::new(&stream.data, offset).object()?;
        // Streams cannot live in object streams; offsets would point elsewhere.
        match obj {
            Obj::Stream(..) => Err(Error::Corrupt),
            o => Ok(o),
        }
    }

    fn object_stream(&mut self, num: u32, obj: &Obj) -> Result<Rc<ObjStm>, Error> {
        let Obj::Stream(dict, start, end) = obj else {
            return Err(Error::Corrupt);
        };
        let data = self.decode(dict, *start, *end)?;
        let n = dict.get(b"N").and_then(Obj::as_int).unwrap_or(0);
        let first = dict
            .get(b"First")
            .and_then(Obj::as_int)
            .and_then(|f| usize::try_from(f).ok())
            .ok_or(Error::Corrupt)?;
        let mut entries = Vec::new();
        let mut lex = Lexer::new(&data, 0);
        for _ in 0..n.max(0) {
            let (Some(Token::Obj(Obj::Int(num))), Some(Token::Obj(Obj::Int(off)))) =
                (lex.token()?, lex.token()?)
            else {
                break;
            };
            let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) else {
                break;
            };
            entries.push((num, first.saturating_add(off)));
        }
        let stm = Rc::new(ObjStm { data, entries });
        self.object_streams.insert(num, stm.clone());
        Ok(stm)
    }

    /// The object whose `n g obj` header starts at `offset`.
    fn object_at(&mut self, offset: usize, num: Option<u32>) -> Result<Obj, Error> {
        let mut lex = Lexer::new(self.bytes, offset);
        let (
            Some(Token::Obj(Obj::Int(n))),
            Some(Token::Obj(Obj::Int(_))),
            Some(Token::Keyword(b"obj")),
        ) = (lex.token()?, lex.token()?, lex.token()?)
        else {
            return Err(Error::Corrupt);
        };
        if num.is_some_and(|want| i64::from(want) != n) {
            return Err(Error::Corrupt);
        }
        let obj = lex.object()?;
        let Obj::Dict(dict) = obj else {
            return Ok(obj);
        };
        if !matches!(lex.token(), Ok(Some(Token::Keyword(b"stream")))) {
            return Ok(Obj::Dict(dict));
        }
        // The data starts after the end-of-line that follows `stream`.
        let mut start = lex.pos;
        if self.bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let length = match dict.get(b"Length") {
            Some(Obj::Int(l)) => usize::try_from(*l).ok(),
            // An indirect length: only a plain integer object, never a stream
            // (resolving streams here could recurse).
            Some(Obj::Ref(r, _)) => match self.locs.get(r).copied() {
                Some(Loc::Offset(o)) if o != offset => {
                    let mut l = Lexer::new(self.bytes, o);
                    match (l.token(), l.token(), l.token(), l.token()) {
                        (
                            _,
                            _,
                            Ok(Some(Token::Keyword(b"obj"))),
                            Ok(Some(Token::Obj(Obj::Int(v)))),
                        ) => usize::try_from(v).ok(),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        };
        let end = match length.and_then(|l| start.checked_add(l)) {
            Some(end) if self.ends_stream(end) => end,
            _ => self.endstream_after(start)?,
        };
        Ok(Obj::Stream(dict, start, end))
    }

    fn ends_stream(&self, end: usize) -> bool {
        let mut lex = Lexer::new(self.bytes, end);
        lex.skip_white();
        end <= self.bytes.len() && lex.rest().starts_with(b"endstream")
    }

    /// Where the stream starting at `start` ends when /Length is wrong: the next
    /// `endstream`, found with one pass over the file for all streams.
    fn endstream_after(&mut self, start: usize) -> Result<usize, Error> {
        let b = self.bytes;
        let all = self.endstreams.get_or_insert_with(|| {
            let mut v = Vec::new();
            let mut at = 0;
            while let Some(i) = b.get(at..).and_then(|r| find(r, b"endstream")) {
                v.push(at + i);
                at += i + 9;
            }
            v
        });
        let i = all.partition_point(|p| *p < start);
        let mut end = *all.get(i).ok_or(Error::Corrupt)?;
        // The end-of-line before `endstream` is not data.
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Ok(end)
    }

    /// A stream's decoded bytes. Image codecs (DCT, CCITT, JBIG2, JPX) are never
    /// decoded: images are only counted, never read.
    pub fn decode(&mut self, dict: &Dict, start: usize, end: usize) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.decode_into(dict, start, end, &mut out)?;
        Ok(out)
    }

    /// [`File::decode`] appended to `out`, so that a page's content streams
    /// share one buffer; on an error `out` is left as it was.
    pub fn decode_into(
        &mut self,
        dict: &Dict,
        start: usize,
        end: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let at = out.len();
        let decoded = self.decode_append(dict, start, end, out);
        if decoded.is_err() {
            out.truncate(at);
        }
        decoded
    }

    fn decode_append(
        &mut self,
        dict: &Dict,
        start: usize,
        end: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let raw = self.bytes.get(start..end).ok_or(Error::Corrupt)?;
        let filters: Vec<&[u8]> = match dict.get(b"Filter") {
            Some(Obj::Name(n)) => vec![n],
            Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
            _ => Vec::new(),
        };
        let params: Vec<Option<&Dict>> = match dict.get(b"DecodeParms") {
            Some(Obj::Dict(d)) => vec![Some(d)],
            Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
            _ => Vec::new(),
        };
        if filters.len() > 4 {
            return Err(Error::Corrupt);
        }
        let at = out.len();
        if filters.is_empty() {
            out.extend_from_slice(raw);
        }
        // The first filter reads the file's bytes where they lie and the last
        // writes straight into `out`; only chains need buffers between.
        let mut input = Cow::Borrowed(raw);
        for (i, filter) in filters.iter().enumerate() {
            let last = i + 1 == filters.len();
            let mut between = Vec::new();
            let dest = if last { &mut *out } else { &mut between };
            let from = dest.len();
            let limit = MAX_STREAM_BYTES.min(MAX_TOTAL_DECODED.saturating_sub(self.decoded));
            match *filter {
                b"FlateDecode" | b"Fl" => {
                    inflate_into(&mut self.inflater, &input, limit, dest)?;
                    predict(dest, from, params.get(i).copied().flatten())?;
                }
                b"ASCIIHexDecode" | b"AHx" => dest.extend_from_slice(&ascii_hex(&input)),
                b"ASCII85Decode" | b"A85" => dest.extend_from_slice(&ascii85(&input)),
                _ => return Err(Error::Unsupported),
            }
            if !last {
                input = Cow::Owned(between);
            }
        }
        self.decoded = self.decoded.saturating_add(out.len() - at);
        if self.decoded > MAX_TOTAL_DECODED {
            return Err(Error::TooBig);
        }
        Ok(())
    }

    /// Counts work expanding font tables; beyond the budget the file is too big.
    pub fn charge_font_work(&mut self, units: usize) -> Result<(), Error> {
        self.font_work = self.font_work.saturating_add(units);
        if self.font_work > MAX_FONT_WORK {
            return Err(Error::TooBig);
        }
        Ok(())
    }
}

fn merge(into: &mut Dict, from: &Dict) {
    for (k, v) in &from.0 {
        if matches!(k.as_slice(), b"Root" | b"Info" | b"Encrypt") {
            into.0.retain(|(key, _)| key != k);
            into.0.push((k.clone(), v.clone()));
        }
    }
}

/// `n g` before an `obj` keyword at `kw`: the object number and where it starts.
fn header_before(b: &[u8], kw: usize) -> Option<(u32, usize)> {
    let mut i = kw;
    let ws = |i: &mut usize| {
        let start = *i;
        while *i > 0 && b.get(*i - 1).is_some_and(|c| is_white(*c)) {
            *i -= 1;
        }
        *i < start
    };
    let digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && b.get(*i - 1).is_some_and(u8::is_ascii_digit) {
            *i -= 1;
        }
        (*i < end).then(|| b.get(*i..end)).flatten()
    };
    if !ws(&mut i) {
        return None;
    }
    digits(&mut i)?;
    if !ws(&mut i) {
        return None;
    }
    let num = digits(&mut i)?;
    if i > 0 && b.get(i - 1).is_some_and(|c| !is_white(*c) && !is_delim(*c)) {
        return None;
    }
    let num = std::str::from_utf8(num).ok()?.parse().ok()?;
    Some((num, i))
}

/// Big-endian unsigned integer of up to 8 bytes (cross-reference stream fields).
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b))
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// zlib inflate of at most `limit` bytes, appended to `out`. Producers often
/// write streams with a bad checksum or a missing end: what inflated before the
/// damage is kept, as every PDF viewer does.
fn inflate_into(
    state: &mut DecompressorOxide,
    data: &[u8],
    limit: usize,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags};
    use miniz_oxide::inflate::TINFLStatus;

    // The checksum is not computed: a mismatch would only end the stream where
    // it ends anyway, as damage keeps what inflated.
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_IGNORE_ADLER32
        | if data.first().is_some_and(|b| b & 0x0f == 8) {
            inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        } else {
            0
        };
    if limit == 0 {
        return Err(Error::TooBig);
    }
    state.init();
    // The stream's output starts at `base`: back-references never reach the
    // bytes before it, which belong to other streams.
    let base = out.len();
    let mut size = data.len().saturating_mul(4).max(1024).min(limit);
    out.resize(base + size, 0);
    let mut input = data;
    let mut pos = 0;
    loop {
        let buf = out.get_mut(base..).unwrap_or_default();
        let (status, used, written) = decompress(state, input, buf, pos, flags);
        pos += written;
        input = input.get(used..).unwrap_or(&[]);
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if size >= limit {
                    out.truncate(base);
                    return Err(Error::TooBig);
                }
                size = size.saturating_mul(2).min(limit);
                out.resize(base + size, 0);
            }
            _ => break,
        }
    }
    out.truncate(base + pos);
    Ok(())
}

/// PNG (10–15) and TIFF (2) predictors, used by cross-reference streams: undone
/// on `out` from `from` on.
fn predict(out: &mut Vec<u8>, from: usize, parms: Option<&Dict>) -> Result<(), Error> {
    let get = |k: &[u8], default: i64| {
        parms
            .and_then(|p| p.get(k))
            .and_then(Obj::as_int)
            .unwrap_or(default)
    };
    let predictor = get(b"Predictor", 1);
    if predictor < 2 {
        return Ok(());
    }
    let data = out.get_mut(from..).unwrap_or_default();
    let colors = usize::try_from(get(b"Colors", 1).clamp(1, 32)).unwrap_or(1);
    let bits = usize::try_from(get(b"BitsPerComponent", 8).clamp(1, 16)).unwrap_or(8);
    let columns = usize::try_from(get(b"Columns", 1).clamp(1, 1 << 20)).unwrap_or(1);
    let bpp = (colors * bits).div_ceil(8).max(1);
    let width = (colors * bits * columns).div_ceil(8);
    // Rows wider than the data would only allocate: no real stream has them.
    if width > data.len().max(1) {
        return Err(Error::Corrupt);
    }
    if predictor == 2 {
        if bits != 8 {
            return Err(Error::Unsupported);
        }
        for row in data.chunks_mut(width) {
            for i in bpp..row.len() {
                row[i] = row[i].wrapping_add(row[i - bpp]);
            }
        }
        return Ok(());
    }
    let mut rows = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; width];
    for chunk in data.chunks(width + 1) {
        let Some((&kind, row)) = chunk.split_first() else {
            break;
        };
        let mut cur = row.to_vec();
        cur.resize(width, 0);
        for i in 0..width {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = cur[i].wrapping_add(match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            });
        }
        rows.extend_from_slice(&cur);
        prev = cur;
    }
    out.truncate(from);
    out.extend_from_slice(&rows);
    Ok(())
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let end = data.iter().position(|b| *b == b'>').unwrap_or(data.len());
    let mut lex_input = Vec::with_capacity(end + 2);
    lex_input.push(b'<');
    lex_input.extend_from_slice(data.get(..end).unwrap_or(data));
    lex_input.push(b'>');
    match Lexer::new(&lex_input, 0).object() {
        Ok(Obj::Str(s)) => s,
        _ => Vec::new(),
    }
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 5 * 4);
    let mut group = [0u32; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in body {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(c - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |acc, d| acc.wrapping_mul(85).wrapping_add(*d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |acc, d| acc.wrapping_mul(85).wrapping_add(*d));
        out.extend_from_slice(v.to_be_bytes().get(..n - 1).unwrap_or(&[]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii85_and_hex() {
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
        assert_eq!(ascii_hex(b"48 65 6c6C6f>"), b"Hello");
    }

    #[test]
    fn png_up_predictor() {
        let mut parms = Dict::default();
        parms.0.push((b"Predictor".to_vec(), Obj::Int(12)));
        parms.0.push((b"Columns".to_vec(), Obj::Int(2)));
        let mut out = vec![9, 2, 1, 2, 2, 1, 1];
        assert!(predict(&mut out, 1, Some(&parms)).is_ok());
        assert_eq!(out, vec![9, 1, 2, 2, 3]);
    }

    #[test]
    fn inflate_stops_at_the_limit() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 1 << 20], 9);
        let mut state = DecompressorOxide::default();
        let mut out = b"kept".to_vec();
        assert!(matches!(
            inflate_into(&mut state, &bomb, 1000, &mut out),
            Err(Error::TooBig)
        ));
        assert_eq!(out, b"kept");
        assert!(inflate_into(&mut state, &bomb, 2 << 20, &mut out).is_ok());
        assert_eq!(out.len(), 4 + (1 << 20));
    }
}
