//! `balie-site [CONTENT_DIR] [OUT_DIR]`: builds the static site (default
//! `content` into `dist`). `PUBLIC_URL` (default `http://localhost:8787`) is the
//! site's public address, for the absolute URLs in `sitemap.xml`.

use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_PUBLIC_URL: &str = "http://localhost:8787";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().unwrap_or_else(|| "content".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
    let public_url = std::env::var("PUBLIC_URL").unwrap_or_default();
    let public_url = match public_url.trim().trim_end_matches('/') {
        "" => DEFAULT_PUBLIC_URL,
        url if (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains(char::is_whitespace) =>
        {
            url
        }
        url => {
            eprintln!(
                "error: PUBLIC_URL `{url}` must be an absolute http(s) address, e.g. https://werkgevers.verzekeraar.nl"
            );
            return ExitCode::FAILURE;
        }
    };
    match balie_site::build(&content, &out, public_url) {
        Ok(report) => {
            println!(
                "site: {} pages, {} KB into {}",
                report.pages,
                report.bytes / 1024,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}
