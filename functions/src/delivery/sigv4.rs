//! AWS Signature Version 4 for one HTTP request (what Amazon SES's HTTP API asks).
//! Small and pure: the canonical request, the string to sign, the derived key and
//! the `Authorization` header, checked against AWS's published test suite.
//!
//! Written here rather than taken from `aws-sigv4`: that crate brings the AWS
//! runtime's types and the `time` crate into a Worker whose bundle has a 1 MB
//! budget, for the hundred lines below.

use crate::domain::ids::hex;

/// An access key pair; the secret never leaves this module except as an HMAC.
pub struct Credentials<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
}

/// One request to sign. `path` and `query` are given as they go on the wire
/// (already percent-encoded); `headers` are every header to sign, `host` and
/// `x-amz-date` among them.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub payload: &'a [u8],
}

fn sha256_hex(data: &[u8]) -> String {
    hex(&hmac_sha256::Hash::hash(data))
}

/// Query parameters sorted by name, then value, as the canonical form requires.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    pairs.sort_unstable();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Lower-case names, sorted; values trimmed with inner runs of spaces made one.
fn canonical_headers(headers: &[(&str, &str)]) -> (String, String) {
    let mut list: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.to_ascii_lowercase(),
                v.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    list.sort_unstable();
    let canonical = list.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed = list
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    (canonical, signed)
}

/// The key for one day, region and service.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac_sha256::HMAC::mac(date, format!("AWS4{secret}"));
    let k_region = hmac_sha256::HMAC::mac(region, k_date);
    let k_service = hmac_sha256::HMAC::mac(service, k_region);
    hmac_sha256::HMAC::mac("aws4_request", k_service)
}

/// The `Authorization` header for `req`, signed at `amz_date` (`20150830T123600Z`,
/// the value of its `x-amz-date` header) for `region` and `service`.
pub fn authorization(
    credentials: &Credentials,
    region: &str,
    service: &str,
    amz_date: &str,
    req: &Request,
) -> String {
    let (headers, signed_headers) = canonical_headers(req.headers);
    let canonical_request = format!(
        "{}\n{}\n{}\n{headers}\n{signed_headers}\n{}",
        req.method,
        req.path,
        canonical_query(req.query),
        sha256_hex(req.payload),
    );
    let date = amz_date.get(..8).unwrap_or(amz_date);
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let key = signing_key(credentials.secret_access_key, date, region, service);
    let signature = hex(&hmac_sha256::HMAC::mac(string_to_sign, key));
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        credentials.access_key_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // The credentials, date, region and service of AWS's SigV4 test suite.
    const SUITE: Credentials = Credentials {
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    };
    const DATE: &str = "20150830T123600Z";

    fn suite(method: &str, path: &str, query: &str, extra: &[(&str, &str)], body: &[u8]) -> String {
        let mut headers = vec![("Host", "example.amazonaws.com"), ("X-Amz-Date", DATE)];
        headers.extend_from_slice(extra);
        authorization(
            &SUITE,
            "us-east-1",
            "service",
            DATE,
            &Request {
                method,
                path,
                query,
                headers: &headers,
                payload: body,
            },
        )
    }

    #[test]
    fn the_derived_key_is_the_published_one() {
        assert_eq!(
            hex(&signing_key(
                SUITE.secret_access_key,
                "20150830",
                "us-east-1",
                "service"
            )),
            "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"
        );
    }

    #[test]
    fn the_suite_signatures() {
        let prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=";
        for (name, method, path, query, signature) in [
            (
                "get-vanilla",
                "GET",
                "/",
                "",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            ),
            (
                "get-vanilla-query-order-key-case",
                "GET",
                "/",
                "Param2=value2&Param1=value1",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            ),
            (
                "get-utf8",
                "GET",
                "/%E1%88%B4",
                "",
                "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
            ),
            (
                "post-vanilla",
                "POST",
                "/",
                "",
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            ),
        ] {
            assert_eq!(
                suite(method, path, query, &[], b""),
                format!("{prefix}{signature}"),
                "{name}"
            );
        }
    }

    #[test]
    fn a_signed_body_and_content_type() {
        // post-x-www-form-urlencoded: the body's hash and its content type are signed.
        assert_eq!(
            suite(
                "POST",
                "/",
                "",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                b"Param1=value1"
            ),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
        );
    }

    #[test]
    fn header_values_are_trimmed_and_spaces_collapsed() {
        assert_eq!(
            canonical_headers(&[("My-Header1", "  value1  "), ("my-header2", "a   b  c")]).0,
            "my-header1:value1\nmy-header2:a b c\n"
        );
    }
}
