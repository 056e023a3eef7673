//! Document uploads (role hr): payroll statements and absence reports are checked
//! the moment they arrive (`domain::documents`); an accepted file is stored in KV
//! with its metadata in D1. A refused file, above all one with medical data, is
//! never written anywhere: not to KV, not to D1, not to the log.

use serde_json::{json, Value};

use super::common::{parse_year, utc_time};
use super::session::Principal;
use super::App;
use crate::domain::documents::{
    self, check, Finding, Kind, KnownWage, Refusal, Report, Settled, Verdict, MAX_BYTES,
};
use crate::domain::ids::{new_id, sha256_hex};
use crate::domain::year::Year;
use crate::http::multipart::{self, Part};
use crate::http::{ApiError, Lang, Msg, Request, Response};
use crate::store::documents::{self as store, DocumentRow, NewDocument};
use crate::store::{employees, settlements, Db, Kv};

struct Upload<'a> {
    kind: Kind,
    year: Year,
    file_name: String,
    bytes: &'a [u8],
}

fn finding_json(f: &Finding, lang: Lang) -> Value {
    let mut out = json!({
        "code": f.code,
        "severity": f.severity,
        "message": match lang { Lang::Nl => &f.nl, Lang::En => &f.en },
    });
    if let Some(field) = f.field {
        out["field"] = field.into();
    }
    if let Some(row) = f.row {
        out["row"] = row.into();
    }
    out
}

fn findings_json(report: &Report, lang: Lang) -> Value {
    json!({
        "accepted": report.accepted(),
        "findings": report.findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
    })
}

/// A 413 or 415: the findings body and the error body in one answer, as the
/// contract asks, so both the upload page and a plain API client understand it.
fn refused_file(status: u16, finding: Finding, lang: Lang) -> Response {
    let mut body = findings_json(
        // Only `accepted: false` is read from the verdict here.
        &Report {
            verdict: Verdict::Refused(Refusal::Findings),
            findings: vec![finding.clone()],
        },
        lang,
    );
    body["error"] = json!({
        "code": finding.code,
        "message": match lang { Lang::Nl => finding.nl, Lang::En => finding.en },
        "field": "file",
    });
    Response::json(status, &body)
}

/// The last path segment of a browser's file name, without control characters or
/// quotes (it goes back out in a Content-Disposition header), at most 200 characters.
fn clean_file_name(raw: Option<&str>) -> String {
    let base = raw.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(200)
        .collect();
    let name = name.trim();
    if name.is_empty() {
        "document".into()
    } else {
        name.into()
    }
}

fn text_field(parts: &[Part<'_>], name: &str) -> Option<String> {
    parts
        .iter()
        .find(|p| p.name == name && p.file_name.is_none())
        .map(|p| String::from_utf8_lossy(p.data).trim().to_owned())
}

/// The form's fields, or the answer to give instead: `Err(Ok(response))` for a file
/// refused with findings (413), `Err(Err(error))` for a malformed request.
fn upload<'a>(req: &'a Request, lang: Lang) -> Result<Upload<'a>, Result<Response, ApiError>> {
    // Refused from the declared length before parsing (the Worker entry does not
    // even read such a body).
    let declared = req
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > multipart::MAX_FORM_BYTES) {
        return Err(Ok(refused_file(413, check::too_large(), lang)));
    }
    let boundary = req
        .header("content-type")
        .and_then(multipart::boundary)
        .ok_or(Err(ApiError::UnsupportedMediaType))?;
    let parts = multipart::parse(&req.body, boundary).ok_or_else(|| {
        Err(ApiError::Malformed(Msg::new(
            "Het formulier kon niet worden gelezen. Probeer het opnieuw.",
            "The form could not be read. Please try again.",
        )))
    })?;
    let kind = match text_field(&parts, "kind") {
        None => return Err(Err(ApiError::missing("kind"))),
        Some(k) => Kind::parse(&k).ok_or_else(|| {
            Err(ApiError::invalid(
                "kind",
                "Kies een verzamelloonstaat of een arborapportage.",
                "Choose a payroll statement or an absence report.",
            ))
        })?,
    };
    let year = match text_field(&parts, "year") {
        None => return Err(Err(ApiError::missing("year"))),
        Some(y) => parse_year(&y).map_err(Err)?,
    };
    let file = parts
        .iter()
        .find(|p| p.name == "file")
        .ok_or(Err(ApiError::missing("file")))?;
    if file.data.len() > MAX_BYTES {
        return Err(Ok(refused_file(413, check::too_large(), lang)));
    }
    Ok(Upload {
        kind,
        year,
        file_name: clean_file_name(file.file_name.as_deref()),
        bytes: file.data,
    })
}

/// The wages the year's settlement has, for a payroll statement to be held against.
async fn known_wages<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    upload: &Upload<'_>,
) -> Result<Vec<KnownWage>, ApiError> {
    if upload.kind != Kind::PayrollStatement {
        return Ok(Vec::new());
    }
    let staff = employees::in_year(&app.db, &p.employer_id, upload.year).await?;
    Ok(staff
        .into_iter()
        .filter_map(|e| {
            Some(KnownWage {
                wage: e.wage?,
                bsn: e.bsn,
                initials: e.initials,
                prefix: e.prefix,
                last_name: e.last_name,
            })
        })
        .collect())
}

/// Reads the form and checks the file: the upload and its report, or the answer
/// to give instead.
async fn checked<'a, D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &'a Request,
    lang: Lang,
) -> Result<Result<(Upload<'a>, Report), Response>, ApiError> {
    let upload = match upload(req, lang) {
        Ok(upload) => upload,
        Err(answer) => return answer.map(Err),
    };
    let known = known_wages(app, p, &upload).await?;
    let submitted = upload.kind == Kind::PayrollStatement
        && settlements::employer_year_locked(&app.db, &p.employer_id, upload.year).await?;
    let settled = Settled {
        wages: &known,
        submitted,
    };
    let report = documents::check(upload.kind, upload.year, upload.bytes, settled);
    if report.verdict == Verdict::Refused(Refusal::UnsupportedType) {
        return Ok(Err(refused_file(415, check::unsupported(), lang)));
    }
    Ok(Ok((upload, report)))
}

/// `POST /api/documents/check`: the findings; nothing is stored.
pub async fn check_only<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let lang = Lang::from_accept_language(req.header("accept-language"));
    Ok(match checked(app, p, req, lang).await? {
        Ok((_, report)) => Response::json(200, &findings_json(&report, lang)),
        Err(answer) => answer,
    })
}

/// `POST /api/documents`: stores an accepted file (201), refuses any other (422)
/// without keeping a byte of it.
pub async fn upload_and_store<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    req: &Request,
) -> Result<Response, ApiError> {
    let lang = Lang::from_accept_language(req.header("accept-language"));
    let (upload, report) = match checked(app, p, req, lang).await? {
        Ok(checked) => checked,
        Err(answer) => return Ok(answer),
    };
    let format = match report.verdict {
        Verdict::Accepted(format) => format,
        // A file with medical data is refused like any other, and nothing of it
        // is kept: no blob, no row, no log line.
        Verdict::RefusedMedical | Verdict::Refused(_) => {
            let mut body = findings_json(&report, lang);
            let msg = Msg::new(
                "Dit bestand is niet opgeslagen. Los de meldingen op en probeer het opnieuw.",
                "This file was not stored. Resolve the findings and try again.",
            );
            body["error"] = json!({"code": "document_refused", "message": msg.get(lang)});
            return Ok(Response::json(422, &body));
        }
    };
    let sha256 = sha256_hex(upload.bytes);
    let id = new_id(app.random_bytes());
    let key = store::kv_key(&p.employer_id, &sha256);
    let doc = NewDocument {
        id: &id,
        employer_id: &p.employer_id,
        kind: upload.kind.as_str(),
        year: upload.year.get(),
        file_name: &upload.file_name,
        content_type: format.content_type(),
        size: upload.bytes.len(),
        sha256: &sha256,
        uploaded_by: &p.user_id,
    };
    // The bytes first: a row must never point at a missing file. If the row then
    // fails, the blob goes again unless an earlier upload of the same file uses it.
    app.kv
        .put(&key, upload.bytes)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if let Err(e) = app
        .db
        .batch(vec![store::insert(&doc, app.clock.now())])
        .await
    {
        if !store::key_in_use(&app.db, &key).await.unwrap_or(true) {
            let _ = app.kv.delete(&key).await;
        }
        return Err(e.into());
    }
    let mut body = findings_json(&report, lang);
    body["id"] = id.into();
    Ok(Response::json(201, &body))
}

fn document_json(d: &DocumentRow) -> Value {
    let uploaded_at = utc_time(d.uploaded_at);
    json!({
        "id": d.id, "kind": d.kind, "year": d.year, "file_name": d.file_name,
        "size": d.size, "uploaded_at": uploaded_at, "uploaded_by": d.uploaded_by,
        "content_type": d.content_type,
    })
}

/// `GET /api/documents`: the employer's documents, newest first.
pub async fn list<D: Db, K: Kv>(app: &App<D, K>, p: &Principal) -> Result<Response, ApiError> {
    let docs = store::list(&app.db, &p.employer_id).await?;
    Ok(Response::json(
        200,
        &json!({"documents": docs.iter().map(document_json).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/documents/{id}`: the file itself, as an attachment (never rendered
/// on the portal's origin).
pub async fn download<D: Db, K: Kv>(
    app: &App<D, K>,
    p: &Principal,
    id: &str,
) -> Result<Response, ApiError> {
    let doc = store::by_id(&app.db, &p.employer_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let bytes = app
        .kv
        .get(&doc.kv_key)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .ok_or_else(|| ApiError::Internal(format!("document {} has no file in KV", doc.id)))?;
    let ascii: String = doc
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = doc
        .file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    Ok(Response {
        status: 200,
        headers: vec![
            ("content-type".into(), doc.content_type.clone()),
            (
                "content-disposition".into(),
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            ("cache-control".into(), "private, no-store".into()),
        ],
        body: bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_lose_paths_and_header_syntax() {
        assert_eq!(
            clean_file_name(Some("C:\\Users\\a\\loonstaat 2025.xlsx")),
            "loonstaat 2025.xlsx"
        );
        assert_eq!(clean_file_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(clean_file_name(Some("a\"b;c\r\nd.csv")), "abcd.csv");
        assert_eq!(clean_file_name(Some("  ")), "document");
        assert_eq!(clean_file_name(None), "document");
        assert_eq!(clean_file_name(Some(&"x".repeat(300))).len(), 200);
    }
}
