//! The normalized JSON the reference proxy serves (the public contract's "normalized format"), and the
//! proxy's error body. Serialization lives here; lenient decoding is in [`crate::decode`].

use serde::{Deserialize, Serialize};

use crate::json::{Json, Object};
use crate::ranking::{Ranking, Status};

/// The `source` of the synthetic demo dataset.
pub const DEMO_SOURCE: &str = "demo";

/// One training near one commune, as the reference proxy serves it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireAnswer {
    /// Formacode.
    pub formacode: Option<String>,
    /// The commune asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune: Option<WirePlace>,
    /// Where the data comes from (`demo`, `france-travail`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Whether the training is covered (at least 60 leavers nationally, and something published).
    pub covered: bool,
    /// The four levels, most local first.
    pub levels: Vec<WireLevel>,
}

/// A commune: code and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WirePlace {
    /// INSEE code.
    pub code: String,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
}

/// One level. An unpublished level carries no figure: no class, no rate, no count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireLevel {
    /// `bassin`, `departement`, `region` or `national`.
    pub level: String,
    /// Territory code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Territory name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    /// `published`, `suppressed` or `unavailable`.
    pub status: String,
    /// Class 1..5, when published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quintile: Option<u8>,
    /// Raw rate as a fraction with at most four decimals, when published and known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// Number of leavers, when published and known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leavers: Option<u32>,
}

impl From<&Ranking> for WireAnswer {
    fn from(ranking: &Ranking) -> WireAnswer {
        WireAnswer {
            formacode: ranking.formacode().map(|f| f.as_str().to_owned()),
            commune: ranking.commune().and_then(|c| {
                Some(WirePlace {
                    code: c.code.clone()?,
                    nom: c.nom.clone(),
                })
            }),
            source: ranking.source().map(str::to_owned),
            covered: ranking.covered(),
            levels: ranking
                .levels()
                .iter()
                .map(|result| {
                    let figure = match &result.status {
                        Status::Published(figure) => Some(figure),
                        Status::Unpublished(_) => None,
                    };
                    WireLevel {
                        level: result.level.as_str().to_owned(),
                        code: result.place.code.clone(),
                        nom: result.place.nom.clone(),
                        status: result.status.name().to_owned(),
                        quintile: figure.map(|f| f.quintile.get()),
                        rate: figure
                            .and_then(|f| f.rate)
                            .map(|r| round_rate(r.fraction())),
                        leavers: figure.and_then(|f| f.leavers),
                    }
                })
                .collect(),
        }
    }
}

/// Rates travel with four decimals (a hundredth of a percent): more would be noise, and it keeps the
/// format stable through a decode / encode round trip.
fn round_rate(fraction: f64) -> f64 {
    (fraction * 10_000.0).round() / 10_000.0
}

/// What went wrong, in the proxy's error body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// A query parameter is missing or malformed (400).
    InvalidParameter,
    /// The commune code is not in the geography (404).
    UnknownCommune,
    /// France Travail refused the request (its 400), passed on.
    UpstreamRefused,
    /// France Travail failed or could not be reached (502).
    UpstreamUnavailable,
    /// France Travail did not answer in time (504).
    UpstreamTimeout,
    /// No such route (404).
    NotFound,
    /// The route exists, not with this method (405).
    MethodNotAllowed,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 7] = [
        ErrorCode::InvalidParameter,
        ErrorCode::UnknownCommune,
        ErrorCode::UpstreamRefused,
        ErrorCode::UpstreamUnavailable,
        ErrorCode::UpstreamTimeout,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
    ];

    /// The code as written in the error body (`unknown-commune`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParameter => "invalid-parameter",
            ErrorCode::UnknownCommune => "unknown-commune",
            ErrorCode::UpstreamRefused => "upstream-refused",
            ErrorCode::UpstreamUnavailable => "upstream-unavailable",
            ErrorCode::UpstreamTimeout => "upstream-timeout",
            ErrorCode::NotFound => "not-found",
            ErrorCode::MethodNotAllowed => "method-not-allowed",
        }
    }

    /// Reads a code as written in the error body.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// The proxy's error body: `{"error": "...", "message": "...", "parameter": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    /// Machine-readable code.
    pub error: ErrorCode,
    /// What happened, in words (English; the widget words it for visitors).
    pub message: String,
    /// The query parameter at fault, if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl WireError {
    /// Reads an error body parsed by any JSON parser (the widget's is the browser's): what serde would
    /// read from it, without serde's deserializer in the widget.
    pub fn from_json(value: &Json) -> Option<WireError> {
        WireError::from_object(value.as_object()?)
    }

    /// Reads an error body's object: `error` must be a known code and `message` a string; `parameter`
    /// is optional (`null` counts as absent); other members are ignored.
    pub fn from_object(object: &Object) -> Option<WireError> {
        let error = ErrorCode::parse(object.get("error")?.as_str()?)?;
        let message = object.get("message")?.as_str()?.to_owned();
        let parameter = match object.get("parameter") {
            None | Some(Json::Null) => None,
            Some(Json::String(parameter)) => Some(parameter.clone()),
            Some(_) => return None,
        };
        Some(WireError {
            error,
            message,
            parameter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_written_as_serde_writes_them() {
        for code in ErrorCode::ALL {
            let serialized = serde_json::to_value(code).unwrap();
            assert_eq!(serialized.as_str(), Some(code.as_str()));
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::parse("Unknown-Commune"), None);
    }

    #[test]
    fn error_bodies_are_read_as_serde_reads_them() {
        let bodies = [
            r#"{"error":"upstream-timeout","message":"x"}"#,
            r#"{"error":"upstream-refused","message":"m","parameter":"formacode","extra":1}"#,
            r#"{"error":"upstream-refused","message":"m","parameter":null}"#,
            r#"{"error":"upstream-refused","message":"m","parameter":3}"#,
            r#"{"error":"teapot","message":"m"}"#,
            r#"{"error":"not-found"}"#,
            r#"{"error":"not-found","message":7}"#,
            r#"{"message":"m"}"#,
            r#"[]"#,
            r#""not-found""#,
        ];
        for body in bodies {
            let by_serde = serde_json::from_str::<WireError>(body).ok();
            let json: Json = serde_json::from_str(body).unwrap();
            assert_eq!(WireError::from_json(&json), by_serde, "{body}");
        }
    }
}
