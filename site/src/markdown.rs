//! Markdown to HTML with pulldown-cmark: tables, footnotes and `{#id}` heading
//! anchors; `@key#anchor` links resolved to the page in the same language; on FAQ
//! pages every `##` question becomes a `<details>` that opens without JS. Raw HTML
//! in content is shown as text, never passed through. Table cells are written here:
//! alignment as a class (the CSP forbids style attributes), and a table whose
//! top-left header is empty gets row headers (`<th scope="row">`) in its first column.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::content::{Content, Page, Section};
use crate::error::BuildError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The plain text of a page's introduction or of one `##` section, for the search
/// index. Text under `###` headings belongs to its `##` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The `##` heading's anchor; empty for the introduction.
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The introduction first, then one entry per `##` heading.
    pub sections: Vec<TextSection>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

fn line_of(page: &Page, offset: usize) -> usize {
    page.body_line
        + page.body[..offset.min(page.body.len())]
            .matches('\n')
            .count()
}

fn is_anchor(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A page's Markdown events with their places in the body, parsed once for both
/// passes (anchors, then rendering).
pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

pub fn parse(page: &Page) -> Events<'_> {
    Parser::new_ext(&page.body, options())
        .into_offset_iter()
        .collect()
}

/// The anchors a page defines (`{#id}` on headings), with their lines.
pub fn anchors(page: &Page, events: &Events) -> Result<BTreeMap<String, usize>, Vec<BuildError>> {
    let mut found = BTreeMap::new();
    let mut errors = Vec::new();
    for (event, range) in events {
        if let Event::Start(Tag::Heading { level, id, .. }) = event {
            let level = *level;
            let line = line_of(page, range.start);
            match id {
                Some(id) if !is_anchor(id) => errors.push(BuildError::new(
                    &page.source,
                    line,
                    format!("anchor `{id}`: use lowercase a-z, 0-9 and hyphens"),
                )),
                Some(id) => {
                    if let Some(first) = found.insert(id.to_string(), line) {
                        errors.push(BuildError::new(
                            &page.source,
                            line,
                            format!("duplicate anchor `{id}` (first on line {first})"),
                        ));
                    }
                }
                None if level == HeadingLevel::H1 => errors.push(BuildError::new(
                    &page.source,
                    line,
                    "no `#` headings: the title comes from the front matter",
                )),
                None if level == HeadingLevel::H2 => errors.push(BuildError::new(
                    &page.source,
                    line,
                    "give this heading a stable anchor: `## Question {#anchor}`",
                )),
                None => {}
            }
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Resolves `@key` or `@key#anchor` against the page's language.
fn resolve_link(
    content: &Content,
    anchors: &BTreeMap<(crate::content::Lang, String), BTreeSet<String>>,
    page: &Page,
    dest: &str,
) -> Result<String, String> {
    let (key, anchor) = dest.split_once('#').unwrap_or((dest, ""));
    // `@portal-<id>`: one of the portal's pages (sign-in, calculators), same language.
    if let Some(id) = key.strip_prefix("portal-") {
        let target = crate::portal::PAGES
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| format!("link to unknown portal page `{id}`; use e.g. sign-in, forgot, calc-absence or calc-wga"))?;
        if !anchor.is_empty() {
            return Err(format!("link `@{dest}`: portal pages have no anchors"));
        }
        return Ok(target.url(page.lang).to_owned());
    }
    let target = content.get(page.lang, key).ok_or_else(|| {
        format!("link to unknown page key `{key}`; use the `key` of another page")
    })?;
    if anchor.is_empty() {
        return Ok(target.url.clone());
    }
    let known = anchors
        .get(&(page.lang, key.to_owned()))
        .is_some_and(|set| set.contains(anchor));
    if known {
        Ok(format!("{}#{anchor}", target.url))
    } else {
        Err(format!(
            "link to unknown anchor `#{anchor}` on page `{key}`"
        ))
    }
}

pub fn render(
    content: &Content,
    anchors: &BTreeMap<(crate::content::Lang, String), BTreeSet<String>>,
    page: &Page,
    parsed: Events,
) -> Result<Rendered, Vec<BuildError>> {
    let faq = page.front.section == Section::Faq && !page.is_index;
    let mut errors = Vec::new();
    let mut headings = Vec::new();
    let mut sections = vec![TextSection::default()];
    let mut events: Vec<Event> = Vec::new();
    let mut open_question = false;
    let mut current_heading: Option<(u8, String, String)> = None;
    let mut table = Table::default();

    for (event, range) in parsed {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('@') => {
                match resolve_link(content, anchors, page, &dest_url[1..]) {
                    Ok(url) => events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    })),
                    Err(message) => {
                        errors.push(BuildError::new(
                            &page.source,
                            line_of(page, range.start),
                            message,
                        ));
                        events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                }
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if dest_url.starts_with('#') => {
                let own = anchors.get(&(page.lang, page.front.key.clone()));
                if !own.is_some_and(|set| set.contains(&dest_url[1..])) {
                    errors.push(BuildError::new(
                        &page.source,
                        line_of(page, range.start),
                        format!("link to unknown anchor `{dest_url}` on this page"),
                    ));
                }
                events.push(event);
            }
            Event::Start(Tag::Link { ref dest_url, .. })
                if !(dest_url.starts_with("https://") || dest_url.starts_with("mailto:")) =>
            {
                let fix = if dest_url.starts_with("http://") {
                    "outside links use https://"
                } else {
                    "link pages as `@key` or `@key#anchor`"
                };
                errors.push(BuildError::new(
                    &page.source,
                    line_of(page, range.start),
                    format!("link `{dest_url}`: {fix}"),
                ));
                events.push(event);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let anchor = id.as_deref().unwrap_or_default().to_owned();
                current_heading = Some((level as u8, anchor.clone(), String::new()));
                if faq && level == HeadingLevel::H2 {
                    if open_question {
                        events.push(Event::Html("</div></details>\n".into()));
                    }
                    // The anchor moves to <details>, so a link to it opens the answer.
                    events.push(Event::Html(
                        format!("<details class=\"question\" id=\"{anchor}\"><summary>").into(),
                    ));
                    open_question = true;
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes,
                        attrs,
                    }));
                } else {
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    }));
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                events.push(event);
                if let Some((lvl, id, htext)) = current_heading.take() {
                    let htext = htext.trim().to_owned();
                    if level == HeadingLevel::H2 {
                        sections.push(TextSection {
                            anchor: id.clone(),
                            heading: htext.clone(),
                            text: String::new(),
                        });
                    } else {
                        push_text(&mut sections, &htext);
                        push_text(&mut sections, " ");
                    }
                    headings.push(Heading {
                        level: lvl,
                        id,
                        text: htext,
                    });
                }
                if faq && level == HeadingLevel::H2 {
                    events.push(Event::Html("</summary><div class=\"answer\">\n".into()));
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                table = Table {
                    alignments,
                    ..Table::default()
                };
                events.push(Event::Start(Tag::Table(Vec::new())));
            }
            Event::Start(Tag::TableHead) => {
                table.in_head = true;
                table.column = 0;
                events.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                push_text(&mut sections, " ");
                events.push(event);
            }
            Event::Start(Tag::TableRow) => {
                table.column = 0;
                events.push(event);
            }
            Event::Start(Tag::TableCell) => {
                // Written at the cell's end, when an empty corner is known.
                table.cell_start = events.len();
                events.push(Event::Html("".into()));
            }
            Event::End(TagEnd::TableCell) => {
                let (open, close) = table.cell_tags(events.len() == table.cell_start + 1);
                events[table.cell_start] = Event::Html(open.into());
                events.push(Event::Html(close.into()));
                table.column += 1;
                push_text(&mut sections, " ");
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                match current_heading.as_mut() {
                    Some((_, _, h)) => h.push_str(t),
                    None => push_text(&mut sections, t),
                }
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut sections, " ");
                events.push(event);
            }
            Event::End(ref end) if !is_inline(end) => {
                push_text(&mut sections, " ");
                events.push(event);
            }
            // Content never carries raw HTML: show it as text.
            Event::Html(t) | Event::InlineHtml(t) => events.push(Event::Text(t)),
            other => events.push(other),
        }
    }
    if open_question {
        events.push(Event::Html("</div></details>\n".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut html = String::with_capacity(page.body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    for section in &mut sections {
        section.text = section
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    Ok(Rendered {
        html,
        headings,
        sections,
    })
}

/// The table being written: its column alignments and where its cells are.
#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    /// The first column holds row headers: the top-left header cell is empty.
    row_headers: bool,
    /// Where the current cell's opening tag goes in the events.
    cell_start: usize,
}

impl Table {
    /// The opening and closing tag of the current cell.
    fn cell_tags(&mut self, empty: bool) -> (String, &'static str) {
        let class = match self.alignments.get(self.column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        if self.in_head && self.column == 0 && empty {
            self.row_headers = true;
            return ("<td>".into(), "</td>");
        }
        if self.in_head {
            (format!("<th scope=\"col\"{class}>"), "</th>")
        } else if self.row_headers && self.column == 0 {
            (format!("<th scope=\"row\"{class}>"), "</th>")
        } else {
            (format!("<td{class}>"), "</td>")
        }
    }
}

fn push_text(sections: &mut [TextSection], text: &str) {
    if let Some(last) = sections.last_mut() {
        last.text.push_str(text);
    }
}

/// Inline ends join words (`**Opslaan**.`); block ends separate them.
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}
