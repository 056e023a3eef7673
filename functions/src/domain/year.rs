//! A calendar year as the portal accepts it anywhere (see [`YEARS`]).

use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::policy::YEARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Year(i32);

impl Year {
    pub fn new(year: i64) -> Option<Year> {
        i32::try_from(year)
            .ok()
            .filter(|y| YEARS.contains(y))
            .map(Year)
    }

    pub fn get(self) -> i32 {
        self.0
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 1, 1).expect("every year in YEARS has a 1 January")
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 12, 31).expect("every year in YEARS has a 31 December")
    }
}

/// Text that is not a year the portal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAYear;

impl FromStr for Year {
    type Err = NotAYear;

    /// A year as written in a path, a form field or a JSON key: an integer within
    /// [`YEARS`].
    fn from_str(text: &str) -> Result<Year, NotAYear> {
        text.parse::<i64>().ok().and_then(Year::new).ok_or(NotAYear)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_years_in_range() {
        assert_eq!(Year::new(2025).map(Year::get), Some(2025));
        assert_eq!(Year::new(2000).map(Year::get), Some(2000));
        assert_eq!(Year::new(2100).map(Year::get), Some(2100));
        for bad in [1999, 2101, 25, -2025, i64::from(i32::MAX) + 2025] {
            assert_eq!(Year::new(bad), None, "{bad}");
        }
        let y = Year::new(2024).unwrap();
        assert_eq!(y.first_day().to_string(), "2024-01-01");
        assert_eq!(y.last_day().to_string(), "2024-12-31");
        assert_eq!(serde_json::json!(y), serde_json::json!(2024));
    }

    #[test]
    fn parses_text() {
        assert_eq!("2025".parse::<Year>().map(Year::get), Ok(2025));
        for bad in ["", "1999", "2101", "twenty", "2025.0", " 2025"] {
            assert_eq!(bad.parse::<Year>(), Err(NotAYear), "{bad:?}");
        }
    }
}
