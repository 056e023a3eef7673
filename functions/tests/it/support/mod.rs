//! A test app: the real router and handlers on SQLite with the real migrations,
//! a settable clock and deterministic randomness.

pub mod accounts;
pub mod employees;

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;

use balie_functions::app::{App, Config};
use balie_functions::delivery::{Message, SendError, Sending, Transport};
use balie_functions::http::{Method, Request, Response};
use balie_functions::runtime::{Clock, Random};
use balie_functions::store::memory_kv::MemoryKv;
use balie_functions::store::sqlite::SqliteDb;
use balie_functions::store::Db;
use serde_json::Value;

pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";
/// 2025-03-01T09:00:00Z
pub const START: i64 = 1_740_819_600;

#[derive(Clone)]
pub struct TestClock(pub Rc<Cell<i64>>);
impl Clock for TestClock {
    fn now(&self) -> i64 {
        self.0.get()
    }
}

/// Distinct bytes on every call, the same sequence on every run.
pub struct CountingRandom(Cell<u64>);
impl Random for CountingRandom {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let n = self
                .0
                .get()
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(1);
            self.0.set(n);
            chunk.copy_from_slice(&n.to_le_bytes()[..chunk.len()]);
        }
    }
}

pub struct TestApp {
    pub app: App<SqliteDb, MemoryKv>,
    /// The clock's current time; tests move it forward.
    pub time: Rc<Cell<i64>>,
    /// What the app's transport sent.
    pub mail: Rc<TestTransport>,
}

pub fn config(development: bool) -> Config {
    Config {
        development,
        admin_token: Some(ADMIN_TOKEN.into()),
        public_url: Some("https://portaal.example.nl".into()),
        insurer_name: "Testverzekeraar".into(),
        auth_secret: Some("test-auth-secret-0123456789abcdefghij".into()),
        mail_transport: Some(if development { "outbox" } else { "ses" }.into()),
        mail_from: Some("portaal@testverzekeraar.nl".into()),
        ses_region: Some("eu-west-1".into()),
        ses_access_key_id: Some("AKIDEXAMPLE".into()),
        ses_secret_access_key: Some("test-secret".into()),
        ..Config::default()
    }
}

/// A transport that records what it sends, and refuses while `down` is set (a
/// provider that cannot be reached).
#[derive(Default)]
pub struct TestTransport {
    pub sent: RefCell<Vec<Message>>,
    pub down: Cell<bool>,
}

/// The app's transport, shared with the test that inspects it.
pub struct SharedTransport(pub Rc<TestTransport>);

impl Transport for SharedTransport {
    fn send<'a>(&'a self, message: &'a Message) -> Sending<'a> {
        Box::pin(async move {
            if self.0.down.get() {
                return Err(SendError("provider unreachable".into()));
            }
            let mut sent = self.0.sent.borrow_mut();
            sent.push(message.clone());
            Ok(format!("provider-{}", sent.len()))
        })
    }
}

impl TestApp {
    pub fn new() -> Self {
        Self::with_config(config(true))
    }

    pub fn with_config(config: Config) -> Self {
        let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        let time = Rc::new(Cell::new(START));
        let mail = Rc::new(TestTransport::default());
        TestApp {
            app: App {
                config,
                db: SqliteDb::with_migrations(&migrations).expect("migrations apply"),
                kv: MemoryKv::default(),
                clock: Box::new(TestClock(time.clone())),
                random: Box::new(CountingRandom(Cell::new(1))),
                transport: Box::new(SharedTransport(mail.clone())),
            },
            time,
            mail,
        }
    }

    pub fn send(&self, req: Request) -> Response {
        pollster::block_on(self.app.handle(req))
    }

    pub fn get(&self, path: &str) -> Response {
        self.send(request(Method::Get, path, &[], b""))
    }

    pub fn post_json(&self, path: &str, headers: &[(&str, &str)], body: &Value) -> Response {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.send(request(
            Method::Post,
            path,
            &all,
            body.to_string().as_bytes(),
        ))
    }

    pub fn admin_get(&self, path: &str) -> Response {
        let auth = format!("Bearer {ADMIN_TOKEN}");
        self.send(request(Method::Get, path, &[("authorization", &auth)], b""))
    }

    pub fn admin_post(&self, path: &str, body: &Value) -> Response {
        let auth = format!("Bearer {ADMIN_TOKEN}");
        self.post_json(path, &[("authorization", &auth)], body)
    }

    /// How many rows a table holds.
    pub fn count(&self, table: &str) -> i64 {
        let sql: &'static str =
            Box::leak(format!("SELECT COUNT(*) AS n FROM {table}").into_boxed_str());
        let rows: Vec<Value> = pollster::block_on(
            self.app
                .db
                .all(balie_functions::store::Statement::new(sql, vec![])),
        )
        .unwrap();
        rows[0]["n"].as_i64().unwrap()
    }
}

pub fn request(method: Method, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Request {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    Request {
        method,
        origin: "https://portaal.example.nl".into(),
        path: path.into(),
        query: query.into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
            .collect(),
        body: body.to_vec(),
    }
}

pub fn body(resp: &Response) -> Value {
    serde_json::from_slice(&resp.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&resp.body)))
}

/// The contract's error body: returns (code, field).
pub fn error_of(resp: &Response) -> (String, Option<String>) {
    let b = body(resp);
    let e = &b["error"];
    assert!(
        e["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message in {b}"
    );
    (
        e["code"].as_str().expect("error.code").to_owned(),
        e["field"].as_str().map(str::to_owned),
    )
}
