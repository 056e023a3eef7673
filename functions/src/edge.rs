//! The Worker entry: builds the app from the runtime's bindings and converts between
//! the runtime's request/response and ours. `/api/*` goes to the app; everything
//! else to the static assets, with the same security headers.

use worker::{
    event, Context, Env, Headers, Request as WRequest, Response as WResponse, Result,
    ScheduleContext, ScheduledEvent,
};

use crate::app::config::Mail;
use crate::app::{App, Config};
use crate::delivery::platform::{Cloudflare, WorkerFetch};
use crate::delivery::ses::SesTransport;
use crate::delivery::{Outbox, Transport};
use crate::http::multipart::MAX_FORM_BYTES;
use crate::http::{security, Method, Request, Response};
use crate::runtime::{OsRandom, SystemClock};
use crate::store::d1::D1Db;
use crate::store::workers_kv::WorkersKv;

fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name)
        .ok()
        .map(|v| v.to_string())
        .or_else(|| env.secret(name).ok().map(|v| v.to_string()))
        .filter(|v| !v.is_empty())
}

fn config(env: &Env) -> Config {
    Config {
        development: var(env, "ENVIRONMENT").as_deref() == Some("development"),
        admin_token: var(env, "ADMIN_TOKEN"),
        public_url: var(env, "PUBLIC_URL"),
        insurer_name: var(env, "INSURER_NAME").unwrap_or_else(|| "Balie".into()),
        auth_secret: var(env, "AUTH_SECRET"),
        mail_transport: var(env, "MAIL_TRANSPORT"),
        mail_from: var(env, "MAIL_FROM"),
        ses_region: var(env, "SES_REGION"),
        ses_endpoint: var(env, "SES_ENDPOINT"),
        ses_access_key_id: var(env, "SES_ACCESS_KEY_ID"),
        ses_secret_access_key: var(env, "SES_SECRET_ACCESS_KEY"),
        email_binding: env.send_email("EMAIL").is_ok(),
        security_log_days: var(env, "SECURITY_LOG_RETENTION_DAYS"),
    }
}

/// The transport the settings choose; with incomplete settings the outbox, which
/// delivers nothing (the app answers 503 to every request until they are fixed).
fn transport(env: &Env, config: &Config) -> Box<dyn Transport> {
    match config.mail() {
        Ok(Mail::Ses(settings)) => Box::new(SesTransport {
            settings,
            http: Box::new(WorkerFetch),
            clock: Box::new(SystemClock),
        }),
        Ok(Mail::Cloudflare { .. }) => match env.send_email("EMAIL") {
            Ok(binding) => Box::new(Cloudflare { binding }),
            Err(_) => Box::new(Outbox),
        },
        _ => Box::new(Outbox),
    }
}

fn app(env: &Env, config: Config) -> Result<App<D1Db, WorkersKv>> {
    Ok(App {
        transport: transport(env, &config),
        config,
        db: D1Db(env.d1("DB")?),
        kv: WorkersKv(env.kv("KV")?),
        clock: Box::new(SystemClock),
        random: Box::new(OsRandom),
    })
}

async fn to_request(mut req: WRequest) -> Result<Request> {
    let url = req.url()?;
    let origin = url.origin().ascii_serialization();
    let headers: Vec<(String, String)> = req
        .headers()
        .entries()
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .collect();
    let declared_too_large = headers.iter().any(|(n, v)| {
        n == "content-length" && v.trim().parse::<usize>().is_ok_and(|n| n > MAX_FORM_BYTES)
    });
    // Larger than any endpoint takes: not read at all; the app answers 413 from the
    // declared length.
    let body = if declared_too_large {
        Vec::new()
    } else {
        req.bytes().await.unwrap_or_default()
    };
    Ok(Request {
        method: Method::parse(req.method().as_ref()),
        origin,
        path: url.path().to_owned(),
        query: url.query().unwrap_or("").to_owned(),
        headers,
        body,
    })
}

fn to_response(resp: Response) -> Result<WResponse> {
    let headers = Headers::new();
    for (name, value) in &resp.headers {
        headers.append(name, value)?;
    }
    Ok(WResponse::builder()
        .with_status(resp.status)
        .with_headers(headers)
        .fixed(resp.body))
}

#[event(fetch)]
async fn fetch(req: WRequest, env: Env, ctx: Context) -> Result<WResponse> {
    let config = config(&env);
    if !req.path().starts_with("/api/") {
        return static_asset(req, &env, config.development).await;
    }
    let app = app(&env, config)?;
    let req = to_request(req).await?;
    let changed = req.method.changes_state();
    let resp = app.handle(req).await;
    // A change may have written e-mail: deliver it after the answer, not before.
    // (Incomplete settings answer 503, so nothing is delivered with them.)
    if changed && resp.status < 500 {
        ctx.wait_until(async move {
            if let Err(e) = app.deliver().await {
                crate::runtime::log(&serde_json::json!({"level": "error", "event": "delivery", "error": e.to_string()}));
            }
        });
    }
    to_response(resp)
}

/// The cron trigger (every minute, `wrangler.toml`): delivery on every run, the
/// clean-up in the first minute of each hour.
#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let config = config(&env);
    let problems = config.problems();
    if !problems.is_empty() {
        crate::runtime::log(
            &serde_json::json!({"level": "error", "event": "not_configured", "problems": problems}),
        );
        return;
    }
    let Ok(app) = app(&env, config) else {
        return;
    };
    let minute_of_hour = (event.schedule() / 60_000.0) as i64 % 60;
    if let Err(e) = app.run_scheduled(&SystemClock, minute_of_hour == 0).await {
        crate::runtime::log(
            &serde_json::json!({"level": "error", "event": "scheduled", "error": e.to_string()}),
        );
    }
}

/// Serves a static file and adds the headers every answer carries.
async fn static_asset(req: WRequest, env: &Env, development: bool) -> Result<WResponse> {
    let path = req.path();
    let method = req.method().to_string();
    let upstream = env.assets("ASSETS")?.fetch_request(req).await?;
    let status = upstream.status_code();
    // Fetched headers are immutable: copy them into a fresh response.
    let headers = Headers::new();
    for (name, value) in upstream.headers().entries() {
        headers.set(&name, &value)?;
    }
    let mut ours = Response {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    };
    let request_id = crate::runtime::request_id(&OsRandom);
    security::apply(&mut ours, &request_id, development);
    for (name, value) in &ours.headers {
        headers.set(name, value)?;
    }
    crate::runtime::log_request(&request_id, &method.to_ascii_lowercase(), &path, status);
    let (_, body) = upstream.into_parts();
    Ok(WResponse::builder()
        .with_status(status)
        .with_headers(headers)
        .body(body))
}
