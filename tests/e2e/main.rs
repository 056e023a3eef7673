//! End-to-end suite: the built site and Worker on the real local workerd runtime,
//! with fresh D1/KV state, over HTTP. One server for all cases; a custom harness
//! (`harness = false`) so the server starts once and stops at the end.

mod admin;
mod auth;
mod calc;
mod documents;
mod employees;
mod mail;
mod organisations;
mod service;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use balie_e2e::{Client, Server};

pub struct Ctx {
    pub client: Client,
    pub url: String,
}

type Case = (&'static str, fn(&Ctx));

fn main() -> ExitCode {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let cases: Vec<Case> = service::CASES
        .iter()
        .chain(admin::CASES)
        .chain(calc::CASES)
        .chain(auth::CASES)
        .chain(employees::CASES)
        .chain(documents::CASES)
        .chain(organisations::CASES)
        .chain(mail::CASES)
        .copied()
        .collect();
    let server = Server::start();
    let ctx = Ctx {
        client: Client::new(&server.url),
        url: server.url.clone(),
    };
    println!("e2e against {}", server.url);
    let (mut passed, mut failed) = (0, 0);
    for (name, case) in cases {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| case(&ctx))) {
            Ok(()) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    drop(server);
    println!("e2e: {passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
