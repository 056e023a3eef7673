//! Content streams to positioned text: the text operators with the text and
//! graphics state (matrices, fonts, spacing), form XObjects, and whether any
//! image is drawn. Work is bounded by an operator budget and a fragment count.

use std::collections::HashMap;
use std::rc::Rc;

use super::file::{find, File};
use super::lex::{is_white, Dict, Lexer, Obj, Token};
use super::text::Font;
use super::Error;

/// Operators interpreted per file, forms drawn repeatedly included.
const MAX_OPS: usize = 20_000_000;
/// Text pieces per file: enough for hundreds of dense pages.
const MAX_FRAGMENTS: usize = 400_000;
const MAX_FORM_DEPTH: usize = 8;
/// Forms drawn per file: a logo per page is a few hundred; a form drawing
/// itself over and over is a bomb (each draw decodes its stream again).
const MAX_FORM_DRAWS: usize = 10_000;
const MAX_STATE_DEPTH: usize = 64;
const MAX_OPERANDS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other`, as PDF concatenates (row vectors).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Obj]) -> Option<Matrix> {
        let mut m = [0.0; 6];
        if ops.len() < 6 {
            return None;
        }
        for (slot, o) in m.iter_mut().zip(ops.get(ops.len() - 6..)?) {
            *slot = o.as_f64()?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

/// One run of text on a baseline: where it starts and ends horizontally, its
/// baseline height, and its font height, all in page space.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

pub struct Interpreter<'f, 'a> {
    file: &'f mut File<'a>,
    /// Fonts by object number: each parsed once per file.
    fonts: HashMap<u32, Rc<Font>>,
    fallback: Rc<Font>,
    ops: usize,
    form_draws: usize,
    total_fragments: usize,
    pub images: bool,
    /// A content stream that would not decode (an unknown filter, damage).
    pub damaged: bool,
    pub fragments: Vec<Fragment>,
    /// Reused buffer for a string's decoded text.
    scratch: String,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f mut File<'a>) -> Self {
        Interpreter {
            file,
            fonts: HashMap::new(),
            fallback: Rc::new(Font::fallback()),
            ops: 0,
            form_draws: 0,
            total_fragments: 0,
            images: false,
            damaged: false,
            fragments: Vec::new(),
            scratch: String::new(),
        }
    }

    pub fn file(&mut self) -> &mut File<'a> {
        self.file
    }

    /// Decodes a stream; a stream that does not decode is skipped and noted.
    pub fn stream_data(&mut self, obj: &Obj) -> Result<Option<Vec<u8>>, Error> {
        let Obj::Stream(dict, start, end) = self.file.resolve_lenient(obj)? else {
            return Ok(None);
        };
        match self.file.decode(&dict, start, end) {
            Ok(d) => Ok(Some(d)),
            Err(Error::TooBig) => Err(Error::TooBig),
            Err(_) => {
                self.damaged = true;
                Ok(None)
            }
        }
    }

    /// Interprets one page's content.
    pub fn page(&mut self, content: &[u8], resources: &Dict) -> Result<(), Error> {
        let state = State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, state, 0)
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: &Dict,
        state: State,
        depth: usize,
    ) -> Result<(), Error> {
        let mut lex = Lexer::content(data);
        let mut st = state;
        let mut stack: Vec<State> = Vec::new();
        let mut operands: Vec<Obj> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Per stream, names resolve once: a stream repeating `Tf` or `Do` a
        // million times must not look its resources up a million times.
        let mut fonts: HashMap<Vec<u8>, Rc<Font>> = HashMap::new();
        let mut xobjects: HashMap<Vec<u8>, Obj> = HashMap::new();
        loop {
            let tok = match lex.token() {
                Ok(Some(t)) => t,
                Ok(None) => break,
                // Damage mid-stream: keep what was read before it.
                Err(_) => {
                    self.damaged = true;
                    break;
                }
            };
            let op = match tok {
                Token::Obj(o) => {
                    if operands.len() >= MAX_OPERANDS {
                        operands.clear();
                    }
                    operands.push(o);
                    continue;
                }
                Token::Keyword(k) => k,
            };
            self.ops += 1;
            if self.ops > MAX_OPS {
                return Err(Error::TooBig);
            }
            let num = |i: usize| -> f64 {
                operands
                    .len()
                    .checked_sub(i)
                    .and_then(|k| operands.get(k))
                    .and_then(Obj::as_f64)
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0)
            };
            match op {
                // Deeper saves than real content uses are ignored, not stored.
                b"q" if stack.len() < MAX_STATE_DEPTH => stack.push(st.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_operands(&operands) {
                        st.ctm = m.then(st.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    st.size = num(1);
                    if let Some(Obj::Name(name)) =
                        operands.len().checked_sub(2).and_then(|i| operands.get(i))
                    {
                        let font = match fonts.get(name.as_slice()) {
                            Some(f) => f.clone(),
                            None => {
                                let f = self.font(resources, name)?;
                                fonts.insert(name.clone(), f.clone());
                                f
                            }
                        };
                        st.font = Some(font);
                    }
                }
                b"Tc" => st.char_space = num(1),
                b"Tw" => st.word_space = num(1),
                b"Tz" => st.h_scale = num(1) / 100.0,
                b"TL" => st.leading = num(1),
                b"Ts" => st.rise = num(1),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        st.leading = -num(1);
                    }
                    tlm = Matrix::translate(num(2), num(1)).then(tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(&operands) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -st.leading).then(tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        st.word_space = num(3);
                        st.char_space = num(2);
                    }
                    if op != b"Tj" {
                        tlm = Matrix::translate(0.0, -st.leading).then(tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = operands.last() {
                        self.show(s, &st, &mut tm)?;
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &st, &mut tm)?,
                                other => {
                                    let adjust =
                                        other.as_f64().filter(|v| v.is_finite()).unwrap_or(0.0);
                                    let tx = -adjust / 1000.0 * st.size * st.h_scale;
                                    tm = Matrix::translate(tx, 0.0).then(tm);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Obj::Name(name)) = operands.last() {
                        let name = name.clone();
                        let obj = match xobjects.get(&name) {
                            Some(o) => o.clone(),
                            None => {
                                let o = self.xobject(resources, &name)?;
                                xobjects.insert(name, o.clone());
                                o
                            }
                        };
                        self.draw_xobject(resources, &obj, &st, depth)?;
                    }
                }
                b"BI" => {
                    self.images = true;
                    skip_inline_image(&mut lex);
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Result<Rc<Font>, Error> {
        let fonts = self.file.entry(resources, b"Font")?;
        let Some(entry) = fonts.as_dict().and_then(|d| d.get(name)).cloned() else {
            return Ok(self.fallback.clone());
        };
        let key = match entry {
            Obj::Ref(n, _) => Some(n),
            _ => None,
        };
        if let Some(f) = key.and_then(|k| self.fonts.get(&k)) {
            return Ok(f.clone());
        }
        let font = match self.file.resolve_lenient(&entry)? {
            Obj::Dict(d) => Rc::new(Font::load(self.file, &d)?),
            _ => self.fallback.clone(),
        };
        if let Some(k) = key {
            self.fonts.insert(k, font.clone());
        }
        Ok(font)
    }

    fn xobject(&mut self, resources: &Dict, name: &[u8]) -> Result<Obj, Error> {
        let xobjects = self.file.entry(resources, b"XObject")?;
        match xobjects.as_dict().and_then(|d| d.get(name)) {
            Some(entry) => self.file.resolve_lenient(entry),
            None => Ok(Obj::Null),
        }
    }

    fn draw_xobject(
        &mut self,
        resources: &Dict,
        obj: &Obj,
        st: &State,
        depth: usize,
    ) -> Result<(), Error> {
        let Some(dict) = obj.as_dict() else {
            return Ok(());
        };
        match dict.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => self.images = true,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                self.form_draws += 1;
                if self.form_draws > MAX_FORM_DRAWS {
                    return Err(Error::TooBig);
                }
                let own = self.file.entry(dict, b"Resources")?;
                let form_resources = own.as_dict().cloned().unwrap_or_else(|| resources.clone());
                let matrix = match dict.get(b"Matrix") {
                    Some(Obj::Array(m)) => Matrix::from_operands(m).unwrap_or(Matrix::IDENTITY),
                    _ => Matrix::IDENTITY,
                };
                if let Some(data) = self.stream_data(obj)? {
                    let mut inner = st.clone();
                    inner.ctm = matrix.then(st.ctm);
                    self.run(&data, &form_resources, inner, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows a string: its text and where it starts and ends.
    fn show(&mut self, s: &[u8], st: &State, tm: &mut Matrix) -> Result<(), Error> {
        let font = st.font.clone().unwrap_or_else(|| self.fallback.clone());
        let start = Matrix([st.size * st.h_scale, 0.0, 0.0, st.size, 0.0, st.rise])
            .then(*tm)
            .then(st.ctm);
        let mut raw = std::mem::take(&mut self.scratch);
        raw.clear();
        let mut advance = 0.0;
        for code in font.codes(s) {
            font.push_text(code, &mut raw);
            advance += font.width(code) * st.size + st.char_space;
            if font.is_single_byte() && code == 32 {
                advance += st.word_space;
            }
        }
        // One move for the whole string: the same as one per glyph.
        *tm = Matrix::translate(advance * st.h_scale, 0.0).then(*tm);
        let end = Matrix([st.size * st.h_scale, 0.0, 0.0, st.size, 0.0, st.rise])
            .then(*tm)
            .then(st.ctm);
        // Control characters carry no text; tabs are gaps.
        let mut text = String::with_capacity(raw.len());
        text.extend(raw.chars().filter_map(|c| match c {
            '\t' | '\u{a0}' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        }));
        self.scratch = raw;
        if text.is_empty() {
            return Ok(());
        }
        let [_, _, c, d, x0, y] = start.0;
        let size = c.hypot(d) as f32;
        let (x0, x1, y) = (x0 as f32, end.0[4] as f32, y as f32);
        if !(x0.is_finite() && x1.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        // A run continuing the previous one on the same baseline (kerning in a
        // TJ array, a font change mid-word) joins it, to keep fragments few.
        if let Some(last) = self.fragments.last_mut() {
            let gap = x0 - last.x1;
            if (last.y - y).abs() < 0.1 * size && gap.abs() < 0.1 * size {
                last.text.push_str(&text);
                last.x1 = x1;
                return Ok(());
            }
        }
        self.total_fragments += 1;
        if self.total_fragments > MAX_FRAGMENTS {
            return Err(Error::TooBig);
        }
        self.fragments.push(Fragment {
            x0: x0.min(x1),
            x1: x0.max(x1),
            y,
            size,
            text,
        });
        Ok(())
    }
}

/// After `BI`: the image dictionary, `ID`, one white-space byte, the data, and
/// `EI` between white space. The data is binary; `EI` is found by its framing.
fn skip_inline_image(lex: &mut Lexer) {
    while let Ok(Some(tok)) = lex.token() {
        if let Token::Keyword(b"ID") = tok {
            break;
        }
    }
    let data_start = lex.pos + 1;
    let rest = lex.bytes.get(data_start..).unwrap_or(&[]);
    let mut at = 0;
    while let Some(i) = rest.get(at..).and_then(|r| find(r, b"EI")) {
        let pos = at + i;
        let before = pos == 0 || rest.get(pos - 1).is_some_and(|b| is_white(*b));
        let after = rest.get(pos + 2).is_none_or(|b| is_white(*b));
        if before && after {
            lex.pos = data_start + pos + 2;
            return;
        }
        at = pos + 2;
    }
    lex.pos = lex.bytes.len();
}
