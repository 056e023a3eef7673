//! Employees and their employment periods (DOMAIN.md, Employees): gender, the
//! display name, and the rules for a new or ended period.

use chrono::{Months, NaiveDate};

use super::settlement::Employment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    V,
    X,
}

impl Gender {
    pub fn parse(code: &str) -> Option<Gender> {
        match code {
            "M" => Some(Gender::M),
            "V" => Some(Gender::V),
            "X" => Some(Gender::X),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::M => "M",
            Gender::V => "V",
            Gender::X => "X",
        }
    }
}

/// "J.P. van der Berg": initials, prefix (tussenvoegsel) and last name.
pub fn display_name(initials: &str, prefix: Option<&str>, last_name: &str) -> String {
    [Some(initials), prefix, Some(last_name)]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Changes may be dated at most this many months after today.
const MONTHS_AHEAD: u32 = 3;

/// The last date a change may carry: three months after `today`.
pub fn latest_change_date(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(MONTHS_AHEAD))
        .unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    EndBeforeStart,
    FixedTermWithoutEnd,
    StartTooFarAhead,
    EndTooFarAhead,
}

/// A period as entered when hiring or re-hiring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPeriod {
    pub employment: Employment,
    pub fixed_term: bool,
}

impl NewPeriod {
    /// The start is a change dated at most three months ahead. A fixed-term period
    /// needs an end date; that end is a term of the contract, not a change, so it may
    /// lie further ahead. Any other end date is a departure: at most three months.
    pub fn new(
        start: NaiveDate,
        end: Option<NaiveDate>,
        fixed_term: bool,
        today: NaiveDate,
    ) -> Result<NewPeriod, PeriodError> {
        let latest = latest_change_date(today);
        if start > latest {
            return Err(PeriodError::StartTooFarAhead);
        }
        match end {
            None if fixed_term => return Err(PeriodError::FixedTermWithoutEnd),
            Some(end) if end < start => return Err(PeriodError::EndBeforeStart),
            Some(end) if !fixed_term && end > latest => return Err(PeriodError::EndTooFarAhead),
            _ => {}
        }
        Ok(NewPeriod {
            employment: Employment { start, end },
            fixed_term,
        })
    }
}

/// Ends `period` on `end`, the last day employed: not before its start, at most
/// three months ahead.
pub fn end_period(
    period: Employment,
    end: NaiveDate,
    today: NaiveDate,
) -> Result<Employment, PeriodError> {
    if end < period.start {
        Err(PeriodError::EndBeforeStart)
    } else if end > latest_change_date(today) {
        Err(PeriodError::EndTooFarAhead)
    } else {
        Ok(Employment {
            start: period.start,
            end: Some(end),
        })
    }
}

/// Employed today or from a later date: the latest period has not ended before today.
pub fn is_active(latest: Employment, today: NaiveDate) -> bool {
    latest.end.is_none_or(|end| end >= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2025-03-01";

    #[test]
    fn names_and_genders() {
        assert_eq!(
            display_name("J.P.", Some("van der"), "Berg"),
            "J.P. van der Berg"
        );
        assert_eq!(display_name("A.", None, "Jansen"), "A. Jansen");
        assert_eq!(display_name("A.", Some(""), "Jansen"), "A. Jansen");
        for g in [Gender::M, Gender::V, Gender::X] {
            assert_eq!(Gender::parse(g.code()), Some(g));
        }
        for bad in ["m", "F", "", "MV"] {
            assert_eq!(Gender::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn three_months_ahead_at_most() {
        for (today, latest) in [
            ("2025-03-01", "2025-06-01"),
            ("2025-11-30", "2026-02-28"),
            ("2023-11-30", "2024-02-29"),
            ("2025-01-31", "2025-04-30"),
        ] {
            assert_eq!(latest_change_date(date(today)), date(latest), "{today}");
        }
    }

    #[test]
    fn new_periods() {
        /// (start, end, fixed term, outcome)
        type Case = (
            &'static str,
            Option<&'static str>,
            bool,
            Result<(), PeriodError>,
        );
        #[rustfmt::skip]
        let cases: [Case; 10] = [
            ("2024-01-01", None, false, Ok(())),
            ("2025-06-01", None, false, Ok(())),
            ("2025-06-02", None, false, Err(PeriodError::StartTooFarAhead)),
            ("2024-01-01", Some("2024-01-01"), false, Ok(())),
            ("2024-01-02", Some("2024-01-01"), false, Err(PeriodError::EndBeforeStart)),
            ("2024-01-01", Some("2025-06-01"), false, Ok(())),
            ("2024-01-01", Some("2025-06-02"), false, Err(PeriodError::EndTooFarAhead)),
            // A fixed term's end is a contract term: further ahead is fine.
            ("2025-03-01", Some("2026-02-28"), true, Ok(())),
            ("2025-03-01", None, true, Err(PeriodError::FixedTermWithoutEnd)),
            ("2025-03-01", Some("2025-02-28"), true, Err(PeriodError::EndBeforeStart)),
        ];
        for (start, end, fixed_term, outcome) in cases {
            let got = NewPeriod::new(date(start), end.map(date), fixed_term, date(TODAY));
            assert_eq!(got.map(|_| ()), outcome, "{start} {end:?} {fixed_term}");
        }
    }

    #[test]
    fn ending_and_activity() {
        let open = Employment {
            start: date("2024-05-01"),
            end: None,
        };
        let today = date(TODAY);
        assert_eq!(
            end_period(open, date("2024-04-30"), today),
            Err(PeriodError::EndBeforeStart)
        );
        assert_eq!(
            end_period(open, date("2025-06-02"), today),
            Err(PeriodError::EndTooFarAhead)
        );
        let ended = end_period(open, date("2024-05-01"), today).unwrap();
        assert_eq!(ended.end, Some(date("2024-05-01")));
        assert!(is_active(open, today));
        assert!(!is_active(ended, today));
        let last_day_today = end_period(open, today, today).unwrap();
        assert!(is_active(last_day_today, today));
        assert!(!is_active(last_day_today, today.succ_opt().unwrap()));
    }
}
