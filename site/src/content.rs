//! Loading `content/{nl,en}/`: front matter, URLs, translation pairs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::BuildError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Home,
    Faq,
    Manual,
}

impl Section {
    /// The name used in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Faq => "faq",
            Section::Manual => "manual",
        }
    }

    /// The folder (and URL segment) of a section in a language.
    pub fn dir(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::Home, _) => "",
            (Section::Faq, Lang::Nl) => "vragen",
            (Section::Faq, Lang::En) => "faq",
            (Section::Manual, Lang::Nl) => "handleiding",
            (Section::Manual, Lang::En) => "manual",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    pub section: Section,
    pub order: i64,
    pub key: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub front: FrontMatter,
    /// A section's own page (`_index.md`): lists its pages.
    pub is_index: bool,
    pub url: String,
    pub source: PathBuf,
    /// Markdown after the front matter, and the line it starts on.
    pub body: String,
    pub body_line: usize,
}

/// All pages, by language and translation key.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub by_key: BTreeMap<(Lang, String), usize>,
}

impl Content {
    pub fn get(&self, lang: Lang, key: &str) -> Option<&Page> {
        self.by_key
            .get(&(lang, key.to_owned()))
            .map(|&i| &self.pages[i])
    }

    /// Pages of a section in a language, in their order.
    pub fn section(&self, lang: Lang, section: Section) -> Vec<&Page> {
        let mut pages: Vec<&Page> = self
            .pages
            .iter()
            .filter(|p| p.lang == lang && p.front.section == section && !p.is_index)
            .collect();
        pages.sort_by(|a, b| (a.front.order, &a.front.title).cmp(&(b.front.order, &b.front.title)));
        pages
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Splits `+++ toml +++ body`; returns the front matter, the body and its first line.
fn split_front_matter(file: &Path, text: &str) -> Result<(FrontMatter, String, usize), BuildError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(BuildError::new(
            file,
            1,
            "the file must start with a line `+++` (TOML front matter)",
        ));
    }
    let mut toml_text = String::new();
    let mut line_no = 1;
    let mut closed = false;
    for line in lines.by_ref() {
        line_no += 1;
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        toml_text.push_str(line);
    }
    if !closed {
        return Err(BuildError::new(
            file,
            line_no,
            "front matter is not closed: add a line `+++` after it",
        ));
    }
    let front: FrontMatter = toml::from_str(&toml_text).map_err(|e| {
        let line = e
            .span()
            .map_or(2, |s| 2 + toml_text[..s.start].matches('\n').count());
        BuildError::new(
            file,
            line,
            format!(
                "bad front matter: {}; expected title, description, section (home|faq|manual), order, key, optional aliases",
                e.message()
            ),
        )
    })?;
    Ok((front, lines.collect(), line_no + 1))
}

/// Reads one language tree: `content/<lang>/_index.md`, `<section dir>/_index.md`
/// and `<section dir>/<slug>.md`.
fn load_lang(root: &Path, lang: Lang, pages: &mut Vec<Page>, errors: &mut Vec<BuildError>) {
    let dir = root.join(lang.code());
    let mut files = Vec::new();
    collect_md(&dir, &mut files, errors);
    files.sort();
    for file in files {
        let rel = file.strip_prefix(&dir).unwrap_or(&file).to_path_buf();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                errors.push(BuildError::new(&file, 1, format!("cannot read: {e}")));
                continue;
            }
        };
        let (front, body, body_line) = match split_front_matter(&file, &text) {
            Ok(x) => x,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let expected_dir = front.section.dir(lang);
        let (is_index, url) = match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["_index.md"] if front.section == Section::Home => (true, format!("/{}/", lang.code())),
            [d, "_index.md"] if d == expected_dir && front.section != Section::Home => {
                (true, format!("/{}/{d}/", lang.code()))
            }
            [d, name] if d == expected_dir && front.section != Section::Home => {
                let slug = name.trim_end_matches(".md");
                if !is_slug(slug) {
                    errors.push(BuildError::new(
                        &file,
                        1,
                        "file names are lowercase a-z, 0-9 and hyphens",
                    ));
                    continue;
                }
                (false, format!("/{}/{d}/{slug}/", lang.code()))
            }
            _ => {
                errors.push(BuildError::new(
                    &file,
                    1,
                    format!(
                        "section = \"{}\" pages belong in content/{}/{}",
                        front.section.name(),
                        lang.code(),
                        expected_dir
                    ),
                ));
                continue;
            }
        };
        if !is_slug(&front.key) {
            errors.push(BuildError::new(
                &file,
                1,
                "key must be lowercase a-z, 0-9 and hyphens",
            ));
            continue;
        }
        pages.push(Page {
            lang,
            front,
            is_index,
            url,
            source: file,
            body,
            body_line,
        });
    }
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<BuildError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(BuildError::new(dir, 0, format!("cannot read folder: {e}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_md(&path, out, errors);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// Loads both languages and checks that keys are unique and every page has its
/// translation.
pub fn load(root: &Path) -> Result<Content, Vec<BuildError>> {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for lang in Lang::ALL {
        load_lang(root, lang, &mut pages, &mut errors);
    }
    let mut content = Content::default();
    for (i, page) in pages.iter().enumerate() {
        if let Some(&first) = content.by_key.get(&(page.lang, page.front.key.clone())) {
            errors.push(BuildError::new(
                &page.source,
                1,
                format!(
                    "key `{}` is also used by {}",
                    page.front.key,
                    pages[first].source.display()
                ),
            ));
        } else {
            content
                .by_key
                .insert((page.lang, page.front.key.clone()), i);
        }
    }
    for page in &pages {
        let other = page.lang.other();
        if !content
            .by_key
            .contains_key(&(other, page.front.key.clone()))
        {
            errors.push(BuildError::new(
                &page.source,
                1,
                format!(
                    "no translation: add a page with key = \"{}\" under content/{}/",
                    page.front.key,
                    other.code()
                ),
            ));
        }
    }
    for lang in Lang::ALL {
        if !content.by_key.contains_key(&(lang, "home".to_owned())) {
            errors.push(BuildError::new(
                root.join(lang.code()).join("_index.md"),
                0,
                "missing home page: add _index.md with section = \"home\" and key = \"home\"",
            ));
        }
    }
    content.pages = pages;
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(errors)
    }
}
