//! The Worker's halves of the transports: `fetch` for SES's HTTP API and
//! Cloudflare Email Service's `send_email` binding (wasm32 only).

use wasm_bindgen::JsCast;
use worker::{EmailAddress, Fetch, Headers, Method, RequestInit, SendEmail, SendEmailBuilder};

use super::ses::{Http, HttpRequest, HttpResponse, Posting};
use super::{Message, SendError, Sending, Transport};

/// `fetch`, for the SES transport.
pub struct WorkerFetch;

impl Http for WorkerFetch {
    fn post(&self, request: HttpRequest) -> Posting<'_> {
        Box::pin(async move {
            let headers = Headers::new();
            for (name, value) in &request.headers {
                headers.set(name, value).map_err(|e| e.to_string())?;
            }
            let mut init = RequestInit::new();
            init.with_method(Method::Post)
                .with_headers(headers)
                .with_body(Some(
                    js_sys::Uint8Array::from(request.body.as_slice()).into(),
                ));
            let req =
                worker::Request::new_with_init(&request.url, &init).map_err(|e| e.to_string())?;
            let mut resp = Fetch::Request(req)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            Ok(HttpResponse {
                status: resp.status_code(),
                headers: resp.headers().entries().collect(),
                body: resp.bytes().await.unwrap_or_default(),
            })
        })
    }
}

/// Cloudflare Email Service. It sets `Date` and `Message-ID` itself; the message's
/// idempotency key travels as `X-Balie-Message-Id`, so a duplicate can be traced.
pub struct Cloudflare {
    pub binding: SendEmail,
}

impl Transport for Cloudflare {
    fn send<'a>(&'a self, message: &'a Message) -> Sending<'a> {
        Box::pin(async move {
            let builder = SendEmailBuilder::new_with_email_address_and_str(
                &EmailAddress::new(&message.from_name, &message.from_address),
                &message.to,
                &message.subject,
            );
            builder.set_text(&message.text);
            builder.set_html(&message.html);
            let headers = js_sys::Object::new();
            let key = message.message_id.trim_matches(['<', '>']);
            js_sys::Reflect::set(&headers, &"X-Balie-Message-Id".into(), &key.into())
                .map_err(|_| SendError("headers".into()))?;
            builder.set_headers(headers.unchecked_ref());
            self.binding
                .send_with_builder(&builder)
                .await
                .map(|sent| sent.message_id())
                // The binding's error names the problem (a sender not verified, a limit).
                .map_err(|e| SendError(format!("Cloudflare Email Service: {}", e.to_string())))
        })
    }
}
