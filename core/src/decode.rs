//! Lenient decoding of whatever a proxy answers: France Travail's upstream format, the normalized format,
//! refusals, and everything that is not data.
//!
//! Leniency is per field: one bad field makes that level unavailable, never the whole answer. Every
//! decoded answer goes through [`Ranking::new`], so the secrecy rule is applied whatever the source
//! claimed.

mod normalized;
mod refusal;
mod upstream;

use serde_json::Value;

use crate::problem::{Problem, Refusal};
use crate::ranking::Ranking;

/// Decodes an HTTP answer: status, `Content-Type` and body.
pub fn decode_response(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Ranking, Problem> {
    match status {
        200..=299 => {
            if content_type.is_some_and(is_html) {
                return Err(Problem::NotData);
            }
            decode_body(body)
        }
        400..=499 => Err(refusal::decode(status, body)),
        500..=599 => Err(refusal::server_error(status, body)),
        _ => Err(Problem::NotData),
    }
}

/// Decodes the body of a successful answer.
pub fn decode_body(body: &str) -> Result<Ranking, Problem> {
    let value: Value =
        serde_json::from_str(body.trim_start_matches('\u{feff}')).map_err(|_| Problem::NotData)?;
    decode_value(&value)
}

/// Decodes a parsed JSON answer.
pub fn decode_value(value: &Value) -> Result<Ranking, Problem> {
    match value {
        Value::Array(items) => Ok(upstream::decode_array(items)),
        Value::Object(object) if normalized::looks_normalized(object) => {
            Ok(normalized::decode(object))
        }
        Value::Object(object) if upstream::looks_upstream(object) => {
            Ok(upstream::decode_object(object))
        }
        Value::Object(object) => match refusal::from_object(object) {
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

fn is_html(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Re-exported for the proxy, which passes France Travail's refusals on.
pub fn upstream_refusal(body: &str) -> Refusal {
    match refusal::decode(400, body) {
        Problem::Refused { refusal, .. } => refusal,
        _ => Refusal::Unspecified,
    }
}
