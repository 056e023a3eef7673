//! The contract between the portal's templates and their scripts: every element id
//! and `data-` hook that a page's script looks up, and every id that the modules it
//! imports look up without `?.`, exists in that page as built, in both languages.
//! A renamed id fails here, not in Chromium.

use std::collections::BTreeSet;
use std::path::Path;

use balie_site::content::Lang;
use balie_site::portal::PAGES;

fn script(name: &str) -> String {
    balie_site::static_files()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("static/{name}"))
        .1
}

/// The modules a script imports (`from "./x.js"`), transitively, itself included.
fn modules(name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(next) = todo.pop() {
        if seen.insert(next.clone()) {
            let source = script(&next);
            for line in source.lines().filter(|l| l.starts_with("import ")) {
                if let Some(from) = line.split("from \"./").nth(1) {
                    todo.push(from.trim_end_matches("\";").to_owned());
                }
            }
        }
    }
    seen
}

/// The string literals passed to `$(…)` and `getElementById(…)` (ids), and the
/// `[data-…]` attribute names in `querySelector(All)(…)` literals. In an imported
/// module, a lookup followed by `?.` may find nothing and is left out.
fn lookups(source: &str, own: bool) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut ids = BTreeSet::new();
    let mut hooks = BTreeSet::new();
    for call in [
        "$(\"",
        "getElementById(\"",
        "querySelector(\"",
        "querySelectorAll(\"",
    ] {
        for (at, _) in source.match_indices(call) {
            let rest = &source[at + call.len()..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            let optional = rest[end..].starts_with("\")?.");
            if !own && optional {
                continue;
            }
            if call.starts_with('$') || call.starts_with("getElementById") {
                ids.insert(literal.to_owned());
            } else if own {
                for part in literal.split("[data-").skip(1) {
                    let name: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    hooks.insert(format!("data-{name}"));
                }
            }
        }
    }
    (ids, hooks)
}

#[test]
fn every_lookup_of_a_page_script_exists_in_its_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let content = balie_site::content::load(&root).expect("content/ loads");
    let files = balie_site::render_site(&content, "http://localhost:8787", None).expect("builds");
    let mut missing = Vec::new();
    for page in PAGES {
        for lang in Lang::ALL {
            let path = format!("{}index.html", &page.url(lang)[1..]);
            let html = &files
                .iter()
                .find(|(p, _)| *p == path)
                .expect("page built")
                .1;
            for module in modules(&page.script()) {
                let own = module == page.script();
                let (ids, hooks) = lookups(&script(&module), own);
                for id in ids {
                    if !html.contains(&format!("id=\"{id}\"")) {
                        missing.push(format!("{path}: #{id} (looked up by {module})"));
                    }
                }
                for hook in hooks {
                    if !html.contains(&format!(" {hook}")) {
                        missing.push(format!("{path}: [{hook}] (looked up by {module})"));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing in the pages:\n{}",
        missing.join("\n")
    );
}

/// The check itself: a lookup of an id that no page has is found.
#[test]
fn a_renamed_id_is_found() {
    let (ids, hooks) = lookups("const a = $(\"gone\"); document.querySelectorAll(\"[data-x] [data-y=1]\"); document.getElementById(\"opt\")?.focus();", true);
    assert_eq!(ids, BTreeSet::from(["gone".to_owned(), "opt".to_owned()]));
    assert_eq!(
        hooks,
        BTreeSet::from(["data-x".to_owned(), "data-y".to_owned()])
    );
    let (ids, _) = lookups(
        "document.getElementById(\"opt\")?.focus(); $(\"must\")",
        false,
    );
    assert_eq!(ids, BTreeSet::from(["must".to_owned()]));
}
