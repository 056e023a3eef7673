//! Version 2's organisations: employers with their identifiers and contracts of
//! four products, what an organisation reaches (own and linked employers), linking
//! and unlinking, and the company details an employer keeps itself.

use crate::support::accounts::*;
use crate::support::employees::*;
use crate::support::{body, error_of, TestApp};
use balie_functions::http::{Method, Response};
use serde_json::{json, Value};

/// A version 2 body: identifiers, address, adviser and a contract of every product
/// next to version 1's policy.
fn full_employer(policy: &str, email: &str, n: u32) -> Value {
    let mut e = employer(policy, email);
    e["company_name"] = json!(format!("Werkgever {n} B.V."));
    e["kvk_number"] = json!("01234567");
    e["payroll_tax_number"] = json!("111222333L01");
    e["postal_address"] = json!({"street": "Kerkstraat", "house_number": "1a", "postcode": "1234ab", "city": "Utrecht"});
    e["adviser"] =
        json!({"name": "A. Adviseur", "email": "adviseur@kantoor.nl", "phone": "030 123 45 67"});
    e["contracts"] = json!([
        {"product": "wga_hiaat", "contract_number": format!("{n}10000001"), "name": "WGA Hiaat",
         "start_date": "2024-01-01",
         "settings": {"covers": ["inkomenscompensatie_meerjarig", "aanvullingszekerheid_uitgebreid"],
                      "coverage_percent": "70", "duration_years": 10, "participation": "verplicht",
                      "premium_rate_percent": "0,45"}},
        {"product": "pensioen", "contract_number": format!("{n}20000001"), "name": "Pensioenregeling",
         "start_date": "2024-01-01", "settings": {"scheme_name": "Basis", "anw_hiaat_available": true}},
        {"product": "zorg", "contract_number": format!("{n}30000001"), "name": "Collectief zorg",
         "start_date": "2025-01-01", "end_date": "2025-12-31",
         "settings": {"payment": "salary", "products": [
             {"product": "VGZ Eigen Keuze", "type": "basis", "monthly_premium": "150.00", "discount_percent": "0"}]}},
    ]);
    e
}

fn get(t: &TestApp, cookie: &str, path: &str) -> Response {
    send(t, Method::Get, path, cookie, None)
}

fn status(r: &Response, want: u16) -> Value {
    assert_eq!(r.status, want, "{}", String::from_utf8_lossy(&r.body));
    if r.body.is_empty() {
        Value::Null
    } else {
        body(r)
    }
}

fn customer_number(t: &TestApp, cookie: &str) -> String {
    let list = status(&get(t, cookie, "/api/employers"), 200);
    list["employers"][0]["customer_number"]
        .as_str()
        .expect("own user managers see the customer number")
        .to_owned()
}

#[test]
fn provisioning_keeps_identifiers_and_contracts_of_every_product() {
    let t = TestApp::new();
    let b = full_employer("770001001", "eigenaar@vier.nl", 1);
    let r = t.admin_post("/api/admin/employers", &b);
    let created = status(&r, 201);
    let customer = created["customer_number"].as_str().unwrap();
    assert_eq!(customer.len(), 10);
    assert!(customer.bytes().all(|c| c.is_ascii_digit()));

    let (main, _, _) = sign_in_invited(&t, "eigenaar@vier.nl");
    let employers = status(&get(&t, &main, "/api/employers"), 200);
    assert_eq!(
        employers["employers"][0],
        json!({
            "id": created["employer_id"], "company_name": "Werkgever 1 B.V.",
            "customer_number": customer, "kvk_number": "01234567",
            "payroll_tax_number": "111222333L01",
            "postal_address": {"street": "Kerkstraat", "house_number": "1a", "postcode": "1234 AB", "city": "Utrecht"},
            "contact_person": null,
            "adviser": {"name": "A. Adviseur", "email": "adviseur@kantoor.nl", "phone": "030 123 45 67"},
            "linked": false,
        })
    );

    let contracts = status(&get(&t, &main, "/api/contracts"), 200)["contracts"].clone();
    let numbers: Vec<&str> = contracts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contract_number"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["110000001", "120000001", "130000001", "770001001"]
    );
    let by_product = |p: &str| {
        contracts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["product"] == p)
            .unwrap()
            .clone()
    };
    assert_eq!(by_product("verzuim")["name"], "Verzuimverzekering");
    assert_eq!(by_product("zorg")["end_date"], "2025-12-31");
    let wga = status(
        &get(
            &t,
            &main,
            &format!(
                "/api/contracts/{}",
                by_product("wga_hiaat")["id"].as_str().unwrap()
            ),
        ),
        200,
    );
    assert_eq!(
        wga["settings"],
        json!({"covers": ["aanvullingszekerheid_uitgebreid", "inkomenscompensatie_meerjarig"],
               "coverage_percent": "70", "duration_years": 10, "participation": "verplicht",
               "premium_rate_percent": "0.45"})
    );
    let verzuim = status(
        &get(
            &t,
            &main,
            &format!(
                "/api/contracts/{}",
                by_product("verzuim")["id"].as_str().unwrap()
            ),
        ),
        200,
    );
    assert_eq!(
        verzuim["settings"],
        json!({"premium_rate_percent": "4.25", "insured_wage": "sv_loon", "wage_cap": "none",
               "provisional_premium": {}})
    );
    // Version 1's view of the same account is unchanged.
    let me = status(&get(&t, &main, "/api/me"), 200);
    assert_eq!(me["employer"]["policy_number"], "770001001");
    assert_eq!(me["employer"]["policy_start"], "2024-01-01");
}

#[test]
fn invalid_identifiers_and_settings_name_their_field_and_write_nothing() {
    let t = TestApp::new();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/kvk_number", json!("1234567"), "kvk_number"),
        (
            "/payroll_tax_number",
            json!("111222334L01"),
            "payroll_tax_number",
        ),
        (
            "/payroll_tax_number",
            json!("111222333B01"),
            "payroll_tax_number",
        ),
        (
            "/postal_address/postcode",
            json!("0123 AB"),
            "postal_address.postcode",
        ),
        (
            "/postal_address/postcode",
            json!("1234 SS"),
            "postal_address.postcode",
        ),
        ("/adviser/email", json!("geen-adres"), "adviser.email"),
        ("/adviser/phone", json!("12"), "adviser.phone"),
        ("/contracts/0/product", json!("auto"), "contracts.0.product"),
        (
            "/contracts/0/contract_number",
            json!("12"),
            "contracts.0.contract_number",
        ),
        (
            "/contracts/0/settings/covers",
            json!([]),
            "contracts.0.settings.covers",
        ),
        (
            "/contracts/0/settings/covers",
            json!(["inkomenscompensatie", "inkomenscompensatie"]),
            "contracts.0.settings.covers",
        ),
        (
            "/contracts/0/settings/coverage_percent",
            json!("80"),
            "contracts.0.settings.coverage_percent",
        ),
        (
            "/contracts/0/settings/duration_years",
            json!(7),
            "contracts.0.settings.duration_years",
        ),
        (
            "/contracts/0/settings/participation",
            json!("soms"),
            "contracts.0.settings.participation",
        ),
        (
            "/contracts/1/settings/anw_hiaat_available",
            json!("ja"),
            "contracts.1.settings.anw_hiaat_available",
        ),
        (
            "/contracts/2/settings/products/0/monthly_premium",
            json!("150.000"),
            "contracts.2.settings.products.0.monthly_premium",
        ),
        (
            "/contracts/2/settings/products/0/type",
            json!("extra"),
            "contracts.2.settings.products.0.type",
        ),
        (
            "/contracts/2/end_date",
            json!("2024-12-31"),
            "contracts.2.end_date",
        ),
    ];
    for (pointer, value, field) in cases {
        let mut b = full_employer("770001002", "eigenaar@fout.nl", 2);
        *b.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value.clone();
        let r = t.admin_post("/api/admin/employers", &b);
        assert_eq!(
            r.status,
            422,
            "{pointer} = {value}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(
            error_of(&r).1.as_deref(),
            Some(field),
            "{pointer} = {value}"
        );
    }
    // Multi-year terms belong to that cover only.
    let mut b = full_employer("770001002", "eigenaar@fout.nl", 2);
    b["contracts"][0]["settings"]["covers"] = json!(["inkomenscompensatie"]);
    let r = t.admin_post("/api/admin/employers", &b);
    assert_eq!(
        error_of(&r).1.as_deref(),
        Some("contracts.0.settings.coverage_percent")
    );
    // Without a policy and without contracts there is nothing to serve.
    let mut b = full_employer("770001002", "eigenaar@fout.nl", 2);
    b.as_object_mut().unwrap().remove("policy");
    b.as_object_mut().unwrap().remove("policy_number");
    b["contracts"] = json!([]);
    let r = t.admin_post("/api/admin/employers", &b);
    assert_eq!(
        error_of(&r),
        ("missing_field".into(), Some("contracts".into()))
    );
    for table in ["organisations", "employers", "contracts", "users"] {
        assert_eq!(t.count(table), 0, "{table}");
    }
}

#[test]
fn contract_numbers_are_unique_across_employers_and_contracts_can_be_added() {
    let t = TestApp::new();
    let first = status(
        &t.admin_post(
            "/api/admin/employers",
            &full_employer("770001003", "a@een.nl", 3),
        ),
        201,
    );
    // Version 1's policy number in use: version 1's code.
    let again = t.admin_post(
        "/api/admin/employers",
        &full_employer("770001003", "b@twee.nl", 4),
    );
    assert_eq!(
        error_of(&again),
        ("policy_number_exists".into(), Some("policy_number".into()))
    );
    // A contract's number in use (here another employer's policy number).
    let mut b = full_employer("770001004", "b@twee.nl", 4);
    b["contracts"][1]["contract_number"] = json!("770001003");
    let r = t.admin_post("/api/admin/employers", &b);
    assert_eq!(r.status, 409);
    assert_eq!(
        error_of(&r),
        (
            "contract_exists".into(),
            Some("contracts.1.contract_number".into())
        )
    );

    let path = format!(
        "/api/admin/employers/{}/contracts",
        first["employer_id"].as_str().unwrap()
    );
    let new = json!({"product": "verzuim", "contract_number": "880000003", "name": "Verzuim B",
        "start_date": "2025-01-01",
        "settings": {"premium_rate_percent": "3.1", "insured_wage": "uniform_loon"}});
    let created = status(&t.admin_post(&path, &new), 201);
    assert!(created["id"].is_string());
    assert_eq!(error_of(&t.admin_post(&path, &new)).0, "contract_exists");
    assert_eq!(
        t.admin_post("/api/admin/employers/nope/contracts", &new)
            .status,
        404
    );
    // Without the bearer token: 401.
    assert_eq!(t.post_json(&path, &[], &new).status, 401);
}

#[test]
fn several_verzuim_contracts_make_the_settlement_ask_which() {
    let t = TestApp::new();
    let (hr, _, _) = signed_in_main_user(&t, "770001005", "eigenaar@twee-verzuim.nl");
    let employer = employer_id(&t, &hr);
    let one = status(&get(&t, &hr, "/api/contracts"), 200)["contracts"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(get(&t, &hr, "/api/settlements/2024").status, 200);
    let second = status(
        &t.admin_post(
            &format!("/api/admin/employers/{employer}/contracts"),
            &json!({"product": "verzuim", "contract_number": "880000005", "name": "Verzuim B",
                "start_date": "2024-01-01",
                "settings": {"premium_rate_percent": "3.1", "insured_wage": "uniform_loon"}}),
        ),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = get(&t, &hr, "/api/settlements/2024");
    assert_eq!(
        error_of(&r),
        ("contract_required".into(), Some("contract".into()))
    );
    let a = status(
        &get(&t, &hr, &format!("/api/settlements/2024?contract={one}")),
        200,
    );
    let b = status(
        &get(&t, &hr, &format!("/api/settlements/2024?contract={second}")),
        200,
    );
    assert_eq!(a["premium_rate_percent"], "4.25");
    assert_eq!(b["premium_rate_percent"], "3.1");
    // Submitting one contract's year locks the employer's year, not the other's settlement.
    status(
        &send(
            &t,
            Method::Post,
            &format!("/api/settlements/2024/submit?contract={one}"),
            &hr,
            None,
        ),
        200,
    );
    assert_eq!(
        status(
            &get(&t, &hr, &format!("/api/settlements/2024?contract={one}")),
            200
        )["status"],
        "submitted"
    );
    assert_eq!(
        status(
            &get(&t, &hr, &format!("/api/settlements/2024?contract={second}")),
            200
        )["status"],
        "open"
    );
    // A contract of another product, or of nobody, or nothing.
    let pension = status(
        &t.admin_post(
            &format!("/api/admin/employers/{employer}/contracts"),
            &json!({"product": "pensioen", "contract_number": "880000006", "name": "Pensioen",
                "start_date": "2024-01-01", "settings": {"scheme_name": "Basis", "anw_hiaat_available": false}}),
        ),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = get(
        &t,
        &hr,
        &format!("/api/settlements/2024?contract={pension}"),
    );
    assert_eq!(error_of(&r).0, "wrong_product");
    assert_eq!(
        get(&t, &hr, "/api/settlements/2024?contract=onbekend").status,
        404
    );
}

/// Two organisations; returns (cookie of A's main user, cookie of B's main user,
/// B's employer id, B's customer number).
fn two_organisations(t: &TestApp) -> (String, String, String, String) {
    let (a, _, _) =
        signed_in_main_user_of(t, &full_employer("770002001", "eigenaar@a-bedrijf.nl", 5));
    let (b, _, _) =
        signed_in_main_user_of(t, &full_employer("770002002", "eigenaar@b-bedrijf.nl", 6));
    let b_employer = employer_id(t, &b);
    let b_customer = customer_number(t, &b);
    (a, b, b_employer, b_customer)
}

fn link(t: &TestApp, cookie: &str, customer: &str, contract: &str) -> Response {
    send(
        t,
        Method::Post,
        "/api/links",
        cookie,
        Some(json!({"customer_number": customer, "contract_number": contract})),
    )
}

/// Every version 1 route that is scoped to an employer, for `employer`.
fn scoped_routes(employer: &str, employee: &str) -> Vec<(Method, String, Option<Value>)> {
    let q = format!("?employer={employer}");
    vec![
        (Method::Get, format!("/api/employees{q}"), None),
        (Method::Get, format!("/api/employees/{employee}{q}"), None),
        (
            Method::Patch,
            format!("/api/employees/{employee}{q}"),
            Some(json!({"last_name": "Anders"})),
        ),
        (
            Method::Post,
            format!("/api/employees/{employee}/end{q}"),
            Some(json!({"end_date": "2024-12-31"})),
        ),
        (
            Method::Put,
            format!("/api/employees/{employee}/wages/2024{q}"),
            Some(json!({"insured_wage": "30000"})),
        ),
        (Method::Get, format!("/api/settlements/2024{q}"), None),
        (
            Method::Get,
            format!("/api/settlements/2024/specification.csv{q}"),
            None,
        ),
        (Method::Get, format!("/api/documents{q}"), None),
        (
            Method::Post,
            format!("/api/employees{q}"),
            Some(employee_body(7)),
        ),
    ]
}

/// The scoped routes whose bodies are not JSON (the CSV wage import, the document
/// forms), and those that change the year (rehire after the end, submit), as sent
/// for `employer`; each answers 404 while the employer is out of reach.
fn other_scoped(
    t: &TestApp,
    cookie: &str,
    employer: &str,
    employee: &str,
) -> Vec<(String, Response)> {
    let q = format!("?employer={employer}");
    let csv = format!("BSN;loon\n{};31000", bsn(0));
    let statement = "Werkgever;Werkgever 6 B.V.\nVerzamelloonstaat 2024\n\
        Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n\
        Anders;K.;01-01-2024;31-12-2024;31.000,00\nTotaal;;;;31.000,00\n"
        .as_bytes();
    let mut answers = vec![
        (
            "import".to_owned(),
            t.send(crate::support::request(
                Method::Post,
                &format!("/api/wages/2024/import{q}"),
                &[("cookie", cookie), ("content-type", "text/csv")],
                csv.as_bytes(),
            )),
        ),
        (
            "rehire".to_owned(),
            send(
                t,
                Method::Post,
                &format!("/api/employees/{employee}/rehire{q}"),
                cookie,
                Some(json!({"start_date": "2025-02-01"})),
            ),
        ),
    ];
    for path in ["/api/documents/check", "/api/documents"] {
        let r = crate::documents::upload(
            t,
            cookie,
            &format!("{path}{q}"),
            "payroll_statement",
            "loonstaat.csv",
            statement,
        );
        answers.push((path.to_owned(), r));
    }
    answers.push((
        "submit".to_owned(),
        send(
            t,
            Method::Post,
            &format!("/api/settlements/2024/submit{q}"),
            cookie,
            None,
        ),
    ));
    answers
}

fn employee_body(n: usize) -> Value {
    employee(&bsn(n), "Nieuw", "2024-02-01")
}

#[test]
fn a_wrong_pair_never_says_which_half_was_wrong_and_guessing_is_limited() {
    let t = TestApp::new();
    let (a, _, _, b_customer) = two_organisations(&t);
    let wrong_customer = link(&t, &a, "1000000000", "770002002");
    let wrong_contract = link(&t, &a, &b_customer, "770002099");
    let own_contract_of_other = link(&t, &a, &b_customer, "770002001");
    let malformed = link(&t, &a, "12", "x");
    for r in [
        &wrong_customer,
        &wrong_contract,
        &own_contract_of_other,
        &malformed,
    ] {
        assert_eq!(r.status, 422);
        assert_eq!(r.body, wrong_customer.body);
        assert_eq!(error_of(r), ("invalid_link".into(), None));
    }
    for _ in 0..6 {
        assert_eq!(link(&t, &a, "1000000000", "770002002").status, 422);
    }
    // The eleventh attempt within the hour, even the right pair: 429.
    let r = link(&t, &a, &b_customer, "770002002");
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    // An hour on (the session kept alive meanwhile), the next window opens.
    let mut a = a;
    for _ in 0..6 {
        t.time.set(t.time.get() + 600);
        let r = get(&t, &a, "/api/me");
        assert_eq!(r.status, 200);
        if r.header("set-cookie").is_some() {
            a = cookie_of(&r);
        }
    }
    assert_eq!(link(&t, &a, &b_customer, "770002002").status, 201);
}

#[test]
fn a_linked_employer_is_reachable_on_every_route_and_unlinking_ends_it() {
    let t = TestApp::new();
    let (a, b, b_employer, b_customer) = two_organisations(&t);
    let b_employee = add(&t, &b, employee(&bsn(0), "Bakker", "2024-01-01"));
    // Before the link: every scoped route on B answers 404 for A, as for an unknown id.
    for (method, path, body) in scoped_routes(&b_employer, &b_employee) {
        let r = send(&t, method, &path, &a, body);
        assert_eq!(
            r.status,
            404,
            "{method:?} {path}: {}",
            String::from_utf8_lossy(&r.body)
        );
    }
    assert_eq!(
        status(&get(&t, &a, "/api/contracts"), 200)["contracts"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let b_contract = status(&get(&t, &b, "/api/contracts"), 200)["contracts"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&t, &a, &format!("/api/contracts/{b_contract}")).status,
        404
    );
    assert_eq!(
        send(
            &t,
            Method::Patch,
            &format!("/api/employers/{b_employer}"),
            &a,
            Some(json!({"contact_person": null}))
        )
        .status,
        404
    );

    let linked = status(&link(&t, &a, &b_customer, "620000001"), 201);
    assert_eq!(linked["employer_id"], b_employer);
    assert_eq!(
        error_of(&link(&t, &a, &b_customer, "770002002")).0,
        "already_linked"
    );
    // A's own employer cannot be linked to A.
    let a_customer = customer_number(&t, &a);
    assert_eq!(
        error_of(&link(&t, &a, &a_customer, "770002001")).0,
        "already_linked"
    );

    // Tasks cover the linked employer's verzuim contract too.
    let tasks = status(&get(&t, &a, "/api/tasks"), 200)["tasks"].clone();
    assert!(tasks
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["employer_id"] == b_employer.as_str()));
    // Now A reaches B: the employers list, contracts, and every scoped route.
    let employers = status(&get(&t, &a, "/api/employers"), 200)["employers"].clone();
    let b_seen = employers
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == b_employer.as_str())
        .unwrap();
    assert_eq!(b_seen["linked"], true);
    // Another organisation's customer number is a secret: not shown.
    assert_eq!(b_seen["customer_number"], Value::Null);
    assert_eq!(
        status(&get(&t, &a, "/api/contracts"), 200)["contracts"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(
        status(&get(&t, &a, &format!("/api/contracts/{b_contract}")), 200)["employer"]["id"],
        b_employer
    );
    for (method, path, body) in scoped_routes(&b_employer, &b_employee) {
        let r = send(&t, method, &path, &a, body);
        assert!(
            r.status < 300,
            "{method:?} {path}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
    }
    for (what, r) in other_scoped(&t, &a, &b_employer, &b_employee) {
        assert!(
            r.status < 300,
            "{what}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
    }
    // The stored document is B's, and reachable by id through B only.
    let docs = status(
        &get(&t, &a, &format!("/api/documents?employer={b_employer}")),
        200,
    );
    let doc = docs["documents"][0]["id"]
        .as_str()
        .expect("a document of B")
        .to_owned();
    assert_eq!(
        get(
            &t,
            &a,
            &format!("/api/documents/{doc}?employer={b_employer}")
        )
        .status,
        200
    );
    assert_eq!(get(&t, &a, &format!("/api/documents/{doc}")).status, 404);
    // Those writes landed on B, not on A.
    let b_list = status(&get(&t, &b, "/api/employees"), 200);
    assert_eq!(b_list["total"], 2);
    assert_eq!(status(&get(&t, &a, "/api/employees"), 200)["total"], 0);
    // B's user managers were told, with a link to undo it; both logs show it.
    let outbox = body(&t.get("/api/dev/outbox"));
    let notice = outbox["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["to"] == "eigenaar@b-bedrijf.nl"
                && m["text"].as_str().unwrap().contains("koppeling-intrekken")
        })
        .expect("a link notice to B's user manager")
        .clone();
    assert!(notice["subject"]
        .as_str()
        .unwrap()
        .contains("Werkgever 6 B.V."));
    assert!(notice["text"]
        .as_str()
        .unwrap()
        .contains("Werkgever 5 B.V."));
    for cookie in [&a, &b] {
        let log = status(&get(&t, cookie, "/api/security-log"), 200);
        assert!(log.to_string().contains("employer_linked"), "{log}");
    }

    // A cannot unlink its own employer; it can unlink B, after which B is gone.
    let a_employer = employer_id(&t, &a);
    let r = send(
        &t,
        Method::Delete,
        &format!("/api/links/{a_employer}"),
        &a,
        None,
    );
    assert_eq!(error_of(&r).0, "own_employer");
    assert_eq!(
        send(
            &t,
            Method::Delete,
            &format!("/api/links/{b_employer}"),
            &a,
            None
        )
        .status,
        204
    );
    for (method, path, body) in scoped_routes(&b_employer, &b_employee) {
        assert_eq!(send(&t, method, &path, &a, body).status, 404, "{path}");
    }
    for (what, r) in other_scoped(&t, &a, &b_employer, &b_employee) {
        assert_eq!(r.status, 404, "{what}");
    }
    assert_eq!(
        get(
            &t,
            &a,
            &format!("/api/documents/{doc}?employer={b_employer}")
        )
        .status,
        404
    );
    assert_eq!(
        send(
            &t,
            Method::Delete,
            &format!("/api/links/{b_employer}"),
            &a,
            None
        )
        .status,
        404
    );
    // The undo link of the ended link no longer works.
    let token = mailed_token(&t, "eigenaar@b-bedrijf.nl", "/koppeling-intrekken");
    let r = t.post_json("/api/links/revoke", &[], &json!({"token": token}));
    assert_eq!(error_of(&r).0, "invalid_token");
}

#[test]
fn the_linked_employer_undoes_a_link_once_from_the_notice() {
    let t = TestApp::new();
    let (a, _, b_employer, b_customer) = two_organisations(&t);
    status(&link(&t, &a, &b_customer, "770002002"), 201);
    let token = mailed_token(&t, "eigenaar@b-bedrijf.nl", "/koppeling-intrekken");
    let r = t.post_json("/api/links/revoke", &[], &json!({"token": token}));
    assert_eq!(status(&r, 200), json!({"status": "unlinked"}));
    assert_eq!(
        get(&t, &a, &format!("/api/employees?employer={b_employer}")).status,
        404
    );
    let r = t.post_json("/api/links/revoke", &[], &json!({"token": token}));
    assert_eq!(error_of(&r), ("invalid_token".into(), None));
    // A's user managers hear of it.
    let outbox = body(&t.get("/api/dev/outbox"));
    assert!(outbox["messages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["to"] == "eigenaar@a-bedrijf.nl"
            && m["subject"].as_str().unwrap().contains("ongedaan")));
    // Tokens expire after 30 days.
    status(&link(&t, &a, &b_customer, "770002002"), 201);
    let token = mailed_token(&t, "eigenaar@b-bedrijf.nl", "/koppeling-intrekken");
    t.time.set(t.time.get() + 30 * 86400 + 1);
    let r = t.post_json("/api/links/revoke", &[], &json!({"token": token}));
    assert_eq!(error_of(&r).0, "invalid_token");
}

#[test]
fn only_user_managers_link_and_only_they_see_the_customer_number() {
    let t = TestApp::new();
    let (a, _, _, b_customer) = two_organisations(&t);
    let (_, hr) = colleague(&t, &a, "h.zaken@a-bedrijf.nl", &["hr"]);
    assert_eq!(link(&t, &hr, &b_customer, "770002002").status, 403);
    let own = status(&get(&t, &hr, "/api/employers"), 200);
    assert_eq!(own["employers"][0]["customer_number"], Value::Null);
}

#[test]
fn company_details_change_only_where_the_employer_may_and_are_normalised() {
    let t = TestApp::new();
    let (main, _, _) =
        signed_in_main_user_of(&t, &full_employer("770003001", "eigenaar@adres.nl", 7));
    let (_, finance) = colleague(&t, &main, "f.geld@adres.nl", &["finance"]);
    let id = employer_id(&t, &main);
    let path = format!("/api/employers/{id}");
    let r = send(
        &t,
        Method::Patch,
        &path,
        &finance,
        Some(json!({
            "postal_address": {"street": "Markt", "house_number": "12", "postcode": "9711 lm", "city": "Groningen"},
            "contact_person": {"name": "P. Persoon", "email": "p.persoon@adres.nl"},
        })),
    );
    let updated = status(&r, 200);
    assert_eq!(updated["postal_address"]["postcode"], "9711 LM");
    assert_eq!(
        updated["contact_person"],
        json!({"name": "P. Persoon", "email": "p.persoon@adres.nl", "phone": null})
    );
    // Absent keeps, null clears.
    let updated = status(
        &send(
            &t,
            Method::Patch,
            &path,
            &main,
            Some(json!({"contact_person": null})),
        ),
        200,
    );
    assert_eq!(updated["contact_person"], Value::Null);
    assert_eq!(updated["postal_address"]["city"], "Groningen");
    // What the insurer keeps is read-only, named by its field.
    for field in [
        "company_name",
        "kvk_number",
        "payroll_tax_number",
        "customer_number",
        "adviser",
    ] {
        let r = send(&t, Method::Patch, &path, &main, Some(json!({ field: "x" })));
        assert_eq!(
            error_of(&r),
            ("read_only".into(), Some(field.into())),
            "{field}"
        );
    }
    let r = send(
        &t,
        Method::Patch,
        &path,
        &main,
        Some(json!({"postal_address": {"street": "Markt",
        "house_number": "12", "postcode": "1234 SA", "city": "Groningen"}})),
    );
    assert_eq!(
        error_of(&r),
        (
            "invalid_value".into(),
            Some("postal_address.postcode".into())
        )
    );
    let log = status(&get(&t, &main, "/api/security-log"), 200);
    assert!(log.to_string().contains("company_details_changed"));
}
