//! The contract between the portal's templates and their scripts: every element id
//! and `data-` hook that a page's script looks up, and every id that the modules it
//! imports look up without `?.`, exists in that page as built, in both languages.
//! A renamed id fails here, not in Chromium. Likewise every text a script names
//! (`t("payroll.found")`) is in the JSON its page carries, in both languages, and
//! every script text of the catalogue is named by some script.

use std::collections::BTreeSet;
use std::path::Path;

use balie_site::content::Lang;
use balie_site::portal::PAGES;
use balie_site::texts::{catalogue, modules, uses, Use};
use serde_json::Value;

fn script(name: &str) -> String {
    balie_site::static_files()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("static/{name}"))
        .1
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

fn built() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let content = balie_site::content::load(&root).expect("content/ loads");
    balie_site::render_site(&content, "http://localhost:8787", None).expect("builds")
}

/// What a key names in the texts, as `static/texts.js` finds it: a key of a table
/// may hold dots itself (a field path).
fn find<'a>(table: &'a Value, key: &str) -> Option<&'a Value> {
    let map = table.as_object()?;
    if let Some(found) = map.get(key) {
        return Some(found);
    }
    let (first, rest) = key.split_once('.')?;
    find(map.get(first)?, rest)
}

/// Whether `texts` holds what the use asks for: a text, a count-chosen text, a table.
fn holds(texts: &Value, text: &Use) -> bool {
    match (text, find(texts, text.key())) {
        (Use::Text(_), Some(v)) => v.is_string(),
        (Use::Plural(_), Some(v)) => v["one"].is_string() && v["other"].is_string(),
        (Use::Table(_), Some(v)) => v.is_object(),
        (_, None) => false,
    }
}

#[test]
fn every_text_a_page_script_names_is_in_its_page() {
    let files = built();
    let mut missing = Vec::new();
    for page in PAGES {
        for lang in Lang::ALL {
            let path = format!("{}index.html", &page.url(lang)[1..]);
            let html = &files.iter().find(|(p, _)| *p == path).expect("built").1;
            let start = "<script type=\"application/json\" id=\"texts\">";
            let json = html.split(start).nth(1).expect("texts");
            let texts: Value =
                serde_json::from_str(&json[..json.find("</script>").unwrap()]).expect("JSON");
            for module in modules(&page.script()) {
                for text in uses(&script(&module)) {
                    if !holds(&texts, &text) {
                        missing.push(format!("{path}: {text:?} (named by {module})"));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "missing texts:\n{}", missing.join("\n"));
}

/// A script text that no script names is dead: the catalogue holds only what is shown.
#[test]
fn every_script_text_is_named_by_a_script() {
    let named: Vec<Use> = balie_site::static_files()
        .iter()
        .flat_map(|(_, source)| uses(source))
        .collect();
    let texts = catalogue(Lang::Nl);
    let script = balie_site::portal::strings(Lang::Nl);
    let sections = serde_json::to_value(&script.script).unwrap();
    let mut dead = Vec::new();
    let mut walk = vec![(String::new(), &sections)];
    while let Some((path, value)) = walk.pop() {
        let is_plural = value.get("one").is_some() && value.get("other").is_some();
        match value {
            Value::Object(map) if !is_plural => {
                for (key, v) in map {
                    let key = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk.push((key, v));
                }
            }
            _ => {
                let covered = named.iter().any(|u| match u {
                    Use::Table(prefix) => path.starts_with(&format!("{prefix}.")),
                    other => other.key() == path,
                });
                if !covered {
                    dead.push(path);
                }
            }
        }
    }
    assert!(texts.contains_key("fields") && texts.contains_key("findings"));
    assert!(dead.is_empty(), "texts no script names: {dead:?}");
}

#[test]
fn every_lookup_of_a_page_script_exists_in_its_page() {
    let files = built();
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

/// The check itself: a text the page lacks, or of the wrong kind, is found.
#[test]
fn a_missing_text_is_found() {
    let texts = serde_json::json!({
        "a": { "b": "x", "n": { "one": "1", "other": "{n}" } },
        "fields": { "policy.start_date": "Ingangsdatum" }
    });
    assert!(holds(&texts, &Use::Text("a.b".into())));
    assert!(holds(&texts, &Use::Plural("a.n".into())));
    assert!(holds(&texts, &Use::Table("a".into())));
    assert!(holds(&texts, &Use::Text("fields.policy.start_date".into())));
    assert!(!holds(&texts, &Use::Text("a.c".into())));
    assert!(!holds(&texts, &Use::Text("a.n".into())));
    assert!(!holds(&texts, &Use::Plural("a.b".into())));
    assert!(!holds(&texts, &Use::Table("a.b".into())));
}
