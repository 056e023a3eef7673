//! `cargo bench -p balie-site`: builds a generated bilingual tree of 2,000 pages
//! (FAQ and manual pages with questions, lists, tables and links between pages)
//! and prints milliseconds per page; the budget is 0.5 ms per page. With `mdbook`
//! on PATH, builds the same Markdown as an mdBook and prints the ratio.
//!
//! Each build goes into a fresh folder under the temp dir (`TMPDIR`); removing old
//! output is not timed. On ext4, creating files right after many were deleted is
//! several times slower (the allocator skips recently freed inodes), so the figure
//! moves with what else ran on the disk; `TMPDIR=/dev/shm` measures without that.
//!
//! Run without `--bench` (as `cargo test --benches` does) it only checks that a small
//! tree builds, so the bench cannot rot.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BUDGET_MS_PER_PAGE: f64 = 0.5;
const BASE: &str = "http://localhost:8787";

/// Words for the generated text: Dutch and English, a few hundred pages' worth of
/// variety is enough for the search index to be realistic.
const NL_WORDS: &[&str] = &[
    "werknemer",
    "werknemers",
    "loon",
    "lonen",
    "premie",
    "naverrekening",
    "polis",
    "jaar",
    "verzekeraar",
    "werkgever",
    "gegevens",
    "wijzigen",
    "invullen",
    "controleren",
    "datum",
    "dienst",
    "uitkering",
    "verzuim",
    "ziekmelding",
    "document",
    "specificatie",
    "bedrag",
    "percentage",
    "maand",
    "collega",
    "rol",
    "wachtwoord",
    "herstelcode",
    "inloggen",
    "pagina",
    "knop",
    "opslaan",
    "versturen",
    "bestand",
    "regel",
    "contract",
    "deeltijd",
    "salaris",
];
const EN_WORDS: &[&str] = &[
    "employee",
    "employees",
    "wage",
    "wages",
    "premium",
    "settlement",
    "policy",
    "year",
    "insurer",
    "employer",
    "details",
    "change",
    "enter",
    "check",
    "date",
    "employment",
    "benefit",
    "absence",
    "sick",
    "report",
    "document",
    "specification",
    "amount",
    "percentage",
    "month",
    "colleague",
    "role",
    "password",
    "recovery",
    "code",
    "page",
    "button",
    "save",
    "submit",
    "file",
    "line",
    "contract",
    "part-time",
    "salary",
];

/// A small deterministic generator, so every run builds the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
    fn words(&mut self, vocabulary: &[&str], n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(vocabulary[self.next() % vocabulary.len()]);
        }
        out
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Nl,
    En,
}

/// One generated page: where it lives in our tree and in the mdBook, its front
/// matter and its Markdown, with links as `@key#anchor`.
struct Page {
    path: String,
    book_path: String,
    title: String,
    front: String,
    body: String,
}

fn section_dirs(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Nl => ("vragen", "handleiding"),
        Lang::En => ("faq", "manual"),
    }
}

/// The pages of one language: home, two section pages and `articles` articles,
/// three in five of them FAQ pages.
fn generate(lang: Lang, articles: usize) -> Vec<Page> {
    let code = if lang == Lang::Nl { "nl" } else { "en" };
    let words = if lang == Lang::Nl { NL_WORDS } else { EN_WORDS };
    let (faq_dir, manual_dir) = section_dirs(lang);
    let faq_count = articles * 3 / 5;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let front = |title: &str, section: &str, order: usize, key: &str| {
        format!(
            "+++\ntitle = \"{title}\"\ndescription = \"{title}: {code}\"\nsection = \"{section}\"\norder = {order}\nkey = \"{key}\"\n+++\n\n"
        )
    };
    let mut pages = vec![
        Page {
            path: format!("{code}/_index.md"),
            book_path: format!("{code}/index.md"),
            title: "Home".into(),
            front: front("Home", "home", 0, "home"),
            body: format!("[FAQ](@faq) [Manual](@manual) {}\n", rng.words(words, 30)),
        },
        Page {
            path: format!("{code}/{faq_dir}/_index.md"),
            book_path: format!("{code}/{faq_dir}/index.md"),
            title: "FAQ".into(),
            front: front("FAQ", "faq", 0, "faq"),
            body: format!("{}\n", rng.words(words, 20)),
        },
        Page {
            path: format!("{code}/{manual_dir}/_index.md"),
            book_path: format!("{code}/{manual_dir}/index.md"),
            title: "Manual".into(),
            front: front("Manual", "manual", 0, "manual"),
            body: format!("{}\n", rng.words(words, 20)),
        },
    ];
    for i in 0..articles {
        let (section, dir, key) = if i < faq_count {
            ("faq", faq_dir, format!("faq-{i:04}"))
        } else {
            ("manual", manual_dir, format!("manual-{i:04}"))
        };
        let title = format!("{} {i}", rng.words(words, 3));
        let mut body = String::new();
        for q in 0..5 {
            let heading = rng.words(words, 6);
            let _ = write!(body, "## {heading}? {{#{key}-{q}}}\n\n");
            let _ = write!(
                body,
                "{} **{}** `{}` {}.\n\n",
                rng.words(words, 25),
                rng.words(words, 2),
                rng.next() % 10_000,
                rng.words(words, 15)
            );
            for step in 1..=3 {
                let _ = writeln!(body, "{step}. {}", rng.words(words, 8));
            }
            // A link to a question on another page of this language.
            let other = (i * 7 + q + 1) % articles;
            let other_key = if other < faq_count {
                format!("faq-{other:04}")
            } else {
                format!("manual-{other:04}")
            };
            let _ = write!(
                body,
                "\n{} [{}](@{other_key}#{other_key}-{q}).\n\n",
                rng.words(words, 12),
                rng.words(words, 2)
            );
            if (i + q) % 3 == 0 {
                body.push_str("| A | B | C |\n| --- | --- | ---: |\n");
                for _ in 0..3 {
                    let _ = writeln!(
                        body,
                        "| {} | {} | {} |",
                        rng.words(words, 2),
                        rng.words(words, 3),
                        rng.next() % 1000
                    );
                }
                body.push('\n');
            }
        }
        let slug = format!("page-{i:04}");
        pages.push(Page {
            path: format!("{code}/{dir}/{slug}.md"),
            book_path: format!("{code}/{dir}/{slug}.md"),
            front: front(&title, section, i + 1, &key),
            title,
            body,
        });
    }
    pages
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Writes the tree for balie-site and the same Markdown as an mdBook (title as
/// `#`, `@key#anchor` links as relative `.md` links).
fn write_trees(dir: &Path, articles: usize) -> usize {
    let content = dir.join("content");
    let book = dir.join("book");
    let mut summary = String::from("# Summary\n\n");
    let mut count = 0;
    for lang in [Lang::Nl, Lang::En] {
        let pages = generate(lang, articles);
        let by_key: std::collections::HashMap<String, &str> = pages
            .iter()
            .map(|p| {
                let key = p
                    .front
                    .split("key = \"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                (key.to_owned(), p.book_path.as_str())
            })
            .collect();
        for page in &pages {
            write(
                &content.join(&page.path),
                &format!("{}{}", page.front, page.body),
            );
            let up = "../".repeat(page.book_path.matches('/').count());
            let mut text = format!("# {}\n\n", page.title);
            let mut rest = page.body.as_str();
            while let Some(at) = rest.find("](@") {
                text.push_str(&rest[..at + 2]);
                let link = &rest[at + 3..];
                let end = link.find(')').unwrap();
                let (key, anchor) = link[..end].split_once('#').unwrap_or((&link[..end], ""));
                let _ = write!(text, "{up}{}", by_key[key]);
                if !anchor.is_empty() {
                    let _ = write!(text, "#{anchor}");
                }
                rest = &link[end..];
            }
            text.push_str(rest);
            write(&book.join("src").join(&page.book_path), &text);
            let _ = writeln!(summary, "- [{}]({})", page.title, page.book_path);
            count += 1;
        }
    }
    write(&book.join("src/SUMMARY.md"), &summary);
    write(
        &book.join("book.toml"),
        "[book]\ntitle = \"Balie bench\"\nlanguage = \"nl\"\n",
    );
    count
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Median time of `runs` builds (after one to warm the file cache), each into a
/// fresh output folder: a build from scratch, with removing old output not timed.
fn time_runs(dir: &Path, name: &str, runs: usize, mut build: impl FnMut(&Path)) -> Duration {
    let mut times = Vec::new();
    for run in 0..=runs {
        let out = dir.join(format!("{name}-{run}"));
        let start = Instant::now();
        build(&out);
        if run > 0 {
            times.push(start.elapsed());
        }
    }
    for run in 0..=runs {
        fs::remove_dir_all(dir.join(format!("{name}-{run}"))).unwrap();
    }
    median(times)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let articles = if full { 997 } else { 7 };
    let dir: PathBuf =
        std::env::temp_dir().join(format!("balie-site-bench-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let pages = write_trees(&dir, articles);
    let content = dir.join("content");

    let ours = time_runs(&dir, "dist", if full { 5 } else { 1 }, |out| {
        balie_site::build(&content, out, BASE, None).expect("the generated tree builds");
    });
    let per_page = ms(ours) / pages as f64;
    if !full {
        println!("balie-site: {pages} pages built (run with `cargo bench` to measure)");
        fs::remove_dir_all(&dir).unwrap();
        return;
    }
    // The same work without the file system: loading and rendering in memory.
    let mut memory = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let loaded = balie_site::content::load(&content).unwrap();
        let files = balie_site::render_site(&loaded, BASE, None).unwrap();
        memory.push(start.elapsed());
        assert!(files.len() > pages);
    }
    let memory = median(memory);
    let out = dir.join("dist");
    balie_site::build(&content, &out, BASE, None).unwrap();
    let article = fs::read(out.join("nl/vragen/page-0001/index.html"))
        .unwrap()
        .len();
    println!(
        "balie-site: {pages} pages in {:.1} ms (median of 5) = {per_page:.3} ms/page, budget {BUDGET_MS_PER_PAGE}: {}",
        ms(ours),
        if per_page <= BUDGET_MS_PER_PAGE { "within" } else { "OVER" }
    );
    println!(
        "balie-site: of which reading and rendering {:.3} ms/page, the rest is writing files",
        ms(memory) / pages as f64
    );
    println!("balie-site: a generated FAQ page is {article} bytes of HTML");

    let mdbook = Command::new("mdbook").arg("--version").output();
    match mdbook {
        Ok(version) if version.status.success() => {
            let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
            let book = dir.join("book");
            let theirs = time_runs(&dir, "book-out", 3, |out| {
                let status = Command::new("mdbook")
                    .arg("build")
                    .arg("--dest-dir")
                    .arg(out)
                    .arg(&book)
                    .output()
                    .expect("mdbook runs");
                assert!(
                    status.status.success(),
                    "{}",
                    String::from_utf8_lossy(&status.stderr)
                );
            });
            println!(
                "{version}: {pages} pages in {:.1} ms (median of 3) = {:.3} ms/page; mdBook / balie-site = {:.1}",
                ms(theirs),
                ms(theirs) / pages as f64,
                ms(theirs) / ms(ours)
            );
        }
        _ => println!("mdbook is not on PATH: `cargo install mdbook --locked` to compare"),
    }
    fs::remove_dir_all(&dir).unwrap();
}
