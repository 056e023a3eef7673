//! Helpers for the end-to-end suite: start the real local runtime (workerd via
//! `wrangler dev`) on fresh state, and talk HTTP to it.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The runtime started by `scripts/test-server.sh`, in its own process group so
/// that dropping it stops wrangler and workerd with it.
pub struct Server {
    pub url: String,
    child: Child,
}

impl Server {
    pub fn start() -> Server {
        Self::start_with(&[])
    }

    /// A server whose settings differ from `.dev.vars` in `vars` (an empty value
    /// unsets one).
    pub fn start_with(vars: &[(&str, &str)]) -> Server {
        let root = project_root();
        assert!(
            root.join("functions/build/index.js").exists() && root.join("dist").exists(),
            "build the site and Worker first: run `make test`"
        );
        let mut child = Command::new(root.join("scripts/test-server.sh"))
            .args(
                vars.iter()
                    .flat_map(|(k, v)| ["--var".to_owned(), format!("{k}:{v}")]),
            )
            .stdout(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("scripts/test-server.sh starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut url = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(u) = line.strip_prefix("ready ") {
                url = Some(u.to_owned());
                break;
            }
        }
        let url = url.expect("test server printed its URL (see its log above)");
        Server { url, child }
    }

    pub fn admin_token() -> String {
        let vars = std::fs::read_to_string(project_root().join(".dev.vars")).expect(".dev.vars");
        vars.lines()
            .find_map(|l| l.strip_prefix("ADMIN_TOKEN="))
            .expect("ADMIN_TOKEN in .dev.vars")
            .to_owned()
    }
}

impl Server {
    /// CPU seconds (user + system) used so far by the workerd processes of this
    /// server: the Worker, the local D1 and the HTTP front together.
    pub fn workerd_cpu_secs(&self) -> f64 {
        let ticks_per_sec = 100.0; // USER_HZ on Linux
        self.workerd_pids()
            .iter()
            .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
            .map(|stat| {
                // Fields after the ")" that closes the command name: utime and stime are 12th and 13th.
                let rest = stat.rsplit(')').next().unwrap_or("");
                let f: Vec<&str> = rest.split_whitespace().collect();
                let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                (ticks(11) + ticks(12)) / ticks_per_sec
            })
            .sum()
    }

    /// The highest resident memory (VmHWM, MB) any workerd process of this server
    /// has reached: an upper bound on what one request's isolate used.
    pub fn workerd_peak_rss_mb(&self) -> f64 {
        self.workerd_pids()
            .iter()
            .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
            .filter_map(|status| {
                let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
                line.split_whitespace().nth(1)?.parse::<f64>().ok()
            })
            .fold(0.0, f64::max)
            / 1024.0
    }

    fn workerd_pids(&self) -> Vec<String> {
        let pgid = self.child.id().to_string();
        let out = Command::new("pgrep")
            .args(["-g", &pgid, "-x", "workerd"])
            .output()
            .expect("pgrep");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

/// An HTTP answer, read whole.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy for binary bodies; `bytes` has them exactly).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

pub struct Client {
    agent: ureq::Agent,
    base: String,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Client {
            agent,
            base: base.to_owned(),
        }
    }

    fn read(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
        let mut resp = resp.expect("request reaches the server");
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        Answer {
            status: resp.status().as_u16(),
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    /// The status of a GET, or `None` while nothing listens.
    pub fn get_status(&self, path: &str) -> Option<u16> {
        self.agent
            .get(format!("{}{path}", self.base))
            .call()
            .ok()
            .map(|r| r.status().as_u16())
    }

    pub fn get(&self, path: &str) -> Answer {
        self.get_with(path, &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        Self::read(req.call())
    }

    /// PATCH with explicit headers and a raw body.
    pub fn patch(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut req = self.agent.patch(format!("{}{path}", self.base));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        Self::read(req.send(body))
    }

    /// POST with explicit headers and a raw body.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        Self::read(req.send(body))
    }

    /// POST with explicit headers and a binary body (uploads).
    pub fn post_bytes(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        Self::read(req.send(body))
    }

    /// PUT with explicit headers and a raw body.
    pub fn put(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut req = self.agent.put(format!("{}{path}", self.base));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        Self::read(req.send(body))
    }
}

/// A `multipart/form-data` body as a browser sends it, and its content type:
/// text fields, then a file part.
pub fn form(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "----balie-e2e-5c0f9a";
    let mut b = Vec::new();
    for (name, value) in fields {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    b.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    b.extend_from_slice(file);
    b.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), b)
}

/// The password every test user signs in with.
pub const PASSWORD: &str = "correct horse battery staple";

/// The session cookie (`session=...`) an answer sets.
pub fn cookie_of(answer: &Answer) -> String {
    answer
        .header("set-cookie")
        .expect("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// A user signed in through the real endpoints.
pub struct SignedIn {
    pub cookie: String,
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

impl Client {
    pub fn post_json(&self, path: &str, body: &Value) -> Answer {
        self.post(
            path,
            &[("content-type", "application/json")],
            &body.to_string(),
        )
    }

    /// The token of the newest link to `path` mailed to `to` (development outbox).
    pub fn mailed_token(&self, to: &str, path: &str) -> String {
        let outbox = self.get("/api/dev/outbox").json();
        let text: String = outbox["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["to"] == to && m["text"].as_str().is_some_and(|t| t.contains(path)))
            .unwrap_or_else(|| panic!("mail to {to} with {path}"))["text"]
            .as_str()
            .unwrap()
            .to_owned();
        token_in(&text, path)
    }

    /// Provisions `employer` (the admin body) through the back office's API.
    pub fn provision(&self, employer: &Value) {
        let auth = format!("Bearer {}", Server::admin_token());
        let r = self.post(
            "/api/admin/employers",
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            &employer.to_string(),
        );
        assert_eq!(r.status, 201, "{}", r.body);
    }

    /// Provisions `employer` (the admin body) and signs its main user in.
    pub fn provision_and_sign_in(&self, employer: &Value) -> SignedIn {
        self.provision(employer);
        self.activate_and_sign_in(employer["main_user"]["email"].as_str().unwrap())
    }

    /// Activates `email` through the mailed link with `PASSWORD` and signs in with
    /// the first TOTP set-up.
    pub fn activate_and_sign_in(&self, email: &str) -> SignedIn {
        let token = self.mailed_token(email, "/activeren");
        self.activate_with(email, &token)
    }

    /// Activates `email` with `token` and signs in with the first TOTP set-up.
    pub fn activate_with(&self, email: &str, token: &str) -> SignedIn {
        let r = self.post_json(
            "/api/auth/activate",
            &json!({"token": token, "password": PASSWORD}),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let login = self
            .post_json(
                "/api/auth/login",
                &json!({"email": email, "password": PASSWORD}),
            )
            .json();
        assert_eq!(login["next"], "totp_setup");
        let secret = login["secret"].as_str().unwrap().to_owned();
        let code = totp_code(&secret, now());
        let r = self.post_json(
            "/api/auth/totp",
            &json!({"challenge": login["challenge"], "code": code}),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let recovery_codes = r.json()["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        SignedIn {
            cookie: cookie_of(&r),
            secret,
            recovery_codes,
        }
    }
}

/// The current TOTP code for a base32 secret, as an authenticator app shows it.
/// The one-time token of a `…{path}?token=…` link in a message's text.
pub fn token_in(text: &str, path: &str) -> String {
    let start = text
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("a {path} link in {text}"))
        + path.len()
        + 7;
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

pub fn totp_code(secret_base32: &str, unix_secs: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret_base32).expect("base32 secret");
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .expect("valid TOTP")
        .generate(unix_secs)
        .to_string()
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}
