//! The home page's tasks (`GET /api/tasks`): what the signed-in user can act on
//! or should see. Each task is shown only to the roles that can act on it or see
//! it: settlements and their wages to hr (who submits) and finance (who reads the
//! settlement). Refused documents are never stored (ARCHITECTURE.md), so there is
//! no task for them.

use chrono::Datelike;
use serde_json::{json, Value};

use super::common::today;
use super::session::Principal;
use super::settlements::contract_policy;
use super::App;
use crate::domain::contract::Product;
use crate::domain::policy::YEARS;
use crate::domain::roles::Role;
use crate::domain::settlement::{without_wage, Employee};
use crate::domain::year::Year;
use crate::http::{ApiError, Response};
use crate::store::{contracts, employees, settlements, Db, Kv};

/// Years whose settlement is due and not submitted: from the policy's start year
/// up to last year, oldest first.
pub fn open_years(policy_start_year: i32, this_year: i32, submitted: &[i32]) -> Vec<i32> {
    let first = policy_start_year.max(*YEARS.start());
    let last = (this_year - 1).min(*YEARS.end());
    (first..=last).filter(|y| !submitted.contains(y)).collect()
}

/// `GET /api/tasks`: `{"tasks":[{"kind":"settlement_open","year"}, {"kind":
/// "wages_missing","year","count"}, ...]}`, per verzuim contract the organisation
/// reaches (by company name, then contract number), oldest year first; each open
/// year's missing wages follow it. Every task names its `contract_id`,
/// `contract_number`, `employer_id` and `company_name`.
pub async fn list<D: Db, K: Kv>(app: &App<D, K>, p: &Principal) -> Result<Response, ApiError> {
    let mut tasks: Vec<Value> = Vec::new();
    if !p.roles.grants_any(&[Role::Hr, Role::Finance]) {
        return Ok(Response::json(200, &json!({ "tasks": tasks })));
    }
    let verzuim = contracts::in_reach(&app.db, &p.organisation_id)
        .await?
        .into_iter()
        .filter(|c| c.product == Product::Verzuim.code());
    for contract in verzuim {
        let policy = contract_policy(&contract)?;
        let submitted = settlements::submitted_years(&app.db, &contract.id).await?;
        let about = json!({
            "contract_id": contract.id, "contract_number": contract.contract_number,
            "employer_id": contract.employer_id, "company_name": contract.company_name,
        });
        let task = |fields: Value| {
            let mut task = about.clone();
            if let (Some(t), Value::Object(f)) = (task.as_object_mut(), fields) {
                t.extend(f);
            }
            task
        };
        for y in open_years(policy.start_date.year(), today(app).year(), &submitted) {
            let Some(year) = Year::new(i64::from(y)) else {
                continue;
            };
            tasks.push(task(json!({"kind": "settlement_open", "year": y})));
            let staff: Vec<Employee> = employees::in_year(&app.db, &contract.employer_id, year)
                .await?
                .into_iter()
                .map(|e| Employee {
                    id: e.id,
                    name: String::new(),
                    employments: e.periods,
                    wage: e.wage,
                })
                .collect();
            let count = without_wage(&policy, year, &staff);
            if count > 0 {
                tasks.push(task(
                    json!({"kind": "wages_missing", "year": y, "count": count}),
                ));
            }
        }
    }
    Ok(Response::json(200, &json!({ "tasks": tasks })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_years_run_from_the_policy_start_to_last_year() {
        assert_eq!(open_years(2022, 2025, &[]), [2022, 2023, 2024]);
        assert_eq!(open_years(2022, 2025, &[2023]), [2022, 2024]);
        assert_eq!(open_years(2024, 2025, &[2024]), Vec::<i32>::new());
        // A policy that started this year or later has nothing due yet.
        assert_eq!(open_years(2025, 2025, &[]), Vec::<i32>::new());
        assert_eq!(open_years(2026, 2025, &[]), Vec::<i32>::new());
        // The portal's years bound it.
        assert_eq!(open_years(1990, 2001, &[]), [2000]);
    }
}
