//! Document uploads through the router on SQLite and in-memory KV: the form, the
//! size and type refusals, storing an accepted file, refusing (and not keeping) a
//! file with medical data, the list, the download, roles and tenant isolation.

use crate::support::accounts::*;
use crate::support::{body, error_of, request, TestApp};
use balie_functions::http::{Method, Response};
use serde_json::Value;

const BOUNDARY: &str = "----balie-test-7d1f";

/// A `multipart/form-data` body as a browser builds it.
fn form(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, value) in fields {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, data)) = file {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n")
                .as_bytes(),
        );
        b.extend_from_slice(data);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    b
}

pub(crate) fn upload(
    t: &TestApp,
    cookie: &str,
    path: &str,
    kind: &str,
    name: &str,
    data: &[u8],
) -> Response {
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    t.send(request(
        Method::Post,
        path,
        &[("cookie", cookie), ("content-type", &ct)],
        &form(&[("kind", kind), ("year", "2024")], Some((name, data))),
    ))
}

fn codes(r: &Response) -> Vec<String> {
    body(r)["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("findings in {}", String::from_utf8_lossy(&r.body)))
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

const PAYROLL: &str = "Werkgever;Bakkerij De Gouden Korst B.V.\n\
Verzamelloonstaat 2024\n\
Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n\
Aa;A.;01-01-2020;;52.350,00\n\
Bakker;B.;01-03-2021;30-06-2024;21.844,12\n\
Totaal;;;;74.194,12\n";

const ABSENCE_MEDICAL: &str = "Werkgever;Bakkerij De Gouden Korst B.V.\n\
Arborapportage 2024\n\
Naam;Voorletters;Eerste ziektedag;Datum melding;Datum herstel;AO%;ATW%;Toelichting\n\
Aa;A.;04-03-2024;05-03-2024;;100;0;herstel na knieoperatie\n";

#[test]
fn accepted_file_is_stored_listed_and_downloaded() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let r = upload(
        &t,
        &hr,
        "/api/documents/check",
        "payroll_statement",
        "loonstaat.csv",
        PAYROLL.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(body(&r)["accepted"], true, "{}", body(&r));
    assert!(t.app.kv.keys().is_empty(), "check stores nothing");
    assert_eq!(t.count("documents"), 0);

    let r = upload(
        &t,
        &hr,
        "/api/documents",
        "payroll_statement",
        "C:\\lonen\\loonstaat.csv",
        PAYROLL.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let id = body(&r)["id"].as_str().unwrap().to_owned();
    assert_eq!(t.app.kv.keys().len(), 1);

    let list = body(&send(&t, Method::Get, "/api/documents", &hr, None));
    let doc = &list["documents"][0];
    assert_eq!(doc["id"], id.as_str());
    assert_eq!(doc["kind"], "payroll_statement");
    assert_eq!(doc["year"], 2024);
    assert_eq!(doc["file_name"], "loonstaat.csv");
    assert_eq!(doc["size"], PAYROLL.len());
    assert_eq!(doc["uploaded_at"], "2025-03-01T09:00:00Z");
    assert!(doc["uploaded_by"].as_str().is_some_and(|n| !n.is_empty()));

    let r = send(&t, Method::Get, &format!("/api/documents/{id}"), &hr, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, PAYROLL.as_bytes());
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment; filename=\"loonstaat.csv\""));

    // Another employer's HR sees neither the list entry nor the file.
    let (other, _, _) = signed_in_main_user(&t, "770000002", "p.smit@anderbedrijf.nl");
    assert_eq!(
        body(&send(&t, Method::Get, "/api/documents", &other, None))["documents"],
        Value::Array(vec![])
    );
    let r = send(
        &t,
        Method::Get,
        &format!("/api/documents/{id}"),
        &other,
        None,
    );
    assert_eq!((r.status, error_of(&r).0), (404, "not_found".to_owned()));
}

#[test]
fn medical_data_is_refused_and_nothing_is_kept() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let r = upload(
        &t,
        &hr,
        "/api/documents",
        "absence_report",
        "verzuim.csv",
        ABSENCE_MEDICAL.as_bytes(),
    );
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    assert!(
        codes(&r).contains(&"medical_data".to_owned()),
        "{}",
        body(&r)
    );
    assert_eq!(body(&r)["accepted"], false);
    assert_eq!(error_of(&r).0, "document_refused");
    assert!(t.app.kv.keys().is_empty());
    assert_eq!(t.count("documents"), 0);
}

#[test]
fn images_are_screenshots_and_other_types_unsupported() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    // A PNG named .csv is still a picture.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0IEND\xaeB`\x82";
    let r = upload(
        &t,
        &hr,
        "/api/documents/check",
        "payroll_statement",
        "loonstaat.csv",
        png,
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(codes(&r), ["screenshot"]);
    let r = upload(
        &t,
        &hr,
        "/api/documents",
        "payroll_statement",
        "loonstaat.csv",
        png,
    );
    assert_eq!(r.status, 422);

    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    for path in ["/api/documents/check", "/api/documents"] {
        let r = upload(&t, &hr, path, "payroll_statement", "loonstaat.pdf", elf);
        assert_eq!(r.status, 415, "{}", String::from_utf8_lossy(&r.body));
        assert_eq!(codes(&r), ["unsupported_type"]);
        assert_eq!(
            error_of(&r),
            ("unsupported_type".into(), Some("file".into()))
        );
    }
    assert!(t.app.kv.keys().is_empty());
}

/// The schema openapi.json documents for `status` of `POST path`, `$ref`s resolved.
fn documented(spec: &Value, path: &str, status: &str) -> Value {
    let resolve = |v: &Value| -> Value {
        match v["$ref"].as_str() {
            Some(r) => spec.pointer(&r[1..]).cloned().expect(r),
            None => v.clone(),
        }
    };
    let schema =
        &spec["paths"][path]["post"]["responses"][status]["content"]["application/json"]["schema"];
    resolve(schema)
        .get("anyOf")
        .and_then(Value::as_array)
        .map_or_else(
            || vec![resolve(schema)],
            |a| a.iter().map(resolve).collect(),
        )
        .into()
}

/// Whether `body` has every required property of one of the documented schemas.
fn fits_one(schemas: &Value, body: &Value) -> bool {
    schemas.as_array().unwrap().iter().any(|s| {
        s["required"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| body.get(k.as_str().unwrap()).is_some())
    })
}

#[test]
fn answers_415_as_documented() {
    let t = TestApp::new();
    let spec = body(&t.get("/api/openapi.json"));
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    for path in ["/api/documents/check", "/api/documents"] {
        let schemas = documented(&spec, path, "415");
        let file = upload(&t, &hr, path, "payroll_statement", "loonstaat.pdf", elf);
        let not_a_form = t.send(request(
            Method::Post,
            path,
            &[("cookie", &hr), ("content-type", "application/json")],
            b"{}",
        ));
        for (r, code) in [
            (file, "unsupported_type"),
            (not_a_form, "unsupported_media_type"),
        ] {
            assert_eq!(r.status, 415, "{path}");
            assert_eq!(error_of(&r).0, code, "{path}");
            assert!(
                fits_one(&schemas, &body(&r)),
                "{path}: {} fits none of {schemas}",
                body(&r)
            );
        }
    }
}

#[test]
fn too_large_is_refused_from_the_declared_length_and_the_file() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    // Declared too large: refused before the body is looked at.
    let r = t.send(request(
        Method::Post,
        "/api/documents/check",
        &[
            ("cookie", &hr),
            ("content-type", &ct),
            ("content-length", "52428800"),
        ],
        b"",
    ));
    assert_eq!(r.status, 413);
    assert_eq!(codes(&r), ["too_large"]);
    assert_eq!(error_of(&r).0, "too_large");
    // A file one byte over 10 MB, without a declared length.
    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    let r = upload(
        &t,
        &hr,
        "/api/documents",
        "payroll_statement",
        "groot.csv",
        &big,
    );
    assert_eq!(r.status, 413);
    assert_eq!(codes(&r), ["too_large"]);
    assert_eq!(t.count("documents"), 0);
}

#[test]
fn malformed_forms_name_the_field() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let send_form = |fields: &[(&str, &str)], file: Option<(&str, &[u8])>| {
        t.send(request(
            Method::Post,
            "/api/documents/check",
            &[("cookie", &hr), ("content-type", &ct)],
            &form(fields, file),
        ))
    };
    let file = Some(("a.csv", PAYROLL.as_bytes()));
    let cases: Vec<(Response, u16, &str, Option<&str>)> = vec![
        (
            send_form(&[("year", "2024")], file),
            422,
            "missing_field",
            Some("kind"),
        ),
        (
            send_form(&[("kind", "loonstrook"), ("year", "2024")], file),
            422,
            "invalid_value",
            Some("kind"),
        ),
        (
            send_form(&[("kind", "absence_report"), ("year", "1999")], file),
            422,
            "invalid_value",
            Some("year"),
        ),
        (
            send_form(&[("kind", "absence_report")], file),
            422,
            "missing_field",
            Some("year"),
        ),
        (
            send_form(&[("kind", "absence_report"), ("year", "2024")], None),
            422,
            "missing_field",
            Some("file"),
        ),
    ];
    for (r, status, code, field) in cases {
        assert_eq!(
            (r.status, error_of(&r)),
            (status, (code.to_owned(), field.map(str::to_owned)))
        );
    }
    let r = t.send(request(
        Method::Post,
        "/api/documents/check",
        &[("cookie", &hr), ("content-type", "application/json")],
        b"{}",
    ));
    assert_eq!(r.status, 415);
    let r = t.send(request(
        Method::Post,
        "/api/documents/check",
        &[("cookie", &hr), ("content-type", &ct)],
        b"--nope",
    ));
    assert_eq!(
        (r.status, error_of(&r).0),
        (400, "malformed_request".to_owned())
    );
}

#[test]
fn only_hr_handles_documents() {
    let t = TestApp::new();
    let (manager, _, _) = signed_in_main_user(&t, "770000001", "j.devries@goudenkorst.nl");
    let (_, finance) = colleague(&t, &manager, "k.geld@goudenkorst.nl", &["finance"]);
    for path in ["/api/documents/check", "/api/documents"] {
        let r = upload(
            &t,
            &finance,
            path,
            "payroll_statement",
            "a.csv",
            PAYROLL.as_bytes(),
        );
        assert_eq!(r.status, 403);
    }
    assert_eq!(
        send(&t, Method::Get, "/api/documents", &finance, None).status,
        403
    );
    assert_eq!(t.get("/api/documents").status, 401);
}

#[test]
fn a_submitted_year_is_named_in_the_findings() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770000011", "j.devries@korstslot.nl");
    let aa = crate::support::employees::add(
        &t,
        &hr,
        crate::support::employees::employee(&crate::support::employees::bsn(0), "Aa", "2020-01-01"),
    );
    // The settlement has another wage than the file (52.350,00); Bakker is not in it.
    let r = crate::support::employees::put_wage(&t, &hr, &aa, 2024, "50000");
    assert_eq!(r.status, 200);
    let messages = |t: &TestApp| -> Vec<(String, String)> {
        let r = upload(
            t,
            &hr,
            "/api/documents/check",
            "payroll_statement",
            "loonstaat.csv",
            PAYROLL.as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        body(&r)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_owned(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let open = messages(&t);
    let codes: Vec<&str> = open.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["wage_differs", "employee_not_in_settlement"]);
    assert!(
        open[0]
            .1
            .contains("pas de naverrekening of het bestand aan"),
        "{}",
        open[0].1
    );

    let r = send(
        &t,
        Method::Post,
        "/api/settlements/2024/submit",
        &hr,
        Some(serde_json::json!({})),
    );
    assert_eq!(r.status, 200);
    let locked = messages(&t);
    assert_eq!(locked.len(), 2);
    for (code, message) in &locked {
        assert!(
            message.contains("De naverrekening van 2024 is al ingediend en staat op slot: alleen uw verzekeraar kan dat jaar weer openzetten."),
            "{code}: {message}"
        );
        assert!(
            !message.contains("pas de naverrekening"),
            "{code}: {message}"
        );
    }
}
