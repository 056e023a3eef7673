//! Compiles `content/` into the static site: every page in Dutch and English, the
//! 404 page, redirects and the stylesheet. Nothing is written unless the whole site
//! builds: output goes to a fresh folder that replaces the old one at the end.

pub mod content;
pub mod error;
pub mod markdown;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use askama::Template;

use content::{Content, Lang, Page, Section};
use error::{BuildError, BuildErrors};
use templates::{Crumb, Layout, ListItem, NavItem, NotFoundTemplate, PageTemplate};

/// Files served as they are under `/static/`.
const STATIC_FILES: &[(&str, &str)] = &[
    ("style.css", include_str!("../static/style.css")),
    ("favicon.svg", include_str!("../static/favicon.svg")),
];

/// What a build produced, for the caller to report.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub bytes: usize,
}

fn layout(content: &Content, page: &Page) -> Layout {
    let t = templates::strings(page.lang);
    let nav = [(t.home, "home"), (t.faq, "faq"), (t.manual, "manual")]
        .into_iter()
        .filter_map(|(label, key)| {
            content.get(page.lang, key).map(|target| NavItem {
                label,
                url: target.url.clone(),
                current: target.url == page.url,
            })
        })
        .collect();
    Layout {
        lang: page.lang.code(),
        title: page.front.title.clone(),
        description: page.front.description.clone(),
        t,
        nav,
        other_lang: page.lang.other().code(),
        other_url: content
            .get(page.lang.other(), &page.front.key)
            .map(|p| p.url.clone()),
    }
}

fn breadcrumbs(content: &Content, page: &Page) -> Vec<Crumb> {
    let mut crumbs = Vec::new();
    if page.front.section == Section::Home {
        return crumbs;
    }
    if let Some(home) = content.get(page.lang, "home") {
        crumbs.push(Crumb {
            label: home.front.title.clone(),
            url: home.url.clone(),
        });
    }
    if !page.is_index {
        if let Some(index) = content
            .pages
            .iter()
            .find(|p| p.lang == page.lang && p.is_index && p.front.section == page.front.section)
        {
            crumbs.push(Crumb {
                label: index.front.title.clone(),
                url: index.url.clone(),
            });
        }
    }
    crumbs
}

/// Renders every page; returns (output path, HTML) pairs or every error found.
pub fn render_site(content: &Content) -> Result<Vec<(String, String)>, Vec<BuildError>> {
    let mut errors = Vec::new();
    let mut anchors: BTreeMap<(Lang, String), BTreeSet<String>> = BTreeMap::new();
    // Anchors are unique per language, so a question can be linked from anywhere.
    let mut seen: BTreeMap<(Lang, String), &Path> = BTreeMap::new();
    for page in &content.pages {
        match markdown::anchors(page) {
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

    let mut out = Vec::new();
    for page in &content.pages {
        let rendered = match markdown::render(content, &anchors, page) {
            Ok(r) => r,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let listing = if page.is_index {
            let section = if page.front.section == Section::Home {
                None
            } else {
                Some(page.front.section)
            };
            section
                .map(|s| content.section(page.lang, s))
                .unwrap_or_default()
                .into_iter()
                .map(|p| ListItem {
                    title: p.front.title.clone(),
                    description: p.front.description.clone(),
                    url: p.url.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let html = PageTemplate {
            layout: layout(content, page),
            breadcrumbs: breadcrumbs(content, page),
            toc: rendered.headings.iter().filter(|h| h.level == 2).collect(),
            body_html: &rendered.html,
            listing,
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
    if let Some(home) = content.get(Lang::Nl, "home") {
        let mut frame = layout(content, home);
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
    Ok(out)
}

/// The `_redirects` file: the root goes to the Dutch home, aliases to their page.
fn redirects(content: &Content) -> String {
    let mut lines = vec!["/ /nl/ 302".to_owned()];
    for page in &content.pages {
        for alias in &page.front.aliases {
            lines.push(format!("{alias} {} 301", page.url));
        }
    }
    lines.join("\n") + "\n"
}

/// Builds `content_dir` into `out_dir`, replacing it only when everything built.
pub fn build(content_dir: &Path, out_dir: &Path) -> Result<Report, BuildErrors> {
    let content = content::load(content_dir).map_err(BuildErrors)?;
    let files = render_site(&content).map_err(BuildErrors)?;
    let io = |e: std::io::Error, p: &Path| BuildErrors(vec![BuildError::new(p, 0, e.to_string())]);
    let staging = out_dir.with_extension("building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io(e, &staging))?;
    }
    let mut report = Report::default();
    let mut write = |rel: &str, data: &[u8]| -> Result<(), BuildErrors> {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(e, parent))?;
        }
        std::fs::write(&path, data).map_err(|e| io(e, &path))?;
        report.bytes += data.len();
        Ok(())
    };
    for (rel, html) in &files {
        write(rel, html.as_bytes())?;
    }
    for (name, data) in STATIC_FILES {
        write(&format!("static/{name}"), data.as_bytes())?;
    }
    write("_redirects", redirects(&content).as_bytes())?;
    report.pages = files.len();
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir).map_err(|e| io(e, out_dir))?;
    }
    std::fs::rename(&staging, out_dir).map_err(|e| io(e, out_dir))?;
    Ok(report)
}
