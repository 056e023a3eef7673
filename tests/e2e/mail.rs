//! E-mail leaves through Amazon SES's HTTP API, proven against a real receiver
//! (`aws-ses-v2-local`, from npm) on workerd; and a Worker with incomplete
//! settings answers 503. These cases start their own servers.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use balie_e2e::{project_root, token_in, Client, Server};
use serde_json::{json, Value};

use crate::Ctx;

pub const CASES: &[crate::Case] = &[
    (
        "mail: delivered through SES, link works, retried once the receiver is back",
        ses_delivery,
    ),
    (
        "mail: delivered through Cloudflare Email Service's binding",
        cloudflare_delivery,
    ),
    (
        "config: each missing production setting answers 503",
        incomplete_settings,
    ),
];

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The local SES receiver on `port`; stops when dropped.
struct Receiver {
    child: Child,
    url: String,
}

impl Receiver {
    fn start(port: u16) -> Receiver {
        let child = Command::new(project_root().join("node_modules/.bin/aws-ses-v2-local"))
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .expect("aws-ses-v2-local starts (npm ci installs it)");
        let url = format!("http://127.0.0.1:{port}");
        let probe = Client::new(&url);
        let started = Instant::now();
        while probe.get_status("/health-check") != Some(200) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "receiver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Receiver { child, url }
    }

    fn emails(&self) -> Vec<Value> {
        Client::new(&self.url).get("/store").json()["emails"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// Waits until `n` messages arrived (delivery runs after the answer).
    fn wait_for(&self, n: usize) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let emails = self.emails();
            if emails.len() >= n || started.elapsed() > Duration::from_secs(15) {
                return emails;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run_scheduled(c: &Client, at: Option<u64>) -> Value {
    let body = match at {
        Some(secs) => {
            let at = chrono::DateTime::from_timestamp(secs as i64, 0).unwrap();
            json!({"at": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)})
        }
        None => json!({}),
    };
    let r = c.post_json("/api/dev/run-scheduled", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn ses_delivery(_: &Ctx) {
    let port = free_port();
    let receiver = Receiver::start(port);
    let endpoint = format!("http://127.0.0.1:{port}");
    let server = Server::start_with(&[
        ("MAIL_TRANSPORT", "ses"),
        ("MAIL_FROM", "portaal@balie-verzekeraar.nl"),
        ("SES_REGION", "eu-west-1"),
        ("SES_ENDPOINT", &endpoint),
        ("SES_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        (
            "SES_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ),
    ]);
    let c = Client::new(&server.url);
    let auth = format!("Bearer {}", Server::admin_token());
    c.provision(&json!({
        "policy_number": "550000001", "company_name": "Post & Co B.V.",
        "main_user": {"name": "P. Post", "email": "p.post@postenco.nl"},
        "policy": {"product": "verzuim", "premium_rate_percent": "3", "insured_wage": "sv_loon",
                   "start_date": "2024-01-01", "wage_cap": "none"}
    }));

    // Delivered right after the answer, through SES, as a multipart message.
    let emails = receiver.wait_for(1);
    assert_eq!(emails.len(), 1, "{emails:?}");
    let mail = &emails[0];
    assert_eq!(mail["destination"]["to"][0], "p.post@postenco.nl");
    assert!(
        mail["from"]
            .as_str()
            .unwrap()
            .contains("portaal@balie-verzekeraar.nl"),
        "{mail}"
    );
    assert!(
        mail["from"].as_str().unwrap().contains("Balie"),
        "the insurer's name: {mail}"
    );
    assert!(mail["subject"]
        .as_str()
        .unwrap()
        .starts_with("Activeer uw account"));
    let text = mail["body"]["text"].as_str().unwrap();
    let html = mail["body"]["html"].as_str().unwrap();
    assert!(
        text.find("Beste P. Post").unwrap() < text.find("Dear P. Post").unwrap(),
        "Dutch first"
    );
    assert!(
        html.contains("<a href=\"") && html.contains("/activeren?token="),
        "{html}"
    );
    // What stays is metadata: the body with its link is gone.
    let outbox = c.get("/api/dev/outbox").json();
    assert_eq!(outbox["messages"][0]["status"], "delivered");
    assert_eq!(outbox["messages"][0]["text"], Value::Null);
    // The link in the delivered message works.
    let token = token_in(text, "/activeren");
    c.activate_with("p.post@postenco.nl", &token);

    // Receiver down: the next message stays pending and is not retried early.
    drop(receiver);
    let r = c.post_json(
        "/api/auth/password/forgot",
        &json!({"email": "p.post@postenco.nl"}),
    );
    assert_eq!(r.status, 202, "{}", r.body);
    let pending = wait_until(|| {
        let list = c
            .get_with(
                "/api/admin/mail?status=pending",
                &[("authorization", &auth)],
            )
            .json();
        // Claimed and tried once: the attempt's error is recorded.
        let messages = list["messages"].as_array().unwrap();
        messages
            .iter()
            .find(|m| m["attempts"] == 1 && m["last_error"].is_string())
            .cloned()
    });
    assert!(
        pending["last_error"]
            .as_str()
            .unwrap()
            .starts_with("SES unreachable"),
        "{pending}"
    );
    assert_eq!(
        run_scheduled(&c, None),
        json!({"delivered": 0, "failed": 0, "pending": 1})
    );

    // Back: the retry is due after a minute and delivers once; later runs send nothing.
    let receiver = Receiver::start(port);
    let now = balie_e2e::now();
    assert_eq!(
        run_scheduled(&c, Some(now + 90)),
        json!({"delivered": 1, "failed": 0, "pending": 0})
    );
    assert_eq!(
        run_scheduled(&c, Some(now + 600)),
        json!({"delivered": 0, "failed": 0, "pending": 0})
    );
    // The cron trigger's handler runs the same job: nothing is left to send.
    assert_eq!(c.get_status("/__scheduled?cron=*+*+*+*+*"), Some(200));
    let emails = receiver.emails();
    assert_eq!(emails.len(), 1, "delivered once: {emails:?}");
    assert!(emails[0]["body"]["text"]
        .as_str()
        .unwrap()
        .contains("/wachtwoord-herstellen?token="));
    drop(server);
}

/// The `send_email` binding as workerd simulates it locally accepts the message.
fn cloudflare_delivery(_: &Ctx) {
    let server = Server::start_with(&[
        ("MAIL_TRANSPORT", "cloudflare"),
        ("MAIL_FROM", "portaal@balie-verzekeraar.nl"),
    ]);
    let c = Client::new(&server.url);
    let auth = format!("Bearer {}", Server::admin_token());
    let demo = std::fs::read_to_string(project_root().join("scripts/demo-employer.json")).unwrap();
    c.provision(&serde_json::from_str(&demo).unwrap());
    let delivered = wait_until(|| {
        let list = c
            .get_with(
                "/api/admin/mail?status=delivered",
                &[("authorization", &auth)],
            )
            .json();
        list["messages"].as_array().unwrap().first().cloned()
    });
    assert_eq!(delivered["attempts"], 1);
    assert_eq!(
        c.get("/api/dev/outbox").json()["messages"][0]["text"],
        Value::Null
    );
}

fn wait_until(mut probe: impl FnMut() -> Option<Value>) -> Value {
    let started = Instant::now();
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "timed out");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A production Worker missing one setting at a time answers every API request
/// 503 `not_configured`; complete, it serves.
fn incomplete_settings(_: &Ctx) {
    let complete: Vec<(&str, &str)> = vec![
        ("ENVIRONMENT", "production"),
        ("PUBLIC_URL", "https://portaal.balie-verzekeraar.nl"),
        ("MAIL_TRANSPORT", "ses"),
        ("MAIL_FROM", "portaal@balie-verzekeraar.nl"),
        ("SES_REGION", "eu-west-1"),
        ("SES_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("SES_SECRET_ACCESS_KEY", "secret"),
    ];
    let status_of = |vars: &[(&str, &str)]| {
        let server = Server::start_with(vars);
        let c = Client::new(&server.url);
        let health = c.get("/api/health");
        let login = c.post_json("/api/auth/password/forgot", &json!({"email": "a@b.nl"}));
        (health.status, login.status, login.body)
    };
    let (health, forgot, _) = status_of(&complete);
    assert_eq!((health, forgot), (200, 202));
    for (name, value) in [
        ("PUBLIC_URL", ""),
        ("AUTH_SECRET", ""),
        ("MAIL_TRANSPORT", "outbox"),
        ("SES_SECRET_ACCESS_KEY", ""),
    ] {
        let vars: Vec<(&str, &str)> = complete
            .iter()
            .filter(|(k, _)| *k != name)
            .copied()
            .chain([(name, value)])
            .collect();
        let (health, forgot, body) = status_of(&vars);
        assert_eq!((health, forgot), (503, 503), "{name}");
        assert!(body.contains("\"not_configured\""), "{name}: {body}");
        assert!(!body.contains(name), "the answer names no setting: {body}");
    }
}
