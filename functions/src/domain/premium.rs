//! The absence (verzuim) premium and the statutory maximum premieloon.

use super::money::{Money, Percent};
use super::year::Year;

/// The statutory maximum premieloon (yearly): the maximum dagloon on 1 January × 261,
/// rounded down to whole euros. It does not change during the year. Later years are
/// added here once published; until then callers must supply the figure.
const MAX_PREMIUM_WAGE: [(i32, u32); 5] = [
    (2022, 59_706),
    (2023, 66_956),
    (2024, 71_628),
    (2025, 75_864),
    (2026, 79_409),
];

/// The year's statutory maximum premieloon, if it is known.
pub fn max_premium_wage(year: Year) -> Option<Money> {
    MAX_PREMIUM_WAGE
        .iter()
        .find(|(y, _)| *y == year.get())
        .map(|(_, euros)| Money::from(*euros))
}

/// Absence premium = round(insured wage sum × rate / 100).
pub fn absence_premium(insured_wage_sum: Money, rate: Percent) -> Money {
    Money::round(rate.of(insured_wage_sum.decimal()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse_non_negative(s).unwrap()
    }

    #[test]
    fn statutory_maximum_premieloon_per_year() {
        for (year, expected) in [
            (2021, None),
            (2022, Some("59706.00")),
            (2023, Some("66956.00")),
            (2024, Some("71628.00")),
            (2025, Some("75864.00")),
            (2026, Some("79409.00")),
            (2027, None),
        ] {
            let found = max_premium_wage(Year::new(year).unwrap()).map(|m| m.to_string());
            assert_eq!(found.as_deref(), expected, "{year}");
        }
    }

    #[test]
    fn absence_premium_rounds_once_half_away_from_zero() {
        for (sum, rate, premium) in [
            // The seed's worked example: 456 036 × 4,79 % = 21 844,1244.
            ("456036", "4,79", "21844.12"),
            ("456036", "4.79", "21844.12"),
            // Exact half cents round away from zero, where banker's rounding would
            // go to the even cent (0.00, 0.02, 5269.06).
            ("1", "0.5", "0.01"),
            ("5", "0.5", "0.03"),
            ("123978", "4.25", "5269.07"),
            ("52350.00", "4.25", "2224.88"),
            // Just below a half cent rounds down.
            ("0.49", "1", "0.00"),
            ("100", "0", "0.00"),
            ("0", "4.79", "0.00"),
            ("999999999999.99", "100", "999999999999.99"),
            ("1000000", "4.1234", "41234.00"),
        ] {
            let rate = Percent::parse(rate).unwrap();
            assert_eq!(
                absence_premium(money(sum), rate).to_string(),
                premium,
                "{sum} × {rate}%"
            );
        }
    }
}
