//! The layers hold: store and domain code never reaches up into the handlers
//! (`app`) or the HTTP types (`http`).

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `use crate::app…`, `crate::http::…` in a path, or either inside `crate::{…}`.
fn reaches_up(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let grouped = code.contains("crate::{")
        && code
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == "app" || word == "http");
    code.contains("crate::app") || code.contains("crate::http") || grouped
}

#[test]
fn store_and_domain_do_not_import_app_or_http() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offending = Vec::new();
    for layer in ["store", "domain"] {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "no Rust files under src/{layer}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if reaches_up(line) {
                    offending.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offending.is_empty(),
        "store/ and domain/ must not use crate::app or crate::http:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_check_sees_what_it_looks_for() {
    assert!(reaches_up("use crate::app::NewEmployer;"));
    assert!(reaches_up("    let e = crate::http::ApiError::NotFound;"));
    assert!(reaches_up("use crate::{domain, http};"));
    assert!(!reaches_up("use crate::domain::year::Year;"));
    assert!(!reaches_up("// crate::app is not for us"));
}
