//! The Worker entry: builds the app from the runtime's bindings and converts between
//! the runtime's request/response and ours. `/api/*` goes to the app; everything
//! else to the static assets, with the same security headers.

use worker::{event, Context, Env, Headers, Request as WRequest, Response as WResponse, Result};

use crate::app::{App, Config};
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
    }
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
async fn fetch(req: WRequest, env: Env, _ctx: Context) -> Result<WResponse> {
    let config = config(&env);
    if !req.path().starts_with("/api/") {
        return static_asset(req, &env, config.development).await;
    }
    let app = App {
        config,
        db: D1Db(env.d1("DB")?),
        kv: WorkersKv(env.kv("KV")?),
        clock: Box::new(SystemClock),
        random: Box::new(OsRandom),
    };
    to_response(app.handle(to_request(req).await?).await)
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
