//! `multipart/form-data` bodies (RFC 7578), as much as uploads need: named parts,
//! a file name, the bytes. Hand-written because the crates that parse it work on
//! async streams and bring an HTTP stack and encoding tables into the Worker; this
//! is a bounded scan over a body that is already in memory.

/// One part of the form. `data` borrows from the body: a 10 MB file is not copied.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub file_name: Option<String>,
    pub data: &'a [u8],
}

/// The largest form body: a document of the largest size plus room for the other
/// fields and the part headers.
pub const MAX_FORM_BYTES: usize = crate::domain::documents::MAX_BYTES + 64 * 1024;

/// A form never needs more parts than this; more is not a form of ours.
const MAX_PARTS: usize = 16;
/// A part's header block larger than this is not a browser's.
const MAX_HEADER_BYTES: usize = 8 * 1024;

/// The boundary of a `multipart/form-data` content type, `None` for any other type.
pub fn boundary(content_type: &str) -> Option<&str> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"'))
        // RFC 2046: 1 to 70 characters.
        .filter(|b| (1..=70).contains(&b.len()))
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while let Some(offset) = haystack.get(i..)?.iter().position(|b| *b == first) {
        let at = i + offset;
        if haystack.get(at..at + needle.len())? == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// A `key="value"` parameter of a header value such as Content-Disposition.
fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The parts of a body, or `None` when it is not well-formed multipart.
pub fn parse<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delimiter = [b"--", boundary.as_bytes()].concat();
    let separator = [b"\r\n--", boundary.as_bytes()].concat();
    // The first delimiter may follow a preamble.
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        let rest = body.get(at..)?;
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        if parts.len() == MAX_PARTS || !rest.starts_with(b"\r\n") {
            return None;
        }
        let headers_start = at + 2;
        let headers_end = find(body, b"\r\n\r\n", headers_start)?;
        if headers_end - headers_start > MAX_HEADER_BYTES {
            return None;
        }
        let headers = String::from_utf8_lossy(body.get(headers_start..headers_end)?);
        let disposition = headers.split("\r\n").find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then(|| value.trim().to_owned())
        })?;
        let data_start = headers_end + 4;
        let data_end = find(body, &separator, data_start)?;
        parts.push(Part {
            name: param(&disposition, "name")?,
            file_name: param(&disposition, "filename"),
            data: body.get(data_start..data_end)?,
        });
        at = data_end + separator.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(boundary: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut body = b"preamble\r\n".to_vec();
        for (name, file, data) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let file = file.map_or(String::new(), |f| format!("; filename=\"{f}\""));
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"{file}\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        body
    }

    #[test]
    fn boundary_of_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----abc"),
            Some("----abc")
        );
        assert_eq!(
            boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"x y\""),
            Some("x y")
        );
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("multipart/form-data; boundary="), None);
        assert_eq!(
            boundary(&format!("multipart/form-data; boundary={}", "b".repeat(71))),
            None
        );
    }

    #[test]
    fn parts_with_binary_data() {
        let data: Vec<u8> = (0..=255).chain([b'\r', b'\n', b'-', b'-']).collect();
        let body = form(
            "XyZ",
            &[
                ("kind", None, b"absence_report"),
                ("file", Some("rapport 2025.pdf"), &data),
            ],
        );
        let parts = parse(&body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0],
            Part {
                name: "kind".into(),
                file_name: None,
                data: b"absence_report"
            }
        );
        assert_eq!(parts[1].file_name.as_deref(), Some("rapport 2025.pdf"));
        assert_eq!(parts[1].data, &data[..]);
    }

    #[test]
    fn malformed_bodies_are_refused() {
        let good = form("b", &[("kind", None, b"x")]);
        assert!(parse(&good, "b").is_some());
        for cut in [0, 5, 15, 40, good.len() - 6] {
            assert_eq!(parse(&good[..cut], "b"), None, "cut at {cut}");
        }
        assert_eq!(parse(&good, "other"), None);
        let no_disposition = b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--".to_vec();
        assert_eq!(parse(&no_disposition, "b"), None);
        let many = form("b", &vec![("f", None, &b"x"[..]); MAX_PARTS + 1]);
        assert_eq!(parse(&many, "b"), None);
    }
}
