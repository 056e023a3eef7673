//! The public calculators through the real runtime: exact decimal answers, Dutch and
//! English explanations, and refusals that name the field.

use serde_json::{json, Value};

use crate::{Case, Ctx};

pub const CASES: &[Case] = &[
    (
        "absence_premium_matches_the_seed_example",
        absence_premium_matches_the_seed_example,
    ),
    (
        "absence_premium_refuses_bad_numbers",
        absence_premium_refuses_bad_numbers,
    ),
    ("wga_gap_for_each_cover", wga_gap_for_each_cover),
    (
        "wga_gap_refuses_bad_input_without_500",
        wga_gap_refuses_bad_input_without_500,
    ),
];

fn post(ctx: &Ctx, path: &str, headers: &[(&str, &str)], body: &Value) -> balie_e2e::Answer {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    ctx.client.post(path, &all, &body.to_string())
}

fn absence_premium_matches_the_seed_example(ctx: &Ctx) {
    for (sum, rate, premium) in [
        ("456036", "4.79", "21844.12"),
        ("456036", "4,79", "21844.12"),
        // 123 978 × 4,25 % = 5 269,065: an exact half cent rounds up.
        ("123978", "4.25", "5269.07"),
    ] {
        let r = post(
            ctx,
            "/api/calc/absence-premium",
            &[],
            &json!({"insured_wage_sum": sum, "premium_rate_percent": rate}),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json(), json!({ "premium": premium }));
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
    }
}

fn absence_premium_refuses_bad_numbers(ctx: &Ctx) {
    for (field, body) in [
        (
            "insured_wage_sum",
            json!({"insured_wage_sum": "-1", "premium_rate_percent": "4.79"}),
        ),
        (
            "insured_wage_sum",
            json!({"insured_wage_sum": 456036, "premium_rate_percent": "4.79"}),
        ),
        (
            "premium_rate_percent",
            json!({"insured_wage_sum": "456036", "premium_rate_percent": "100.5"}),
        ),
        (
            "premium_rate_percent",
            json!({"insured_wage_sum": "456036", "premium_rate_percent": "veel"}),
        ),
    ] {
        let r = post(ctx, "/api/calc/absence-premium", &[], &body);
        assert_eq!(r.status, 422, "{body}: {}", r.body);
        assert_eq!(r.json()["error"]["field"], field, "{body}");
    }
    let r = ctx.client.post(
        "/api/calc/absence-premium",
        &[("content-type", "application/json")],
        "{\"insured_wage_sum\":",
    );
    assert_eq!(r.status, 400);
}

fn wga_gap_for_each_cover(ctx: &Ctx) {
    let azu = json!({
        "cover": "aanvullingszekerheid_uitgebreid", "year": 2025,
        "old_yearly_wage": "90000", "wga_benefit": "20000", "new_yearly_wage": "0",
        "other_benefits": "0", "disability_percent": "60",
        "residual_capacity_used_percent": "60"
    });
    let r = post(ctx, "/api/calc/wga-gap", &[], &azu);
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    assert_eq!(
        (
            &b["eligible"],
            &b["yearly_benefit"],
            &b["monthly_benefit"],
            &b["max_duration_months"]
        ),
        (
            &json!(true),
            &json!("36898.00"),
            &json!("3074.83"),
            &Value::Null
        )
    );
    assert!(b["explanation"].as_str().unwrap().contains("€ 75.864,00"));
    let en = post(ctx, "/api/calc/wga-gap", &[("accept-language", "en")], &azu).json();
    assert!(en["explanation"].as_str().unwrap().contains("€75,864.00"));

    let ic = json!({"cover": "inkomenscompensatie", "year": 2024, "old_yearly_wage": "80000",
                    "disability_percent": "20"});
    let b = post(ctx, "/api/calc/wga-gap", &[], &ic).json();
    // 25 % × 71 628 = 17 907; / 12 = 1 492,25.
    assert_eq!(
        (
            &b["yearly_benefit"],
            &b["monthly_benefit"],
            &b["max_duration_months"]
        ),
        (&json!("17907.00"), &json!("1492.25"), &json!(12))
    );

    let icm = json!({"cover": "inkomenscompensatie_meerjarig", "year": 2021,
                     "max_premium_wage": "58311", "old_yearly_wage": "60000",
                     "disability_percent": "40", "coverage_percent": "70", "duration_years": 10});
    let b = post(ctx, "/api/calc/wga-gap", &[], &icm).json();
    assert_eq!(
        (
            &b["eligible"],
            &b["yearly_benefit"],
            &b["monthly_benefit"],
            &b["max_duration_months"]
        ),
        (&json!(false), &json!("0.00"), &json!("0.00"), &json!(120))
    );
    assert!(b["explanation"]
        .as_str()
        .unwrap()
        .starts_with("Geen uitkering"));
}

fn wga_gap_refuses_bad_input_without_500(ctx: &Ctx) {
    let base = json!({"cover": "inkomenscompensatie", "year": 2025, "old_yearly_wage": "60000",
                      "disability_percent": "20"});
    for (field, value) in [
        ("cover", json!("wga_basis")),
        ("year", json!("2025")),
        ("old_yearly_wage", json!("-60000")),
        ("disability_percent", json!("120")),
        ("max_premium_wage", json!("99999999999999999999999999999")),
    ] {
        let mut b = base.clone();
        b[field] = value;
        let r = post(ctx, "/api/calc/wga-gap", &[], &b);
        assert_eq!(r.status, 422, "{b}: {}", r.body);
        assert_eq!(r.json()["error"]["field"], field);
    }
    let mut b = base.clone();
    b["year"] = json!(2030);
    let r = post(ctx, "/api/calc/wga-gap", &[], &b);
    assert_eq!(r.status, 422);
    assert_eq!(r.error_code(), "missing_field");
    assert_eq!(r.json()["error"]["field"], "max_premium_wage");
}
