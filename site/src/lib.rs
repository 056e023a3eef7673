//! Compiles `content/` into the static site: every page in Dutch and English, the
//! 404 page, the search index per language, `sitemap.xml`, redirects and the static
//! files. Nothing is written unless the whole site builds: output goes to a fresh
//! folder that replaces the old one at the end.

pub mod content;
pub mod error;
pub mod markdown;
pub mod portal;
pub mod search;
pub mod templates;
pub mod texts;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use askama::Template;

use content::{Content, Lang, Page, Section};
use error::{BuildError, BuildErrors};
use markdown::Rendered;
pub use templates::Contact;
use templates::{Crumb, FooterContact, Layout, ListItem, NavItem, NotFoundTemplate, PageTemplate};

/// The files served as they are under `/static/`: every file of `site/static/`
/// (a page's script is found by its id), as (name, text) pairs in name order.
pub fn static_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// What a build produced, for the caller to report.
#[derive(Debug, Default)]
pub struct Report {
    /// HTML pages, the 404 page included.
    pub pages: usize,
    pub bytes: usize,
}

/// A section's own page (`_index.md`) in a language.
fn section_index(content: &Content, lang: Lang, section: Section) -> Option<&Page> {
    content
        .pages
        .iter()
        .find(|p| p.lang == lang && p.is_index && p.front.section == section)
}

/// What every page of a language shares, looked up once.
struct Frame<'a> {
    home: Option<&'a Page>,
    indexes: BTreeMap<Section, &'a Page>,
    /// The FAQ index (the home page if there is none): the search form's fallback.
    faq_url: String,
    contact: Option<FooterContact>,
}

impl<'a> Frame<'a> {
    fn new(content: &'a Content, lang: Lang, contact: Option<&Contact>) -> Self {
        let home = content.get(lang, "home");
        let indexes: BTreeMap<Section, &Page> = [Section::Faq, Section::Manual]
            .into_iter()
            .filter_map(|s| section_index(content, lang, s).map(|p| (s, p)))
            .collect();
        let faq_url = indexes
            .get(&Section::Faq)
            .or(home.as_ref())
            .map_or_else(|| format!("/{}/", lang.code()), |p| p.url.clone());
        Frame {
            home,
            indexes,
            faq_url,
            contact: contact.map(|c| c.footer(lang)),
        }
    }
}

/// The main menu of a language; `current` marks the page shown.
fn nav(content: &Content, lang: Lang, current: &str) -> Vec<NavItem> {
    let t = templates::strings(lang);
    let pages = [(t.home, "home"), (t.faq, "faq"), (t.manual, "manual")]
        .into_iter()
        .filter_map(|(label, key)| content.get(lang, key).map(|p| (label, p.url.as_str())));
    let calculators = portal::page("calc-absence").url(lang);
    let sign_in = portal::page("sign-in").url(lang);
    let home = portal::page("home").url(lang);
    // Both account items are written; site.js shows the one that fits before the
    // first paint (a session leaves a readable hint cookie beside its own).
    pages
        .map(|(label, url)| (label, url, None))
        .chain([
            (t.calculators, calculators, None),
            (t.sign_in, sign_in, Some("nav-sign-in")),
            (t.my_portal, home, Some("nav-portal")),
        ])
        .map(|(label, url, class)| NavItem {
            label,
            url: url.to_owned(),
            current: url == current,
            class,
        })
        .collect()
}

fn layout(content: &Content, frame: &Frame, page: &Page) -> Layout {
    Layout {
        lang: page.lang.code(),
        title: page.front.title.clone(),
        description: page.front.description.clone(),
        t: templates::strings(page.lang),
        nav: nav(content, page.lang, &page.url),
        other_lang: page.lang.other().code(),
        other_url: content
            .get(page.lang.other(), &page.front.key)
            .map(|p| p.url.clone()),
        faq_url: frame.faq_url.clone(),
        contact: frame.contact.clone(),
    }
}

/// The portal's pages in both languages.
fn portal_pages(
    content: &Content,
    frames: &BTreeMap<Lang, Frame>,
) -> Result<Vec<(String, String)>, BuildError> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let s = portal::strings(lang);
        for page in portal::PAGES {
            let url = page.url(lang);
            let portal = portal::Portal {
                layout: Layout {
                    lang: lang.code(),
                    title: (page.title)(s).to_owned(),
                    description: (page.title)(s).to_owned(),
                    t: templates::strings(lang),
                    nav: nav(content, lang, url),
                    other_lang: lang.other().code(),
                    other_url: Some(page.url(lang.other()).to_owned()),
                    faq_url: frames[&lang].faq_url.clone(),
                    contact: frames[&lang].contact.clone(),
                },
                page,
                s,
                urls: portal::Urls::of(lang),
                help_url: page
                    .help
                    .and_then(|key| content.get(lang, key))
                    .map(|p| p.url.clone()),
                texts_json: texts::page_json(&page.script(), lang),
            };
            let template = format!("site/templates/portal/{}.html", page.id);
            let html =
                (page.render)(&portal).map_err(|e| BuildError::new(&template, 1, e.to_string()))?;
            out.push((format!("{}index.html", url.trim_start_matches('/')), html));
        }
    }
    Ok(out)
}

fn breadcrumbs(frame: &Frame, page: &Page) -> Vec<Crumb> {
    let mut crumbs = Vec::new();
    if page.front.section == Section::Home {
        return crumbs;
    }
    if let Some(home) = frame.home {
        crumbs.push(Crumb {
            label: home.front.title.clone(),
            url: home.url.clone(),
        });
    }
    if !page.is_index {
        if let Some(index) = frame.indexes.get(&page.front.section) {
            crumbs.push(Crumb {
                label: index.front.title.clone(),
                url: index.url.clone(),
            });
        }
    }
    crumbs
}

/// The anchors of every page, by language and key; anchors used twice in a
/// language are errors.
type Anchors = BTreeMap<(Lang, String), BTreeSet<String>>;

fn collect_anchors(
    content: &Content,
    parsed: &[markdown::Events],
    errors: &mut Vec<BuildError>,
) -> Anchors {
    let mut anchors = Anchors::new();
    // Anchors are unique per language, so a question can be linked from anywhere.
    let mut seen: BTreeMap<(Lang, String), &Path> = BTreeMap::new();
    for (page, events) in content.pages.iter().zip(parsed) {
        match markdown::anchors(page, events) {
            Ok(found) => {
                for (anchor, line) in &found {
                    if let Some(first) = seen.insert((page.lang, anchor.clone()), &page.source) {
                        errors.push(BuildError::new(
                            &page.source,
                            *line,
                            format!("anchor `{anchor}` is also used in {}", first.display()),
                        ));
                    }
                }
                anchors.insert(
                    (page.lang, page.front.key.clone()),
                    found.into_keys().collect(),
                );
            }
            Err(e) => errors.extend(e),
        }
    }
    anchors
}

/// The pages a section page lists; on the FAQ index with their questions.
fn listing(content: &Content, rendered: &[Rendered], page: &Page) -> Vec<ListItem> {
    if !page.is_index || page.front.section == Section::Home {
        return Vec::new();
    }
    content
        .section(page.lang, page.front.section)
        .into_iter()
        .map(|p| {
            let questions = if p.front.section == Section::Faq {
                let i = content.by_key[&(p.lang, p.front.key.clone())];
                rendered[i]
                    .headings
                    .iter()
                    .filter(|h| h.level == 2)
                    .map(|h| Crumb {
                        label: h.text.clone(),
                        url: format!("{}#{}", p.url, h.id),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            ListItem {
                title: p.front.title.clone(),
                description: p.front.description.clone(),
                url: p.url.clone(),
                questions,
            }
        })
        .collect()
}

/// Renders the whole site: every page, the 404 page, the search indexes,
/// `sitemap.xml` and `_redirects`, as (output path, contents) pairs, or every error
/// found. `base_url` (no trailing slash) makes the sitemap's URLs absolute;
/// `contact`, when given, shows in every page's footer.
pub fn render_site(
    content: &Content,
    base_url: &str,
    contact: Option<&Contact>,
) -> Result<Vec<(String, String)>, Vec<BuildError>> {
    let mut errors = Vec::new();
    let parsed: Vec<markdown::Events> = content.pages.iter().map(markdown::parse).collect();
    let anchors = collect_anchors(content, &parsed, &mut errors);
    let mut rendered = Vec::with_capacity(content.pages.len());
    for (page, events) in content.pages.iter().zip(parsed) {
        match markdown::render(content, &anchors, page, events) {
            Ok(r) => rendered.push(r),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let frames: BTreeMap<Lang, Frame> = Lang::ALL
        .into_iter()
        .map(|lang| (lang, Frame::new(content, lang, contact)))
        .collect();
    let mut out = Vec::with_capacity(content.pages.len() + 5);
    for (page, rendered_page) in content.pages.iter().zip(&rendered) {
        let frame = &frames[&page.lang];
        let html = PageTemplate {
            layout: layout(content, frame, page),
            breadcrumbs: breadcrumbs(frame, page),
            toc: rendered_page
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .collect(),
            body_html: &rendered_page.html,
            listing: listing(content, &rendered, page),
        }
        .render()
        .map_err(|e| BuildError::new(&page.source, 1, format!("template: {e}")));
        match html {
            Ok(html) => out.push((
                format!("{}index.html", page.url.trim_start_matches('/')),
                html,
            )),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.extend(portal_pages(content, &frames).map_err(|e| vec![e])?);
    if let Some(home) = content.get(Lang::Nl, "home") {
        let mut frame = layout(content, &frames[&Lang::Nl], home);
        frame.title = "Pagina niet gevonden / Page not found".into();
        frame.other_url = None;
        let html = NotFoundTemplate { layout: frame }.render().map_err(|e| {
            vec![BuildError::new(
                "site/templates/not_found.html",
                1,
                e.to_string(),
            )]
        })?;
        out.push(("404.html".into(), html));
    }
    for lang in Lang::ALL {
        out.push((
            format!("search/{}.json", lang.code()),
            search_index(content, &rendered, lang),
        ));
    }
    out.push(("sitemap.xml".into(), sitemap(content, base_url)));
    out.push(("_redirects".into(), redirects(content)));
    Ok(out)
}

/// Every page's introduction (with its description) and every `##` section.
fn search_index(content: &Content, rendered: &[Rendered], lang: Lang) -> String {
    let mut entries = Vec::new();
    for (page, r) in content.pages.iter().zip(rendered) {
        if page.lang != lang {
            continue;
        }
        for section in &r.sections {
            let (url, text) = if section.anchor.is_empty() {
                let text = format!("{} {}", page.front.description, section.text)
                    .trim_end()
                    .to_owned();
                (page.url.clone(), Cow::Owned(text))
            } else {
                let url = format!("{}#{}", page.url, section.anchor);
                (url, Cow::Borrowed(section.text.as_str()))
            };
            entries.push(search::Entry {
                url,
                page_title: &page.front.title,
                heading: &section.heading,
                text,
            });
        }
    }
    search::index(lang, &entries)
}

fn xml_escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;"),
    )
}

/// `sitemap.xml`: every page with absolute URLs and its `hreflang` alternates
/// (itself included, Dutch as `x-default`).
fn sitemap(content: &Content, base_url: &str) -> String {
    let base = xml_escape(base_url);
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for page in &content.pages {
        xml.push_str(&format!("<url><loc>{base}{}</loc>", page.url));
        let alternates = Lang::ALL
            .into_iter()
            .map(|lang| (lang.code(), lang))
            .chain([("x-default", Lang::Nl)]);
        for (hreflang, lang) in alternates {
            if let Some(alt) = content.get(lang, &page.front.key) {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{base}{}\"/>",
                    alt.url
                ));
            }
        }
        xml.push_str("</url>\n");
    }
    // The portal's public pages; the signed-in ones are not for search engines.
    for page in portal::public() {
        for lang in Lang::ALL {
            xml.push_str(&format!("<url><loc>{base}{}</loc>", page.url(lang)));
            for (hreflang, alt) in [("nl", Lang::Nl), ("en", Lang::En), ("x-default", Lang::Nl)] {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{base}{}\"/>",
                    page.url(alt)
                ));
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `_redirects` file: the root goes to the Dutch home, aliases to their page.
fn redirects(content: &Content) -> String {
    let mut lines = vec!["/ /nl/ 302".to_owned()];
    for (from, id) in portal::CONTRACT_REDIRECTS {
        lines.push(format!("{from} {} 302", portal::page(id).url(Lang::Nl)));
    }
    for page in &content.pages {
        for alias in &page.front.aliases {
            lines.push(format!("{alias} {} 301", page.url));
        }
    }
    lines.join("\n") + "\n"
}

/// A static file as it is served: the stylesheet minified (every page loads it,
/// and the page budget counts it).
pub fn served(name: &str, data: &str) -> String {
    if name == "style.css" {
        minify_css(data)
    } else {
        data.to_owned()
    }
}

/// Drops comments, and whitespace that carries no meaning: runs become one space,
/// and none is kept around `{ } ; , >` or after `:`. Quoted strings stay as they are.
fn minify_css(css: &str) -> String {
    const TIGHT: &str = "{};,>";
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                if space && !out.ends_with(|p: char| TIGHT.contains(p) || p == ':') {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = !out.is_empty(),
            c => {
                let tight =
                    TIGHT.contains(c) || out.ends_with(|p: char| TIGHT.contains(p) || p == ':');
                if space && !tight {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// Builds `content_dir` into `out_dir`, replacing it only when everything built.
/// `base_url` is the site's public address (no trailing slash), for the sitemap.
pub fn build(
    content_dir: &Path,
    out_dir: &Path,
    base_url: &str,
    contact: Option<&Contact>,
) -> Result<Report, BuildErrors> {
    let content = content::load(content_dir).map_err(BuildErrors)?;
    let files = render_site(&content, base_url, contact).map_err(BuildErrors)?;
    let io = |e: std::io::Error, p: &Path| BuildErrors(vec![BuildError::new(p, 0, e.to_string())]);
    let staging = out_dir.with_extension("building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io(e, &staging))?;
    }
    let statics: Vec<(String, String)> = static_files()
        .iter()
        .map(|(name, data)| (format!("static/{name}"), served(name, data)))
        .collect();
    let all = files
        .iter()
        .map(|(rel, data)| (rel.as_str(), data.as_str()))
        .chain(
            statics
                .iter()
                .map(|(rel, data)| (rel.as_str(), data.as_str())),
        );
    // Every folder once, parents first (sorted), then the files.
    let folders: BTreeSet<&Path> = all
        .clone()
        .flat_map(|(rel, _)| Path::new(rel).ancestors().skip(1))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    std::fs::create_dir(&staging).map_err(|e| io(e, &staging))?;
    for folder in folders {
        let path = staging.join(folder);
        std::fs::create_dir(&path).map_err(|e| io(e, &path))?;
    }
    let mut report = Report::default();
    for (rel, data) in all {
        let path = staging.join(rel);
        std::fs::write(&path, data).map_err(|e| io(e, &path))?;
        report.bytes += data.len();
    }
    report.pages = files
        .iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .count();
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir).map_err(|e| io(e, out_dir))?;
    }
    std::fs::rename(&staging, out_dir).map_err(|e| io(e, out_dir))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::minify_css;

    #[test]
    fn css_minified_without_changing_meaning() {
        for (css, min) in [
            ("a { color: red; }\n", "a{color:red;}\n"),
            (
                "/* why */\n.a .b,\n.c > .d { margin: 0 auto; }",
                ".a .b,.c>.d{margin:0 auto;}\n",
            ),
            (
                ".t::before { content: \"✓  \"; }",
                ".t::before{content:\"✓  \";}\n",
            ),
            (
                "@media (max-width: 40rem) {\n  .x { a: b }\n}",
                "@media (max-width:40rem){.x{a:b}}\n",
            ),
            (
                "a:focus-visible { outline: 2px solid var(--focus); }",
                "a:focus-visible{outline:2px solid var(--focus);}\n",
            ),
            (
                "html[data-x=\"a b\"] p { x: calc(1rem + 2px); }",
                "html[data-x=\"a b\"] p{x:calc(1rem + 2px);}\n",
            ),
        ] {
            assert_eq!(minify_css(css), min, "{css}");
        }
    }
}
