//! The home page's tasks (`GET /api/tasks`): what the signed-in user can act on
//! or should see. Each task is shown only to the roles that can act on it or see
//! it: settlements and their wages to hr (who submits) and finance (who reads the
//! settlement). Refused documents are never stored (ARCHITECTURE.md), so there is
//! no task for them.

use chrono::Datelike;
use serde_json::{json, Value};

use super::common::today;
use super::session::Principal;
use super::App;
use crate::domain::policy::YEARS;
use crate::domain::roles::Role;
use crate::domain::settlement::{without_wage, Employee};
use crate::domain::year::Year;
use crate::http::{ApiError, Response};
use crate::store::{employees, employers, settlements, Db, Kv};

/// Years whose settlement is due and not submitted: from the policy's start year
/// up to last year, oldest first.
pub fn open_years(policy_start_year: i32, this_year: i32, submitted: &[i32]) -> Vec<i32> {
    let first = policy_start_year.max(*YEARS.start());
    let last = (this_year - 1).min(*YEARS.end());
    (first..=last).filter(|y| !submitted.contains(y)).collect()
}

/// `GET /api/tasks`: `{"tasks":[{"kind":"settlement_open","year"}, {"kind":
/// "wages_missing","year","count"}, ...]}`, oldest year first; each open year's
/// missing wages follow it.
pub async fn list<D: Db, K: Kv>(app: &App<D, K>, p: &Principal) -> Result<Response, ApiError> {
    let mut tasks: Vec<Value> = Vec::new();
    if p.roles.grants_any(&[Role::Hr, Role::Finance]) {
        let policy = employers::policy(&app.db, &p.employer_id)
            .await?
            .ok_or_else(|| {
                ApiError::Internal(format!("employer {} has no policy", p.employer_id))
            })?;
        let submitted = settlements::submitted_years(&app.db, &p.employer_id).await?;
        let years = open_years(policy.start_date.year(), today(app).year(), &submitted);
        for y in years {
            let Some(year) = Year::new(i64::from(y)) else {
                continue;
            };
            tasks.push(json!({"kind": "settlement_open", "year": y}));
            let staff: Vec<Employee> = employees::in_year(&app.db, &p.employer_id, year)
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
                tasks.push(json!({"kind": "wages_missing", "year": y, "count": count}));
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
