//! `balie-site [CONTENT_DIR] [OUT_DIR]`: builds the static site (default
//! `content` into `dist`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().unwrap_or_else(|| "content".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
    match balie_site::build(&content, &out) {
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
