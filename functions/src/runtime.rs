//! The clock and randomness, passed into the app so every rule is testable with
//! fixed values natively.

pub trait Clock {
    /// Seconds since the Unix epoch.
    fn now(&self) -> i64;
}

pub trait Random {
    fn fill(&self, buf: &mut [u8]);
}

/// The platform clock: `Date.now()` in the Worker (std's clock panics on wasm32).
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(target_arch = "wasm32")]
    fn now(&self) -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// The operating system's CSPRNG (`crypto.getRandomValues` in the Worker).
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // Without a working CSPRNG no secret can be made safely: stop here.
        getrandom::fill(buf).expect("no secure random source");
    }
}

/// One structured log line (JSON) on the platform's log: `console.log` in the
/// Worker (collected by `wrangler tail` and Workers Logs), stderr natively.
pub fn log(line: &serde_json::Value) {
    #[cfg(target_arch = "wasm32")]
    worker::console_log!("{line}");
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{line}");
}

/// A short random id for one request, echoed in `X-Request-Id` and the log.
pub fn request_id(random: &dyn Random) -> String {
    let mut buf = [0u8; 8];
    random.fill(&mut buf);
    crate::domain::ids::hex(&buf)
}

/// The one log line per request. The query string is left out: it can hold tokens.
pub fn log_request(request_id: &str, method: &str, path: &str, status: u16) {
    log(&serde_json::json!({
        "level": "info", "request_id": request_id, "method": method,
        "path": path, "status": status,
    }));
}
