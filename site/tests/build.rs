//! The site builder on fixture trees: a valid bilingual tree renders, and every
//! kind of content error stops the build with file and line.

use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn render(tree: &Path) -> Vec<(String, String)> {
    let content = balie_site::content::load(tree).expect("loads");
    balie_site::render_site(&content).expect("renders")
}

fn page<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} built"))
        .1
}

#[test]
fn valid_tree_renders_both_languages() {
    let files = render(&fixture("valid"));
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "nl/index.html",
        "en/index.html",
        "nl/vragen/index.html",
        "en/faq/index.html",
        "nl/vragen/inloggen/index.html",
        "en/faq/signing-in/index.html",
        "404.html",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    let nl = page(&files, "nl/vragen/inloggen/index.html");
    assert!(nl.contains("<html lang=\"nl\">"));
    // The language switch lands on the same page in the other language.
    assert!(nl.contains(
        r#"<a class="lang-switch" href="/en/faq/signing-in/" lang="en" hreflang="en">English</a>"#
    ));
    // Questions are <details> with the anchor on them; the heading carries no duplicate id.
    assert!(nl.contains("<details class=\"question\" id=\"inloggen\"><summary>\n<h2>Hoe log ik in?</h2>\n</summary>"), "{nl}");
    assert_eq!(nl.matches("id=\"inloggen\"").count(), 1);
    assert!(nl.contains("<table>"));
    // Raw HTML in content is escaped, never executed.
    assert!(nl.contains("&lt;script&gt;") && !nl.contains("<script>"));
    // @key links resolve within the language, with their anchors.
    let home = page(&files, "en/index.html");
    assert!(
        home.contains(r#"href="/en/faq/signing-in/#inloggen""#),
        "{home}"
    );
    assert!(home.contains(r#"href="/en/faq/""#));
    // A section page lists its pages.
    assert!(page(&files, "nl/vragen/index.html")
        .contains(r#"<a href="/nl/vragen/inloggen/">Inloggen</a>"#));
}

#[test]
fn build_writes_site_and_redirects() {
    let out = std::env::temp_dir().join(format!("balie-site-test-{}", std::process::id()));
    let report = balie_site::build(&fixture("valid"), &out).unwrap();
    assert_eq!(report.pages, 7);
    let redirects = fs::read_to_string(out.join("_redirects")).unwrap();
    assert!(redirects.contains("/ /nl/ 302"));
    assert!(redirects.contains("/oud/inloggen/ /nl/vragen/inloggen/ 301"));
    assert!(out.join("static/style.css").exists());
    fs::remove_dir_all(&out).unwrap();
}

/// Copies the valid tree, applies `edit` to one file, and returns the build errors.
fn errors_after(file: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let tmp = std::env::temp_dir().join(format!(
        "balie-site-bad-{}-{}",
        std::process::id(),
        file.replace('/', "_")
    ));
    let _ = fs::remove_dir_all(&tmp);
    copy_dir(&fixture("valid"), &tmp);
    let path = tmp.join(file);
    let text = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, edit(&text)).unwrap();
    let out = tmp.join("out");
    let errors = match balie_site::build(&tmp, &out) {
        Ok(_) => vec!["(built without error)".to_owned()],
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    };
    assert!(
        !out.exists() || errors[0].starts_with("(built"),
        "nothing written on error"
    );
    fs::remove_dir_all(&tmp).unwrap();
    errors
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn content_errors_name_file_line_and_fix() {
    type Edit = Box<dyn Fn(&str) -> String>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replace("order = 1", "order = \"een\"")),
            "nl/vragen/inloggen.md:5: bad front matter",
        ),
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replace("key = \"faq-inloggen\"\n", "")),
            "missing field `key`",
        ),
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replacen("+++", "---", 1)),
            "inloggen.md:1: the file must start with a line `+++`",
        ),
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replace("#inloggen)", "#bestaat-niet)")),
            "inloggen.md:20: link to unknown anchor `#bestaat-niet` on this page",
        ),
        (
            "nl/_index.md",
            Box::new(|t| t.replace("@faq)", "@fq)")),
            "nl/_index.md:9: link to unknown page key `fq`",
        ),
        (
            "nl/_index.md",
            Box::new(|t| t.replace("(@faq)", "(/nl/vragen/)")),
            "link `/nl/vragen/`: link pages as `@key`",
        ),
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replace("{#herstelcode-kwijt}", "{#inloggen}")),
            "inloggen.md:18: duplicate anchor `inloggen` (first on line 10)",
        ),
        (
            "nl/vragen/inloggen.md",
            Box::new(|t| t.replace(" {#herstelcode-kwijt}", "")),
            "inloggen.md:18: give this heading a stable anchor",
        ),
        (
            "nl/vragen/extra.md",
            Box::new(|_| {
                "+++\ntitle = \"X\"\ndescription = \"X\"\nsection = \"faq\"\norder = 2\nkey = \"extra\"\n+++\n".into()
            }),
            "extra.md:1: no translation: add a page with key = \"extra\" under content/en/",
        ),
        (
            "nl/vragen/Hoofd Letters.md",
            Box::new(|_| {
                "+++\ntitle = \"X\"\ndescription = \"X\"\nsection = \"faq\"\norder = 2\nkey = \"x\"\n+++\n".into()
            }),
            "file names are lowercase",
        ),
    ];
    for (file, edit, expected) in cases {
        let errors = errors_after(file, edit);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{file}: expected {expected:?} in {errors:#?}"
        );
    }
}
