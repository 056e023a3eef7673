//! PDF syntax: objects in the file body, object streams and content streams all
//! share these tokens. Every loop consumes input or stops, nesting is bounded, and
//! nothing indexes past the end, so any bytes are safe here.

use super::Error;

/// Deeper arrays/dictionaries than this are not real documents (a nesting bomb).
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    /// A stream: its dictionary and where its raw bytes lie in the buffer it was
    /// read from (streams only occur at the top level of the file itself).
    Stream(Dict, usize, usize),
}

/// Dictionaries are small (a handful of keys): a vector beats a map here.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    /// A stream's dictionary counts as a dictionary too (fonts, pages never are
    /// streams, but form XObjects and images are looked up by their keys).
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _, _) => Some(d),
            _ => None,
        }
    }
}

/// A token of a content stream or object body: an operand or a bare keyword
/// (an operator, or `obj`/`stream`/`R` structure in the file body).
#[derive(Debug)]
pub enum Token<'a> {
    Obj(Obj),
    Keyword(&'a [u8]),
}

const WHITE: u8 = 1;
const DELIM: u8 = 2;

/// Byte classes by table: the lexer asks for every byte of its input.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let white = [0u8, 9, 10, 12, 13, 32];
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delim = *b"()<>[]{}/%";
    let mut i = 0;
    while i < delim.len() {
        t[delim[i] as usize] = DELIM;
        i += 1;
    }
    t
};

#[inline]
pub fn is_white(b: u8) -> bool {
    CLASS[usize::from(b)] == WHITE
}

#[inline]
pub fn is_delim(b: u8) -> bool {
    CLASS[usize::from(b)] == DELIM
}

/// White space or a delimiter: where a name, number or keyword ends.
#[inline]
fn ends_word(b: u8) -> bool {
    CLASS[usize::from(b)] != 0
}

pub struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
    /// Whether `n g R` may occur. Content streams and CMaps have no references,
    /// and the look-ahead for one would lex every operand after a number twice.
    refs: bool,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], pos: usize) -> Self {
        Lexer {
            bytes,
            pos,
            refs: true,
        }
    }

    /// A lexer for content streams and CMaps.
    pub fn content(bytes: &'a [u8]) -> Self {
        Lexer {
            bytes,
            pos: 0,
            refs: false,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    #[inline]
    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, `None` at the end of input.
    pub fn token(&mut self) -> Result<Option<Token<'a>>, Error> {
        self.token_at(0)
    }

    fn token_at(&mut self, depth: usize) -> Result<Option<Token<'a>>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::Corrupt);
        }
        self.skip_white();
        let Some(b) = self.peek() else {
            return Ok(None);
        };
        let obj = match b {
            b'/' => {
                self.pos += 1;
                Obj::Name(self.name())
            }
            b'(' => {
                self.pos += 1;
                Obj::Str(self.literal())
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Obj::Dict(self.dict(depth)?)
            }
            b'<' => {
                self.pos += 1;
                Obj::Str(self.hex())
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => return Err(Error::Corrupt),
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => items.push(self.object_at(depth + 1)?),
                    }
                }
                Obj::Array(items)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            // Stray closers and braces (PostScript calculator functions): skip
            // them as one-byte keywords so the caller decides.
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                let word = self.bytes.get(self.pos - 1..self.pos).unwrap_or(&[]);
                return Ok(Some(Token::Keyword(word)));
            }
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let word = self.bytes.get(start..self.pos).unwrap_or(&[]);
                match word {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => return Ok(Some(Token::Keyword(word))),
                }
            }
        };
        Ok(Some(Token::Obj(obj)))
    }

    /// An object where one must be (inside arrays, dictionaries, after `obj`).
    pub fn object(&mut self) -> Result<Obj, Error> {
        self.object_at(0)
    }

    fn object_at(&mut self, depth: usize) -> Result<Obj, Error> {
        match self.token_at(depth)? {
            Some(Token::Obj(Obj::Int(n))) => Ok(self.maybe_ref(n)),
            Some(Token::Obj(o)) => Ok(o),
            _ => Err(Error::Corrupt),
        }
    }

    /// `n g R` is a reference: look ahead after an integer, else rewind.
    fn maybe_ref(&mut self, n: i64) -> Obj {
        if !self.refs {
            return Obj::Int(n);
        }
        let save = self.pos;
        if let Ok(Some(Token::Obj(Obj::Int(g)))) = self.token_at(MAX_DEPTH) {
            if let Ok(Some(Token::Keyword(b"R"))) = self.token_at(MAX_DEPTH) {
                if let (Ok(n), Ok(g)) = (u32::try_from(n), u16::try_from(g)) {
                    return Obj::Ref(n, g);
                }
            }
        }
        self.pos = save;
        Obj::Int(n)
    }

    fn dict(&mut self, depth: usize) -> Result<Dict, Error> {
        let mut entries = Vec::new();
        loop {
            self.skip_white();
            match self.peek() {
                None => return Err(Error::Corrupt),
                Some(b'>') => {
                    // `>>` ends the dictionary; a lone `>` is tolerated the same.
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    return Ok(Dict(entries));
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name();
                    let value = self.object_at(depth + 1)?;
                    entries.push((key, value));
                }
                _ => return Err(Error::Corrupt),
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.name_into(&mut out);
        out
    }

    fn name_into(&mut self, out: &mut Vec<u8>) {
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let hi = self.peek().and_then(hex_val);
                let lo = self.bytes.get(self.pos + 1).copied().and_then(hex_val);
                if let (Some(h), Some(l)) = (hi, lo) {
                    self.pos += 2;
                    out.push(h << 4 | l);
                    continue;
                }
            }
            out.push(c);
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.literal_into(&mut out);
        out
    }

    fn literal_into(&mut self, out: &mut Vec<u8>) {
        let mut open = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    open += 1;
                    out.push(c);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        self.pos += 1;
                                        v = v * 8 + u32::from(d - b'0');
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        // A backslash before a line end continues the string.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.hex_into(&mut out);
        out
    }

    /// Inlined into the content lexer: a glyph string is usually a few digit
    /// pairs and `>`, read here; anything else goes on in [`Lexer::hex_rest`].
    #[inline(always)]
    fn hex_into(&mut self, out: &mut Vec<u8>) {
        let rest = self.rest();
        let mut paired = 0;
        while let [hi, lo, ..] = rest.get(paired..).unwrap_or(&[]) {
            let (h, l) = (HEX[usize::from(*hi)], HEX[usize::from(*lo)]);
            if h | l >= 16 {
                break;
            }
            out.push(h << 4 | l);
            paired += 2;
        }
        if rest.get(paired) == Some(&b'>') {
            self.pos += paired + 1;
        } else {
            self.hex_rest(out, paired);
        }
    }

    /// The rest of a hex string from `paired` bytes after its `<`: white
    /// space, a trailing odd digit, no `>` at all.
    #[inline(never)]
    fn hex_rest(&mut self, out: &mut Vec<u8>, paired: usize) {
        let rest = self.rest();
        let mut used = rest.len();
        let mut high: Option<u8> = None;
        for (i, &c) in rest.iter().enumerate().skip(paired) {
            if c == b'>' {
                used = i + 1;
                break;
            }
            if let Some(v) = hex_val(c) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        self.pos += used;
        // An odd digit count means a trailing 0.
        if let Some(h) = high {
            out.push(h << 4);
        }
    }

    /// [`Lexer::number`] as a float, in one pass for the common shapes (an
    /// optional sign, at most 18 digits with at most one dot and 9 decimals).
    /// Inlined into the content lexer, which reads one per kerning value; the
    /// rare other shapes go to [`Lexer::number_general`].
    #[inline(always)]
    fn number_f64(&mut self) -> f64 {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let neg = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        // Digits accumulate without overflow checks: past 18 digits the value
        // is dropped for the general parser below.
        let mut v = 0i64;
        let int_start = i;
        while let Some(d) = bytes
            .get(i)
            .map(|c| c.wrapping_sub(b'0'))
            .filter(|d| *d < 10)
        {
            v = v.wrapping_mul(10).wrapping_add(i64::from(d));
            i += 1;
        }
        let mut digits = i - int_start;
        let mut frac = 0;
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while let Some(d) = bytes
                .get(i)
                .map(|c| c.wrapping_sub(b'0'))
                .filter(|d| *d < 10)
            {
                v = v.wrapping_mul(10).wrapping_add(i64::from(d));
                i += 1;
            }
            frac = i - frac_start;
            digits += frac;
        }
        const SCALE: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
        // A second dot is left to the general parser too.
        if (1..=18).contains(&digits) && bytes.get(i) != Some(&b'.') {
            if let Some(scale) = SCALE.get(frac) {
                self.pos = i;
                let value = v as f64 / scale;
                return if neg { -value } else { value };
            }
        }
        self.number_general(start)
    }

    #[inline(never)]
    fn number_general(&mut self, start: usize) -> f64 {
        self.pos = start;
        match self.number() {
            Obj::Int(i) => i as f64,
            Obj::Real(r) => r,
            _ => 0.0,
        }
    }

    fn number(&mut self) -> Obj {
        let start = self.pos;
        self.pos += 1;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == b'.' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = self.bytes.get(start..self.pos).unwrap_or(&[]);
        // Most numbers are short integers: no UTF-8 check or parser for them.
        if let Some(i) = small_int(text) {
            return Obj::Int(i);
        }
        if let Some(r) = small_real(text) {
            return Obj::Real(r);
        }
        let text = std::str::from_utf8(text).unwrap_or("0");
        if let Ok(i) = text.parse::<i64>() {
            return Obj::Int(i);
        }
        // Producers write `-.5`, `5.` and sometimes `--5`: take what parses.
        let cleaned = text.trim_start_matches(['+', '-']);
        let neg = text.starts_with('-');
        let v = cleaned.parse::<f64>().unwrap_or(0.0);
        let v = if v.is_finite() { v } else { 0.0 };
        Obj::Real(if neg { -v } else { v })
    }
}

/// An optionally signed integer of at most 18 digits (cannot overflow i64).
fn small_int(text: &[u8]) -> Option<i64> {
    let (neg, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if neg { -v } else { v })
}

/// A plain decimal like `-57.713` (one dot, at most 18 digits), the common real
/// in content streams, without the general float parser.
fn small_real(text: &[u8]) -> Option<f64> {
    let (neg, body) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let dot = body.iter().position(|b| *b == b'.')?;
    let (int, frac) = (body.get(..dot)?, body.get(dot + 1..)?);
    let digits = int.len() + frac.len();
    if digits == 0 || digits > 18 || frac.len() > 9 {
        return None;
    }
    let mut v: i64 = 0;
    for d in int.iter().chain(frac) {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    let scale = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    let v = v as f64 / scale.get(frac.len()).copied()?;
    Some(if neg { -v } else { v })
}

/// Hex digit values by table, 0xff for other bytes.
const HEX: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

#[inline]
pub fn hex_val(c: u8) -> Option<u8> {
    let v = HEX[usize::from(c)];
    (v != 0xff).then_some(v)
}

/// An operand of a content-stream operator. Strings and names are ranges of
/// [`Operands::bytes`], arrays ranges of [`Operands::items`]: reading a content
/// stream allocates nothing per token, only the buffers grow to their high mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand {
    Num(f64),
    Name(usize, usize),
    Str(usize, usize),
    Array(usize, usize),
    /// Booleans, null, dictionaries: no operator we interpret reads them.
    Other,
}

/// An element of an array operand: only `TJ` reads arrays (strings and kerning).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Num(f64),
    Str(usize, usize),
    /// Names, nested arrays, dictionaries and the like.
    Other,
}

/// The operands of the current operator, reused from one operator to the next.
#[derive(Debug, Default)]
pub struct Operands {
    pub list: Vec<Operand>,
    pub items: Vec<Item>,
    pub bytes: Vec<u8>,
}

impl Operands {
    pub fn clear(&mut self) {
        self.list.clear();
        self.items.clear();
        self.bytes.clear();
    }

    /// The `i`th operand from the end (1 is the last) as a finite number, else 0.
    pub fn num(&self, i: usize) -> f64 {
        match self
            .list
            .len()
            .checked_sub(i)
            .and_then(|k| self.list.get(k))
        {
            Some(Operand::Num(v)) if v.is_finite() => *v,
            _ => 0.0,
        }
    }

    /// The last six operands when all are finite numbers.
    pub fn six(&self) -> Option<[f64; 6]> {
        let start = self.list.len().checked_sub(6)?;
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(self.list.get(start..)?) {
            match o {
                Operand::Num(v) if v.is_finite() => *slot = *v,
                _ => return None,
            }
        }
        Some(m)
    }

    /// The `i`th operand from the end.
    pub fn back(&self, i: usize) -> Option<Operand> {
        self.list
            .len()
            .checked_sub(i)
            .and_then(|k| self.list.get(k))
            .copied()
    }

    pub fn slice(&self, start: usize, end: usize) -> &[u8] {
        self.bytes.get(start..end).unwrap_or(&[])
    }

    pub fn array(&self, start: usize, end: usize) -> &[Item] {
        self.items.get(start..end).unwrap_or(&[])
    }
}

/// What one step of the content lexer read.
enum Step<'a> {
    End,
    Keyword(&'a [u8]),
    Operand(Operand),
}

/// Content streams token by token into [`Operands`], the same syntax as
/// [`Lexer::content`] reads (and the same errors) without building objects.
pub struct ContentLexer<'a> {
    pub lex: Lexer<'a>,
}

impl<'a> ContentLexer<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        ContentLexer {
            lex: Lexer::content(bytes),
        }
    }

    /// Reads operands into `ops` up to the next operator and returns it; `None`
    /// at the end of input. More than `max_operands` pending operands are
    /// dropped (the oldest first, all at once) as garbage.
    pub fn next(
        &mut self,
        ops: &mut Operands,
        max_operands: usize,
    ) -> Result<Option<&'a [u8]>, Error> {
        loop {
            if ops.list.len() >= max_operands {
                ops.clear();
            }
            self.lex.skip_white();
            if let Some(o) = self.simple(ops) {
                ops.list.push(o);
                continue;
            }
            // An operator, one per few operands, read here as `step` would
            // (numbers went to `simple` above), without a call to it.
            let lex = &mut self.lex;
            if lex.peek().is_some_and(|b| !ends_word(b)) {
                let start = lex.pos;
                while lex.peek().is_some_and(|b| !ends_word(b)) {
                    lex.pos += 1;
                }
                match lex.bytes.get(start..lex.pos).unwrap_or(&[]) {
                    b"true" | b"false" | b"null" => ops.list.push(Operand::Other),
                    word => return Ok(Some(word)),
                }
                continue;
            }
            match self.step(ops, 0)? {
                Step::End => return Ok(None),
                Step::Keyword(k) => return Ok(Some(k)),
                Step::Operand(o) => ops.list.push(o),
            }
        }
    }

    /// The common operands without recursion (numbers, strings, names) when
    /// one starts at the current position, after white space was skipped.
    #[inline]
    fn simple(&mut self, ops: &mut Operands) -> Option<Operand> {
        let lex = &mut self.lex;
        let start = ops.bytes.len();
        match lex.peek()? {
            b'0'..=b'9' | b'+' | b'-' | b'.' => Some(Operand::Num(lex.number_f64())),
            b'<' if lex.bytes.get(lex.pos + 1) != Some(&b'<') => {
                lex.pos += 1;
                lex.hex_into(&mut ops.bytes);
                Some(Operand::Str(start, ops.bytes.len()))
            }
            b'(' => {
                lex.pos += 1;
                lex.literal_into(&mut ops.bytes);
                Some(Operand::Str(start, ops.bytes.len()))
            }
            b'/' => {
                lex.pos += 1;
                lex.name_into(&mut ops.bytes);
                Some(Operand::Name(start, ops.bytes.len()))
            }
            _ => None,
        }
    }

    fn step(&mut self, ops: &mut Operands, depth: usize) -> Result<Step<'a>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::Corrupt);
        }
        let lex = &mut self.lex;
        lex.skip_white();
        let Some(b) = lex.peek() else {
            return Ok(Step::End);
        };
        let operand = match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => Operand::Num(lex.number_f64()),
            b'/' => {
                lex.pos += 1;
                let start = ops.bytes.len();
                lex.name_into(&mut ops.bytes);
                Operand::Name(start, ops.bytes.len())
            }
            b'(' => {
                lex.pos += 1;
                let start = ops.bytes.len();
                lex.literal_into(&mut ops.bytes);
                Operand::Str(start, ops.bytes.len())
            }
            b'<' if lex.bytes.get(lex.pos + 1) == Some(&b'<') => {
                lex.pos += 2;
                self.dict(ops, depth)?;
                Operand::Other
            }
            b'<' => {
                lex.pos += 1;
                let start = ops.bytes.len();
                lex.hex_into(&mut ops.bytes);
                Operand::Str(start, ops.bytes.len())
            }
            b'[' => {
                lex.pos += 1;
                let start = ops.items.len();
                loop {
                    self.lex.skip_white();
                    match self.lex.peek() {
                        None => return Err(Error::Corrupt),
                        Some(b']') => {
                            self.lex.pos += 1;
                            break;
                        }
                        // Glyph strings and kerning, nearly all a TJ array
                        // holds, straight to items.
                        Some(b'<')
                            if depth < MAX_DEPTH
                                && self.lex.bytes.get(self.lex.pos + 1) != Some(&b'<') =>
                        {
                            self.lex.pos += 1;
                            let start = ops.bytes.len();
                            self.lex.hex_into(&mut ops.bytes);
                            ops.items.push(Item::Str(start, ops.bytes.len()));
                        }
                        Some(b'0'..=b'9' | b'+' | b'-' | b'.') if depth < MAX_DEPTH => {
                            ops.items.push(Item::Num(self.lex.number_f64()));
                        }
                        _ => {
                            let at = ops.items.len();
                            let simple = if depth < MAX_DEPTH {
                                self.simple(ops)
                            } else {
                                None
                            };
                            let item = match simple {
                                Some(Operand::Num(v)) => Item::Num(v),
                                Some(Operand::Str(s, e)) => Item::Str(s, e),
                                Some(_) => Item::Other,
                                None => match self.step(ops, depth + 1)? {
                                    Step::Operand(Operand::Num(v)) => Item::Num(v),
                                    Step::Operand(Operand::Str(s, e)) => Item::Str(s, e),
                                    // A nested array's items are not this array's.
                                    Step::Operand(_) => {
                                        ops.items.truncate(at);
                                        Item::Other
                                    }
                                    Step::End | Step::Keyword(_) => return Err(Error::Corrupt),
                                },
                            };
                            ops.items.push(item);
                        }
                    }
                }
                Operand::Array(start, ops.items.len())
            }
            b')' | b'>' | b']' | b'{' | b'}' => {
                lex.pos += 1;
                let word = lex.bytes.get(lex.pos - 1..lex.pos).unwrap_or(&[]);
                return Ok(Step::Keyword(word));
            }
            _ => {
                let start = lex.pos;
                while let Some(c) = lex.peek() {
                    if ends_word(c) {
                        break;
                    }
                    lex.pos += 1;
                }
                let word = lex.bytes.get(start..lex.pos).unwrap_or(&[]);
                match word {
                    b"true" | b"false" | b"null" => Operand::Other,
                    _ => return Ok(Step::Keyword(word)),
                }
            }
        };
        Ok(Step::Operand(operand))
    }

    /// Skips a dictionary after its `<<` (marked-content properties, inline
    /// image parameters), checking its syntax as [`Lexer`] does.
    fn dict(&mut self, ops: &mut Operands, depth: usize) -> Result<(), Error> {
        let (items, bytes) = (ops.items.len(), ops.bytes.len());
        loop {
            self.lex.skip_white();
            match self.lex.peek() {
                None => return Err(Error::Corrupt),
                Some(b'>') => {
                    self.lex.pos += 1;
                    if self.lex.peek() == Some(b'>') {
                        self.lex.pos += 1;
                    }
                    ops.items.truncate(items);
                    ops.bytes.truncate(bytes);
                    return Ok(());
                }
                Some(b'/') => {
                    self.lex.pos += 1;
                    self.lex.name_into(&mut ops.bytes);
                    match self.step(ops, depth + 1)? {
                        Step::Operand(_) => {}
                        Step::End | Step::Keyword(_) => return Err(Error::Corrupt),
                    }
                }
                _ => return Err(Error::Corrupt),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Obj {
        Lexer::new(s, 0).object().unwrap_or(Obj::Null)
    }

    #[test]
    fn objects() {
        assert_eq!(parse(b"12 0 R"), Obj::Ref(12, 0));
        assert_eq!(parse(b"12 0"), Obj::Int(12));
        assert_eq!(parse(b"-.5"), Obj::Real(-0.5));
        assert_eq!(parse(b"57.713"), Obj::Real(57.713));
        assert_eq!(parse(b"5."), Obj::Real(5.0));
        assert_eq!(parse(b"1.2.3"), Obj::Real(0.0));
        assert_eq!(parse(b"(a\\(b\\)\\101\\\nc)"), Obj::Str(b"a(b)Ac".to_vec()));
        assert_eq!(parse(b"<4a4>"), Obj::Str(vec![0x4a, 0x40]));
        assert_eq!(parse(b"/A#20B"), Obj::Name(b"A B".to_vec()));
        let d = parse(b"<< /Type /Page /Kids [1 0 R 2 0 R] >>");
        let d = d.as_dict().cloned().unwrap_or_default();
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"Kids"),
            Some(&Obj::Array(vec![Obj::Ref(1, 0), Obj::Ref(2, 0)]))
        );
    }

    #[test]
    fn content_numbers_and_hex_strings_read_as_objects_do() {
        for text in [
            &b"0"[..],
            b"-3",
            b"+7",
            b"57.713",
            b"-.5",
            b"5.",
            b"1.2.3",
            b"--5",
            b".",
            b"-",
            b"123456789012345678",
            b"1234567890123456789",
            b"0.1234567891",
            b"99999999999999999999999",
            b"1..2",
        ] {
            let mut lex = Lexer::content(text);
            let fast = lex.number_f64();
            let fast_end = lex.pos;
            let mut lex = Lexer::content(text);
            let general = lex.number().as_f64();
            assert_eq!((Some(fast), fast_end), (general, lex.pos), "{text:?}");
        }
        for text in [&b"4a4>"[..], b"0102 03>", b"a>", b"0g1>", b"0A0b", b">"] {
            let (mut fast, mut one) = (Vec::new(), Vec::new());
            Lexer::content(text).hex_into(&mut fast);
            // The general loop alone, one digit at a time.
            let mut high = None;
            for &c in text.iter().take_while(|c| **c != b'>') {
                if let Some(v) = hex_val(c) {
                    match high.take() {
                        Some(h) => one.push(h << 4 | v),
                        None => high = Some(v),
                    }
                }
            }
            one.extend(high.map(|h| h << 4));
            assert_eq!(fast, one, "{text:?}");
        }
    }

    #[test]
    fn nesting_bomb_is_an_error_not_a_stack_overflow() {
        let deep = vec![b'['; 100_000];
        assert!(Lexer::new(&deep, 0).object().is_err());
    }
}
