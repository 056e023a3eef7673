//! The burgerservicenummer (BSN): 9 digits passing the 11-check.

/// A BSN that passed the 11-check, always 9 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bsn(String);

/// Weights of the 11-check; the final −1 keeps bank account numbers from passing.
const WEIGHTS: [i32; 9] = [9, 8, 7, 6, 5, 4, 3, 2, -1];

impl Bsn {
    /// 9 digits, or 8 that get a leading zero (spreadsheets drop it); the weighted
    /// sum must be divisible by 11 and greater than 0 (which refuses 000000000).
    pub fn parse(input: &str) -> Option<Bsn> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = match s.len() {
            9 => s.to_owned(),
            8 => format!("0{s}"),
            _ => return None,
        };
        let sum: i32 = digits
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| i32::from(b - b'0') * w)
            .sum();
        (sum > 0 && sum % 11 == 0).then_some(Bsn(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The only part pages show.
    pub fn last4(&self) -> &str {
        &self.0[5..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers() {
        for (input, stored) in [
            ("111222333", "111222333"),
            ("123456782", "123456782"),
            ("249566758", "249566758"),
            ("111111110", "111111110"),
            (" 111222333 ", "111222333"),
            ("12345611", "012345611"),
        ] {
            let bsn = Bsn::parse(input).unwrap_or_else(|| panic!("{input} is valid"));
            assert_eq!(bsn.as_str(), stored);
        }
        assert_eq!(Bsn::parse("123456782").unwrap().last4(), "6782");
        assert_eq!(Bsn::parse("12345611").unwrap().last4(), "5611");
    }

    #[test]
    fn invalid_numbers() {
        for input in [
            "123456789", // sum 147
            "111222334", // sum 65
            "012345678", // sum 104
            "12345678",  // the same, padded
            "000000000", // sum 0
            "100000009", // sum 0: divisible by 11, still refused
            "1234567",
            "1112223330",
            "",
            "11122233a",
            "111-22-333",
            "+11222333",
            "１１１２２２３３３",
        ] {
            assert_eq!(Bsn::parse(input), None, "{input:?}");
        }
    }
}
