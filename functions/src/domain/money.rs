//! Money and percentages as exact decimals. The one rounding rule lives here:
//! cents, half away from zero (rust_decimal's default `round_dp` is banker's
//! rounding, which is wrong for this domain).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    /// Not a plain decimal number (`1234.56` or `1234,56`).
    NotANumber,
    /// More decimals than the quantity allows.
    TooPrecise,
    Negative,
    /// Above the upper bound (percentages: 100).
    OutOfRange,
}

/// Parses a plain decimal with a dot or a Dutch decimal comma. No thousands
/// separators, exponents or signs other than a leading minus.
pub fn parse_decimal(input: &str) -> Result<Decimal, DecimalError> {
    let s = input.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    let separators = digits.chars().filter(|c| *c == '.' || *c == ',').count();
    let well_formed = !digits.is_empty()
        && digits.len() <= 28
        && separators <= 1
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && digits.chars().last().is_some_and(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(DecimalError::NotANumber);
    }
    Decimal::from_str(&s.replace(',', ".")).map_err(|_| DecimalError::NotANumber)
}

/// Rounds to `dp` decimals, half away from zero: the project's only rounding step.
pub fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount in euros with at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(Decimal);

impl Money {
    /// An amount from input: a decimal with at most two decimals, not negative.
    pub fn parse_non_negative(input: &str) -> Result<Self, DecimalError> {
        let d = parse_decimal(input)?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(DecimalError::Negative);
        }
        if d.normalize().scale() > 2 {
            return Err(DecimalError::TooPrecise);
        }
        Ok(Money(d))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Money {
    /// Always two decimals with a dot, as the API writes amounts: `"21844.12"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = round_half_away(self.0, 2);
        d.rescale(2);
        write!(f, "{d}")
    }
}

/// A percentage from 0 to 100 inclusive, at most four decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(Decimal);

impl Percent {
    pub fn parse(input: &str) -> Result<Self, DecimalError> {
        let d = parse_decimal(input)?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(DecimalError::Negative);
        }
        if d > Decimal::ONE_HUNDRED {
            return Err(DecimalError::OutOfRange);
        }
        if d.normalize().scale() > 4 {
            return Err(DecimalError::TooPrecise);
        }
        Ok(Percent(d.normalize()))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_dot_and_comma() {
        for (input, expected) in [
            ("456036", "456036"),
            ("4.79", "4.79"),
            ("4,79", "4.79"),
            (" 0,5 ", "0.5"),
            ("-12.30", "-12.30"),
        ] {
            assert_eq!(parse_decimal(input), Ok(d(expected)), "{input}");
        }
    }

    #[test]
    fn refuses_non_plain_numbers() {
        for input in [
            "",
            "-",
            "abc",
            "1e5",
            "1.234,56",
            "1,234.56",
            ".5",
            "5.",
            "+5",
            "NaN",
            "∞",
            "1 000",
            "0x10",
            "12345678901234567890123456789",
        ] {
            assert_eq!(
                parse_decimal(input),
                Err(DecimalError::NotANumber),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        for (value, expected) in [
            ("21844.1244", "21844.12"),
            ("0.125", "0.13"),
            ("0.135", "0.14"),
            ("0.005", "0.01"),
            ("-0.125", "-0.13"),
            ("2.5", "2.50"),
            ("0.124999", "0.12"),
        ] {
            assert_eq!(round_half_away(d(value), 2), d(expected), "{value}");
        }
    }

    #[test]
    fn money_input_rules() {
        assert_eq!(
            Money::parse_non_negative("10200").unwrap().to_string(),
            "10200.00"
        );
        assert_eq!(
            Money::parse_non_negative("10200,5").unwrap().to_string(),
            "10200.50"
        );
        assert_eq!(Money::parse_non_negative("-1"), Err(DecimalError::Negative));
        assert_eq!(
            Money::parse_non_negative("1.001"),
            Err(DecimalError::TooPrecise)
        );
        assert!(Money::parse_non_negative("-0").is_ok());
    }

    #[test]
    fn percent_bounds() {
        assert_eq!(Percent::parse("4,25").unwrap().to_string(), "4.25");
        assert_eq!(Percent::parse("100").unwrap().to_string(), "100");
        assert_eq!(Percent::parse("0").unwrap().to_string(), "0");
        assert_eq!(Percent::parse("100.01"), Err(DecimalError::OutOfRange));
        assert_eq!(Percent::parse("-0.01"), Err(DecimalError::Negative));
        assert_eq!(Percent::parse("1.23456"), Err(DecimalError::TooPrecise));
    }
}
