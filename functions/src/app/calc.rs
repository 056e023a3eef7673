//! The public calculators (no sign-in): the absence premium and the WGA Hiaat
//! benefit. Pure: no store, nothing kept.

use serde_json::json;

use crate::domain::policy::YEARS;
use crate::domain::premium;
use crate::domain::wga::{self, Claim, Cover, Coverage, MultiYear};
use crate::domain::year::Year;
use crate::http::input::{json_object, Fields};
use crate::http::{ApiError, Lang, Msg, Request, Response};

/// `POST /api/calc/absence-premium`
pub fn absence_premium(req: &Request) -> Result<Response, ApiError> {
    let body = json_object(req)?;
    let f = Fields::new(&body);
    let insured_wage_sum = f.money("insured_wage_sum")?;
    let rate = f.percent("premium_rate_percent")?;
    Ok(Response::json(
        200,
        &json!({ "premium": premium::absence_premium(insured_wage_sum, rate) }),
    ))
}

/// `POST /api/calc/wga-gap`
pub fn wga_gap(req: &Request) -> Result<Response, ApiError> {
    let lang = Lang::from_accept_language(req.header("accept-language"));
    let body = json_object(req)?;
    let claim = parse_claim(&Fields::new(&body))?;
    let benefit = wga::benefit(&claim);
    let explanation = Msg::new(benefit.explanation.nl, benefit.explanation.en);
    Ok(Response::json(
        200,
        &json!({
            "eligible": benefit.eligible,
            "yearly_benefit": benefit.yearly,
            "monthly_benefit": benefit.monthly,
            "max_duration_months": benefit.max_duration_months,
            "explanation": explanation.get(lang),
        }),
    ))
}

/// Each cover reads only the fields its formula needs; the others are ignored.
fn parse_claim(f: &Fields) -> Result<Claim, ApiError> {
    let cover = match f.str("cover")? {
        "aanvullingszekerheid_uitgebreid" => Cover::AanvullingszekerheidUitgebreid {
            wga_benefit: f.money("wga_benefit")?,
            new_yearly_wage: f.money("new_yearly_wage")?,
            other_benefits: f.money("other_benefits")?,
            residual_capacity_used: f.percent("residual_capacity_used_percent")?,
        },
        "inkomenscompensatie" => Cover::Inkomenscompensatie,
        "inkomenscompensatie_meerjarig" => Cover::InkomenscompensatieMeerjarig {
            coverage: Coverage::from_percent(f.percent("coverage_percent")?).ok_or_else(|| {
                ApiError::invalid(
                    "coverage_percent",
                    "Kies een dekking van 100 of 70 procent.",
                    "Choose a coverage of 100 or 70 percent.",
                )
            })?,
            duration: MultiYear::from_years(f.int("duration_years")?).ok_or_else(|| {
                ApiError::invalid(
                    "duration_years",
                    "Kies een duur van 5 of 10 jaar.",
                    "Choose a duration of 5 or 10 years.",
                )
            })?,
        },
        _ => {
            return Err(ApiError::invalid(
                "cover",
                "Kies Aanvullingszekerheid Uitgebreid, Inkomenscompensatie of \
                 Inkomenscompensatie Meerjarig.",
                "Choose Aanvullingszekerheid Uitgebreid, Inkomenscompensatie or \
                 Inkomenscompensatie Meerjarig.",
            ))
        }
    };
    let year = Year::new(f.int("year")?).ok_or_else(|| {
        let (first, last) = (YEARS.start(), YEARS.end());
        ApiError::invalid(
            "year",
            &format!("Geef een jaar van {first} tot en met {last}."),
            &format!("Give a year from {first} to {last}."),
        )
    })?;
    let max_premium_wage = match f.opt_money("max_premium_wage")? {
        Some(given) => given,
        None => premium::max_premium_wage(year).ok_or_else(|| {
            let y = year.get();
            ApiError::Invalid {
                code: "missing_field",
                field: "max_premium_wage".into(),
                msg: Msg::new(
                    format!("Het maximum premieloon van {y} is niet ingebouwd; vul het zelf in."),
                    format!("The maximum premium wage of {y} is not built in; please enter it."),
                ),
            }
        })?,
    };
    Ok(Claim {
        cover,
        old_yearly_wage: f.money("old_yearly_wage")?,
        max_premium_wage,
        disability: f.percent("disability_percent")?,
    })
}
