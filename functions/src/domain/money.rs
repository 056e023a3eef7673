//! Money and percentages as exact decimals. The one rounding rule lives here:
//! cents, half away from zero (rust_decimal's default `round_dp` is banker's
//! rounding, which is wrong for this domain).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    /// Not a plain decimal number (`1234.56` or `1234,56`).
    NotANumber,
    /// More decimals than the quantity allows.
    TooPrecise,
    Negative,
    /// Above the upper bound (percentages: 100).
    OutOfRange,
    /// An amount of [`AMOUNT_LIMIT_EUROS`] or more.
    TooLarge,
    /// One separator followed by three digits (`52.350`): thousands or decimals.
    Ambiguous,
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

/// Amounts from input stay below this many euros: far above any payroll, and small
/// enough that sums over many rows and products with rates stay well inside
/// `Decimal`'s range, where an overflow would panic.
pub const AMOUNT_LIMIT_EUROS: i64 = 1_000_000_000_000;

/// An amount in euros with at most two decimals. Input amounts are never negative;
/// computed ones (a rounding difference, a balance) may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount from input: a decimal with at most two decimals, not negative,
    /// below [`AMOUNT_LIMIT_EUROS`].
    /// Decimals count as written: `54.100` has three and is refused, so that no
    /// client stores € 54,10 where a Dutch "54.100" meant fifty-four thousand.
    pub fn parse_non_negative(input: &str) -> Result<Self, DecimalError> {
        let d = parse_decimal(input)?;
        if d.scale() > 2 {
            return Err(DecimalError::TooPrecise);
        }
        Money::checked(d)
    }

    /// Sign, precision and size rules on a parsed value; trailing zeros beyond
    /// the cents do not count (`0,120` from a spreadsheet is 0.12).
    fn checked(d: Decimal) -> Result<Self, DecimalError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(DecimalError::Negative);
        }
        if d.normalize().scale() > 2 {
            return Err(DecimalError::TooPrecise);
        }
        if d >= Decimal::from(AMOUNT_LIMIT_EUROS) {
            return Err(DecimalError::TooLarge);
        }
        Ok(Money::exact(d))
    }

    /// An amount as spreadsheets write it (wage imports): besides the plain forms,
    /// thousands separators grouped by three (`52.350,00`, `52,350.00`,
    /// `1.234.567`); where dots and commas mix, the last one is the decimal mark.
    /// One separator after one to three digits followed by exactly three
    /// (`52.350`, `52,350`) could mean either and is refused.
    pub fn parse_grouped(input: &str) -> Result<Self, DecimalError> {
        let s = input.trim();
        Money::parse_plain_cents(s).map_or_else(|| Money::parse_grouped_generally(s), Ok)
    }

    /// [`Money::parse_grouped`] for any text (trimmed).
    fn parse_grouped_generally(s: &str) -> Result<Self, DecimalError> {
        let (sign, digits) = s.strip_prefix('-').map_or(("", s), |rest| ("-", rest));
        let separators = digits.matches(['.', ',']).count();
        let mixed = digits.contains('.') && digits.contains(',');
        let plain = if separators <= 1 {
            if let Some((whole, fraction)) = digits.split_once(['.', ',']) {
                if (1..=3).contains(&whole.len()) && !whole.starts_with('0') && fraction.len() == 3
                {
                    return Err(DecimalError::Ambiguous);
                }
            }
            digits.to_owned()
        } else {
            let (grouped, fraction) = match digits.rfind(['.', ',']) {
                Some(mark) if mixed => (&digits[..mark], Some(&digits[mark + 1..])),
                _ => (digits, None),
            };
            let thousands = if grouped.contains('.') { '.' } else { ',' };
            let groups: Vec<&str> = grouped.split(thousands).collect();
            let well_grouped = groups.iter().enumerate().all(|(i, g)| {
                let len_ok = if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                };
                len_ok && g.bytes().all(|b| b.is_ascii_digit())
            });
            if !well_grouped {
                return Err(DecimalError::NotANumber);
            }
            let mut plain = groups.concat();
            if let Some(fraction) = fraction {
                plain.push('.');
                plain.push_str(fraction);
            }
            plain
        };
        Money::checked(parse_decimal(&format!("{sign}{plain}"))?)
    }

    /// The common case of [`Money::parse_grouped`] without allocating: digits with
    /// at most one `.` or `,` followed by one or two decimals, below
    /// [`AMOUNT_LIMIT_EUROS`]. `None` for anything else, which takes the full
    /// route (and gets the same value or error it always did).
    fn parse_plain_cents(s: &str) -> Option<Money> {
        let bytes = s.as_bytes();
        let (whole, fraction) = match bytes.iter().position(|&b| b == b'.' || b == b',') {
            Some(mark) => (bytes.get(..mark)?, bytes.get(mark + 1..)?),
            None => (bytes, &[][..]),
        };
        // Thirteen digits reach the limit; more leading zeros go the long way.
        if whole.is_empty()
            || whole.len() > 13
            || fraction.len() > 2
            || (fraction.is_empty() && whole.len() < bytes.len())
        {
            return None;
        }
        let mut mantissa: i64 = 0;
        for &b in whole.iter().chain(fraction) {
            if !b.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa * 10 + i64::from(b - b'0');
        }
        let scale = u32::try_from(fraction.len()).ok()?;
        let limit = AMOUNT_LIMIT_EUROS * 10i64.pow(scale);
        (mantissa < limit).then(|| Money::exact(Decimal::new(mantissa, scale)))
    }

    /// A computed amount rounded to cents: the named rounding step of a formula.
    pub fn round(value: Decimal) -> Money {
        Money::exact(round_half_away(value, 2))
    }

    /// Keeps the value; `-0` becomes `0` so that no amount is ever written "-0.00".
    fn exact(d: Decimal) -> Money {
        Money(if d.is_zero() { Decimal::ZERO } else { d })
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// For text: thousands grouped, two decimals, e.g. `75.864,00` with `('.', ',')`
    /// (Dutch) or `75,864.00` with `(',', '.')` (English).
    pub fn grouped(self, thousands: char, decimal_mark: char) -> String {
        let plain = self.to_string();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
        let mut out = String::from(sign);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(thousands);
            }
            out.push(c);
        }
        out.push(decimal_mark);
        out.push_str(cents);
        out
    }
}

/// Whole euros, for statutory figures.
impl From<u32> for Money {
    fn from(euros: u32) -> Self {
        Money(Decimal::from(euros))
    }
}

// Sums and differences of amounts with at most two decimals keep at most two.
impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::exact(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::exact(self.0 - rhs.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// On the wire an amount is a decimal string: `"21844.12"`.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Money {
    /// Always two decimals with a dot, as the API writes amounts: `"21844.12"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = round_half_away(self.0, 2);
        d.rescale(2);
        // Cents as an integer: Decimal's own Display is several times slower, and a
        // settlement writes three amounts for each of 10,000 employees.
        let cents = d.mantissa();
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", cents / 100, cents % 100)
    }
}

/// A percentage from 0 to 100 inclusive, at most four decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

    /// A whole percentage known when compiling, e.g. a formula's 70 %.
    pub const fn whole(percent: u32) -> Percent {
        assert!(percent <= 100, "a percentage is at most 100");
        Percent(Decimal::from_parts(percent, 0, 0, false, 0))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// This percentage of an amount, exact (rounding is the caller's named step).
    pub fn of(self, amount: Decimal) -> Decimal {
        amount * self.0 / Decimal::ONE_HUNDRED
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// On the wire a percentage is a decimal string: `"4.79"`.
impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The plain route agrees with the general one, down to the scale.
        #[test]
        fn plain_cents_agree(text in "[0-9]{0,15}([.,][0-9]{0,4})?|[0-9.,-]{1,8}") {
            if let Some(fast) = Money::parse_plain_cents(&text) {
                let general = Money::parse_grouped_generally(&text);
                proptest::prop_assert_eq!(Ok(fast), general, "{}", text);
                proptest::prop_assert_eq!(fast.decimal().scale(), general.unwrap().decimal().scale());
            }
        }

        /// Amounts are written from their cents as Decimal writes them at scale 2.
        #[test]
        fn written_as_decimal_writes_it(mantissa in proptest::num::i64::ANY, scale in 0u32..6) {
            let value = Decimal::new(mantissa, scale);
            let mut expected = round_half_away(value, 2);
            expected.rescale(2);
            proptest::prop_assert_eq!(Money::round(value).to_string(), expected.to_string());
        }
    }

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
        assert_eq!(Money::parse_non_negative("-0").unwrap().to_string(), "0.00");
        // Written decimals count, trailing zeros too: "54.100" is not 54.10.
        for input in ["54.100", "54,100", "0.120", "10.000"] {
            assert_eq!(
                Money::parse_non_negative(input),
                Err(DecimalError::TooPrecise),
                "{input}"
            );
        }
        assert_eq!(
            Money::parse_non_negative("999999999999.99")
                .unwrap()
                .to_string(),
            "999999999999.99"
        );
        assert_eq!(
            Money::parse_non_negative("1000000000000"),
            Err(DecimalError::TooLarge)
        );
    }

    #[test]
    fn grouped_amounts_from_spreadsheets() {
        for (input, expected) in [
            ("52.350,00", Ok("52350.00")),
            ("52350,00", Ok("52350.00")),
            ("52350.00", Ok("52350.00")),
            ("52,350.00", Ok("52350.00")),
            ("1.234.567", Ok("1234567.00")),
            ("1.234.567,8", Ok("1234567.80")),
            ("52350", Ok("52350.00")),
            ("0,125", Err(DecimalError::TooPrecise)),
            ("0,120", Ok("0.12")),
            (" 999,5 ", Ok("999.50")),
            ("1234.567", Err(DecimalError::TooPrecise)),
            ("52.350", Err(DecimalError::Ambiguous)),
            ("52,350", Err(DecimalError::Ambiguous)),
            ("1.234,567", Err(DecimalError::TooPrecise)),
            ("1.23.456", Err(DecimalError::NotANumber)),
            ("12.34,56", Err(DecimalError::NotANumber)),
            ("1.234.56", Err(DecimalError::NotANumber)),
            ("1,234,567.8.9", Err(DecimalError::NotANumber)),
            ("1.234,56,7", Err(DecimalError::NotANumber)),
            ("-52.350,00", Err(DecimalError::Negative)),
            ("€ 100", Err(DecimalError::NotANumber)),
            ("", Err(DecimalError::NotANumber)),
            (".350,00", Err(DecimalError::NotANumber)),
            ("1.000.000.000.000", Err(DecimalError::TooLarge)),
        ] {
            assert_eq!(
                Money::parse_grouped(input).map(|m| m.to_string()),
                expected.map(str::to_owned),
                "{input:?}"
            );
        }
    }

    #[test]
    fn computed_amounts_round_once_and_never_show_minus_zero() {
        for (value, expected) in [
            ("21844.1244", "21844.12"),
            ("0.005", "0.01"),
            ("-0.005", "-0.01"),
            ("-0.004", "0.00"),
            ("2224.875", "2224.88"),
        ] {
            assert_eq!(Money::round(d(value)).to_string(), expected, "{value}");
        }
        let a = Money::round(d("10.10"));
        let b = Money::round(d("0.15"));
        assert_eq!((a - b).to_string(), "9.95");
        assert_eq!((b - a).to_string(), "-9.95");
        assert_eq!((b - a).abs(), a - b);
        assert_eq!((a - a).to_string(), "0.00");
        assert_eq!([a, b, b].into_iter().sum::<Money>().to_string(), "10.40");
        assert_eq!(Money::from(75_864).to_string(), "75864.00");
        assert_eq!(
            serde_json::json!({ "m": b }),
            serde_json::json!({"m": "0.15"})
        );
    }

    #[test]
    fn grouped_for_text() {
        for (value, nl, en) in [
            ("0", "0,00", "0.00"),
            ("999.5", "999,50", "999.50"),
            ("1000", "1.000,00", "1,000.00"),
            ("75864", "75.864,00", "75,864.00"),
            ("1234567.891", "1.234.567,89", "1,234,567.89"),
            ("-45678.9", "-45.678,90", "-45,678.90"),
        ] {
            let m = Money::round(d(value));
            assert_eq!(m.grouped('.', ','), nl, "{value}");
            assert_eq!(m.grouped(',', '.'), en, "{value}");
        }
    }

    #[test]
    fn percent_bounds() {
        assert_eq!(Percent::parse("4,25").unwrap().to_string(), "4.25");
        assert_eq!(Percent::parse("100").unwrap().to_string(), "100");
        assert_eq!(Percent::parse("0").unwrap().to_string(), "0");
        assert_eq!(Percent::parse("100.01"), Err(DecimalError::OutOfRange));
        assert_eq!(Percent::parse("-0.01"), Err(DecimalError::Negative));
        assert_eq!(Percent::parse("1.23456"), Err(DecimalError::TooPrecise));
        assert_eq!(Percent::parse("-0").unwrap().to_string(), "0");
    }

    #[test]
    fn percent_of_an_amount_is_exact() {
        let rate = Percent::parse("4,79").unwrap();
        assert_eq!(rate.of(d("456036")), d("21844.1244"));
        assert_eq!(Percent::whole(70).of(d("75864")), d("53104.8"));
        assert!(Percent::whole(35) < Percent::parse("35.0001").unwrap());
        assert_eq!(Percent::whole(100), Percent::parse("100.00").unwrap());
        assert_eq!(serde_json::json!(rate), serde_json::json!("4.79"));
    }
}
