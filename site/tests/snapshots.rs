//! Snapshots of everything the builder writes for the `valid` and `bilingual`
//! fixture trees (pages, 404, sitemap, search index, redirects), and of the errors
//! the `invalid` trees stop with. Review a change with `cargo insta review` (or run
//! with `INSTA_UPDATE=always` and read the diff of `tests/snapshots/`).

use std::path::{Path, PathBuf};

const BASE: &str = "https://hulp.example.nl";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn snapshot_tree(tree: &str) {
    let content = balie_site::content::load(&fixture(tree)).expect("loads");
    let files = balie_site::render_site(&content, BASE, None).expect("renders");
    for (path, data) in files {
        let name = format!("{tree}__{}", path.replace(['/', '.'], "_"));
        let data = if path.ends_with(".json") {
            // One line per value, so a change shows as a readable diff.
            let value: serde_json::Value = serde_json::from_str(&data).unwrap();
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            data
        };
        insta::assert_snapshot!(name, data);
    }
}

#[test]
fn valid_tree() {
    snapshot_tree("valid");
}

#[test]
fn bilingual_tree() {
    snapshot_tree("bilingual");
}

/// Every error of a broken tree, one per line, with paths relative to the tree.
fn errors(tree: &str) -> String {
    let root = fixture(tree);
    let errors = match balie_site::content::load(&root) {
        Ok(content) => balie_site::render_site(&content, BASE, None).expect_err("fails"),
        Err(errors) => errors,
    };
    let prefix = format!("{}/", root.display());
    let mut lines: Vec<String> = errors
        .iter()
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn invalid_front_matter() {
    insta::assert_snapshot!(errors("invalid/front-matter"));
}

#[test]
fn invalid_links_and_anchors() {
    insta::assert_snapshot!(errors("invalid/links"));
}
