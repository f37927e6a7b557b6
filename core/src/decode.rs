//! Lenient decoding of whatever a proxy answers: France Travail's upstream format, the normalized format,
//! refusals, and everything that is not data.
//!
//! Leniency is per field: one bad field makes that level unavailable, never the whole answer. Every
//! decoded answer goes through [`Ranking::new`], so the secrecy rule is applied whatever the source
//! claimed.

mod normalized;
mod refusal;
mod upstream;

use crate::json::Json;
use crate::problem::Problem;
use crate::ranking::Ranking;

/// Decodes an HTTP answer: status, `Content-Type` and body, parsing JSON with `serde_json`.
#[cfg(feature = "serde_json")]
pub fn decode_response(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Ranking, Problem> {
    decode_response_with(status, content_type, body, parse_json)
}

/// Decodes an HTTP answer: status, `Content-Type` and body, with the caller's JSON parser: `parse_json`
/// gives the value of a JSON text, `None` when the text is not JSON. The widget passes the browser's
/// `JSON.parse`; [`decode_response`] passes `serde_json`.
pub fn decode_response_with(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    parse_json: impl Fn(&str) -> Option<Json>,
) -> Result<Ranking, Problem> {
    match status {
        200..=299 => {
            if content_type.is_some_and(is_html) {
                return Err(Problem::NotData);
            }
            let value = parse_json(body.trim_start_matches('\u{feff}')).ok_or(Problem::NotData)?;
            decode_json(&value)
        }
        400..=499 => Err(refusal::decode(status, body, parse_json(body).as_ref())),
        500..=599 => Err(refusal::server_error(status, parse_json(body).as_ref())),
        _ => Err(Problem::NotData),
    }
}

/// Decodes the body of a successful answer.
#[cfg(feature = "serde_json")]
pub fn decode_body(body: &str) -> Result<Ranking, Problem> {
    let value = parse_json(body.trim_start_matches('\u{feff}')).ok_or(Problem::NotData)?;
    decode_json(&value)
}

/// Decodes a successful answer parsed by `serde_json`.
#[cfg(feature = "serde_json")]
pub fn decode_value(value: &serde_json::Value) -> Result<Ranking, Problem> {
    use serde::Deserialize;
    let value = Json::deserialize(value).map_err(|_| Problem::NotData)?;
    decode_json(&value)
}

/// Decodes a successful answer, parsed.
pub fn decode_json(value: &Json) -> Result<Ranking, Problem> {
    match value {
        Json::Array(items) => Ok(upstream::decode_array(items)),
        Json::Object(object) if normalized::looks_normalized(object) => {
            Ok(normalized::decode(object))
        }
        Json::Object(object) if upstream::looks_upstream(object) => {
            Ok(upstream::decode_object(object))
        }
        Json::Object(object) => match refusal::from_object(object) {
            // An error body sent with a 200: still a refusal.
            Some(refusal) => Err(Problem::Refused {
                refusal: refusal.0,
                status: 200,
                detail: refusal.1,
            }),
            None => Err(Problem::NotData),
        },
        _ => Err(Problem::NotData),
    }
}

/// JSON text parsed with `serde_json` (its depth limit applies, and [`Json`]'s).
#[cfg(feature = "serde_json")]
fn parse_json(text: &str) -> Option<Json> {
    serde_json::from_str(text).ok()
}

fn is_html(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Re-exported for the proxy, which passes France Travail's refusals on.
#[cfg(feature = "serde_json")]
pub fn upstream_refusal(body: &str) -> crate::problem::Refusal {
    match refusal::decode(400, body, parse_json(body).as_ref()) {
        Problem::Refused { refusal, .. } => refusal,
        _ => crate::problem::Refusal::Unspecified,
    }
}
