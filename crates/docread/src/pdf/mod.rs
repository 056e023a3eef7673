//! PDF reading: text with its position to table lines, or whether the pages are
//! only pictures. A small reader of our own rather than a PDF crate: lopdf and
//! pdf-extract cost 290–600 KB gzip in the Worker and pdf-extract panics on
//! malformed input (a panic kills the request), while the text layer of the
//! office and browser exports we meet needs only objects, streams, fonts and the
//! text operators. Everything is bounded: inflated bytes (per stream and in
//! total), objects, nesting, pages, operators and text fragments.

mod content;
mod file;
mod layout;
mod lex;
mod text;

use std::collections::HashSet;

use crate::{Content, Format, Limits, Line, Read, Unreadable};
use content::Interpreter;
use file::File;
use lex::{Dict, Obj};

/// More pages than this is not a statement or report.
const MAX_PAGES: usize = 5_000;
/// Page tree depth: real trees are a few levels.
const MAX_TREE_DEPTH: usize = 32;

/// Why reading stopped, mapped to [`Unreadable`] at the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Error {
    Corrupt,
    TooBig,
    Encrypted,
    /// A filter or predictor we do not decode: that stream is skipped.
    Unsupported,
}

/// Reads a PDF's text layer into numbered lines of cells.
pub fn read(bytes: &[u8], limits: &Limits) -> Read {
    match read_pdf(bytes, limits) {
        Ok(read) => read,
        Err(Error::TooBig) => Read::Unreadable(Unreadable::TooBig),
        Err(Error::Encrypted) => Read::Unreadable(Unreadable::Encrypted),
        Err(Error::Corrupt | Error::Unsupported) => Read::Unreadable(Unreadable::Corrupt),
    }
}

fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Read, Error> {
    let mut file = File::open(bytes)?;
    // Encrypted strings and streams are unreadable without the key; we never
    // try (not even the empty user password): such an upload is refused.
    if file.trailer.get(b"Encrypt").is_some() {
        return Err(Error::Encrypted);
    }
    let producer = producer(&mut file, limits.cell_chars)?;
    let root = file.trailer.get(b"Root").cloned().ok_or(Error::Corrupt)?;
    let Obj::Dict(catalog) = file.resolve(&root)? else {
        return Err(Error::Corrupt);
    };
    let mut pages = Vec::new();
    let tree = catalog.get(b"Pages").cloned().unwrap_or(Obj::Null);
    collect_pages(
        &mut file,
        &tree,
        &Dict::default(),
        0,
        &mut HashSet::new(),
        &mut pages,
    )?;
    if pages.is_empty() {
        return Err(Error::Corrupt);
    }

    let mut interp = Interpreter::new(&mut file);
    let mut columns = layout::Columns::default();
    let mut lines = Vec::new();
    // Every page's content is decoded into this one buffer, which grows to the
    // largest page once instead of being allocated for each.
    let mut content = Vec::new();
    for (page, resources) in pages {
        content.clear();
        match interp.file().entry(&page, b"Contents")? {
            Obj::Array(parts) => {
                for part in parts.iter().take(10_000) {
                    if interp.stream_into(part, &mut content)? {
                        // Parts split anywhere between tokens, never inside one.
                        content.push(b'\n');
                    }
                }
            }
            stream @ Obj::Stream(..) => {
                interp.stream_into(&stream, &mut content)?;
            }
            _ => {}
        }
        interp.page(&content, &resources)?;
        let fragments = std::mem::take(&mut interp.fragments);
        let page_lines =
            layout::page_lines(fragments, &interp.text, &mut columns, limits.cells_per_line);
        interp.text.clear();
        for cells in page_lines {
            if cells.iter().all(String::is_empty) {
                continue;
            }
            if lines.len() >= limits.lines
                || cells.len() > limits.cells_per_line
                || cells.iter().any(|c| c.chars().count() > limits.cell_chars)
            {
                return Err(Error::TooBig);
            }
            let number = u32::try_from(lines.len() + 1).map_err(|_| Error::TooBig)?;
            lines.push(Line { number, cells });
        }
    }
    if !lines.is_empty() {
        return Ok(Read::Content(Content {
            format: Format::Pdf,
            lines,
            producer,
            notes: Vec::new(),
            embedded: Vec::new(),
        }));
    }
    if interp.images {
        return Ok(Read::ImageOnlyPdf);
    }
    if interp.damaged {
        return Err(Error::Corrupt);
    }
    Ok(Read::Unreadable(Unreadable::Empty))
}

/// Leaf pages in order, each with its resources (inherited down the tree).
fn collect_pages(
    file: &mut File,
    node: &Obj,
    inherited: &Dict,
    depth: usize,
    seen: &mut HashSet<u32>,
    out: &mut Vec<(Dict, Dict)>,
) -> Result<(), Error> {
    if depth > MAX_TREE_DEPTH {
        return Err(Error::Corrupt);
    }
    // A node reached twice would make a cycle or count pages twice.
    if let Obj::Ref(n, _) = node {
        if !seen.insert(*n) {
            return Ok(());
        }
    }
    let Obj::Dict(dict) = file.resolve_lenient(node)? else {
        return Ok(());
    };
    let resources = match file.entry(&dict, b"Resources")? {
        Obj::Dict(r) => r,
        _ => inherited.clone(),
    };
    match file.entry(&dict, b"Kids")? {
        Obj::Array(kids) => {
            for kid in &kids {
                collect_pages(file, kid, &resources, depth + 1, seen, out)?;
            }
        }
        // A node without kids is a page (some producers omit /Type).
        _ => {
            if out.len() >= MAX_PAGES {
                return Err(Error::TooBig);
            }
            out.push((dict, resources));
        }
    }
    Ok(())
}

/// /Producer and /Creator of the document information, the program that made
/// the file: a screenshot tool there means a screenshot.
fn producer(file: &mut File, max_chars: usize) -> Result<Option<String>, Error> {
    let info = file.trailer.get(b"Info").cloned().unwrap_or(Obj::Null);
    let Obj::Dict(info) = file.resolve_lenient(&info)? else {
        return Ok(None);
    };
    let mut names: Vec<String> = Vec::new();
    for key in [&b"Producer"[..], b"Creator"] {
        if let Obj::Str(s) = file.entry(&info, key)? {
            let name = text::text_string(&s)
                .trim()
                .chars()
                .take(max_chars)
                .collect::<String>();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok((!names.is_empty()).then(|| names.join(" / ")))
}
