//! The burgerservicenummer (BSN): 9 digits passing the 11-check, and its keyed
//! hash for searching without comparing the number itself.

/// A BSN that passed the 11-check, always 9 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bsn(String);

/// Weights of the 11-check; the final −1 keeps bank account numbers from passing.
const WEIGHTS: [i32; 9] = [9, 8, 7, 6, 5, 4, 3, 2, -1];

impl Bsn {
    /// 9 digits, or 8 that get a leading zero (spreadsheets drop it); the weighted
    /// sum must be divisible by 11 and greater than 0 (which refuses 000000000).
    /// Spaces and dots between the digits are dropped, as people type a BSN
    /// ("131 860 914", "131.860.914"); any other character makes it invalid.
    pub fn parse(input: &str) -> Option<Bsn> {
        let s: String = input.chars().filter(|c| *c != ' ' && *c != '.').collect();
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

    /// HMAC-SHA256 of the nine digits under `key` (`Keys::bsn_search`), in hex:
    /// what a search by full BSN compares, so no query needs the number itself.
    pub fn search_hash(&self, key: &[u8; 32]) -> String {
        super::ids::hex(&hmac_sha256::HMAC::mac(self.0.as_bytes(), key))
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
            // As typed: spaces and dots between groups.
            ("131 860 914", "131860914"),
            ("131.860.914", "131860914"),
            ("1318 60914", "131860914"),
            ("12.345.611", "012345611"),
        ] {
            let bsn = Bsn::parse(input).unwrap_or_else(|| panic!("{input} is valid"));
            assert_eq!(bsn.as_str(), stored);
        }
        assert_eq!(Bsn::parse("123456782").unwrap().last4(), "6782");
        assert_eq!(Bsn::parse("12345611").unwrap().last4(), "5611");
    }

    #[test]
    fn search_hash_is_keyed_and_stable() {
        let bsn = Bsn::parse("131860914").unwrap();
        let typed = Bsn::parse("131 860 914").unwrap();
        assert_eq!(bsn.search_hash(&[1; 32]), typed.search_hash(&[1; 32]));
        assert_eq!(bsn.search_hash(&[1; 32]).len(), 64);
        assert_ne!(bsn.search_hash(&[1; 32]), bsn.search_hash(&[2; 32]));
        assert_ne!(
            bsn.search_hash(&[1; 32]),
            Bsn::parse("111222333").unwrap().search_hash(&[1; 32])
        );
        // RFC 4231 test case 2: the HMAC itself is the standard one.
        let mac = hmac_sha256::HMAC::mac(b"what do ya want for nothing?", b"Jefe");
        assert_eq!(
            super::super::ids::hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
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
            "131,860,914",
            "131\t860\t914",
            "131\u{a0}860\u{a0}914",
            "131/860/914",
            " . ",
            "1318609145",
        ] {
            assert_eq!(Bsn::parse(input), None, "{input:?}");
        }
    }
}
