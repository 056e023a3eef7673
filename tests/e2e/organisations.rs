//! Version 2's organisations on the real runtime and D1: contracts of several
//! products from the back office, linking another employer with its customer and
//! contract numbers, working on it, and undoing the link from the notice.

use serde_json::{json, Value};

use crate::{Case, Ctx};

pub const CASES: &[Case] = &[(
    "a_linked_employer_is_reached_until_its_own_user_manager_undoes_the_link",
    a_linked_employer_is_reached_until_its_own_user_manager_undoes_the_link,
)];

fn employer(n: u32, email: &str) -> Value {
    json!({
        "policy_number": format!("66{n}000001"), "company_name": format!("Keten {n} B.V."),
        "main_user": {"name": "J. de Vries", "email": email},
        "kvk_number": "01234567", "payroll_tax_number": "111222333L01",
        "postal_address": {"street": "Markt", "house_number": "1", "postcode": "1234ab", "city": "Utrecht"},
        "policy": {"product": "verzuim", "premium_rate_percent": "4.25", "insured_wage": "sv_loon",
                   "start_date": "2024-01-01"},
        "contracts": [
            {"product": "pensioen", "contract_number": format!("66{n}000002"), "name": "Pensioen",
             "start_date": "2024-01-01", "settings": {"scheme_name": "Basis", "anw_hiaat_available": false}},
            {"product": "zorg", "contract_number": format!("66{n}000003"), "name": "Zorg",
             "start_date": "2024-01-01", "settings": {"payment": "salary", "products": [
                {"product": "Basis", "type": "basis", "monthly_premium": "150.00", "discount_percent": "0"}]}}
        ]
    })
}

fn a_linked_employer_is_reached_until_its_own_user_manager_undoes_the_link(ctx: &Ctx) {
    let c = &ctx.client;
    let a = c
        .provision_and_sign_in(&employer(1, "eigenaar@keten-een.nl"))
        .cookie;
    let b = c
        .provision_and_sign_in(&employer(2, "eigenaar@keten-twee.nl"))
        .cookie;
    let get = |cookie: &str, path: &str| c.get_with(path, &[("cookie", cookie)]);
    let b_seen = get(&b, "/api/employers").json()["employers"][0].clone();
    assert_eq!(b_seen["postal_address"]["postcode"], "1234 AB");
    let b_customer = b_seen["customer_number"].as_str().unwrap().to_owned();
    let b_id = b_seen["id"].as_str().unwrap().to_owned();
    assert_eq!(
        get(&a, "/api/contracts").json()["contracts"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let scoped = format!("/api/employees?employer={b_id}");
    assert_eq!(get(&a, &scoped).status, 404);

    let link = |customer: &str, contract: &str| {
        c.post(
            "/api/links",
            &[("cookie", &a), ("content-type", "application/json")],
            &json!({"customer_number": customer, "contract_number": contract}).to_string(),
        )
    };
    let wrong = link(&b_customer, "661000002");
    assert_eq!(
        (wrong.status, wrong.error_code()),
        (422, "invalid_link".to_owned())
    );
    let r = link(&b_customer, "662000003");
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        get(&a, "/api/contracts").json()["contracts"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    assert_eq!(get(&a, &scoped).status, 200);
    let r = get(&a, &format!("/api/settlements/2024?employer={b_id}"));
    assert_eq!(r.status, 200, "{}", r.body);

    let token = c.mailed_token("eigenaar@keten-twee.nl", "/koppeling-intrekken");
    let r = c.post_json("/api/links/revoke", &json!({"token": token}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(get(&a, &scoped).status, 404);
    let again = c.post_json("/api/links/revoke", &json!({"token": token}));
    assert_eq!(
        (again.status, again.error_code()),
        (400, "invalid_token".to_owned())
    );
}
