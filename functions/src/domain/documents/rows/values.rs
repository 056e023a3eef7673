//! One cell's value: dates, amounts, percentages and names as payroll offices and
//! occupational health services write them.

use chrono::NaiveDate;

pub use super::super::findings::DateProblem;
use super::super::headers::{fold, normalize};
use crate::domain::money::{DecimalError, Money, Percent};

/// A date as ISO (`2025-03-01`, also with a time of day as spreadsheets export
/// it) or day first (`01-03-2025`, `1-3-2025`, `01/03/2025`, `01.03.2025`). Day
/// first is the Dutch order; month-first (US) dates are not guessed. Two-digit
/// years are refused: `01-03-25` could be 1925 or 2025.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateProblem> {
    let s = input.trim();
    if let Some(date) = ten_digit_date(s.as_bytes()) {
        return date;
    }
    parse_date_generally(s)
}

/// [`parse_date`] for any text (trimmed).
fn parse_date_generally(s: &str) -> Result<NaiveDate, DateProblem> {
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (s, None),
    };
    if let Some(time) = time {
        let is_time = time.len() >= 4
            && time
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
            && time.contains(':');
        if !is_time {
            return Err(DateProblem::NotADate);
        }
    }
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if date.len() == 10 && date.as_bytes()[4] == b'-' {
        let mut parts = date.split('-');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d), None) => {
                (digits(y, 4..=4), digits(m, 2..=2), digits(d, 2..=2))
            }
            _ => (None, None, None),
        }
    } else {
        let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'));
        let mut parts = separator.map(|sep| date.split(sep));
        match parts
            .as_mut()
            .map(|p| (p.next(), p.next(), p.next(), p.next()))
        {
            Some((Some(d), Some(m), Some(y), None)) => {
                (digits(y, 4..=4), digits(m, 1..=2), digits(d, 1..=2))
            }
            _ => (None, None, None),
        }
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(DateProblem::NotADate);
    };
    let year = i32::try_from(year).map_err(|_| DateProblem::NotADate)?;
    if !(1900..=2100).contains(&year) {
        return Err(DateProblem::Impossible);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::Impossible)
}

/// The common forms `dd-mm-yyyy` (with `-`, `/` or `.`) and `yyyy-mm-dd` read
/// from the bytes, with the same outcome as the general route; `None` when the
/// text has another shape.
fn ten_digit_date(s: &[u8]) -> Option<Result<NaiveDate, DateProblem>> {
    let [a, b, c, d, e, f, g, h, i, j] = *s else {
        return None;
    };
    let digit = |x: u8| x.is_ascii_digit().then(|| u32::from(x - b'0'));
    let two = |x, y| Some(digit(x)? * 10 + digit(y)?);
    let four = |w, x, y, z| Some(two(w, x)? * 100 + two(y, z)?);
    let (year, month, day) = if e == b'-' && h == b'-' {
        (four(a, b, c, d)?, two(f, g)?, two(i, j)?)
    } else if c == f && matches!(c, b'-' | b'/' | b'.') {
        (four(g, h, i, j)?, two(d, e)?, two(a, b)?)
    } else {
        return None;
    };
    let year = i32::try_from(year).ok()?;
    Some(if (1900..=2100).contains(&year) {
        NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::Impossible)
    } else {
        Err(DateProblem::Impossible)
    })
}

/// An amount as a payroll export writes it: `52.350,00`, `52350,00`, `52350.00`,
/// `€ 52.350,00`, `EUR 52350`. A minus sign or accounting parentheses make it
/// negative, which no input amount may be; everything else is
/// [`Money::parse_grouped`]'s rule (so `52.350` is ambiguous and refused).
pub fn parse_amount(input: &str) -> Result<Money, DecimalError> {
    let mut s = input.trim();
    // No sign, currency or parentheses to take off.
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    if digit(s.as_bytes().first()) && digit(s.as_bytes().last()) {
        return Money::parse_grouped(s);
    }
    let mut negative = false;
    for _ in 0..2 {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest.trim_start();
        }
        for currency in ["€", "EUR", "eur", "Eur"] {
            if let Some(rest) = s
                .strip_prefix(currency)
                .or_else(|| s.strip_suffix(currency))
            {
                s = rest.trim();
            }
        }
    }
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    let amount = Money::parse_grouped(s)?;
    if negative && amount != Money::ZERO {
        return Err(DecimalError::Negative);
    }
    Ok(amount)
}

/// A percentage 0 to 100: `50`, `50%`, `50 %`, `50,5`, `50.5`.
pub fn parse_percent(input: &str) -> Result<Percent, DecimalError> {
    let s = input.trim();
    let s = s.strip_suffix('%').unwrap_or(s);
    Percent::parse(s)
}

/// Name prefixes (tussenvoegsels) that may stand before or after a last name.
const PREFIXES: &[&str] = &[
    "van", "von", "vom", "de", "der", "den", "des", "het", "'t", "’t", "te", "ter", "ten", "in",
    "op", "aan", "bij", "uit", "la", "le", "du", "da", "di", "del", "dos", "das", "d'", "l'",
];

fn is_prefix(token: &str) -> bool {
    PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(token))
}

/// Initials: groups of one to three letters, each starting with a capital,
/// separated by dots (`J.`, `J.P.`, `Th.`, `J. P.`, `IJ.`), at most six letters;
/// or up to three capitals without dots (`JP`). A first name (`Jan`) is not
/// initials, nor is an upper-case surname (`JANSEN`).
pub fn is_initials(token: &str) -> bool {
    if token.is_ascii() {
        return is_ascii_initials(token.as_bytes());
    }
    let compact: std::borrow::Cow<str> = if token.contains(char::is_whitespace) {
        token.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        token.into()
    };
    if compact.is_empty() {
        return false;
    }
    let letters = compact.chars().filter(|c| c.is_alphabetic()).count();
    if !(1..=6).contains(&letters) {
        return false;
    }
    if compact.contains('.') {
        compact
            .split(['.', '-'])
            .filter(|part| !part.is_empty())
            .all(|part| {
                let n = part.chars().count();
                (1..=3).contains(&n)
                    && part.chars().all(char::is_alphabetic)
                    && part.chars().next().is_some_and(char::is_uppercase)
            })
    } else {
        compact
            .chars()
            .all(|c| c.is_alphabetic() && c.is_uppercase())
            && letters <= 3
    }
}

/// [`is_initials`] over ASCII: letters are `is_ascii_alphabetic`, capitals
/// `is_ascii_uppercase`, white space the ASCII characters `char::is_whitespace`
/// takes (tab to carriage return, space).
fn is_ascii_initials(token: &[u8]) -> bool {
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let compact = || token.iter().filter(|b| !space(b));
    let letters = compact().filter(|b| b.is_ascii_alphabetic()).count();
    if !(1..=6).contains(&letters) {
        return false;
    }
    if compact().any(|&b| b == b'.') {
        let mut part = 0;
        let mut ok = true;
        for &b in compact().chain(std::iter::once(&b'.')) {
            if b == b'.' || b == b'-' {
                ok &= part <= 3;
                part = 0;
            } else {
                ok &= b.is_ascii_alphabetic() && (part > 0 || b.is_ascii_uppercase());
                part += 1;
            }
        }
        ok
    } else {
        compact().all(u8::is_ascii_uppercase) && letters <= 3
    }
}

/// A last name: letters, spaces, hyphens, apostrophes, and the dots and comma of
/// "Berg, J.P. van der"; at least one letter.
pub fn is_name(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text.chars().all(|c| {
            c.is_alphabetic()
                || c.is_whitespace()
                || matches!(c, '-' | '\'' | '’' | '‘' | '.' | ',')
        })
}

/// A name cell taken apart: initials (when the cell holds them), prefix, last name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub initials: Option<String>,
    pub prefix: String,
    pub last_name: String,
}

/// Splits a name cell: "Jansen", "van der Berg", "Berg van der", "Berg, van der",
/// "Jansen, J.", "J. Jansen", "J.P. van der Berg", "Berg, J.P. van der",
/// "Jansen J.". Initials are taken only from the start or the end (or after a
/// comma), and the last word is always kept as the last name, so "J. LI" keeps "LI".
pub fn split_name(cell: &str) -> NameParts {
    // One word: the last name alone.
    if !cell.is_empty() && !cell.contains(|c: char| c == ',' || c.is_whitespace()) {
        return NameParts {
            initials: None,
            prefix: String::new(),
            last_name: cell.to_owned(),
        };
    }
    let (main, after_comma) = match cell.split_once(',') {
        Some((main, rest)) => (main, Some(rest)),
        None => (cell, None),
    };
    let mut tokens: Vec<&str> = main.split_whitespace().collect();
    let mut initials: Vec<&str> = Vec::new();
    let mut prefix: Vec<&str> = Vec::new();
    if let Some(rest) = after_comma {
        for token in rest.split_whitespace() {
            if is_prefix(token) {
                prefix.push(token);
            } else if is_initials(token) {
                initials.push(token);
            }
        }
    } else {
        while tokens.len() > 1 && !is_prefix(tokens[0]) && is_initials(tokens[0]) {
            initials.push(tokens.remove(0));
        }
        if initials.is_empty() {
            let mut trailing = Vec::new();
            while tokens.len() > 1
                && tokens
                    .last()
                    .is_some_and(|t| !is_prefix(t) && is_initials(t))
            {
                trailing.extend(tokens.pop());
            }
            trailing.reverse();
            initials = trailing;
        }
    }
    // Prefix words before the last name, or after it ("Berg van der").
    let mut leading = 0;
    while leading + 1 < tokens.len() && is_prefix(tokens[leading]) {
        leading += 1;
    }
    let mut trailing_start = tokens.len();
    while trailing_start > leading + 1 && is_prefix(tokens[trailing_start - 1]) {
        trailing_start -= 1;
    }
    prefix.splice(0..0, tokens[..leading].iter().copied());
    prefix.extend(&tokens[trailing_start..]);
    NameParts {
        initials: (!initials.is_empty()).then(|| initials.join(" ")),
        prefix: prefix.join(" "),
        last_name: tokens[leading..trailing_start].join(" "),
    }
}

/// Initials as compared: their letters in capitals ("J.P." and "jp" are "JP").
pub fn initials_key(initials: &str) -> String {
    normalize(initials).replace(' ', "").to_uppercase()
}

/// A surname as compared: prefix and last name together, letters only, lower case
/// ("van der Berg", "Van der Berg" and "vanderberg" are one).
pub fn surname_key(prefix: &str, last_name: &str) -> String {
    let mut key = String::with_capacity(prefix.len() + last_name.len());
    for c in prefix
        .chars()
        .chain(last_name.chars())
        .flat_map(char::to_lowercase)
    {
        match fold(c) {
            Some(plain) => key.push_str(plain),
            None if c.is_alphanumeric() => key.push(c),
            None => {}
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII initials route agrees with the general one.
        #[test]
        fn ascii_initials_agree(token in "[A-Za-z .\\-\t\x0b]{0,9}|[A-Z]{1,3}|([A-Z][a-z]{0,2}[.] ?){1,4}") {
            let compact: String = token.chars().filter(|c| !c.is_whitespace()).collect();
            let general = !compact.is_empty()
                && (1..=6).contains(&compact.chars().filter(|c| c.is_alphabetic()).count())
                && if compact.contains('.') {
                    compact.split(['.', '-']).filter(|p| !p.is_empty()).all(|p| {
                        (1..=3).contains(&p.chars().count())
                            && p.chars().all(char::is_alphabetic)
                            && p.chars().next().is_some_and(char::is_uppercase)
                    })
                } else {
                    compact.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
                        && compact.chars().filter(|c| c.is_alphabetic()).count() <= 3
                };
            proptest::prop_assert_eq!(is_initials(&token), general, "{:?}", token);
        }

        /// The ten-character route agrees with the general one.
        #[test]
        fn ten_digit_dates_agree(text in "[0-9]{2,4}[-/.][0-9]{1,2}[-/.][0-9]{2,4}|[0-9./-]{10}") {
            if let Some(fast) = ten_digit_date(text.as_bytes()) {
                proptest::prop_assert_eq!(fast, parse_date_generally(&text), "{}", text);
            }
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates() {
        for (input, expected) in [
            ("2025-03-01", date(2025, 3, 1)),
            ("01-03-2025", date(2025, 3, 1)),
            ("1-3-2025", date(2025, 3, 1)),
            ("01/03/2025", date(2025, 3, 1)),
            ("1/3/2025", date(2025, 3, 1)),
            ("01.03.2025", date(2025, 3, 1)),
            (" 29-02-2024 ", date(2024, 2, 29)),
            ("2025-03-01 00:00:00", date(2025, 3, 1)),
            ("2025-03-01T00:00:00", date(2025, 3, 1)),
            ("31-12-2025", date(2025, 12, 31)),
        ] {
            assert_eq!(parse_date(input), Ok(expected), "{input}");
        }
        for input in [
            "31-02-2025",
            "29-02-2025",
            "32-01-2025",
            "01-13-2025",
            "2025-02-30",
            "00-01-2025",
            "01-01-1850",
            "01-01-2200",
        ] {
            assert_eq!(parse_date(input), Err(DateProblem::Impossible), "{input}");
        }
        for input in [
            "",
            "morgen",
            "01-03-25",
            "2025/03/01",
            "01-03/2025",
            "1-3-2025-4",
            "2025-3-1",
            "01032025",
            "01-03-2025 morgen",
            "+1-03-2025",
            "01 03 2025",
            "١٢-٠٣-٢٠٢٥",
            "2025-03-01T",
        ] {
            assert_eq!(parse_date(input), Err(DateProblem::NotADate), "{input}");
        }
    }

    #[test]
    fn amounts() {
        let m = |s: &str| Money::parse_non_negative(s).unwrap();
        for (input, expected) in [
            ("52.350,00", m("52350")),
            ("52350,00", m("52350")),
            ("52350.00", m("52350")),
            ("€ 52.350,00", m("52350")),
            ("€52.350,00", m("52350")),
            ("52.350,00 €", m("52350")),
            ("EUR 1.234.567,89", m("1234567.89")),
            ("0", m("0")),
            ("-0,00", m("0")),
            ("0,01", m("0.01")),
            ("52,350.50", m("52350.5")),
        ] {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
        for (input, problem) in [
            ("-100", DecimalError::Negative),
            ("-€ 100,00", DecimalError::Negative),
            ("€ -100,00", DecimalError::Negative),
            ("(100,00)", DecimalError::Negative),
            ("52.350", DecimalError::Ambiguous),
            ("abc", DecimalError::NotANumber),
            ("", DecimalError::NotANumber),
            ("€", DecimalError::NotANumber),
            ("1,2,3", DecimalError::NotANumber),
            ("10,005", DecimalError::Ambiguous),
            ("10,0051", DecimalError::TooPrecise),
            ("99999999999999999999", DecimalError::TooLarge),
        ] {
            assert_eq!(parse_amount(input), Err(problem), "{input}");
        }
    }

    #[test]
    fn percentages() {
        for (input, expected) in [
            ("50", "50"),
            ("50%", "50"),
            ("50 %", "50"),
            ("50,5", "50.5"),
            ("50.5", "50.5"),
            ("0", "0"),
            ("100", "100"),
            ("100%", "100"),
        ] {
            assert_eq!(
                parse_percent(input).map(|p| p.to_string()),
                Ok(expected.to_owned()),
                "{input}"
            );
        }
        for (input, problem) in [
            ("101", DecimalError::OutOfRange),
            ("100,01", DecimalError::OutOfRange),
            ("-5", DecimalError::Negative),
            ("", DecimalError::NotANumber),
            ("vijftig", DecimalError::NotANumber),
            ("50%%", DecimalError::NotANumber),
        ] {
            assert_eq!(parse_percent(input), Err(problem), "{input}");
        }
    }

    #[test]
    fn initials_and_names() {
        for ok in [
            "J.", "J.P.", "JP", "J", "J.P", "J. P.", "Th.", "IJ.", "A.B.C.D.", "Chr.",
        ] {
            assert!(is_initials(ok), "{ok}");
        }
        for bad in [
            "",
            "Jan",
            "jp",
            "1.",
            "J.P.Q.R.S.T.U.",
            "Jansen",
            "J4",
            "Jans.",
            "JPMK",
        ] {
            assert!(!is_initials(bad), "{bad}");
        }
        for ok in [
            "Jansen",
            "van der Berg",
            "Jansen-de Vries",
            "O'Brien",
            "’t Hart",
            "Çelik",
            "Berg, J.P. van der",
        ] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in ["", "  ", "123", "Jansen1", "J@nsen", "-", "Jansen;"] {
            assert!(!is_name(bad), "{bad}");
        }
    }

    #[test]
    fn splits_name_cells() {
        let parts = |initials: Option<&str>, prefix: &str, last: &str| NameParts {
            initials: initials.map(str::to_owned),
            prefix: prefix.to_owned(),
            last_name: last.to_owned(),
        };
        for (cell, expected) in [
            ("Jansen", parts(None, "", "Jansen")),
            ("Jansen, J.", parts(Some("J."), "", "Jansen")),
            ("J. Jansen", parts(Some("J."), "", "Jansen")),
            ("Jansen J.P.", parts(Some("J.P."), "", "Jansen")),
            ("J.P. van der Berg", parts(Some("J.P."), "van der", "Berg")),
            ("Berg, J.P. van der", parts(Some("J.P."), "van der", "Berg")),
            ("Berg, van der", parts(None, "van der", "Berg")),
            ("Berg van der", parts(None, "van der", "Berg")),
            ("van der Berg", parts(None, "van der", "Berg")),
            ("J. LI", parts(Some("J."), "", "LI")),
            ("JP de Vries", parts(Some("JP"), "de", "Vries")),
            ("J. DE VRIES", parts(Some("J."), "DE", "VRIES")),
            ("Jan Jansen", parts(None, "", "Jan Jansen")),
            ("Jansen-de Vries", parts(None, "", "Jansen-de Vries")),
            ("De", parts(None, "", "De")),
            ("", parts(None, "", "")),
            (",", parts(None, "", "")),
        ] {
            assert_eq!(split_name(cell), expected, "{cell}");
        }
    }

    #[test]
    fn keys_compare_spelling_variants() {
        assert_eq!(initials_key("J.P."), "JP");
        assert_eq!(initials_key("j. p"), "JP");
        assert_eq!(initials_key("Th."), "TH");
        assert_eq!(
            surname_key("van der", "Berg"),
            surname_key("", "Van der Berg")
        );
        assert_eq!(surname_key("", "Çelik"), "celik");
        assert_eq!(surname_key("", "’t Hart"), surname_key("'t", "Hart"));
        assert_ne!(surname_key("", "Berg"), surname_key("van der", "Berg"));
    }
}
