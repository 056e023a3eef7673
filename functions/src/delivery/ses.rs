//! Amazon SES v2's `SendEmail` over HTTPS, signed with SigV4: the MIME message
//! travels as raw content, so the sender name, `Date` and `Message-ID` are ours.

use base64::Engine;

use super::{mime, sigv4, Message, SendError, Sending, Transport};
use crate::app::config::Ses;
use crate::runtime::Clock;

/// One outgoing HTTP request, built and signed here, sent by the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The answer to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub type Posting<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<HttpResponse, String>> + 'a>>;

/// POSTs a request: `fetch` in the Worker.
pub trait Http {
    fn post(&self, request: HttpRequest) -> Posting<'_>;
}

const PATH: &str = "/v2/email/outbound-emails";

/// The signed `SendEmail` request for `message` at `now` (seconds).
pub fn request(settings: &Ses, message: &Message, now: i64) -> HttpRequest {
    let body = serde_json::json!({
        "FromEmailAddress": settings.from,
        "Destination": {"ToAddresses": [message.to]},
        "Content": {"Raw": {"Data": base64::engine::general_purpose::STANDARD.encode(mime::raw(message))}},
    })
    .to_string()
    .into_bytes();
    let (scheme_host, base_path) = match settings.endpoint.find("://") {
        Some(i) => {
            let after = &settings.endpoint[i + 3..];
            let host_end = after
                .find('/')
                .map_or(settings.endpoint.len(), |j| i + 3 + j);
            settings.endpoint.split_at(host_end)
        }
        None => (settings.endpoint.as_str(), ""),
    };
    let host = scheme_host.split("://").nth(1).unwrap_or(scheme_host);
    let path = format!("{}{PATH}", base_path.trim_end_matches('/'));
    let amz_date = chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let signed = [
        ("content-type", "application/json"),
        ("host", host),
        ("x-amz-date", amz_date.as_str()),
    ];
    let authorization = sigv4::authorization(
        &sigv4::Credentials {
            access_key_id: &settings.access_key_id,
            secret_access_key: &settings.secret_access_key,
        },
        &settings.region,
        "ses",
        &amz_date,
        &sigv4::Request {
            method: "POST",
            path: &path,
            query: "",
            headers: &signed,
            payload: &body,
        },
    );
    let mut headers: Vec<(String, String)> = signed
        .iter()
        .filter(|(n, _)| *n != "host")
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    headers.push(("authorization".into(), authorization));
    HttpRequest {
        url: format!("{scheme_host}{path}"),
        headers,
        body,
    }
}

/// The provider's message id from a 200, or what went wrong: the status and AWS's
/// error type only, since SES's message text can quote the recipient's address.
pub fn outcome(response: Result<HttpResponse, String>) -> Result<String, SendError> {
    let response = response.map_err(|e| SendError(format!("SES unreachable: {e}")))?;
    if (200..300).contains(&response.status) {
        #[derive(serde::Deserialize)]
        struct Sent {
            #[serde(rename = "MessageId")]
            message_id: String,
        }
        return serde_json::from_slice::<Sent>(&response.body)
            .map(|s| s.message_id)
            .map_err(|_| SendError("SES answered 200 without a MessageId".into()));
    }
    let kind = response
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-amzn-errortype"))
        .map(|(_, v)| v.split(':').next().unwrap_or(v).to_owned())
        .unwrap_or_default();
    Err(SendError(
        format!("SES answered {} {kind}", response.status)
            .trim_end()
            .to_owned(),
    ))
}

pub struct SesTransport {
    pub settings: Ses,
    pub http: Box<dyn Http>,
    pub clock: Box<dyn Clock>,
}

impl Transport for SesTransport {
    fn send<'a>(&'a self, message: &'a Message) -> Sending<'a> {
        Box::pin(async move {
            let request = request(&self.settings, message, self.clock.now());
            outcome(self.http.post(request).await)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(endpoint: &str) -> Ses {
        Ses {
            from: "portaal@verzekeraar.nl".into(),
            region: "eu-west-1".into(),
            endpoint: endpoint.into(),
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        }
    }

    fn message() -> Message {
        Message {
            from_name: "Verzekeraar".into(),
            from_address: "portaal@verzekeraar.nl".into(),
            to: "anna@bedrijf.nl".into(),
            subject: "Onderwerp".into(),
            text: "Tekst".into(),
            html: "<p>Tekst</p>".into(),
            message_id: "<k1@verzekeraar.nl>".into(),
            date: chrono::DateTime::from_timestamp(1_440_938_160, 0).unwrap(),
        }
    }

    #[test]
    fn the_request_is_signed_for_ses_in_the_region() {
        let r = request(
            &settings("https://email.eu-west-1.amazonaws.com"),
            &message(),
            1_440_938_160,
        );
        assert_eq!(
            r.url,
            "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails"
        );
        let header = |n: &str| {
            r.headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("x-amz-date"), Some("20150830T123600Z"));
        assert_eq!(header("content-type"), Some("application/json"));
        let auth = header("authorization").unwrap();
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/ses/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature="
        ));
        // The signature covers the body: another message signs differently.
        let other = Message {
            to: "bob@bedrijf.nl".into(),
            ..message()
        };
        let r2 = request(
            &settings("https://email.eu-west-1.amazonaws.com"),
            &other,
            1_440_938_160,
        );
        assert_ne!(
            header("authorization"),
            r2.headers
                .iter()
                .find(|(k, _)| k == "authorization")
                .map(|(_, v)| v.as_str())
        );
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["FromEmailAddress"], "portaal@verzekeraar.nl");
        assert_eq!(body["Destination"]["ToAddresses"][0], "anna@bedrijf.nl");
        let raw = base64::engine::general_purpose::STANDARD
            .decode(body["Content"]["Raw"]["Data"].as_str().unwrap())
            .unwrap();
        assert_eq!(String::from_utf8(raw).unwrap(), mime::raw(&message()));
    }

    #[test]
    fn a_local_endpoint_keeps_its_port_and_path() {
        let r = request(&settings("http://127.0.0.1:8005"), &message(), 0);
        assert_eq!(r.url, "http://127.0.0.1:8005/v2/email/outbound-emails");
        let r = request(&settings("http://127.0.0.1:8005/ses"), &message(), 0);
        assert_eq!(r.url, "http://127.0.0.1:8005/ses/v2/email/outbound-emails");
    }

    #[test]
    fn outcomes_keep_no_address() {
        let answer = |status, body: &str, headers: Vec<(String, String)>| {
            outcome(Ok(HttpResponse {
                status,
                headers,
                body: body.as_bytes().to_vec(),
            }))
        };
        assert_eq!(
            answer(200, r#"{"MessageId":"m-1"}"#, vec![]),
            Ok("m-1".into())
        );
        assert_eq!(
            answer(
                400,
                r#"{"message":"Email address is not verified: anna@bedrijf.nl"}"#,
                vec![(
                    "x-amzn-ErrorType".into(),
                    "MessageRejected:http://internal".into()
                )]
            ),
            Err(SendError("SES answered 400 MessageRejected".into()))
        );
        assert_eq!(
            answer(503, "", vec![]),
            Err(SendError("SES answered 503".into()))
        );
        assert_eq!(
            outcome(Err("connection refused".into())),
            Err(SendError("SES unreachable: connection refused".into()))
        );
    }
}
