//! The site builder on fixture trees: a valid bilingual tree renders with its
//! sitemap, search index and static files, every kind of content error stops the
//! build with file and line, and the real site's pages stay within their budget.

use std::fs;

use balie_site::content::Lang;
use balie_site::portal::PAGES;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

const BASE: &str = "https://hulp.example.nl";

fn render(tree: &Path) -> Vec<(String, String)> {
    let content = balie_site::content::load(tree).expect("loads");
    balie_site::render_site(&content, BASE, None).expect("renders")
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
    let report = balie_site::build(&fixture("valid"), &out, BASE, None).unwrap();
    // The fixture's 6 pages, the 404 page and the portal's pages in both languages.
    assert_eq!(report.pages, 7 + 2 * PAGES.len());
    let redirects = fs::read_to_string(out.join("_redirects")).unwrap();
    assert!(redirects.contains("/ /nl/ 302"));
    assert!(redirects.contains("/oud/inloggen/ /nl/vragen/inloggen/ 301"));
    for (name, _) in balie_site::static_files() {
        assert!(out.join("static").join(&name).exists(), "{name}");
    }
    for file in [
        "sitemap.xml",
        "search/nl.json",
        "search/en.json",
        "404.html",
    ] {
        assert!(out.join(file).exists(), "{file}");
    }
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
    let errors = match balie_site::build(&tmp, &out, BASE, None) {
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

#[test]
fn sitemap_lists_every_page_with_its_alternates() {
    let files = render(&fixture("bilingual"));
    let sitemap = page(&files, "sitemap.xml");
    // Every page but the portal's signed-in ones, which are not for search engines.
    let signed_in: Vec<String> = PAGES
        .iter()
        .filter(|p| p.signed_in())
        .flat_map(|p| [Lang::Nl, Lang::En].map(|l| format!("{}index.html", &p.url(l)[1..])))
        .collect();
    let pages: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.ends_with("/index.html") && !signed_in.iter().any(|s| s == p))
        .collect();
    assert_eq!(sitemap.matches("<url>").count(), pages.len());
    for path in &pages {
        let url = format!("<loc>{BASE}/{}</loc>", path.trim_end_matches("index.html"));
        assert!(sitemap.contains(&url), "{url} in the sitemap");
    }
    assert!(sitemap.contains(concat!(
        "<url><loc>https://hulp.example.nl/en/faq/employees/</loc>",
        r#"<xhtml:link rel="alternate" hreflang="nl" href="https://hulp.example.nl/nl/vragen/werknemers/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://hulp.example.nl/en/faq/employees/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://hulp.example.nl/nl/vragen/werknemers/"/>"#,
        "</url>"
    )));
}

/// The CSP allows no inline script or style: every script is a file, no element
/// carries a style attribute, and no page has a <style> block. A JSON data block
/// (the portal's texts) is data, never run: it must parse as JSON.
#[test]
fn pages_hold_no_inline_script_or_style() {
    let files = render(&fixture("bilingual"));
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // The page without its data blocks, each checked on the way.
        let data = "<script type=\"application/json\" id=\"texts\">";
        let mut parts = html.split(data);
        let mut rest = parts.next().unwrap_or_default().to_owned();
        for block in parts {
            let (json, after) = block.split_once("</script>").expect("closed");
            serde_json::from_str::<serde_json::Value>(json)
                .unwrap_or_else(|e| panic!("{path}: texts are JSON: {e}"));
            rest.push_str(after);
        }
        let html = &rest;
        let scripts = html.matches("<script").count();
        let external = html.matches("<script src=\"/static/").count()
            + html
                .matches("<script type=\"module\" src=\"/static/")
                .count();
        assert_eq!(scripts, external, "{path}: every script is a file");
        assert_eq!(
            html.matches("></script>").count(),
            scripts,
            "{path}: and empty"
        );
        let head = &html[..html.find("</head>").expect("a head")];
        // Synchronous (neither defer nor module): the theme is set before paint.
        assert!(
            head.contains("<script src=\"/static/site.js\"></script>"),
            "{path}: theme before paint"
        );
        assert!(head.contains("<script type=\"module\" src=\"/static/search.js\"></script>"));
        assert!(
            !html.contains(" style=") && !html.contains("<style"),
            "{path}"
        );
        assert!(html.starts_with("<!doctype html>\n<html lang=\""), "{path}");
    }
}

#[test]
fn search_form_falls_back_to_the_faq_index() {
    let files = render(&fixture("bilingual"));
    let nl = page(&files, "nl/handleiding/naverrekening/index.html");
    assert!(nl.contains(
        r#"<form class="search" role="search" action="/nl/vragen/" method="get" data-index="/search/nl.json""#
    ));
    assert!(nl.contains(r#"<label for="search-q">Zoek in de hulp</label>"#));
    assert!(nl.contains(r#"<input id="search-q" type="search" name="q""#));
    let en = page(&files, "en/index.html");
    assert!(en.contains(r#"action="/en/faq/" method="get" data-index="/search/en.json""#));
}

#[test]
fn faq_index_lists_every_question() {
    let files = render(&fixture("bilingual"));
    let index = page(&files, "nl/vragen/index.html");
    for (url, question) in [
        (
            "/nl/vragen/werknemers/#werknemer-toevoegen",
            "Hoe voeg ik een werknemer toe?",
        ),
        (
            "/nl/vragen/lonen/#lonen-wijzigen",
            "Hoe wijzig ik de lonen van meerdere werknemers?",
        ),
    ] {
        assert!(
            index.contains(&format!(r#"<li><a href="{url}">{question}</a></li>"#)),
            "{url} in {index}"
        );
    }
    // Manual pages are listed without their sections.
    let manual = page(&files, "nl/handleiding/index.html");
    assert!(manual.contains(r#"<a href="/nl/handleiding/naverrekening/">De naverrekening</a>"#));
    assert!(!manual.contains("class=\"questions\""));
}

/// The stylesheet's source.
fn stylesheet() -> String {
    balie_site::static_files()
        .into_iter()
        .find(|(name, _)| name == "style.css")
        .expect("a stylesheet")
        .1
}

/// Declarations of the first rule block that starts with `selector`.
fn block<'a>(css: &'a str, selector: &str) -> Vec<&'a str> {
    let start = css.find(selector).unwrap_or_else(|| panic!("{selector}")) + selector.len();
    let end = start + css[start..].find('}').expect("closed");
    css[start..end]
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect()
}

#[test]
fn dark_theme_is_the_same_by_system_preference_and_by_choice() {
    let css = stylesheet();
    let light = block(&css, ":root {");
    let by_system = block(&css, ":root:not([data-theme=\"light\"]) {");
    let by_choice = block(&css, ":root[data-theme=\"dark\"] {");
    assert_eq!(by_system, by_choice);
    assert!(by_choice.contains(&"color-scheme: dark"));
    // Every colour of the light theme has its dark counterpart.
    let names = |decls: &[&str]| -> Vec<String> {
        decls
            .iter()
            .map(|d| d.split(':').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&light), names(&by_choice));
}

/// An article page with its stylesheet stays within 30 KB uncompressed; a section's
/// index (`nl/vragen/index.html`, which lists every question) within 50 KB. Checked
/// on the real site, which must build.
#[test]
fn real_pages_fit_the_size_budget() {
    const ARTICLE: usize = 30 * 1024;
    const INDEX: usize = 50 * 1024;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let content = balie_site::content::load(&root).unwrap_or_else(|e| {
        panic!("content/ loads: {e:#?}");
    });
    let files = balie_site::render_site(&content, BASE, Some(&contact())).unwrap_or_else(|e| {
        panic!("content/ builds: {e:#?}");
    });
    // As served: minified.
    let css = balie_site::served("style.css", &stylesheet()).len();
    let mut pages = 0;
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let budget = if path.matches('/').count() <= 2 {
            INDEX
        } else {
            ARTICLE
        };
        assert!(
            html.len() + css <= budget,
            "{path}: {} bytes of HTML and {css} of CSS exceed {budget}",
            html.len()
        );
        pages += 1;
    }
    assert!(pages >= 4, "the real site has pages");
}

/// Alignment becomes a class (the CSP refuses style attributes); a table with an
/// empty top-left header has row headers, and no empty header cell.
#[test]
fn tables_get_header_scopes_and_alignment_classes() {
    let files = render(&fixture("bilingual"));
    let html = page(&files, "nl/handleiding/naverrekening/index.html");
    assert!(html.contains(concat!(
        r#"<thead><tr><td></td><th scope="col" class="align-right">Loon</th>"#,
        r#"<th scope="col" class="align-center">Premie</th></tr></thead>"#
    )));
    assert!(
        html.contains(r#"<tr><th scope="row">Jan</th><td class="align-right">€ 21.844,12</td>"#)
    );
    let plain = page(&files, "nl/vragen/lonen/index.html");
    assert!(
        plain.contains(r#"<tr><td>SV-loon</td>"#),
        "no row headers without an empty corner"
    );
    for css in [
        ".align-right { text-align: right; }",
        ".align-center { text-align: center; }",
    ] {
        assert!(stylesheet().contains(css));
    }
}

/// The command reads the site's public address from `PUBLIC_URL` for the sitemap,
/// and refuses one that is not an absolute http(s) address; a public address needs
/// the insurer's own `INSURER_CONTACT`, a local build shows the demo insurer's.
#[test]
fn command_takes_public_url_from_the_environment() {
    let out = std::env::temp_dir().join(format!("balie-site-cmd-{}", std::process::id()));
    let run = |url: &str, contact: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_balie-site"))
            .arg(fixture("valid"))
            .arg(&out)
            .env("PUBLIC_URL", url)
            .env("INSURER_CONTACT", contact)
            .output()
            .unwrap()
    };
    let own = r#"{"phone":"030 999 88 77","email":"zakelijk@example.nl","hours":{"nl":"ma-vr","en":"Mon-Fri"}}"#;
    let built = run("https://werkgevers.example.nl/", own);
    assert!(built.status.success(), "{built:?}");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://werkgevers.example.nl/nl/</loc>"));
    let home = fs::read_to_string(out.join("nl/index.html")).unwrap();
    assert!(home.contains("zakelijk@example.nl"));
    fs::remove_dir_all(&out).unwrap();

    let without_contact = run("https://werkgevers.example.nl/", "");
    assert!(!without_contact.status.success());
    assert!(String::from_utf8_lossy(&without_contact.stderr).contains("INSURER_CONTACT"));
    let bad_contact = run("http://localhost:8787", r#"{"phone":"x"}"#);
    assert!(!bad_contact.status.success());
    assert!(!out.exists());

    let default = run("", "");
    assert!(default.status.success());
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>http://localhost:8787/nl/</loc>"));
    let home = fs::read_to_string(out.join("nl/index.html")).unwrap();
    assert!(home.contains("demo-verzekeraar.nl"));
    fs::remove_dir_all(&out).unwrap();

    let refused = run("werkgevers.example.nl", own);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("must be an absolute http(s) address")
    );
    assert!(!out.exists());
}

#[test]
fn content_can_link_the_portal_pages() {
    let tmp = std::env::temp_dir().join(format!("balie-site-portal-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    copy_dir(&fixture("valid"), &tmp);
    let home = tmp.join("nl/_index.md");
    let text = fs::read_to_string(&home).unwrap();
    fs::write(
        &home,
        format!("{text}\n[Inloggen](@portal-sign-in) en [rekenen](@portal-calc-wga).\n"),
    )
    .unwrap();
    let content = balie_site::content::load(&tmp).unwrap();
    let files = balie_site::render_site(&content, BASE, None).unwrap();
    let nl = page(&files, "nl/index.html");
    assert!(
        nl.contains(r#"<a href="/nl/inloggen/">Inloggen</a>"#),
        "{nl}"
    );
    assert!(nl.contains(r#"<a href="/nl/rekenhulp-wga-hiaat/">rekenen</a>"#));
    fs::write(&home, format!("{text}\n[x](@portal-nope)\n")).unwrap();
    let errors =
        balie_site::render_site(&balie_site::content::load(&tmp).unwrap(), BASE, None).unwrap_err();
    assert!(
        errors[0].to_string().contains("unknown portal page `nope`"),
        "{errors:?}"
    );
    fs::remove_dir_all(&tmp).unwrap();
}

fn contact() -> balie_site::Contact {
    balie_site::Contact::parse(
        r#"{"phone":"+31 (0)20 123 45 67","email":"werkgevers@verzekeraar.nl",
            "hours":{"nl":"werkdagen van 8.30 tot 17.00 uur","en":"working days from 8:30 to 17:00"}}"#,
    )
    .unwrap()
}

/// The insurer's contact details stand in every page's footer, in its language,
/// as links; bad configuration is refused with what is wrong.
#[test]
fn contact_details_in_every_footer() {
    let content = balie_site::content::load(&fixture("bilingual")).unwrap();
    let files = balie_site::render_site(&content, BASE, Some(&contact())).unwrap();
    let mut pages = 0;
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let footer = &html[html.find("<footer").expect("a footer")..];
        assert!(
            footer.contains(r#"<a href="tel:+310201234567">+31 (0)20 123 45 67</a>"#),
            "{path}"
        );
        assert!(
            footer.contains(r#"<a href="mailto:werkgevers@verzekeraar.nl">"#),
            "{path}"
        );
        let hours = if path.starts_with("en/") {
            "working days from 8:30 to 17:00"
        } else {
            "werkdagen van 8.30 tot 17.00 uur"
        };
        assert!(footer.contains(hours), "{path}");
        pages += 1;
    }
    assert!(pages > 10);
    for (json, wrong) in [
        (
            r#"{"phone":"bel ons","email":"a@b.nl","hours":{"nl":"x","en":"y"}}"#,
            "phone",
        ),
        (
            r#"{"phone":"0201234567","email":"geen-adres","hours":{"nl":"x","en":"y"}}"#,
            "email",
        ),
        (
            r#"{"phone":"0201234567","email":"a@b.nl","hours":{"nl":"x","en":" "}}"#,
            "hours",
        ),
        (r#"{"phone":"0201234567","email":"a@b.nl"}"#, "hours"),
        (
            r#"{"phone":"0201234567","email":"a@b.nl","hours":{"nl":"x","en":"y"},"fax":"1"}"#,
            "fax",
        ),
    ] {
        let e = balie_site::Contact::parse(json).unwrap_err();
        assert!(e.contains(wrong), "{json}: {e}");
    }
}
