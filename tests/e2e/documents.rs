//! Document uploads on the real runtime: the multipart form as workerd delivers
//! it, the file in local KV and its row in D1, the download's bytes, and the
//! refusals (medical data, pictures, unsupported types, size) that keep nothing.

use balie_e2e::{form, Answer};

use crate::auth::main_user;
use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "documents_check_store_list_download",
        documents_check_store_list_download,
    ),
    (
        "documents_refusals_keep_nothing",
        documents_refusals_keep_nothing,
    ),
];

const PAYROLL: &str = "Werkgever;Bakkerij E2E B.V.\n\
Verzamelloonstaat 2024\n\
Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n\
Aa;A.;01-01-2020;;52.350,00\n\
Bakker;B.;01-03-2021;30-06-2024;21.844,12\n\
Totaal;;;;74.194,12\n";

fn upload(ctx: &Ctx, cookie: &str, path: &str, kind: &str, name: &str, file: &[u8]) -> Answer {
    let (content_type, body) = form(&[("kind", kind), ("year", "2024")], name, file);
    ctx.client.post_bytes(
        path,
        &[("content-type", &content_type), ("cookie", cookie)],
        &body,
    )
}

fn codes(a: &Answer) -> Vec<String> {
    a.json()["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("findings in {}", a.body))
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn documents(ctx: &Ctx, cookie: &str) -> Vec<serde_json::Value> {
    let list = ctx.client.get_with("/api/documents", &[("cookie", cookie)]);
    assert_eq!(list.status, 200, "{}", list.body);
    list.json()["documents"].as_array().unwrap().clone()
}

fn documents_check_store_list_download(ctx: &Ctx) {
    let (cookie, _, _) = main_user(ctx, "990000601", "eigenaar@e2e-documenten.nl");
    let r = upload(
        ctx,
        &cookie,
        "/api/documents/check",
        "payroll_statement",
        "loonstaat.csv",
        PAYROLL.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["accepted"], true, "{}", r.body);
    assert!(documents(ctx, &cookie).is_empty(), "check stores nothing");

    let r = upload(
        ctx,
        &cookie,
        "/api/documents",
        "payroll_statement",
        "loonstaat 2024.csv",
        PAYROLL.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let docs = documents(ctx, &cookie);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], id.as_str());
    assert_eq!(docs[0]["file_name"], "loonstaat 2024.csv");
    assert_eq!(docs[0]["size"], PAYROLL.len());

    let file = ctx
        .client
        .get_with(&format!("/api/documents/{id}"), &[("cookie", &cookie)]);
    assert_eq!(file.status, 200);
    assert_eq!(file.bytes, PAYROLL.as_bytes());
    assert_eq!(file.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(file
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment;"));

    let (other, _, _) = main_user(ctx, "990000602", "eigenaar@e2e-anders.nl");
    let r = ctx
        .client
        .get_with(&format!("/api/documents/{id}"), &[("cookie", &other)]);
    assert_eq!(r.status, 404);
}

fn documents_refusals_keep_nothing(ctx: &Ctx) {
    let (cookie, _, _) = main_user(ctx, "990000603", "eigenaar@e2e-weigeren.nl");
    let medical = "Werkgever;Bakkerij E2E B.V.\nArborapportage 2024\n\
        Naam;Voorletters;Eerste ziektedag;Datum melding;Datum herstel;AO%;ATW%;Toelichting\n\
        Aa;A.;04-03-2024;05-03-2024;;100;0;rugklachten na val\n";
    let r = upload(
        ctx,
        &cookie,
        "/api/documents",
        "absence_report",
        "verzuim.csv",
        medical.as_bytes(),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(codes(&r).contains(&"medical_data".to_owned()), "{}", r.body);

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0IEND\xaeB`\x82";
    let r = upload(
        ctx,
        &cookie,
        "/api/documents/check",
        "absence_report",
        "verzuim.pdf",
        png,
    );
    assert_eq!(
        (r.status, codes(&r)),
        (200, vec!["screenshot".to_owned()]),
        "{}",
        r.body
    );

    let r = upload(
        ctx,
        &cookie,
        "/api/documents",
        "absence_report",
        "verzuim.csv",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
    );
    assert_eq!(
        (r.status, r.error_code()),
        (415, "unsupported_type".to_owned()),
        "{}",
        r.body
    );

    // Over 10 MB: refused from the declared length, the body unread.
    let big = vec![b'9'; 10 * 1024 * 1024 + 70 * 1024];
    let r = upload(
        ctx,
        &cookie,
        "/api/documents",
        "absence_report",
        "groot.csv",
        &big,
    );
    assert_eq!(
        (r.status, r.error_code()),
        (413, "too_large".to_owned()),
        "{}",
        r.body
    );
    assert_eq!(codes(&r), ["too_large"]);
    assert!(documents(ctx, &cookie).is_empty());
}
