//! The yearly settlement (naverrekening): from the policy, each employee's employment
//! periods and wage for the year to the final premium and the balance. The result
//! serialises to the body of `GET /api/settlements/{year}` (less its `status`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::money::{Money, Percent};
use super::policy::{Policy, WageCap};
use super::premium::{absence_premium, max_premium_wage};
use super::year::Year;

/// One period of employment. `end` is the last day employed (inclusive); `None`
/// while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Employment {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Employment {
    /// Employed on at least one day from `from` to `to`, both included.
    pub fn overlaps(self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end.is_none_or(|end| end >= from)
    }
}

/// An employee as the settlement of one year needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    pub id: String,
    pub name: String,
    pub employments: Vec<Employment>,
    /// What the employee earned in the year while employed, as entered; `None`
    /// while not entered yet.
    pub wage: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// `null` on the wire when no wage was entered: the row counts as 0.
    pub wage: Option<Money>,
    pub insured_wage: Money,
    pub premium: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    DueFromEmployer,
    RefundToEmployer,
    None,
}

/// Final minus provisional premium, as a non-negative amount and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub amount: Money,
    pub direction: Direction,
}

impl Balance {
    fn of(final_minus_provisional: Money) -> Balance {
        let direction = match final_minus_provisional.cmp(&Money::ZERO) {
            std::cmp::Ordering::Greater => Direction::DueFromEmployer,
            std::cmp::Ordering::Less => Direction::RefundToEmployer,
            std::cmp::Ordering::Equal => Direction::None,
        };
        Balance {
            amount: final_minus_provisional.abs(),
            direction,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    pub year: Year,
    #[serde(rename = "premium_rate_percent")]
    pub premium_rate: Percent,
    pub wage_cap: WageCap,
    /// The highest insured wage per employee this year when the policy caps
    /// (prorated for a policy that started during the year); `null` otherwise.
    pub max_insured_wage: Option<Money>,
    /// Every employee employed in the year while the policy was in force, in the
    /// order given.
    pub employees: Vec<Row>,
    /// Rows without a wage: the page flags them before submitting.
    pub employees_without_wage: usize,
    pub total_insured_wage: Money,
    pub final_premium: Money,
    /// Final premium minus the sum of the rounded row premiums.
    pub rounding_difference: Money,
    /// What was billed in advance; 0 when the policy names none for the year.
    pub provisional_premium: Money,
    pub balance: Balance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettlementError {
    #[error("the policy starts after the year")]
    PolicyNotInForce,
    #[error("the policy caps wages but the year has no statutory maximum premieloon")]
    NoMaxPremiumWage,
}

/// The part of `year` the policy is in force: wages count from the policy start,
/// and an employee already employed then counts as employed from that date.
/// `None` when the policy starts after the year.
fn in_force(policy: &Policy, year: Year) -> Option<(NaiveDate, NaiveDate)> {
    let from = policy.start_date.max(year.first_day());
    let to = year.last_day();
    (from <= to).then_some((from, to))
}

/// Whether the settlement counts an employee: employed at some time in `from..=to`.
fn counts(e: &Employee, from: NaiveDate, to: NaiveDate) -> bool {
    e.employments.iter().any(|p| p.overlaps(from, to))
}

/// How many employees the settlement of `year` counts that have no wage for it
/// yet (its `employees_without_wage`), by the same rule as [`settle`] but without
/// its wage cap, so a year whose maximum premieloon is not known yet has a count
/// too; 0 when the policy starts after the year.
pub fn without_wage(policy: &Policy, year: Year, employees: &[Employee]) -> usize {
    in_force(policy, year).map_or(0, |(from, to)| {
        employees
            .iter()
            .filter(|e| e.wage.is_none() && counts(e, from, to))
            .count()
    })
}

/// Settles `year`: who counts, each insured wage and premium, the totals and the
/// balance. Pure: the caller loads the employees and their wages for that year.
pub fn settle(
    policy: &Policy,
    year: Year,
    employees: Vec<Employee>,
) -> Result<Settlement, SettlementError> {
    let (from, to) = in_force(policy, year).ok_or(SettlementError::PolicyNotInForce)?;
    let max_insured_wage = match policy.wage_cap {
        WageCap::None => None,
        WageCap::MaxPremieloon => {
            let full = max_premium_wage(year).ok_or(SettlementError::NoMaxPremiumWage)?;
            let months = months_in_force(policy.start_date, year);
            Some(Money::round(
                full.decimal() * Decimal::from(months) / Decimal::from(12),
            ))
        }
    };
    let rate = policy.premium_rate;

    let rows: Vec<Row> = employees
        .into_iter()
        .filter(|e| counts(e, from, to))
        .map(|e| {
            let entered = e.wage.unwrap_or(Money::ZERO);
            let insured_wage = max_insured_wage.map_or(entered, |cap| entered.min(cap));
            Row {
                id: e.id,
                name: e.name,
                wage: e.wage,
                insured_wage,
                premium: absence_premium(insured_wage, rate),
            }
        })
        .collect();

    let total_insured_wage: Money = rows.iter().map(|r| r.insured_wage).sum();
    let final_premium = absence_premium(total_insured_wage, rate);
    let rounding_difference = final_premium - rows.iter().map(|r| r.premium).sum();
    let provisional_premium = policy
        .provisional_premium
        .get(&year.get())
        .copied()
        .unwrap_or(Money::ZERO);
    Ok(Settlement {
        year,
        premium_rate: rate,
        wage_cap: policy.wage_cap,
        max_insured_wage,
        employees_without_wage: rows.iter().filter(|r| r.wage.is_none()).count(),
        employees: rows,
        total_insured_wage,
        final_premium,
        rounding_difference,
        provisional_premium,
        balance: Balance::of(final_premium - provisional_premium),
    })
}

/// Whole calendar months of `year` the policy is in force: 12 when it started
/// earlier; from a start on the 1st its month counts, from a later day it does not.
fn months_in_force(policy_start: NaiveDate, year: Year) -> u32 {
    if policy_start <= year.first_day() {
        12
    } else if policy_start.day() == 1 {
        13 - policy_start.month()
    } else {
        12 - policy_start.month()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::domain::policy::InsuredWage;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn money(s: &str) -> Money {
        Money::parse_non_negative(s).unwrap()
    }
    fn year(y: i64) -> Year {
        Year::new(y).unwrap()
    }

    fn policy(rate: &str, cap: WageCap, start: &str, provisional: &[(i32, &str)]) -> Policy {
        Policy {
            product: "verzuim",
            premium_rate: Percent::parse(rate).unwrap(),
            insured_wage: InsuredWage::SvLoon,
            start_date: date(start),
            wage_cap: cap,
            provisional_premium: provisional
                .iter()
                .map(|(y, m)| (*y, money(m)))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    /// Employment periods as (start, end) dates.
    type Periods<'a> = &'a [(&'a str, Option<&'a str>)];

    fn employee(id: &str, periods: Periods, wage: Option<&str>) -> Employee {
        Employee {
            id: id.into(),
            name: format!("Werknemer {id}"),
            employments: periods
                .iter()
                .map(|(start, end)| Employment {
                    start: date(start),
                    end: end.map(date),
                })
                .collect(),
            wage: wage.map(money),
        }
    }

    #[test]
    fn worked_example_with_cap_rounding_difference_and_refund() {
        let p = policy(
            "4.25",
            WageCap::MaxPremieloon,
            "2024-01-01",
            &[(2024, "10200.00")],
        );
        let employees = vec![
            employee("a", &[("2020-03-01", None)], Some("10000.10")),
            employee("b", &[("2024-02-01", Some("2024-08-31"))], Some("10000.10")),
            employee("c", &[("2019-01-01", None)], Some("80000")),
            employee("d", &[("2024-11-01", None)], None),
            employee("e", &[("2022-01-01", Some("2023-12-31"))], Some("30000")),
            employee("f", &[("2025-01-01", None)], Some("30000")),
        ];
        let s = settle(&p, year(2024), employees).unwrap();
        // 10 000,10 × 4,25 % = 425,00425 → 425,00 (twice); 80 000 is capped at
        // 71 628 → 3 044,19. Total 91 628,20 × 4,25 % = 3 894,1985 → 3 894,20, one
        // cent more than the rows: the rounding difference. 3 894,20 − 10 200 is a
        // refund of 6 305,80.
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            json!({
                "year": 2024,
                "premium_rate_percent": "4.25",
                "wage_cap": "max_premieloon",
                "max_insured_wage": "71628.00",
                "employees": [
                    {"id": "a", "name": "Werknemer a", "wage": "10000.10", "insured_wage": "10000.10", "premium": "425.00"},
                    {"id": "b", "name": "Werknemer b", "wage": "10000.10", "insured_wage": "10000.10", "premium": "425.00"},
                    {"id": "c", "name": "Werknemer c", "wage": "80000.00", "insured_wage": "71628.00", "premium": "3044.19"},
                    {"id": "d", "name": "Werknemer d", "wage": null, "insured_wage": "0.00", "premium": "0.00"},
                ],
                "employees_without_wage": 1,
                "total_insured_wage": "91628.20",
                "final_premium": "3894.20",
                "rounding_difference": "0.01",
                "provisional_premium": "10200.00",
                "balance": {"amount": "6305.80", "direction": "refund_to_employer"},
            })
        );
    }

    #[test]
    fn totals_rounding_and_balance() {
        // (rate, wages, provisional, total, final, rounding difference, balance, direction)
        #[rustfmt::skip]
        let cases = [
            // The absence premium seed: one row, no rounding difference.
            ("4.79", vec!["456036"], "20000", "456036.00", "21844.12", "0.00", "1844.12", Direction::DueFromEmployer),
            // Rows round up by half a cent each: the total is two cents lower.
            ("2.5", vec!["0.20", "0.20", "0.20", "0.20"], "0", "0.80", "0.02", "-0.02", "0.02", Direction::DueFromEmployer),
            // The final premium's exact half cent rounds up: 123 978 × 4,25 % = 5 269,065.
            ("4.25", vec!["100000", "23978"], "5269.07", "123978.00", "5269.07", "0.00", "0.00", Direction::None),
            ("4.25", vec![], "100", "0.00", "0.00", "0.00", "100.00", Direction::RefundToEmployer),
            ("0", vec!["50000"], "0", "50000.00", "0.00", "0.00", "0.00", Direction::None),
            // The ABN AMRO example: provisional 18 750, actual 1 000 000 × 2,5 % = 25 000.
            ("2.5", vec!["1000000"], "18750", "1000000.00", "25000.00", "0.00", "6250.00", Direction::DueFromEmployer),
        ];
        for (rate, wages, provisional, total, final_premium, difference, amount, direction) in cases
        {
            let p = policy(rate, WageCap::None, "2020-01-01", &[(2025, provisional)]);
            let employees = wages
                .iter()
                .enumerate()
                .map(|(i, w)| employee(&i.to_string(), &[("2025-01-01", None)], Some(w)))
                .collect();
            let s = settle(&p, year(2025), employees).unwrap();
            assert_eq!(
                (
                    s.total_insured_wage.to_string(),
                    s.final_premium.to_string(),
                    s.rounding_difference.to_string(),
                    s.balance.amount.to_string(),
                    s.balance.direction,
                ),
                (
                    total.to_string(),
                    final_premium.to_string(),
                    difference.to_string(),
                    amount.to_string(),
                    direction,
                ),
                "{rate}% of {wages:?}"
            );
        }
    }

    #[test]
    fn no_provisional_premium_for_the_year_counts_as_zero() {
        let p = policy("5", WageCap::None, "2024-01-01", &[(2024, "999")]);
        let employees = vec![employee("a", &[("2024-01-01", None)], Some("1000"))];
        let s = settle(&p, year(2025), employees).unwrap();
        assert_eq!(s.provisional_premium, Money::ZERO);
        assert_eq!(
            s.balance,
            Balance {
                amount: money("50"),
                direction: Direction::DueFromEmployer
            }
        );
    }

    #[test]
    fn cap_is_the_years_maximum_prorated_by_whole_months_in_force() {
        for (start, y, cap) in [
            ("2024-01-01", 2024, "71628.00"),
            ("2019-05-01", 2024, "71628.00"),
            ("2024-07-01", 2024, "35814.00"),
            // Started on the 15th: July is not a whole month in force.
            ("2024-07-15", 2024, "29845.00"),
            ("2024-12-01", 2024, "5969.00"),
            ("2024-12-02", 2024, "0.00"),
            ("2023-03-01", 2023, "55796.67"),
            ("2026-02-01", 2026, "72791.58"),
            ("2022-02-28", 2022, "49755.00"),
        ] {
            let p = policy("4", WageCap::MaxPremieloon, start, &[]);
            let employees = vec![employee("a", &[("2000-01-01", None)], Some("100000"))];
            let s = settle(&p, year(y), employees).unwrap();
            assert_eq!(
                s.max_insured_wage.map(|m| m.to_string()).as_deref(),
                Some(cap),
                "{start}"
            );
            assert_eq!(s.employees[0].insured_wage.to_string(), cap, "{start}");
            assert_eq!(
                s.employees[0].wage,
                Some(money("100000")),
                "wage as entered"
            );
        }
        // Without a cap the wage counts in full, and no amount is prorated.
        let p = policy("4", WageCap::None, "2024-07-15", &[]);
        let s = settle(
            &p,
            year(2024),
            vec![employee("a", &[("2000-01-01", None)], Some("100000"))],
        )
        .unwrap();
        assert_eq!(s.max_insured_wage, None);
        assert_eq!(s.employees[0].insured_wage.to_string(), "100000.00");
        // Below the cap the wage is not touched, also for a part-year employee.
        let p = policy("4", WageCap::MaxPremieloon, "2024-01-01", &[]);
        let s = settle(
            &p,
            year(2024),
            vec![employee("a", &[("2024-10-01", None)], Some("20000.55"))],
        )
        .unwrap();
        assert_eq!(s.employees[0].insured_wage.to_string(), "20000.55");
    }

    #[test]
    fn who_counts_in_the_year() {
        // (policy start, employment periods, counted in 2024)
        let cases: [(&str, Periods, bool); 10] = [
            ("2020-01-01", &[("2023-01-01", Some("2023-12-31"))], false),
            ("2020-01-01", &[("2023-06-01", Some("2024-01-01"))], true),
            ("2020-01-01", &[("2024-12-31", None)], true),
            ("2020-01-01", &[("2025-01-01", None)], false),
            ("2020-01-01", &[("2010-01-01", None)], true),
            ("2020-01-01", &[("2024-03-01", Some("2024-03-01"))], true),
            // Re-hired: counted once, whichever period overlaps.
            (
                "2020-01-01",
                &[("2020-01-01", Some("2022-12-31")), ("2024-06-01", None)],
                true,
            ),
            // Policy started during the year: only employment from its start counts.
            ("2024-07-01", &[("2024-01-01", Some("2024-06-30"))], false),
            ("2024-07-01", &[("2024-01-01", Some("2024-07-01"))], true),
            ("2024-07-01", &[("2019-01-01", None)], true),
        ];
        for (start, periods, counted) in cases {
            let p = policy("4", WageCap::None, start, &[]);
            let s = settle(&p, year(2024), vec![employee("a", periods, Some("1000"))]).unwrap();
            assert_eq!(s.employees.len() == 1, counted, "{start} {periods:?}");
        }
    }

    #[test]
    fn refusals() {
        let employees = || vec![employee("a", &[("2020-01-01", None)], Some("1000"))];
        let p = policy("4", WageCap::None, "2025-01-01", &[]);
        assert_eq!(
            settle(&p, year(2024), employees()),
            Err(SettlementError::PolicyNotInForce)
        );
        assert!(settle(&p, year(2025), employees()).is_ok());
        let p = policy("4", WageCap::MaxPremieloon, "2020-01-01", &[]);
        assert_eq!(
            settle(&p, year(2027), employees()),
            Err(SettlementError::NoMaxPremiumWage)
        );
        // Without a cap no statutory figure is needed.
        let p = policy("4", WageCap::None, "2020-01-01", &[]);
        assert!(settle(&p, year(2027), employees()).is_ok());
    }

    #[test]
    fn missing_wages_are_counted_without_the_cap() {
        let staff = vec![
            employee("a", &[("2020-01-01", None)], None),
            employee("b", &[("2020-01-01", Some("2023-12-31"))], None),
            employee("c", &[("2020-01-01", None)], Some("1000")),
            employee("d", &[("2027-12-31", None)], None),
        ];
        let p = policy("4", WageCap::MaxPremieloon, "2020-01-01", &[]);
        assert_eq!(without_wage(&p, year(2024), &staff), 1);
        // 2027 has no statutory maximum yet: the settlement refuses, the count works.
        assert_eq!(without_wage(&p, year(2027), &staff), 2);
        // Before the policy: nothing to settle, nothing missing.
        assert_eq!(without_wage(&p, year(2019), &staff), 0);
        // A policy from July: someone who left in June does not count.
        let p = policy("4", WageCap::None, "2024-07-01", &[]);
        let left = vec![employee("e", &[("2020-01-01", Some("2024-06-30"))], None)];
        assert_eq!(without_wage(&p, year(2024), &left), 0);
    }

    fn cents(max: i64) -> impl Strategy<Value = Money> {
        (0..=max).prop_map(|c| Money::round(Decimal::new(c, 2)))
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..4 * 366).prop_map(|d| date("2022-01-01") + chrono::Days::new(d as u64))
    }

    fn any_policy() -> impl Strategy<Value = Policy> {
        (
            (0i64..=1_000_000)
                .prop_map(|r| Percent::parse(&Decimal::new(r, 4).to_string()).unwrap()),
            any::<bool>(),
            any_date(),
            proptest::option::of(cents(100_000_000)),
        )
            .prop_map(|(premium_rate, capped, start_date, provisional)| Policy {
                product: "verzuim",
                premium_rate,
                insured_wage: InsuredWage::SvLoon,
                start_date,
                wage_cap: if capped {
                    WageCap::MaxPremieloon
                } else {
                    WageCap::None
                },
                provisional_premium: provisional.map(|m| (2024, m)).into_iter().collect(),
            })
    }

    fn any_employee() -> impl Strategy<Value = Employee> {
        (
            proptest::collection::vec((any_date(), proptest::option::of(0u64..800)), 1..3),
            // Up to 250 000: above every cap; `None` is a wage not entered yet.
            proptest::option::weighted(0.9, cents(25_000_000)),
        )
            .prop_map(|(periods, wage)| Employee {
                id: String::new(),
                name: String::new(),
                employments: periods
                    .into_iter()
                    .map(|(start, days)| Employment {
                        start,
                        end: days.map(|d| start + chrono::Days::new(d)),
                    })
                    .collect(),
                wage,
            })
    }

    proptest! {
        #[test]
        fn settlement_invariants(
            policy in any_policy(),
            employees in proptest::collection::vec(any_employee(), 0..40),
        ) {
            let y = year(2024);
            let missing = without_wage(&policy, y, &employees);
            let s = match settle(&policy, y, employees) {
                Err(e) => {
                    prop_assert_eq!(e, SettlementError::PolicyNotInForce);
                    prop_assert!(policy.start_date > y.last_day());
                    prop_assert_eq!(missing, 0);
                    return Ok(());
                }
                Ok(s) => s,
            };
            // The home page's count of missing wages is the settlement's.
            prop_assert_eq!(missing, s.employees_without_wage);
            // The rounding difference never exceeds half a cent per row.
            let rows = Decimal::from(s.employees.len());
            prop_assert!(s.rounding_difference.decimal().abs() <= rows * Decimal::new(5, 3));
            // The balance with its direction is final − provisional.
            let signed = match s.balance.direction {
                Direction::DueFromEmployer => s.balance.amount,
                Direction::RefundToEmployer => Money::ZERO - s.balance.amount,
                Direction::None => Money::ZERO,
            };
            prop_assert!(s.balance.amount >= Money::ZERO);
            prop_assert_eq!(s.balance.amount == Money::ZERO, s.balance.direction == Direction::None);
            prop_assert_eq!(signed, s.final_premium - s.provisional_premium);
            // Capped insured wages stay under a cap that is at most the statutory one.
            let statutory = max_premium_wage(y).unwrap();
            for row in &s.employees {
                let entered = row.wage.unwrap_or(Money::ZERO);
                prop_assert!(row.insured_wage <= entered);
                match s.max_insured_wage {
                    Some(cap) => {
                        prop_assert!(cap <= statutory);
                        prop_assert_eq!(row.insured_wage, entered.min(cap));
                    }
                    None => prop_assert_eq!(row.insured_wage, entered),
                }
            }
            // The totals add up.
            let total: Money = s.employees.iter().map(|r| r.insured_wage).sum();
            prop_assert_eq!(s.total_insured_wage, total);
            prop_assert_eq!(s.final_premium, absence_premium(total, s.premium_rate));
            let row_premiums: Money = s.employees.iter().map(|r| r.premium).sum();
            prop_assert_eq!(s.final_premium - row_premiums, s.rounding_difference);
        }
    }
}
