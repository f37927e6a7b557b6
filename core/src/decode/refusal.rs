//! Refusals: France Travail's 400 bodies `{source, message}` (or empty), and the proxy's error bodies
//! `{error, message}`.

use crate::json::{Json, Object};
use crate::number::read_text;
use crate::problem::{Problem, Refusal};
use crate::wire::{ErrorCode, WireError};

/// A 4xx answer: its body, and that body parsed when it is JSON.
pub(super) fn decode(status: u16, body: &str, json: Option<&Json>) -> Problem {
    let found = json.and_then(Json::as_object).and_then(from_object);
    match found {
        Some((refusal, detail)) => Problem::Refused {
            refusal,
            status,
            detail,
        },
        None => Problem::Refused {
            refusal: Refusal::Unspecified,
            status,
            detail: short_text(body),
        },
    }
}

/// A 5xx answer (its body parsed when it is JSON): the proxy's 504 means a timeout upstream.
pub(super) fn server_error(status: u16, json: Option<&Json>) -> Problem {
    let code = json.and_then(WireError::from_json).map(|e| e.error);
    if status == 504 || code == Some(ErrorCode::UpstreamTimeout) {
        Problem::Timeout
    } else {
        Problem::Unavailable { status }
    }
}

/// Reads an error object; `None` when the object is not one.
pub(super) fn from_object(object: &Object) -> Option<(Refusal, Option<String>)> {
    let message = read_text(object.get("message"));
    if let Some(error) = WireError::from_object(object) {
        let refusal = match error.error {
            ErrorCode::UnknownCommune => Refusal::UnknownCommune,
            ErrorCode::UpstreamRefused => classify(error.parameter.as_deref(), &error.message),
            _ => Refusal::Unspecified,
        };
        return Some((refusal, Some(error.message)));
    }
    // France Travail: {"source": "<parameter>", "message": "<text>"}.
    if object.contains_key("source") && object.contains_key("message") {
        let source = read_text(object.get("source"));
        let text = message.clone().unwrap_or_default();
        return Some((classify(source.as_deref(), &text), message));
    }
    None
}

/// Classifies France Travail's refusal from its parameter and message (`ERROR_NOTFOUND`, "Code insee
/// inconnu", `ERROR_NOSTATS`, `ERROR_MISSING`).
fn classify(source: Option<&str>, message: &str) -> Refusal {
    // The words looked for are ASCII: ASCII lower-casing finds them as full lower-casing would.
    let message = message.to_ascii_lowercase();
    let about_formacode = source.is_some_and(|s| s.eq_ignore_ascii_case("formacode"));
    if message.contains("missing")
        || message.contains("manquant")
        || message.contains("obligatoire")
    {
        Refusal::MissingParameter
    } else if message.contains("nostats") || message.contains("statisti") {
        Refusal::NoStatistics
    } else if message.contains("notfound")
        || message.contains("inconnu")
        || message.contains("unknown")
        || message.contains("not found")
    {
        if about_formacode {
            Refusal::UnknownFormacode
        } else {
            Refusal::UnknownCommune
        }
    } else {
        Refusal::Unspecified
    }
}

fn short_text(body: &str) -> Option<String> {
    let text = body.trim();
    (!text.is_empty()).then(|| text.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Option<Json> {
        serde_json::from_str(body).ok()
    }

    fn server_error(status: u16, body: &str) -> Problem {
        super::server_error(status, parse(body).as_ref())
    }

    fn refusal(body: &str) -> Refusal {
        match decode(400, body, parse(body).as_ref()) {
            Problem::Refused { refusal, .. } => refusal,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn france_travail_error_codes_are_classified() {
        assert_eq!(
            refusal(r#"{"source":"codeinseeville","message":"Code insee inconnu"}"#),
            Refusal::UnknownCommune
        );
        assert_eq!(
            refusal(r#"{"source":"codeinseeville","message":"ERROR_NOTFOUND"}"#),
            Refusal::UnknownCommune
        );
        assert_eq!(
            refusal(r#"{"source":"codeinseeville","message":"ERROR_NOSTATS"}"#),
            Refusal::NoStatistics
        );
        assert_eq!(
            refusal(r#"{"source":"formacode","message":"ERROR_MISSING"}"#),
            Refusal::MissingParameter
        );
        assert_eq!(
            refusal(r#"{"source":"formacode","message":"Formacode inconnu"}"#),
            Refusal::UnknownFormacode
        );
        assert_eq!(refusal(""), Refusal::Unspecified);
        assert_eq!(refusal("<html>forbidden</html>"), Refusal::Unspecified);
    }

    #[test]
    fn proxy_error_bodies_are_read() {
        assert_eq!(
            refusal(r#"{"error":"unknown-commune","message":"no commune 99999"}"#),
            Refusal::UnknownCommune
        );
        assert_eq!(server_error(504, ""), Problem::Timeout);
        assert_eq!(
            server_error(502, r#"{"error":"upstream-timeout","message":"x"}"#),
            Problem::Timeout
        );
        assert_eq!(
            server_error(503, "Bad Gateway"),
            Problem::Unavailable { status: 503 }
        );
    }
}
