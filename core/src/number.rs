//! Reading numbers the way upstream sources write them: JSON numbers or strings, decimal comma, stray
//! spaces, an optional `%` sign.

use crate::json::Json;

/// A number read from a source, remembering whether it was written as a percentage (`"63 %"`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SourceNumber {
    /// The value as written (63 for `"63 %"`).
    pub value: f64,
    /// Whether a `%` sign followed it.
    pub percent: bool,
}

/// What a source field held instead of a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotANumber {
    /// Missing key or `null`.
    Absent,
    /// An empty or blank string: the source's way of saying "not published".
    Blank,
    /// Anything else; the text says what was found.
    Unreadable(String),
}

/// Reads a JSON value as a number, leniently. `None` stands for a missing key.
pub fn read_number(value: Option<&Json>) -> Result<SourceNumber, NotANumber> {
    match value {
        None | Some(Json::Null) => Err(NotANumber::Absent),
        Some(Json::Number(n)) => Some(n.as_f64())
            .filter(|v| v.is_finite())
            .map(|value| SourceNumber {
                value,
                percent: false,
            })
            .ok_or_else(|| NotANumber::Unreadable(n.to_string())),
        Some(Json::String(text)) => parse_number_text(text),
        Some(other) => Err(NotANumber::Unreadable(found_text(Some(other)))),
    }
}

/// Parses `" 0,2 "`, `"63 %"`, `"1 234,5"` (any Unicode space as a digit group separator).
pub fn parse_number_text(text: &str) -> Result<SourceNumber, NotANumber> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202F}')
        .collect();
    if compact.is_empty() {
        return Err(NotANumber::Blank);
    }
    let (digits, percent) = match compact.strip_suffix('%') {
        Some(rest) => (rest, true),
        None => (compact.as_str(), false),
    };
    let unreadable = || NotANumber::Unreadable(shorten(text));
    // Only plain decimal notation: no exponents, no "inf", no "NaN", one decimal separator at most.
    let mut separators = 0;
    for (i, c) in digits.chars().enumerate() {
        match c {
            '0'..='9' => {}
            '.' | ',' => separators += 1,
            '-' | '+' if i == 0 => {}
            _ => return Err(unreadable()),
        }
    }
    if separators > 1 || !digits.chars().any(|c| c.is_ascii_digit()) {
        return Err(unreadable());
    }
    parse_decimal(&digits.replace(',', "."))
        .map(|value| SourceNumber { value, percent })
        .ok_or_else(unreadable)
}

/// Parses plain decimal notation: an optional sign, digits, and at most one `.` with digits on at least
/// one side (`"63"`, `"-0.5"`, `".5"`, `"2."`). No exponent, no `inf`, no `NaN`, no spaces: `None` for
/// anything else and for values too large for an `f64`.
///
/// The one text-to-number conversion of the product (the widget reads its `timeout` attribute with it
/// too). It replaces `str::parse::<f64>`, whose general algorithm and tables cost about 15 KB of Wasm:
/// up to 19 significant digits are read exactly into an integer and scaled by a power of ten in one
/// correctly rounded operation, so any number of up to 15 significant digits comes out exactly as
/// `str::parse` gives it (Clinger's fast path); longer ones are within one unit in the last place.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Significant digits into `mantissa` (at most 19, so it never overflows), and the power of ten
    // that scales it back.
    const MAX_DIGITS: u32 = 19;
    let mut mantissa: u64 = 0;
    let mut taken = 0;
    let mut exponent: i32 = 0;
    for (digit, in_fraction) in whole
        .bytes()
        .map(|d| (d, false))
        .chain(fraction.bytes().map(|d| (d, true)))
    {
        let digit = u64::from(digit - b'0');
        if taken < MAX_DIGITS && (mantissa != 0 || digit != 0) {
            mantissa = mantissa * 10 + digit;
            taken += 1;
            exponent -= i32::from(in_fraction);
        } else if taken < MAX_DIGITS {
            // A leading zero.
            exponent -= i32::from(in_fraction);
        } else if !in_fraction {
            // A whole-part digit beyond what the mantissa holds.
            exponent += 1;
        }
    }
    let magnitude = scale(mantissa as f64, exponent);
    magnitude
        .is_finite()
        .then_some(if negative { -magnitude } else { magnitude })
}

/// `value × 10^exponent`, with one rounding when the power of ten is exact (up to 10^22).
fn scale(value: f64, exponent: i32) -> f64 {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut value = value;
    let mut exponent = exponent;
    while exponent > 22 {
        value *= 1e22;
        exponent -= 22;
    }
    while exponent < -22 {
        value /= 1e22;
        exponent += 22;
    }
    let power = EXACT[exponent.unsigned_abs() as usize];
    if exponent < 0 {
        value / power
    } else {
        value * power
    }
}

/// Reads a count of people: a non-negative whole number (as a number or a string).
pub fn read_count(value: Option<&Json>) -> Result<u32, NotANumber> {
    let number = read_number(value)?;
    let v = number.value;
    if number.percent || v < 0.0 || v.fract() != 0.0 || v > f64::from(u32::MAX) {
        return Err(NotANumber::Unreadable(found_text(value)));
    }
    Ok(v as u32)
}

/// A value as the source sent it, shortened, for messages about it: a string as written, anything else
/// as compact JSON (see [`Json`]'s `Display`: Rust's float formatting stays out of the widget).
pub fn found_text(value: Option<&Json>) -> String {
    match value {
        None => String::new(),
        Some(Json::String(text)) => shorten(text.trim()),
        Some(other) => shorten(&other.to_string()),
    }
}

/// Reads a text field that sources sometimes write as a number (`31054` for `"31054"`).
pub fn read_text(value: Option<&Json>) -> Option<String> {
    match value? {
        Json::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        text.chars().take(MAX).chain("…".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// `json!` as core's [`Json`].
    macro_rules! json {
        ($($json:tt)+) => {
            Json::deserialize(serde_json::json!($($json)+)).unwrap()
        };
    }

    fn n(value: f64, percent: bool) -> Result<SourceNumber, NotANumber> {
        Ok(SourceNumber { value, percent })
    }

    #[test]
    fn numbers_and_strings_are_read() {
        assert_eq!(read_number(Some(&json!(0.4))), n(0.4, false));
        assert_eq!(read_number(Some(&json!("0.4"))), n(0.4, false));
        assert_eq!(read_number(Some(&json!(" 0,2 "))), n(0.2, false));
        assert_eq!(read_number(Some(&json!("63 %"))), n(63.0, true));
        assert_eq!(read_number(Some(&json!("63\u{202F}%"))), n(63.0, true));
        assert_eq!(read_number(Some(&json!("1 234,5"))), n(1234.5, false));
    }

    #[test]
    fn absence_and_blanks_are_told_apart_from_garbage() {
        assert_eq!(read_number(None), Err(NotANumber::Absent));
        assert_eq!(read_number(Some(&Json::Null)), Err(NotANumber::Absent));
        assert_eq!(read_number(Some(&json!(""))), Err(NotANumber::Blank));
        assert_eq!(read_number(Some(&json!("  "))), Err(NotANumber::Blank));
        for bad in [
            json!("NaN"),
            json!("inf"),
            json!("1e3"),
            json!("0.4.1"),
            json!("abc"),
            json!(true),
            json!([1]),
        ] {
            assert!(
                matches!(read_number(Some(&bad)), Err(NotANumber::Unreadable(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn counts_are_whole_and_non_negative() {
        assert_eq!(read_count(Some(&json!(61))), Ok(61));
        assert_eq!(read_count(Some(&json!("212"))), Ok(212));
        assert!(read_count(Some(&json!(-1))).is_err());
        assert!(read_count(Some(&json!(60.5))).is_err());
        assert!(read_count(Some(&json!("60 %"))).is_err());
    }

    #[test]
    fn plain_decimals_parse_as_the_standard_library_parses_them() {
        for text in [
            "0",
            "-0",
            "0.4",
            "0.2",
            "0.6",
            "0.8",
            "1",
            "63",
            "63.5",
            "0.635",
            "0.6349",
            ".5",
            "5.",
            "+5",
            "-0.5",
            "1234.5",
            "0.43",
            "0.53",
            "0.60",
            "0.68",
            "100",
            "0.005",
            "000.0100",
            "120",
            "8",
            "0.1",
            "123456789012345",
            "0.000000000000000000000000001",
        ] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for bad in [
            "", "-", "+", ".", "1e3", "inf", "NaN", "1.2.3", " 1", "1 ", "--1", "0x10",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
        assert_eq!(parse_decimal(&format!("1{}", "0".repeat(400))), None);
        assert_eq!(parse_decimal(&format!("0.{}1", "0".repeat(400))), Some(0.0));
    }

    proptest::proptest! {
        #[test]
        fn short_decimals_are_exact_and_long_ones_within_an_ulp(
            negative: bool,
            whole in "[0-9]{0,12}",
            fraction in proptest::option::of("[0-9]{0,30}"),
        ) {
            let text = format!(
                "{}{whole}{}",
                if negative { "-" } else { "" },
                fraction.map(|f| format!(".{f}")).unwrap_or_default()
            );
            let expected = text.parse::<f64>().ok();
            let parsed = parse_decimal(&text);
            let significant = text
                .trim_start_matches(['-', '0', '.'])
                .chars()
                .filter(char::is_ascii_digit)
                .count();
            if significant <= 15 || expected.is_none() {
                proptest::prop_assert_eq!(parsed, expected, "{}", text);
            } else {
                let (parsed, expected) = (parsed.unwrap(), expected.unwrap());
                proptest::prop_assert!(
                    (parsed - expected).abs() <= expected.abs() * f64::EPSILON,
                    "{text}: {parsed} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn a_refused_count_is_quoted_as_the_source_wrote_it() {
        let found = |value| match read_count(Some(&value)) {
            Err(NotANumber::Unreadable(found)) => found,
            other => panic!("{other:?}"),
        };
        assert_eq!(found(json!(60.5)), "60.5");
        assert_eq!(found(json!(-1)), "-1");
        assert_eq!(found(json!(" 60 % ")), "60 %");
    }
}
