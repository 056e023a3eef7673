//! The Dutch identifiers of an employer (DOMAIN.md, "Organisations, employers and
//! contracts"): KvK number, loonheffingennummer and postcode, plus the numbers the
//! insurer gives (customer and contract number). Each parses from what a person
//! types and keeps one canonical form.

use serde::Serialize;

use super::bsn::Bsn;

fn digits_only(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Kamer van Koophandel number: 8 digits, a leading zero kept (it is a string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct KvkNumber(String);

impl KvkNumber {
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim();
        (s.len() == 8 && digits_only(s)).then(|| KvkNumber(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Loonheffingennummer: the fiscal number (9 digits passing the BSN's 11-check),
/// `L`, and a 2-digit sub-number, e.g. `111222333L01`. A lower-case `l` is read
/// as `L`; spaces and dots between the parts are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PayrollTaxNumber(String);

impl PayrollTaxNumber {
    pub fn parse(input: &str) -> Option<Self> {
        let s: String = input
            .chars()
            .filter(|c| *c != ' ' && *c != '.')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let (fiscal, sub) = s.split_once('L')?;
        let fiscal_ok = fiscal.len() == 9 && digits_only(fiscal) && Bsn::parse(fiscal).is_some();
        (fiscal_ok && sub.len() == 2 && digits_only(sub)).then_some(PayrollTaxNumber(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Dutch postcode, written `1234 AB`: four digits (the first not 0) and two
/// letters, never `SA`, `SD` or `SS`. `1234AB` and lower case are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(input: &str) -> Option<Self> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 6 || !s.is_ascii() {
            return None;
        }
        let (digits, letters) = s.split_at(4);
        let letters = letters.to_ascii_uppercase();
        let ok = digits_only(digits)
            && !digits.starts_with('0')
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && !matches!(letters.as_str(), "SA" | "SD" | "SS");
        ok.then(|| Postcode(format!("{digits} {letters}")))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The insurer's number of a contract (and version 1's policy number): 6 to 12 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ContractNumber(String);

impl ContractNumber {
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim();
        ((6..=12).contains(&s.len()) && digits_only(s)).then(|| ContractNumber(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The insurer's customer number of an employer: 10 digits, the first not 0.
/// Generated from random bytes; with a contract number it grants access (linking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerNumber(String);

impl CustomerNumber {
    /// 1_000_000_000 plus a uniform draw below 9_000_000_000: 8 random bytes make
    /// the modulo bias negligible (below 2^-30).
    pub fn generate(random: [u8; 8]) -> Self {
        let n = 1_000_000_000 + u64::from_le_bytes(random) % 9_000_000_000;
        CustomerNumber(n.to_string())
    }
    /// What a person types: 10 digits, spaces and dots between them dropped.
    pub fn parse(input: &str) -> Option<Self> {
        let s: String = input.chars().filter(|c| *c != ' ' && *c != '.').collect();
        (s.len() == 10 && digits_only(&s)).then_some(CustomerNumber(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_numbers_keep_leading_zeros() {
        assert_eq!(KvkNumber::parse("01234567").unwrap().as_str(), "01234567");
        assert_eq!(KvkNumber::parse(" 12345678 ").unwrap().as_str(), "12345678");
        for bad in ["1234567", "123456789", "1234567a", "", "１２３４５６７８"] {
            assert!(KvkNumber::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn payroll_tax_numbers_pass_the_eleven_check() {
        // 111222333: 9+8+7+12+10+8+9+6-3 = 66, divisible by 11.
        assert_eq!(
            PayrollTaxNumber::parse("111222333L01").unwrap().as_str(),
            "111222333L01"
        );
        assert_eq!(
            PayrollTaxNumber::parse("111.222.333.l.01")
                .unwrap()
                .as_str(),
            "111222333L01"
        );
        for bad in [
            "111222334L01", // fails the 11-check
            "111222333L1",
            "111222333L001",
            "111222333B01",
            "11122233L01",
            "111222333",
            "000000000L01",
            "L01",
        ] {
            assert!(PayrollTaxNumber::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn postcodes_are_normalised() {
        for (input, want) in [
            ("1234 AB", "1234 AB"),
            ("1234AB", "1234 AB"),
            ("1234ab", "1234 AB"),
            (" 9999 zz ", "9999 ZZ"),
            ("1000 SB", "1000 SB"),
        ] {
            assert_eq!(Postcode::parse(input).unwrap().as_str(), want, "{input}");
        }
        for bad in [
            "0123 AB", "1234 SA", "1234 sd", "1234SS", "123 AB", "12345 AB", "1234 A", "1234 A1",
            "1234 ÄB", "",
        ] {
            assert!(Postcode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn contract_numbers() {
        assert!(ContractNumber::parse("770000001").is_some());
        assert!(ContractNumber::parse("123456").is_some());
        assert!(ContractNumber::parse("123456789012").is_some());
        for bad in ["12345", "1234567890123", "77000000a", "", "１２３４５６"] {
            assert!(ContractNumber::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn customer_numbers_have_ten_digits() {
        for seed in [[0u8; 8], [255; 8], [1, 2, 3, 4, 5, 6, 7, 8]] {
            let n = CustomerNumber::generate(seed);
            assert_eq!(n.as_str().len(), 10);
            assert!(!n.as_str().starts_with('0'));
            assert_eq!(CustomerNumber::parse(n.as_str()), Some(n));
        }
        assert_eq!(
            CustomerNumber::parse("12 3456 7890").unwrap().as_str(),
            "1234567890"
        );
        assert!(CustomerNumber::parse("123456789").is_none());
    }
}
