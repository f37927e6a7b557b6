//! A parsed JSON value, as the decoders read it.
//!
//! Core has its own value type, deserializable with any serde deserializer, so that JSON text can be
//! parsed by whoever parses it best: natively, `serde_json` (the `serde_json` feature); in the browser,
//! the browser's own `JSON.parse`, whose result `serde-wasm-bindgen` turns into a [`Json`]. The widget
//! then carries no JSON parser, no float parsing or formatting and no `BTreeMap` of its own.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// How deeply arrays and objects may nest (as `serde_json`'s limit): deeper input is refused rather
/// than allowed to exhaust the stack.
pub const MAX_DEPTH: u32 = 128;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null` (and JavaScript's `undefined`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object.
    Object(Object),
}

/// A JSON object: its members in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Vec<(String, Json)>);

/// A JSON number: whole numbers are kept exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Json {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }
}

impl Object {
    /// The value of a member; when a key is repeated, the last one wins (as with `JSON.parse` and
    /// `serde_json`).
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether the object has this member.
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl FromIterator<(String, Json)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Json)>>(members: I) -> Object {
        Object(members.into_iter().collect())
    }
}

impl Number {
    /// The value as an `f64` (whole numbers beyond 2^53 are rounded).
    pub fn as_f64(self) -> f64 {
        match self.0 {
            N::Unsigned(n) => n as f64,
            N::Signed(n) => n as f64,
            N::Float(v) => v,
        }
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Number {
        Number(N::Float(value))
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Number {
        Number(N::Signed(value))
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Number {
        Number(N::Unsigned(value))
    }
}

/// Whole numbers exactly; other numbers with at most six decimals (in scientific notation from 10^15):
/// numbers are only ever written back in messages about what a source sent, and Rust's exact float
/// formatting would cost the widget about 15 KB of Wasm.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = match self.0 {
            N::Unsigned(n) => return write!(f, "{n}"),
            N::Signed(n) => return write!(f, "{n}"),
            N::Float(v) => v,
        };
        if !v.is_finite() {
            return f.write_str(if v.is_nan() { "NaN" } else { "inf" });
        }
        if v < 0.0 {
            f.write_str("-")?;
        }
        let (mut magnitude, mut exponent) = (v.abs(), 0);
        while magnitude >= 1e15 {
            magnitude /= 10.0;
            exponent += 1;
        }
        if exponent > 0 {
            // One digit before the point, as in 1.5e300.
            while magnitude >= 10.0 {
                magnitude /= 10.0;
                exponent += 1;
            }
        }
        let millionths = (magnitude * 1e6).round() as u64;
        let (whole, fraction) = (millionths / 1_000_000, millionths % 1_000_000);
        write!(f, "{whole}")?;
        if fraction != 0 {
            let mut digits = fraction;
            let mut width = 6;
            while digits % 10 == 0 {
                digits /= 10;
                width -= 1;
            }
            write!(f, ".{digits:0width$}")?;
        }
        if exponent > 0 {
            write!(f, "e{exponent}")?;
        }
        Ok(())
    }
}

/// Compact JSON, for messages about what a source sent.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Json::Number(n) => n.fmt(f),
            Json::String(text) => write_string(f, text),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Json::Object(object) => {
                f.write_str("{")?;
                for (i, (key, value)) in object.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    f.write_str(":")?;
                    value.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        Nested { depth: 0 }.deserialize(deserializer)
    }
}

/// Deserializes one value `depth` levels down.
#[derive(Clone, Copy)]
struct Nested {
    depth: u32,
}

impl Nested {
    fn inner<E: de::Error>(self) -> Result<Nested, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("JSON nested too deeply"));
        }
        Ok(Nested {
            depth: self.depth + 1,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Nested {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Nested {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let inner = self.inner()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let inner = self.inner()?;
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            members.push((key, map.next_value_seed(inner)?));
        }
        Ok(Json::Object(Object(members)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Json> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn any_json_text_is_read() {
        let value = parse(r#"{"a": [1, -2, 0.5, "x", null, true], "b": {}, "a": 3}"#).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.get("a"), Some(&Json::Number(3u64.into())));
        assert_eq!(object.get("b"), Some(&Json::Object(Object::default())));
        assert!(object.contains_key("b") && !object.contains_key("c"));
        assert_eq!(
            value.to_string(),
            r#"{"a":[1,-2,0.5,"x",null,true],"b":{},"a":3}"#
        );
    }

    #[test]
    fn nesting_is_limited_as_serde_json_limits_it() {
        let nested = |levels: u32| {
            let mut value = serde_json::Value::Null;
            for _ in 0..levels {
                value = serde_json::Value::Array(vec![value]);
            }
            value
        };
        assert!(Json::deserialize(&nested(MAX_DEPTH)).is_ok());
        assert!(Json::deserialize(&nested(MAX_DEPTH + 1)).is_err());
    }

    #[test]
    fn numbers_are_written_back_readably() {
        let text = |v: f64| Number::from(v).to_string();
        assert_eq!(text(0.5), "0.5");
        assert_eq!(text(-2.25), "-2.25");
        assert_eq!(text(60.0), "60");
        assert_eq!(text(0.1234567), "0.123457");
        assert_eq!(text(1.5e300), "1.5e300");
        assert_eq!(Number::from(u64::MAX).to_string(), "18446744073709551615");
        assert_eq!(Number::from(-7i64).to_string(), "-7");
        assert_eq!(
            Json::String("a\"b\\\n\u{1}é".into()).to_string(),
            r#""a\"b\\\n\u0001é""#
        );
    }
}
