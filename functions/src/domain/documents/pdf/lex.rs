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

pub fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
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

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

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
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
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
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        // An odd digit count means a trailing 0.
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
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

pub fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
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
    fn nesting_bomb_is_an_error_not_a_stack_overflow() {
        let deep = vec![b'['; 100_000];
        assert!(Lexer::new(&deep, 0).object().is_err());
    }
}
