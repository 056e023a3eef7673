//! XLSX: a ZIP of XML parts. Read here: the workbook's sheet list, the
//! relationships to find the parts, the styles (to know which numbers are dates),
//! the shared strings, and the first visible sheet that has cells; the producing
//! program from `docProps/app.xml`.
//!
//! Not calamine: it reads each part whole into memory, and a 10 MB upload can
//! unpack to gigabytes. Here every part streams through one unpacking budget
//! ([`MAX_UNPACKED`]) into quick-xml's event reader, and the line and cell bounds
//! apply while reading, so memory and time stay bounded whatever the archive
//! claims about itself.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Cursor};
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;
use zip::result::ZipError;
use zip::ZipArchive;

use crate::{trim, Content, Format, Limits, Line, Lines, Note, NoteSource, Read, Unreadable};

/// Bytes unpacked over all parts together. A sheet of 10,000 employees and 20
/// columns is about 10 MB of XML; a zip bomb stops here (unpacking 32 MB takes a
/// fraction of a second), so no separate compression-ratio check is needed.
const MAX_UNPACKED: u64 = 32 * 1024 * 1024;
/// Parts in the archive (a workbook has a dozen or two); checked on the end
/// record before the ZIP reader builds its table of entries.
const MAX_PARTS: usize = 1_000;
/// Element nesting; a sheet needs 7 levels (worksheet/sheetData/row/c/is/r/t).
const MAX_DEPTH: usize = 64;
/// Styles recorded; cells with a later style index are not taken for dates.
const MAX_STYLES: usize = 65_536;
/// Sheets tried when looking for the first one with cells.
const MAX_SHEETS: usize = 64;
/// Characters kept of the producing program's name.
const MAX_PRODUCER_CHARS: usize = 200;

pub fn read(bytes: &[u8], limits: &Limits) -> Read {
    match read_workbook(bytes, limits) {
        Ok(content) => Read::Content(content),
        Err(why) => Read::Unreadable(why),
    }
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Content, Unreadable> {
    if entry_count(bytes).is_some_and(|n| n > MAX_PARTS) {
        return Err(Unreadable::TooBig);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let budget = Budget::new();
    let mut parts = Parts {
        archive: &mut archive,
        budget: &budget,
        limits,
    };

    let workbook = parts
        .parse("xl/workbook.xml", parse_workbook)?
        .ok_or(Unreadable::Corrupt)?;
    let rels = parts
        .parse("xl/_rels/workbook.xml.rels", parse_relationships)?
        .unwrap_or_default();
    let target = |kind: &str| {
        rels.iter()
            .find(|r| r.kind.rsplit('/').next() == Some(kind))
            .map(|r| part_path(&r.target))
    };
    let styles_path = target("styles").unwrap_or_else(|| "xl/styles.xml".to_owned());
    let styles = parts.parse(&styles_path, parse_styles)?.unwrap_or_default();
    let strings_path = target("sharedStrings").unwrap_or_else(|| "xl/sharedStrings.xml".to_owned());
    let strings = parts
        .parse(&strings_path, parse_shared_strings)?
        .unwrap_or_default();

    let numbers = Numbers {
        styles: &styles,
        date1904: workbook.date1904,
    };
    let mut lines = Vec::new();
    let visible = workbook
        .sheets
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.hidden);
    for (position, sheet) in visible.take(MAX_SHEETS) {
        let path = rels
            .iter()
            .find(|r| r.id == sheet.rel_id)
            .map(|r| part_path(&r.target))
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", position + 1));
        lines = parts
            .parse(&path, |xml| parse_sheet(xml, &strings, &numbers))?
            .ok_or(Unreadable::Corrupt)?;
        if !lines.is_empty() {
            break;
        }
    }
    if lines.is_empty() {
        return Err(Unreadable::Empty);
    }
    // Metadata only: a broken or missing app.xml leaves the producer unknown.
    let producer = parts
        .parse("docProps/app.xml", parse_application)
        .ok()
        .flatten()
        .flatten();
    // Every part's name, to find the parts outside the sheets.
    let names: Vec<String> = parts
        .archive
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let embedded = embedded_parts(&mut parts, &names)?;
    let mut notes = Vec::new();
    for name in &names {
        if let Some(source) = note_source(name) {
            parts.parse(name, |xml| parse_notes(xml, source, &mut notes))?;
        }
    }
    Ok(Content {
        format: Format::Xlsx,
        lines,
        producer,
        notes,
        embedded,
    })
}

// --- Parts outside the sheets ------------------------------------------------------

/// Files embedded in the workbook: parts in an `embeddings` folder (where Excel
/// and LibreOffice put OLE objects and packages), and any part an `oleObject` or
/// `package` relationship of any part points at. Names only: never unpacked.
fn embedded_parts(parts: &mut Parts<'_, '_>, names: &[String]) -> Result<Vec<String>, Unreadable> {
    let mut found: Vec<String> = names
        .iter()
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            let mut folders = lower.split('/').rev().skip(1);
            folders.any(|f| f == "embeddings")
        })
        .cloned()
        .collect();
    for rels_name in names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".rels"))
    {
        let Some(rels) = parts.parse(rels_name, parse_relationships)? else {
            continue;
        };
        for rel in rels {
            let kind = rel.kind.rsplit('/').next().unwrap_or("");
            if rel.external || !matches!(kind, "oleObject" | "package") {
                continue;
            }
            let target = relative_part(rels_name, &rel.target);
            let exists = names.iter().any(|n| n.eq_ignore_ascii_case(&target));
            if exists && !found.iter().any(|f| f.eq_ignore_ascii_case(&target)) {
                found.push(target);
            }
        }
    }
    Ok(found)
}

/// A relationship's target as a part name: relative to the folder of the part
/// the `.rels` file describes (`xl/worksheets/_rels/sheet1.xml.rels` describes
/// `xl/worksheets/sheet1.xml`), or absolute from the package root.
fn relative_part(rels_name: &str, target: &str) -> String {
    let mut path: Vec<&str> = Vec::new();
    if let Some(absolute) = target.strip_prefix('/') {
        return normalise(&mut path, absolute);
    }
    let folder = rels_name
        .rsplit_once("_rels/")
        .map(|(folder, _)| folder)
        .unwrap_or("");
    path.extend(folder.split('/').filter(|s| !s.is_empty()));
    normalise(&mut path, target)
}

fn normalise<'a>(path: &mut Vec<&'a str>, relative: &'a str) -> String {
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// Which parts hold text outside the cells: comments (legacy and threaded) and
/// drawings and charts (text boxes, shapes, titles). VML drawings only repeat
/// the legacy comments' text.
fn note_source(name: &str) -> Option<NoteSource> {
    let lower = name.to_ascii_lowercase();
    if !lower.starts_with("xl/") || !lower.ends_with(".xml") || lower.contains("_rels/") {
        return None;
    }
    let file = lower.rsplit('/').next().unwrap_or("");
    if file.starts_with("comment") || file.starts_with("threadedcomment") {
        Some(NoteSource::Comment)
    } else if lower.starts_with("xl/drawings/") || lower.starts_with("xl/charts/") {
        Some(NoteSource::Drawing)
    } else {
        None
    }
}

/// A comment's text (`<comment ref>` with `<t>` runs, `<threadedComment ref>`
/// with `<text>`) as one note on its cell; in drawings and charts each
/// paragraph (`<a:p>` with `<a:t>` runs) as one note. Bounded like cells: each
/// note within the cell's characters, all notes together within the cells.
fn parse_notes(
    xml: &mut Xml<'_>,
    source: NoteSource,
    notes: &mut Vec<Note>,
) -> Result<(), Unreadable> {
    let limits = xml.limits;
    let mut text = String::new();
    let (mut comment, mut in_text, mut in_phonetic) = (None::<Option<(u32, usize)>>, false, false);
    let mut push = |text: &mut String, cell: Option<(u32, usize)>| {
        let trimmed = trim(text);
        if !trimmed.is_empty() {
            if trimmed.chars().count() > limits.cell_chars || notes.len() >= limits.cells {
                return Err(Unreadable::TooBig);
            }
            notes.push(Note {
                source,
                cell,
                text: trimmed.to_owned(),
            });
        }
        text.clear();
        Ok(())
    };
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "comment" | "threadedComment" => {
                    comment = Some(attribute(e, "ref").as_deref().and_then(cell_reference));
                    text.clear();
                }
                "t" | "text" => in_text = !in_phonetic,
                "rPh" => in_phonetic = true,
                "p" if comment.is_none() => text.clear(),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "comment" | "threadedComment" => {
                    push(&mut text, comment.take().flatten())?;
                    in_text = false;
                }
                "t" | "text" => in_text = false,
                "rPh" => in_phonetic = false,
                "p" if comment.is_none() => push(&mut text, None)?,
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ if in_text => {
                push_text(&event, &mut text);
                if text.len() > limits.cell_chars.saturating_mul(4) {
                    return Err(Unreadable::TooBig);
                }
            }
            _ => {}
        }
    }
}

/// `B3` → (3, 1): the line number and the column from 0.
fn cell_reference(reference: &str) -> Option<(u32, usize)> {
    let column = column_index(reference)?;
    let row = reference.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    Some((row.parse().ok()?, column))
}

/// The entry count of the ZIP end record (the last `PK\x05\x06` in the final
/// 64 KB), where a ZIP reader learns how many entries to expect. A ZIP64 archive
/// says 0xFFFF here: more than [`MAX_PARTS`] too, and no spreadsheet under
/// 10 MB needs ZIP64.
fn entry_count(bytes: &[u8]) -> Option<usize> {
    let tail = bytes.get(bytes.len().saturating_sub(22 + 65_535)..)?;
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = tail.get(at + 10..at + 12)?;
    Some(usize::from(u16::from_le_bytes([
        *count.first()?,
        *count.get(1)?,
    ])))
}

fn zip_error(e: ZipError) -> Unreadable {
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            Unreadable::Encrypted
        }
        _ => Unreadable::Corrupt,
    }
}

/// What may still be unpacked, shared by every part.
struct Budget {
    left: Cell<u64>,
    exceeded: Cell<bool>,
}

impl Budget {
    fn new() -> Budget {
        Budget {
            left: Cell::new(MAX_UNPACKED),
            exceeded: Cell::new(false),
        }
    }
}

/// A part's unpacked bytes, failing once the budget is spent.
struct Limited<'a, R> {
    inner: R,
    budget: &'a Budget,
}

impl<R: io::Read> io::Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.budget.left.get().checked_sub(n as u64) {
            Some(left) => {
                self.budget.left.set(left);
                Ok(n)
            }
            None => {
                self.budget.exceeded.set(true);
                Err(io::Error::other("the parts unpack to more than allowed"))
            }
        }
    }
}

struct Parts<'a, 'b> {
    archive: &'a mut ZipArchive<Cursor<&'b [u8]>>,
    budget: &'a Budget,
    limits: &'a Limits,
}

impl Parts<'_, '_> {
    /// Streams a part through `parse`; `None` when the archive has no such part.
    /// Part names are case-insensitive in Office's packaging format.
    fn parse<T>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&mut Xml<'_>) -> Result<T, Unreadable>,
    ) -> Result<Option<T>, Unreadable> {
        let Some(index) = self
            .archive
            .file_names_raw()
            .position(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        else {
            return Ok(None);
        };
        let file = self.archive.by_index(index).map_err(zip_error)?;
        let limited = Limited {
            inner: file,
            budget: self.budget,
        };
        let part: Box<dyn BufRead + '_> = Box::new(BufReader::new(limited));
        let mut reader = quick_xml::Reader::from_reader(part);
        // Every element then has a start and an end: one place to count depth.
        reader.config_mut().expand_empty_elements = true;
        let mut xml = Xml {
            reader,
            buf: Vec::new(),
            depth: 0,
            budget: self.budget,
            limits: self.limits,
        };
        parse(&mut xml).map(Some)
    }
}

/// A relationship target relative to `xl/` (or absolute from the package root)
/// as a part name.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    }
}

/// quick-xml's reader with the depth bound and budget-aware errors. The part is
/// a trait object so each parse function has one plain signature.
struct Xml<'a> {
    reader: quick_xml::Reader<Box<dyn BufRead + 'a>>,
    buf: Vec<u8>,
    depth: usize,
    budget: &'a Budget,
    limits: &'a Limits,
}

impl Xml<'_> {
    fn next(&mut self) -> Result<Event<'_>, Unreadable> {
        self.buf.clear();
        let budget = self.budget;
        let event = self.reader.read_event_into(&mut self.buf).map_err(|_| {
            if budget.exceeded.get() {
                Unreadable::TooBig
            } else {
                Unreadable::Corrupt
            }
        })?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Unreadable::Corrupt);
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        // the value with the predefined entities (`&quot;` ...) resolved
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Appends text, a CDATA section or an entity reference to `out`.
fn push_text(event: &Event<'_>, out: &mut String) {
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(c) => out.push_str(&c.xml10_content()),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                out.push(c);
            } else {
                let predefined = match r.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "apos" => "'",
                    "quot" => "\"",
                    _ => "",
                };
                out.push_str(predefined);
            }
        }
        _ => {}
    }
}

fn local(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_owned()
}

// --- Workbook and relationships -------------------------------------------------

#[derive(Default)]
struct Workbook {
    sheets: Vec<SheetRef>,
    date1904: bool,
}

struct SheetRef {
    rel_id: String,
    hidden: bool,
}

fn parse_workbook(xml: &mut Xml<'_>) -> Result<Workbook, Unreadable> {
    let mut workbook = Workbook::default();
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e).as_str() {
                "workbookPr" => {
                    workbook.date1904 =
                        matches!(attribute(&e, "date1904").as_deref(), Some("1" | "true"));
                }
                "sheet" => {
                    if workbook.sheets.len() >= MAX_PARTS {
                        return Err(Unreadable::TooBig);
                    }
                    workbook.sheets.push(SheetRef {
                        rel_id: attribute(&e, "id").unwrap_or_default(),
                        hidden: attribute(&e, "state").is_some_and(|s| s != "visible"),
                    });
                }
                _ => {}
            },
            Event::Eof => return Ok(workbook),
            _ => {}
        }
    }
}

struct Relationship {
    id: String,
    kind: String,
    target: String,
    /// `TargetMode="External"`: a link outside the package, not a part.
    external: bool,
}

fn parse_relationships(xml: &mut Xml<'_>) -> Result<Vec<Relationship>, Unreadable> {
    let mut rels = Vec::new();
    loop {
        match xml.next()? {
            Event::Start(e) if local(&e) == "Relationship" => {
                if rels.len() >= MAX_PARTS {
                    return Err(Unreadable::TooBig);
                }
                rels.push(Relationship {
                    id: attribute(&e, "Id").unwrap_or_default(),
                    kind: attribute(&e, "Type").unwrap_or_default(),
                    target: attribute(&e, "Target").unwrap_or_default(),
                    external: attribute(&e, "TargetMode").as_deref() == Some("External"),
                });
            }
            Event::Eof => return Ok(rels),
            _ => {}
        }
    }
}

fn parse_application(xml: &mut Xml<'_>) -> Result<Option<String>, Unreadable> {
    let mut inside = false;
    let mut text = String::new();
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => inside = local(e) == "Application",
            Event::End(_) if inside => {
                let name: String = text.trim().chars().take(MAX_PRODUCER_CHARS).collect();
                return Ok(Some(name).filter(|n| !n.is_empty()));
            }
            Event::Eof => return Ok(None),
            _ if inside && text.len() < MAX_PRODUCER_CHARS * 4 => push_text(&event, &mut text),
            _ => {}
        }
    }
}

// --- Styles: which cells hold dates ------------------------------------------------

/// Per cell style (`s` attribute of a cell): whether its number format is a date.
#[derive(Default)]
struct Styles {
    date: Vec<bool>,
}

fn parse_styles(xml: &mut Xml<'_>) -> Result<Styles, Unreadable> {
    let mut custom_dates: Vec<u32> = Vec::new();
    let mut formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match xml.next()? {
            Event::Start(e) => match local(&e).as_str() {
                "numFmt" => {
                    let id = attribute(&e, "numFmtId").and_then(|i| i.parse::<u32>().ok());
                    let code = attribute(&e, "formatCode").unwrap_or_default();
                    if let Some(id) = id.filter(|_| is_date_code(&code)) {
                        if custom_dates.len() < MAX_STYLES {
                            custom_dates.push(id);
                        }
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                // The default format, General, for an xf without numFmtId.
                "xf" if in_cell_xfs && formats.len() < MAX_STYLES => formats.push(
                    attribute(&e, "numFmtId")
                        .and_then(|i| i.parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    let date = formats
        .iter()
        .map(|id| is_builtin_date(*id) || custom_dates.contains(id))
        .collect();
    Ok(Styles { date })
}

/// Excel's built-in date formats: 14–22 (`m/d/yyyy` … `m/d/yy h:mm`, shown in the
/// user's locale), and 27–36 and 50–58, the East Asian date formats.
fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 50..=58)
}

/// Whether a custom number format shows a date: a day or year code, or a month
/// code without hours or seconds (`m` is also minutes, as in `h:mm`). Quoted
/// literals, escaped characters and bracketed parts (`[$-413]`, `[Red]`, `[h]`)
/// are not codes; only the first section (positive numbers) counts.
fn is_date_code(code: &str) -> bool {
    let (mut day_or_year, mut month, mut time) = (false, false, false);
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c.to_ascii_lowercase() {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => break,
            'd' | 'y' => day_or_year = true,
            'm' => month = true,
            'h' | 's' => time = true,
            _ => {}
        }
    }
    day_or_year || (month && !time)
}

// --- Shared strings ------------------------------------------------------------------

/// All shared strings in one buffer with their end offsets: one allocation
/// instead of one `String` per entry.
#[derive(Default)]
struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    fn get(&self, index: usize) -> Option<&str> {
        let start = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(index)?)
    }
}

/// `<si>` holds a `<t>`, or rich-text runs `<r><t>`; `<rPh>` phonetic runs (for
/// Japanese) are not part of the text.
fn parse_shared_strings(xml: &mut Xml<'_>) -> Result<SharedStrings, Unreadable> {
    let limits = xml.limits;
    let mut strings = SharedStrings::default();
    let (mut start, mut in_t, mut in_phonetic) = (0, false, false);
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => {
                    start = strings.text.len();
                    in_t = false;
                }
                "t" => in_t = !in_phonetic,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    if strings.ends.len() >= limits.cells {
                        return Err(Unreadable::TooBig);
                    }
                    strings.ends.push(strings.text.len());
                }
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Eof => return Ok(strings),
            _ if in_t => {
                push_text(&event, &mut strings.text);
                let added = strings.text.get(start..).unwrap_or("");
                if added.len() > limits.cell_chars && added.chars().count() > limits.cell_chars {
                    return Err(Unreadable::TooBig);
                }
            }
            _ => {}
        }
    }
}

// --- Sheets -----------------------------------------------------------------------------

struct Numbers<'a> {
    styles: &'a Styles,
    date1904: bool,
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    column: Option<usize>,
    kind: String,
    style: usize,
    value: String,
    in_value: bool,
    in_phonetic: bool,
}

fn parse_sheet(
    xml: &mut Xml<'_>,
    strings: &SharedStrings,
    numbers: &Numbers<'_>,
) -> Result<Vec<Line>, Unreadable> {
    let limits = xml.limits;
    let mut lines = Lines::new(limits);
    let mut row: Option<(u32, Vec<String>)> = None;
    let mut next_row = 1u32;
    let mut next_column = 0usize;
    let mut cell: Option<CellState> = None;
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "row" => {
                    let number = match attribute(e, "r") {
                        Some(r) => r.parse::<u32>().map_err(|_| Unreadable::Corrupt)?,
                        None => next_row,
                    };
                    next_row = number.saturating_add(1);
                    next_column = 0;
                    row = Some((number, Vec::new()));
                }
                "c" if row.is_some() => {
                    cell = Some(CellState {
                        column: attribute(e, "r").as_deref().and_then(column_index),
                        kind: attribute(e, "t").unwrap_or_default(),
                        style: attribute(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
                        ..CellState::default()
                    });
                }
                // `<v>` holds a value, `<is><t>` an inline string (`<f>`, the
                // formula, is skipped: its cached result is in `<v>`).
                "v" | "t" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = !c.in_phonetic;
                    }
                }
                "rPh" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_phonetic = true;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = false;
                    }
                }
                "rPh" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_phonetic = false;
                    }
                }
                "c" => {
                    if let (Some(c), Some((_, cells))) = (cell.take(), row.as_mut()) {
                        let column = c.column.unwrap_or(next_column);
                        next_column = column.saturating_add(1);
                        let text = cell_text(&c, strings, numbers)?;
                        put(cells, column, text, limits)?;
                    }
                }
                "row" => {
                    if let Some((number, cells)) = row.take() {
                        lines.push(number, cells)?;
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(lines.lines),
            _ => {
                if let Some(c) = cell.as_mut().filter(|c| c.in_value) {
                    push_text(&event, &mut c.value);
                    if c.value.len() > limits.cell_chars.saturating_mul(4) {
                        return Err(Unreadable::TooBig);
                    }
                }
            }
        }
    }
}

/// Puts a cell's text at its column; empty cells only matter as gaps.
fn put(
    cells: &mut Vec<String>,
    column: usize,
    text: String,
    limits: &Limits,
) -> Result<(), Unreadable> {
    if text.is_empty() {
        return Ok(());
    }
    if column >= limits.cells_per_line {
        return Err(Unreadable::TooBig);
    }
    if text.chars().count() > limits.cell_chars {
        return Err(Unreadable::TooBig);
    }
    if cells.len() <= column {
        cells.resize(column + 1, String::new());
    }
    if let Some(slot) = cells.get_mut(column) {
        *slot = text;
    }
    Ok(())
}

/// `C12` → 2 (columns from 0); `None` for a malformed reference.
fn column_index(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    // Excel's last column is XFD.
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let number = letters.iter().fold(0usize, |n, &b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1
    });
    Some(number - 1)
}

/// A cell's text as a spreadsheet user would read it.
fn cell_text(
    cell: &CellState,
    strings: &SharedStrings,
    numbers: &Numbers<'_>,
) -> Result<String, Unreadable> {
    let value = cell.value.trim();
    Ok(match cell.kind.as_str() {
        "s" => {
            let index: usize = value.parse().map_err(|_| Unreadable::Corrupt)?;
            strings
                .get(index)
                .ok_or(Unreadable::Corrupt)?
                .trim()
                .to_owned()
        }
        "b" => match value {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            other => other.to_owned(),
        },
        // an ISO 8601 date(-time): the date
        "d" => value.split('T').next().unwrap_or(value).to_owned(),
        "inlineStr" | "str" | "e" => value.to_owned(),
        _ if value.is_empty() => String::new(),
        _ => {
            let is_date = numbers
                .styles
                .date
                .get(cell.style)
                .copied()
                .unwrap_or(false);
            is_date
                .then(|| serial_date(value, numbers.date1904))
                .flatten()
                .unwrap_or_else(|| number_text(value))
        }
    })
}

/// A number as Excel shows it in General format: at most 15 significant digits
/// (so the binary noise of `4374.8999999999996` goes), integers without `.0`.
/// Text that is no decimal stays as it is.
fn number_text(raw: &str) -> String {
    let parsed = if raw.contains(['e', 'E']) {
        Decimal::from_scientific(raw)
    } else {
        Decimal::from_str(raw)
    };
    match parsed.ok().and_then(|d| d.round_sf(15)) {
        Some(d) => d.normalize().to_string(),
        None => raw.to_owned(),
    }
}

/// An Excel date serial as `YYYY-MM-DD` (the time of day dropped). In the 1900
/// system day 1 is 1900-01-01 and day 60 the 29 February 1900 that Lotus 1-2-3
/// invented (no date: `None`), so from day 61 on the count is off by one; the
/// 1904 system (old Mac Excel) counts from 1904-01-01 as day 0.
fn serial_date(raw: &str, date1904: bool) -> Option<String> {
    let serial: f64 = raw.parse().ok()?;
    // 2,958,465 is 9999-12-31, Excel's last date.
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let (base, days) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else {
        match days {
            0 | 60 => return None,
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, days),
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, days),
        }
    };
    Some(base.checked_add_days(Days::new(days))?.to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;
    const MAX_CELLS: usize = Limits::DEFAULT.cells;
    const MAX_LINES: usize = Limits::DEFAULT.lines;
    const MAX_CELL_CHARS: usize = Limits::DEFAULT.cell_chars;

    fn read(bytes: &[u8]) -> Read {
        super::read(bytes, &Limits::DEFAULT)
    }

    /// A ZIP of the given parts, deflated like Excel's.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    const WORKBOOK: &str = r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
    const STYLES: &str = r##"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\-mm\-yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00&quot; d&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"##;

    /// A workbook with one sheet (and optional shared strings).
    fn workbook(sheet: &str, strings: &str) -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ])
    }

    fn sheet(rows: &str) -> String {
        format!("<worksheet><sheetData>{rows}</sheetData></worksheet>")
    }

    fn lines(bytes: &[u8]) -> Vec<(u32, Vec<String>)> {
        match read(bytes) {
            Read::Content(c) => c.lines.into_iter().map(|l| (l.number, l.cells)).collect(),
            other => panic!("not content: {other:?}"),
        }
    }

    fn owned(lines: &[(u32, &[&str])]) -> Vec<(u32, Vec<String>)> {
        lines
            .iter()
            .map(|(n, cells)| (*n, cells.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn reads_cells_as_a_user_sees_them() {
        let strings = r#"<sst><si><t>Naam</t></si><si><r><t>SV-</t></r><r><t xml:space="preserve">loon </t></r><rPh><t>ふりがな</t></rPh></si><si><t>Caf&#233; &amp; Co</t></si></sst>"#;
        let rows = r#"
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="2"><c r="A2"/><c r="B2" s="0"><v>  </v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>De Vries</t></is></c><c r="C4"><v>52350</v></c><c r="D4"><v>4374.8999999999996</v></c><c r="E4"><v>1.5E+3</v></c></row>
            <row r="5"><c r="B5" s="1"><v>45292</v></c><c r="C5" s="2"><v>45658.75</v></c><c r="D5" s="3"><v>12</v></c><c r="E5" t="b"><v>1</v></c><c r="F5" t="str"><f>A1</f><v>Naam</v></c></row>
            <row><c t="e"><v>#N/A</v></c><c><v>-0.5</v></c></row>
        "#;
        let book = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet(rows).as_bytes()),
            (
                "docProps/app.xml",
                b"<Properties><Application>Microsoft Excel</Application></Properties>",
            ),
        ]);
        let Read::Content(content) = read(&book) else {
            panic!("not read");
        };
        assert_eq!(content.format, Format::Xlsx);
        assert_eq!(content.producer.as_deref(), Some("Microsoft Excel"));
        assert_eq!(
            lines(&book),
            owned(&[
                (1, &["Naam", "SV-loon", "Café & Co"]),
                (4, &["De Vries", "", "52350", "4374.9", "1500"]),
                (5, &["", "2024-01-01", "2025-01-01", "12", "TRUE", "Naam"]),
                (6, &["#N/A", "-0.5"]),
            ])
        );
    }

    #[test]
    fn takes_the_first_visible_sheet_with_cells() {
        let workbook = r#"<workbook><workbookPr date1904="1"/><sheets><sheet name="Verborgen" r:id="rId4" state="hidden"/><sheet name="Leeg" r:id="rId1"/><sheet name="Data" r:id="rId4"/></sheets></workbook>"#;
        let hidden_and_data = sheet(r#"<row r="3"><c r="A3" s="1"><v>0</v></c></row>"#);
        let book = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            (
                "xl/worksheets/sheet1.xml",
                sheet("<row r=\"1\"/>").as_bytes(),
            ),
            ("xl/worksheets/sheet2.xml", hidden_and_data.as_bytes()),
        ]);
        // The 1904 date system counts from 1904-01-01 as day 0.
        assert_eq!(lines(&book), owned(&[(3, &["1904-01-01"])]));
    }

    #[test]
    fn refuses_hostile_and_broken_workbooks() {
        let good = workbook(
            &sheet(r#"<row r="1"><c t="s"><v>0</v></c></row>"#),
            "<sst><si><t>a</t></si></sst>",
        );
        let truncated = good.get(..good.len() / 2).unwrap().to_vec();
        // 40 MB of whitespace deflates to about 40 KB: a zip bomb in small.
        let bomb = workbook(
            &format!(
                "<worksheet><sheetData>{}</sheetData></worksheet>",
                " ".repeat(40 << 20)
            ),
            "",
        );
        let nested = workbook(
            &format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000)),
            "",
        );
        let many_strings = workbook("", &"<si><t>a</t></si>".repeat(MAX_CELLS + 1));
        let long_string = workbook(
            "",
            &format!("<si><t>{}</t></si>", "x".repeat(MAX_CELL_CHARS + 1)),
        );
        let long_inline = workbook(
            &sheet(&format!(
                r#"<row><c t="inlineStr"><is><t>{}</t></is></c></row>"#,
                "é".repeat(MAX_CELL_CHARS + 1)
            )),
            "",
        );
        let missing_string = workbook(&sheet(r#"<row><c t="s"><v>7</v></c></row>"#), "<sst/>");
        let wide = workbook(&sheet(r#"<row><c r="IW1"><v>1</v></c></row>"#), "");
        let many_rows = workbook(
            &sheet(&"<row><c><v>1</v></c></row>".repeat(MAX_LINES + 1)),
            "",
        );
        let mismatched = workbook("<worksheet><sheetData></row></worksheet>", "");
        let bad_row = workbook(&sheet(r#"<row r="x"><c><v>1</v></c></row>"#), "");
        let empty = workbook(&sheet(r#"<row r="1"><c r="A1"/></row>"#), "");
        let no_workbook = zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]);
        let many_parts: Vec<(String, &[u8])> = (0..=MAX_PARTS)
            .map(|i| (format!("p{i}"), &b""[..]))
            .collect();
        let many_parts = zip_of(
            &many_parts
                .iter()
                .map(|(n, d)| (n.as_str(), *d))
                .collect::<Vec<_>>(),
        );
        let cases: Vec<(&str, Vec<u8>, Unreadable)> = vec![
            ("truncated", truncated, Unreadable::Corrupt),
            (
                "not a zip",
                b"PK\x03\x04 nothing else".to_vec(),
                Unreadable::Corrupt,
            ),
            ("zip bomb", bomb, Unreadable::TooBig),
            ("deeply nested", nested, Unreadable::Corrupt),
            ("a million shared strings", many_strings, Unreadable::TooBig),
            ("long shared string", long_string, Unreadable::TooBig),
            ("long inline string", long_inline, Unreadable::TooBig),
            ("missing shared string", missing_string, Unreadable::Corrupt),
            ("column beyond the bound", wide, Unreadable::TooBig),
            ("too many rows", many_rows, Unreadable::TooBig),
            ("mismatched tags", mismatched, Unreadable::Corrupt),
            ("row number not a number", bad_row, Unreadable::Corrupt),
            ("no cells", empty, Unreadable::Empty),
            ("no workbook part", no_workbook, Unreadable::Corrupt),
            ("too many parts", many_parts, Unreadable::TooBig),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(read(&bytes), Read::Unreadable(expected), "{name}");
        }
    }

    /// A workbook with one sheet of one cell, and extra parts.
    fn with_parts(extra: &[(&str, &[u8])]) -> Vec<u8> {
        let sheet = sheet(r#"<row r="1"><c t="inlineStr"><is><t>Naam</t></is></c></row>"#);
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        parts.extend_from_slice(extra);
        zip_of(&parts)
    }

    fn content(bytes: &[u8]) -> Content {
        match read(bytes) {
            Read::Content(c) => c,
            other => panic!("not content: {other:?}"),
        }
    }

    #[test]
    fn reads_comments_and_the_text_of_drawings_and_charts() {
        let comments = br#"<comments><authors><author>Piet</author></authors><commentList><comment ref="B3" authorId="0"><text><r><rPr><b/></rPr><t>Piet:</t></r><r><t xml:space="preserve"> knie</t></r><r><t>operatie</t></r></text></comment><comment ref="A1" authorId="0"><text><t>   </t></text></comment></commentList></comments>"#;
        let threaded = br#"<ThreadedComments><threadedComment ref="AA10" id="{1}"><text>Ziek sinds maart</text></threadedComment></ThreadedComments>"#;
        let drawing = br#"<xdr:wsDr xmlns:xdr="x" xmlns:a="a"><xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:p><a:r><a:t>Tekst</a:t></a:r><a:r><a:t>vak</a:t></a:r></a:p><a:p><a:r><a:t>tweede alinea</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>"#;
        let chart = br#"<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Verzuim per maand</a:t></a:r></a:p></c:rich></c:tx></c:title><c:strCache><c:pt><c:v>not a note</c:v></c:pt></c:strCache></c:chart></c:chartSpace>"#;
        let bytes = with_parts(&[
            ("xl/comments1.xml", comments),
            ("xl/threadedComments/threadedComment1.xml", threaded),
            ("xl/drawings/drawing1.xml", drawing),
            ("xl/drawings/_rels/drawing1.xml.rels", b"<Relationships/>"),
            ("xl/charts/chart1.xml", chart),
            (
                "xl/drawings/vmlDrawing1.vml",
                b"<xml>Piet: knieoperatie</xml>",
            ),
        ]);
        let c = content(&bytes);
        let note = |source, cell, text: &str| Note {
            source,
            cell,
            text: text.to_owned(),
        };
        assert_eq!(
            c.notes,
            vec![
                note(NoteSource::Comment, Some((3, 1)), "Piet: knieoperatie"),
                note(NoteSource::Comment, Some((10, 26)), "Ziek sinds maart"),
                note(NoteSource::Drawing, None, "Tekstvak"),
                note(NoteSource::Drawing, None, "tweede alinea"),
                note(NoteSource::Drawing, None, "Verzuim per maand"),
            ]
        );
        assert!(c.embedded.is_empty());
        // The cells are read as before.
        assert_eq!(
            c.lines,
            vec![Line {
                number: 1,
                cells: vec!["Naam".into()]
            }]
        );

        let long = format!(
            r#"<comments><commentList><comment ref="A1"><text><t>{}</t></text></comment></commentList></comments>"#,
            "x".repeat(MAX_CELL_CHARS + 1)
        );
        let broken = b"<comments><commentList><comment ref=\"A1\"><text><t>a</text></comment>";
        for (name, bytes, why) in [
            (
                "long comment",
                with_parts(&[("xl/comments1.xml", long.as_bytes())]),
                Unreadable::TooBig,
            ),
            (
                "broken comment",
                with_parts(&[("xl/comments1.xml", broken)]),
                Unreadable::Corrupt,
            ),
        ] {
            assert_eq!(read(&bytes), Read::Unreadable(why), "{name}");
        }
    }

    #[test]
    fn names_embedded_files_without_unpacking_them() {
        let sheet_rels = br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../other/data.zip"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="file:///C:/elders.xlsx" TargetMode="External"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="/xl/gone.bin"/></Relationships>"#;
        let bytes = with_parts(&[
            (
                "xl/embeddings/oleObject1.bin",
                b"\xD0\xCF\x11\xE0 an OLE2 file",
            ),
            (
                "xl/embeddings/Microsoft_Word_Document.docx",
                b"PK\x03\x04 a zip",
            ),
            ("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels),
            ("xl/other/data.zip", b"PK\x03\x04 a zip"),
            ("xl/media/image1.png", b"\x89PNG\r\n\x1a\n"),
        ]);
        assert_eq!(
            content(&bytes).embedded,
            vec![
                "xl/embeddings/oleObject1.bin".to_owned(),
                "xl/embeddings/Microsoft_Word_Document.docx".to_owned(),
                "xl/other/data.zip".to_owned(),
            ]
        );
        assert_eq!(
            relative_part("_rels/.rels", "xl/workbook.xml"),
            "xl/workbook.xml"
        );
        assert_eq!(
            relative_part(
                "xl/worksheets/_rels/sheet1.xml.rels",
                "./../embeddings/a.bin"
            ),
            "xl/embeddings/a.bin"
        );
    }

    #[test]
    fn tells_date_formats() {
        let cases = [
            ("dd-mm-yyyy", true),
            ("d/m/yy", true),
            ("[$-413]d mmmm yyyy", true),
            ("mmm", true),
            ("yyyy", true),
            ("h:mm", false),
            ("[h]:mm:ss", false),
            ("mm:ss", false),
            ("General", false),
            ("0.00", false),
            ("#,##0.00\" dagen\"", false),
            ("0\\d", false),
            ("[Red]0.00;[Blue]dd", false),
        ];
        for (code, expected) in cases {
            assert_eq!(is_date_code(code), expected, "{code}");
        }
    }

    #[test]
    fn shows_numbers_and_dates() {
        let numbers = [
            ("52350", "52350"),
            ("52350.0", "52350"),
            ("0.1", "0.1"),
            ("0.30000000000000004", "0.3"),
            ("-1234.5600", "-1234.56"),
            ("1.5E+3", "1500"),
            ("2.5e-3", "0.0025"),
            ("1E+300", "1E+300"),
            ("abc", "abc"),
        ];
        for (raw, shown) in numbers {
            assert_eq!(number_text(raw), shown, "{raw}");
        }
        let dates = [
            ("1", false, Some("1900-01-01")),
            ("59", false, Some("1900-02-28")),
            ("60", false, None),
            ("61", false, Some("1900-03-01")),
            ("45292.999", false, Some("2024-01-01")),
            ("2958465", false, Some("9999-12-31")),
            ("2958466", false, None),
            ("-1", false, None),
            ("0", true, Some("1904-01-01")),
            ("NaN", false, None),
            ("x", false, None),
        ];
        for (raw, date1904, expected) in dates {
            assert_eq!(serial_date(raw, date1904).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn reads_column_references() {
        let cases = [
            ("A1", Some(0)),
            ("c12", Some(2)),
            ("AA3", Some(26)),
            ("XFD1", Some(16_383)),
            ("ABCD1", None),
            ("12", None),
        ];
        for (reference, expected) in cases {
            assert_eq!(column_index(reference), expected, "{reference}");
        }
    }
}
