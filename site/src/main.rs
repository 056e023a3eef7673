//! `balie-site [CONTENT_DIR] [OUT_DIR]`: builds the static site (default
//! `content` into `dist`). `PUBLIC_URL` (default `http://localhost:8787`) is the
//! site's public address, for the absolute URLs in `sitemap.xml`.
//! `INSURER_CONTACT` (JSON: phone, email, hours in nl and en) is shown in every
//! page's footer; without it a local build shows the demo insurer's, and a build
//! for a public address stops, so no deployment shows made-up details.

use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_PUBLIC_URL: &str = "http://localhost:8787";
const DEMO_CONTACT: &str = r#"{"phone":"020 123 45 67","email":"werkgevers@demo-verzekeraar.nl","hours":{"nl":"werkdagen van 8.30 tot 17.00 uur","en":"working days from 8:30 to 17:00"}}"#;

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
    let local = public_url.starts_with("http://localhost") || public_url.starts_with("http://127.");
    let contact = match std::env::var("INSURER_CONTACT") {
        Ok(json) if !json.trim().is_empty() => json,
        _ if local => DEMO_CONTACT.to_owned(),
        _ => {
            eprintln!(
                "error: INSURER_CONTACT is not set; give the insurer's contact details, e.g. {DEMO_CONTACT}"
            );
            return ExitCode::FAILURE;
        }
    };
    let contact = match balie_site::Contact::parse(&contact) {
        Ok(contact) => contact,
        Err(e) => {
            eprintln!("error: INSURER_CONTACT: {e}");
            return ExitCode::FAILURE;
        }
    };
    match balie_site::build(&content, &out, public_url, Some(&contact)) {
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
