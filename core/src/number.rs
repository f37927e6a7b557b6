//! Reading numbers the way upstream sources write them: JSON numbers or strings, decimal comma, stray
//! spaces, an optional `%` sign.

use serde_json::Value;

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
pub fn read_number(value: Option<&Value>) -> Result<SourceNumber, NotANumber> {
    match value {
        None | Some(Value::Null) => Err(NotANumber::Absent),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(|value| SourceNumber {
                value,
                percent: false,
            })
            .ok_or_else(|| NotANumber::Unreadable(n.to_string())),
        Some(Value::String(text)) => parse_number_text(text),
        Some(other) => Err(NotANumber::Unreadable(shorten(&other.to_string()))),
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
    digits
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|value| SourceNumber { value, percent })
        .ok_or_else(unreadable)
}

/// Reads a count of people: a non-negative whole number (as a number or a string).
pub fn read_count(value: Option<&Value>) -> Result<u32, NotANumber> {
    let number = read_number(value)?;
    let v = number.value;
    if number.percent || v < 0.0 || v.fract() != 0.0 || v > f64::from(u32::MAX) {
        return Err(NotANumber::Unreadable(found_text(value)));
    }
    Ok(v as u32)
}

/// A number's value as the source wrote it, shortened, for messages about it. Never re-formats an
/// `f64`: that would put Rust's float formatting (kilobytes of Wasm) into the widget.
pub fn found_text(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::String(text)) => shorten(text.trim()),
        Some(other) => shorten(&other.to_string()),
    }
}

/// Reads a text field that sources sometimes write as a number (`31054` for `"31054"`).
pub fn read_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
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
    use serde_json::json;

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
        assert_eq!(read_number(Some(&Value::Null)), Err(NotANumber::Absent));
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
