//! The public calculators through the router: `POST /api/calc/absence-premium` and
//! `POST /api/calc/wga-gap`, their answers and their refusals.

use crate::support::{body, error_of, request, TestApp};
use balie_functions::http::Method;
use serde_json::{json, Value};

const ABSENCE: &str = "/api/calc/absence-premium";
const WGA: &str = "/api/calc/wga-gap";

fn post(t: &TestApp, path: &str, b: &Value) -> (u16, Value) {
    let r = t.post_json(path, &[], b);
    (r.status, body(&r))
}

fn field_error(t: &TestApp, path: &str, b: &Value) -> (String, Option<String>) {
    let r = t.post_json(path, &[], b);
    assert_eq!(r.status, 422, "{b}: {}", String::from_utf8_lossy(&r.body));
    error_of(&r)
}

#[test]
fn absence_premium_follows_the_seed_example() {
    let t = TestApp::new();
    for (sum, rate, premium) in [
        ("456036", "4.79", "21844.12"),
        ("456036", "4,79", "21844.12"),
        ("123978", "4.25", "5269.07"),
        ("1", "0,5", "0.01"),
        ("0", "4.79", "0.00"),
        ("100000", "0", "0.00"),
        ("100000", "100", "100000.00"),
    ] {
        let (status, b) = post(
            &t,
            ABSENCE,
            &json!({"insured_wage_sum": sum, "premium_rate_percent": rate}),
        );
        assert_eq!(
            (status, b),
            (200, json!({ "premium": premium })),
            "{sum} × {rate}"
        );
    }
}

/// "115.990" typed the Dutch way is never read as 115.99: an amount takes at most
/// two decimals as written, and the message offers the reading that was meant.
#[test]
fn dutch_thousands_are_refused_with_the_meant_reading() {
    let t = TestApp::new();
    let r = t.post_json(
        ABSENCE,
        &[],
        &json!({"insured_wage_sum": "115.990", "premium_rate_percent": "4.25"}),
    );
    assert_eq!(r.status, 422);
    let b = body(&r);
    assert_eq!(b["error"]["field"], "insured_wage_sum");
    let message = b["error"]["message"].as_str().unwrap();
    assert!(message.contains("115990"), "{message}");
    assert!(
        !message.contains("4,25"),
        "a percentage example on an amount: {message}"
    );
    let mut wga = azu();
    wga["old_yearly_wage"] = json!("52.340");
    assert_eq!(
        field_error(&t, WGA, &wga),
        ("invalid_value".into(), Some("old_yearly_wage".into()))
    );
}

#[test]
fn absence_premium_refuses_bad_numbers_naming_the_field() {
    let t = TestApp::new();
    let valid = json!({"insured_wage_sum": "456036", "premium_rate_percent": "4.79"});
    for (name, value) in [
        ("insured_wage_sum", json!("-1")),
        ("insured_wage_sum", json!("abc")),
        ("insured_wage_sum", json!("456.036,00")),
        ("insured_wage_sum", json!("1.001")),
        ("insured_wage_sum", json!("1e6")),
        ("insured_wage_sum", json!(456036)),
        ("insured_wage_sum", json!("1000000000000")),
        ("insured_wage_sum", Value::Null),
        ("premium_rate_percent", json!("100.01")),
        ("premium_rate_percent", json!("-0.01")),
        ("premium_rate_percent", json!("4.79%")),
        ("premium_rate_percent", json!(4.79)),
        ("premium_rate_percent", json!("")),
    ] {
        let mut b = valid.clone();
        b[name] = value.clone();
        assert_eq!(
            field_error(&t, ABSENCE, &b).1.as_deref(),
            Some(name),
            "{name} = {value}"
        );
    }
    let mut b = valid.clone();
    b.as_object_mut().unwrap().remove("premium_rate_percent");
    assert_eq!(
        field_error(&t, ABSENCE, &b),
        ("missing_field".into(), Some("premium_rate_percent".into()))
    );
}

#[test]
fn malformed_bodies_content_types_and_other_sites() {
    let t = TestApp::new();
    for path in [ABSENCE, WGA] {
        let send = |headers: &[(&str, &str)], body: &[u8]| {
            t.send(request(Method::Post, path, headers, body)).status
        };
        let json_ct = ("content-type", "application/json");
        assert_eq!(send(&[json_ct], b"{\"insured_wage_sum\":"), 400);
        assert_eq!(send(&[json_ct], b"\"456036\""), 400);
        assert_eq!(send(&[("content-type", "text/plain")], b"{}"), 415);
        assert_eq!(
            send(&[json_ct, ("origin", "https://evil.example")], b"{}"),
            403
        );
        assert_eq!(t.get(path).status, 405);
    }
}

fn azu() -> Value {
    json!({
        "cover": "aanvullingszekerheid_uitgebreid", "year": 2025,
        "old_yearly_wage": "90000", "wga_benefit": "20000", "new_yearly_wage": "0",
        "other_benefits": "0", "disability_percent": "60",
        "residual_capacity_used_percent": "60"
    })
}

#[test]
fn wga_gap_answers_in_the_contracts_shape() {
    let t = TestApp::new();
    // 70 % × 75 864 (the statutory figure of 2025) − 20 000 = 33 104,80, plus 5 % ×
    // 75 864 = 3 793,20 because at least half the capacity is used.
    let (status, b) = post(&t, WGA, &azu());
    assert_eq!(status, 200, "{b}");
    let mut keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "eligible",
            "explanation",
            "max_duration_months",
            "monthly_benefit",
            "yearly_benefit"
        ]
    );
    assert_eq!(b["eligible"], true);
    assert_eq!(b["yearly_benefit"], "36898.00");
    assert_eq!(b["monthly_benefit"], "3074.83");
    assert_eq!(b["max_duration_months"], Value::Null);
    assert!(b["explanation"]
        .as_str()
        .unwrap()
        .starts_with("Het oude jaarloon van € 90.000,00 telt mee tot het maximum premieloon"));

    let en = t.post_json(WGA, &[("accept-language", "en-GB,en;q=0.9")], &azu());
    assert!(body(&en)["explanation"]
        .as_str()
        .unwrap()
        .starts_with("The old yearly wage of €90,000.00 counts up to the maximum premium wage"));
}

#[test]
fn wga_gap_per_cover_and_year() {
    let t = TestApp::new();
    let ic = |year: i64, old: &str, ao: &str| json!({"cover": "inkomenscompensatie", "year": year, "old_yearly_wage": old, "disability_percent": ao});
    let icm = |coverage: &str, years: i64, ao: &str| {
        json!({"cover": "inkomenscompensatie_meerjarig", "year": 2024, "old_yearly_wage": "60000",
               "disability_percent": ao, "coverage_percent": coverage, "duration_years": years})
    };
    let mut given_cap = ic(2021, "90000", "20");
    given_cap["max_premium_wage"] = json!("58311");
    let mut blank_cap = ic(2025, "90000", "20");
    blank_cap["max_premium_wage"] = json!("");
    let mut azu_without_supplement = azu();
    azu_without_supplement["residual_capacity_used_percent"] = json!("49,99");
    let mut azu_at_80 = azu();
    azu_at_80["disability_percent"] = json!("80");
    // (body, eligible, yearly, monthly, max_duration_months)
    #[rustfmt::skip]
    let cases = [
        // 25 % × min(90 000, 75 864) = 18 966; / 12 = 1 580,50.
        (ic(2025, "90000", "20"), true, "18966.00", "1580.50", json!(12)),
        (ic(2022, "90000", "20"), true, "14926.50", "1243.88", json!(12)),
        (ic(2026, "90000", "20"), true, "19852.25", "1654.35", json!(12)),
        (blank_cap, true, "18966.00", "1580.50", json!(12)),
        // A given maximum premieloon replaces the statutory one (and fills in 2021).
        (given_cap, true, "14577.75", "1214.81", json!(12)),
        (ic(2025, "90000", "35"), false, "0.00", "0.00", json!(12)),
        (icm("100", 5, "20"), true, "12000.00", "1000.00", json!(60)),
        (icm("70", 10, "20"), true, "8400.00", "700.00", json!(120)),
        (icm("70,0", 10, "15"), true, "6300.00", "525.00", json!(120)),
        (icm("100", 5, "14.99"), false, "0.00", "0.00", json!(60)),
        (azu_without_supplement, true, "33104.80", "2758.73", Value::Null),
        (azu_at_80, false, "0.00", "0.00", Value::Null),
    ];
    for (b, eligible, yearly, monthly, months) in cases {
        let (status, answer) = post(&t, WGA, &b);
        assert_eq!(status, 200, "{b}: {answer}");
        assert_eq!(
            (
                &answer["eligible"],
                &answer["yearly_benefit"],
                &answer["monthly_benefit"],
                &answer["max_duration_months"]
            ),
            (&json!(eligible), &json!(yearly), &json!(monthly), &months),
            "{b}"
        );
        let explanation = answer["explanation"].as_str().unwrap();
        assert_eq!(
            explanation.starts_with("Geen uitkering"),
            !eligible,
            "{explanation}"
        );
    }
}

#[test]
fn wga_gap_refusals_name_the_field() {
    let t = TestApp::new();
    let ic = json!({"cover": "inkomenscompensatie", "year": 2025, "old_yearly_wage": "60000", "disability_percent": "20"});
    let icm = json!({"cover": "inkomenscompensatie_meerjarig", "year": 2025, "old_yearly_wage": "60000",
                     "disability_percent": "20", "coverage_percent": "100", "duration_years": 5});
    // (base, field, value, code)
    let cases = [
        (&ic, "cover", json!("wga_basis"), "invalid_value"),
        (&ic, "cover", json!(""), "missing_field"),
        (&ic, "year", json!("2025"), "invalid_value"),
        (&ic, "year", json!(2025.5), "invalid_value"),
        (&ic, "year", json!(1999), "invalid_value"),
        (&ic, "year", Value::Null, "missing_field"),
        (&ic, "old_yearly_wage", json!("-1"), "invalid_value"),
        (
            &ic,
            "old_yearly_wage",
            json!("zestigduizend"),
            "invalid_value",
        ),
        (&ic, "max_premium_wage", json!("-75864"), "invalid_value"),
        (&ic, "max_premium_wage", json!(75864), "invalid_value"),
        (&ic, "disability_percent", json!("101"), "invalid_value"),
        (&ic, "disability_percent", json!("-5"), "invalid_value"),
        (&ic, "disability_percent", json!(20), "invalid_value"),
        (&icm, "coverage_percent", json!("80"), "invalid_value"),
        (&icm, "coverage_percent", json!("honderd"), "invalid_value"),
        (&icm, "coverage_percent", Value::Null, "missing_field"),
        (&icm, "duration_years", json!(7), "invalid_value"),
        (&icm, "duration_years", json!("5"), "invalid_value"),
        (&icm, "duration_years", Value::Null, "missing_field"),
        (&azu(), "wga_benefit", Value::Null, "missing_field"),
        (&azu(), "new_yearly_wage", json!("-1"), "invalid_value"),
        (&azu(), "other_benefits", json!("1,234.00"), "invalid_value"),
        (
            &azu(),
            "residual_capacity_used_percent",
            json!("150"),
            "invalid_value",
        ),
    ];
    for (base, name, value, code) in cases {
        let mut b = base.clone();
        b[name] = value.clone();
        assert_eq!(
            field_error(&t, WGA, &b),
            (code.to_owned(), Some(name.to_owned())),
            "{name} = {value}"
        );
    }

    // No statutory figure for 2021 and none given: the answer asks for it.
    let mut b = ic.clone();
    b["year"] = json!(2021);
    let r = t.post_json(WGA, &[("accept-language", "en")], &b);
    assert_eq!(r.status, 422);
    assert_eq!(
        error_of(&r),
        ("missing_field".into(), Some("max_premium_wage".into()))
    );
    assert_eq!(
        body(&r)["error"]["message"],
        "The maximum premium wage of 2021 is not built in; please enter it."
    );
}

#[test]
fn each_cover_reads_only_its_own_fields() {
    let t = TestApp::new();
    let b = json!({"cover": "inkomenscompensatie", "year": 2025, "old_yearly_wage": "60000",
                   "disability_percent": "20", "wga_benefit": "nonsense", "duration_years": "x",
                   "coverage_percent": -1});
    let (status, answer) = post(&t, WGA, &b);
    assert_eq!(
        (status, &answer["yearly_benefit"]),
        (200, &json!("15000.00"))
    );
}

/// Whatever a field holds, the answer is a 200 or a 422 naming that field.
#[test]
fn no_input_answers_500() {
    let t = TestApp::new();
    let values = [
        Value::Null,
        json!(true),
        json!([]),
        json!({}),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!(" "),
        json!("-0"),
        json!("0,5"),
        json!("1e5"),
        json!("NaN"),
        json!("９"),
        json!("99999999999999999999999999999"),
        json!("9999999999999999999999999999"),
        json!("0.0000000000000000000000000001"),
        json!("100"),
        json!("\u{0}"),
    ];
    let icm = json!({"cover": "inkomenscompensatie_meerjarig", "year": 2025, "old_yearly_wage": "60000",
                     "disability_percent": "20", "coverage_percent": "100", "duration_years": 5});
    let absence = json!({"insured_wage_sum": "456036", "premium_rate_percent": "4.79"});
    for (path, base) in [(ABSENCE, absence), (WGA, azu()), (WGA, icm)] {
        let names: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
        for name in names.iter().chain([&"max_premium_wage".to_owned()]) {
            for value in &values {
                let mut b = base.clone();
                b[name.as_str()] = value.clone();
                let r = t.post_json(path, &[], &b);
                match r.status {
                    200 => {}
                    422 => assert_eq!(error_of(&r).1.as_deref(), Some(name.as_str()), "{b}"),
                    other => panic!("{other} for {b}"),
                }
            }
        }
    }
}
