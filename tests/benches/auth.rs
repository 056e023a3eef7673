//! Auth timings on the real runtime (the release Wasm build on workerd, local D1):
//! `cargo bench -p balie-e2e --bench auth` after `make worker site`.
//!
//! A sign-in with the right password does one argon2id verification plus a few D1
//! statements; `/api/me` and a wrong TOTP code do the same kind of D1 work without
//! hashing. The difference of the medians is the hashing cost. Round trips are
//! measured from this process, so the figures include loopback HTTP and local D1.

use std::time::{Duration, Instant};

use balie_e2e::{Client, Server, PASSWORD};
use serde_json::json;

// Stays below the per-address sign-in limit (50 per 15 minutes) for both series.
const ROUNDS: usize = 15;

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

/// Median wall-clock round trip of `rounds` calls and the workerd CPU per call.
struct Figures {
    wall_ms: f64,
    cpu_ms: f64,
}

fn measure(server: &Server, rounds: usize, mut f: impl FnMut()) -> Figures {
    f(); // warm-up
    let cpu_before = server.workerd_cpu_secs();
    let wall = timed(rounds, &mut f);
    let cpu = server.workerd_cpu_secs() - cpu_before;
    Figures {
        wall_ms: median(wall),
        cpu_ms: cpu * 1000.0 / rounds as f64,
    }
}

fn timed(rounds: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn main() {
    let server = Server::start();
    let c = Client::new(&server.url);
    let json = ("content-type", "application/json");
    let cookie = c
        .provision_and_sign_in(&json!({
            "policy_number": "550000001", "company_name": "Bench B.V.",
            "main_user": {"name": "B. Bench", "email": "b.bench@bench-bv.nl"},
            "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon", "start_date": "2024-01-01"}
        }))
        .cookie;
    let login_body = json!({"email": "b.bench@bench-bv.nl", "password": PASSWORD}).to_string();

    let login = measure(&server, ROUNDS, || {
        assert_eq!(c.post("/api/auth/login", &[json], &login_body).status, 200)
    });
    let me = measure(&server, 200, || {
        assert_eq!(c.get_with("/api/me", &[("cookie", &cookie)]).status, 200)
    });
    // Each wrong code needs a fresh challenge; only the code requests are counted.
    let challenges: Vec<String> = (0..ROUNDS)
        .map(|_| {
            let l = c.post("/api/auth/login", &[json], &login_body).json();
            json!({"challenge": l["challenge"], "code": "000000"}).to_string()
        })
        .collect();
    let mut bodies = challenges.iter();
    let code = measure(&server, ROUNDS - 1, || {
        let body = bodies.next().unwrap();
        assert_eq!(c.post("/api/auth/totp", &[json], body).status, 401)
    });
    let health = measure(&server, 200, || {
        assert_eq!(c.get("/api/health").status, 200)
    });
    drop(server);

    println!("auth bench: release Wasm on workerd with local D1; wall = median round trip,");
    println!("cpu = workerd CPU per request (Worker + local D1 + HTTP), from /proc");
    let row = |name: &str, f: &Figures| {
        println!(
            "  {name:<34} wall {:7.2} ms   cpu {:7.2} ms",
            f.wall_ms, f.cpu_ms
        )
    };
    row("GET  /api/health", &health);
    row("GET  /api/me (session check)", &me);
    row("POST /api/auth/totp (wrong code)", &code);
    row("POST /api/auth/login (argon2id)", &login);
    println!(
        "  argon2id verify = login − me: wall {:.2} ms, cpu {:.2} ms (budget 50 ms)",
        login.wall_ms - me.wall_ms,
        login.cpu_ms - me.cpu_ms
    );
}
