//! Content streams to positioned text: the text operators with the text and
//! graphics state (matrices, fonts, spacing), form XObjects, and whether any
//! image is drawn. Work is bounded by an operator budget and a fragment count.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::file::{find, File};
use super::lex::{is_white, ContentLexer, Dict, Item, Obj, Operand, Operands};
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

/// An operator of at most two bytes as a number, to dispatch on in one jump
/// (keywords never start with byte 0, which is white space): 0 for others.
#[inline]
fn code(op: &[u8]) -> u16 {
    match op {
        [a] => u16::from(*a),
        [a, b] => u16::from(*a) << 8 | u16::from(*b),
        _ => 0,
    }
}

const fn op2(op: &[u8; 2]) -> u16 {
    (op[0] as u16) << 8 | op[1] as u16
}

const Q_SAVE: u16 = b'q' as u16;
const Q_RESTORE: u16 = b'Q' as u16;
const CM: u16 = op2(b"cm");
const BT: u16 = op2(b"BT");
const TF: u16 = op2(b"Tf");
const TC: u16 = op2(b"Tc");
const TW: u16 = op2(b"Tw");
const TZ: u16 = op2(b"Tz");
const TL: u16 = op2(b"TL");
const TS: u16 = op2(b"Ts");
const TD_LOWER: u16 = op2(b"Td");
const TD_UPPER: u16 = op2(b"TD");
const TM: u16 = op2(b"Tm");
const T_STAR: u16 = op2(b"T*");
const TJ_LOWER: u16 = op2(b"Tj");
const QUOTE: u16 = b'\'' as u16;
const DQUOTE: u16 = b'"' as u16;
const TJ_UPPER: u16 = op2(b"TJ");
const DO: u16 = op2(b"Do");
const BI: u16 = op2(b"BI");

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other`, as PDF concatenates (row vectors).
    #[inline]
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

    /// `translate(tx, 0).then(self)`: a move along the baseline.
    #[inline]
    fn advance(&mut self, tx: f64) {
        let [a, b, _, _, e, f] = &mut self.0;
        *e += tx * *a;
        *f += tx * *b;
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
    /// Where its text lies in the page's [`Interpreter::text`].
    pub text: Range<usize>,
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
    /// The text of all the page's fragments, one after the other: one buffer
    /// per page, reused, rather than a string per fragment grown per glyph.
    pub text: String,
}

/// See [`Interpreter::text_run`].
struct TextRun {
    font: Rc<Font>,
    a: f64,
    c: f64,
    d: f64,
    size: f32,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f mut File<'a>) -> Self {
        Interpreter {
            file,
            fonts: HashMap::new(),
            fallback: Rc::new({
                let mut f = Font::fallback();
                f.finish();
                f
            }),
            ops: 0,
            form_draws: 0,
            total_fragments: 0,
            images: false,
            damaged: false,
            fragments: Vec::new(),
            text: String::new(),
        }
    }

    pub fn file(&mut self) -> &mut File<'a> {
        self.file
    }

    /// Decodes a stream onto `out`; a stream that does not decode is skipped
    /// and noted. Whether it was a stream that decoded.
    pub fn stream_into(&mut self, obj: &Obj, out: &mut Vec<u8>) -> Result<bool, Error> {
        let Obj::Stream(dict, start, end) = self.file.resolve_lenient(obj)? else {
            return Ok(false);
        };
        match self.file.decode_into(&dict, start, end, out) {
            Ok(()) => Ok(true),
            Err(Error::TooBig) => Err(Error::TooBig),
            Err(_) => {
                self.damaged = true;
                Ok(false)
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
        let mut lex = ContentLexer::new(data);
        let mut st = state;
        let mut stack: Vec<State> = Vec::new();
        let mut operands = Operands::default();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Per stream, names resolve once: a stream repeating `Tf` or `Do` a
        // million times must not look its resources up a million times.
        let mut fonts: HashMap<Vec<u8>, Rc<Font>> = HashMap::new();
        let mut last_font: Option<(Vec<u8>, Rc<Font>)> = None;
        let mut xobjects: HashMap<Vec<u8>, Obj> = HashMap::new();
        loop {
            operands.clear();
            let op = match lex.next(&mut operands, MAX_OPERANDS) {
                Ok(Some(op)) => op,
                Ok(None) => break,
                // Damage mid-stream: keep what was read before it.
                Err(_) => {
                    self.damaged = true;
                    break;
                }
            };
            self.ops += 1;
            if self.ops > MAX_OPS {
                return Err(Error::TooBig);
            }
            let num = |i: usize| operands.num(i);
            match code(op) {
                // Deeper saves than real content uses are ignored, not stored.
                Q_SAVE if stack.len() < MAX_STATE_DEPTH => stack.push(st.clone()),
                Q_RESTORE => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                CM => {
                    if let Some(m) = operands.six() {
                        st.ctm = Matrix(m).then(st.ctm);
                    }
                }
                BT => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                TF => {
                    st.size = num(1);
                    if let Some(Operand::Name(s, e)) = operands.back(2) {
                        let name = operands.slice(s, e);
                        // Exports select the same font again before each run
                        // of text: that one is at hand without hashing.
                        let font = match &last_font {
                            Some((last, f)) if last.as_slice() == name => f.clone(),
                            _ => {
                                let f = match fonts.get(name) {
                                    Some(f) => f.clone(),
                                    None => {
                                        let f = self.font(resources, name)?;
                                        fonts.insert(name.to_vec(), f.clone());
                                        f
                                    }
                                };
                                last_font = Some((name.to_vec(), f.clone()));
                                f
                            }
                        };
                        st.font = Some(font);
                    }
                }
                TC => st.char_space = num(1),
                TW => st.word_space = num(1),
                TZ => st.h_scale = num(1) / 100.0,
                TL => st.leading = num(1),
                TS => st.rise = num(1),
                TD_LOWER | TD_UPPER => {
                    if op == b"TD" {
                        st.leading = -num(1);
                    }
                    tlm = Matrix::translate(num(2), num(1)).then(tlm);
                    tm = tlm;
                }
                TM => {
                    if let Some(m) = operands.six() {
                        tlm = Matrix(m);
                        tm = tlm;
                    }
                }
                T_STAR => {
                    tlm = Matrix::translate(0.0, -st.leading).then(tlm);
                    tm = tlm;
                }
                TJ_LOWER | QUOTE | DQUOTE => {
                    if op == b"\"" {
                        st.word_space = num(3);
                        st.char_space = num(2);
                    }
                    if op != b"Tj" {
                        tlm = Matrix::translate(0.0, -st.leading).then(tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s, e)) = operands.back(1) {
                        let run = self.text_run(&st, &tm);
                        self.show(&run, operands.slice(s, e), &st, &mut tm)?;
                    }
                }
                TJ_UPPER => {
                    if let Some(Operand::Array(s, e)) = operands.back(1) {
                        // Kerning only translates the text matrix: the rest of
                        // the strings' placement is worked out once.
                        let run = self.text_run(&st, &tm);
                        for item in operands.array(s, e) {
                            match *item {
                                Item::Str(s, e) => {
                                    self.show(&run, operands.slice(s, e), &st, &mut tm)?
                                }
                                Item::Num(adjust) => {
                                    let adjust = if adjust.is_finite() { adjust } else { 0.0 };
                                    tm.advance(-adjust / 1000.0 * st.size * st.h_scale);
                                }
                                Item::Other => {}
                            }
                        }
                    }
                }
                DO => {
                    if let Some(Operand::Name(s, e)) = operands.back(1) {
                        let name = operands.slice(s, e);
                        let obj = match xobjects.get(name) {
                            Some(o) => o.clone(),
                            None => {
                                let o = self.xobject(resources, name)?;
                                xobjects.insert(name.to_vec(), o.clone());
                                o
                            }
                        };
                        self.draw_xobject(resources, &obj, &st, depth)?;
                    }
                }
                BI => {
                    self.images = true;
                    skip_inline_image(&mut lex, &mut operands);
                }
                _ => {}
            }
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
                let mut data = Vec::new();
                if self.stream_into(obj, &mut data)? {
                    let mut inner = st.clone();
                    inner.ctm = matrix.then(st.ctm);
                    self.run(&data, &form_resources, inner, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// What the strings of one text-showing operator share: the font, and the
    /// text rendering matrix but for its translation, which alone moves from
    /// one string to the next (kerning and glyph advances).
    fn text_run(&self, st: &State, tm: &Matrix) -> TextRun {
        // [size*h_scale 0 0 size 0 rise] x tm x ctm, only the parts needed.
        let [a, _, c, d, _, _] = tm.then(st.ctm).0;
        let (sc, sd) = (st.size * c, st.size * d);
        TextRun {
            font: st.font.clone().unwrap_or_else(|| self.fallback.clone()),
            a,
            c,
            d,
            size: (sc * sc + sd * sd).sqrt() as f32,
        }
    }

    /// Shows a string: its text and where it starts and ends.
    fn show(&mut self, run: &TextRun, s: &[u8], st: &State, tm: &mut Matrix) -> Result<(), Error> {
        // The translation of tm x ctm, computed as [`Matrix::then`] does.
        let [ca, cb, cc, cd, ce, cf] = st.ctm.0;
        let [_, _, _, _, te, tf] = tm.0;
        let (e, f) = (te * ca + tf * cc + ce, te * cb + tf * cd + cf);
        let start_x = st.rise * run.c + e;
        let x0 = start_x as f32;
        let y = (st.rise * run.d + f) as f32;
        let size = run.size;
        // A run continuing the previous one on the same baseline (kerning in a
        // TJ array, a font change mid-word) joins it, to keep fragments few.
        // The last fragment's text always ends the page's text, so either way
        // the string's text is decoded onto the end of that.
        let join = self
            .fragments
            .last_mut()
            .filter(|last| (last.y - y).abs() < 0.1 * size && (x0 - last.x1).abs() < 0.1 * size);
        let text = &mut self.text;
        let before = text.len();
        // Control characters carry no text; tabs are gaps (see `push_text`).
        let advance = run
            .font
            .show(s, text, st.size, st.char_space, st.word_space);
        // One move for the whole string: the same as one per glyph.
        let tx = advance * st.h_scale;
        tm.advance(tx);
        let x1 = (start_x + tx * run.a) as f32;
        let added = text.len() > before;
        if !(x0.is_finite() && x1.is_finite() && y.is_finite() && size.is_finite()) {
            text.truncate(before);
            return Ok(());
        }
        if !added {
            return Ok(());
        }
        if let Some(last) = join {
            last.x1 = x1;
            last.text.end = text.len();
            return Ok(());
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
            text: before..self.text.len(),
        });
        Ok(())
    }
}

/// After `BI`: the image dictionary, `ID`, one white-space byte, the data, and
/// `EI` between white space. The data is binary; `EI` is found by its framing.
fn skip_inline_image(content: &mut ContentLexer, operands: &mut Operands) {
    while let Ok(Some(op)) = content.next(operands, MAX_OPERANDS) {
        operands.clear();
        if op == b"ID" {
            break;
        }
    }
    let lex = &mut content.lex;
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
