//! What can go wrong once a request has been sent, worded for visitors and for integrators.

use std::fmt;

use crate::lang::Lang;

/// Why the service refused a request (France Travail's 400, the proxy's 4xx).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The commune code is unknown (`ERROR_NOTFOUND`, "Code insee inconnu", the proxy's 404).
    UnknownCommune,
    /// The formacode is unknown.
    UnknownFormacode,
    /// The commune has no statistics (`ERROR_NOSTATS`).
    NoStatistics,
    /// A parameter did not reach the service (`ERROR_MISSING`): a proxy dropping the query string.
    MissingParameter,
    /// Refused without a reason (an empty 400, a 403…).
    Unspecified,
}

impl Refusal {
    /// The reason in a few English words, for the console.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::UnknownCommune => "unknown commune",
            Refusal::UnknownFormacode => "unknown formacode",
            Refusal::NoStatistics => "no statistics for this commune",
            Refusal::MissingParameter => "a parameter is missing",
            Refusal::Unspecified => "no reason given",
        }
    }
}

/// A failed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The service answered with a refusal.
    Refused {
        /// Why.
        refusal: Refusal,
        /// HTTP status.
        status: u16,
        /// The service's own words, for the console.
        detail: Option<String>,
    },
    /// A successful answer that is not data (an HTML page, unreadable JSON, an unknown shape).
    NotData,
    /// The service failed (5xx).
    Unavailable {
        /// HTTP status.
        status: u16,
    },
    /// No answer in time.
    Timeout,
    /// The request failed before any answer: the proxy is unreachable or refused the page's origin (CORS).
    Network,
}

impl Problem {
    /// Whether trying again may help (a retry button is offered).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            Problem::Unavailable { .. } | Problem::Timeout | Problem::Network
        )
    }

    /// A short machine-readable name (`refused`, `not-data`, `unavailable`, `timeout`, `network`), for
    /// events and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Refused { .. } => "refused",
            Problem::NotData => "not-data",
            Problem::Unavailable { .. } => "unavailable",
            Problem::Timeout => "timeout",
            Problem::Network => "network",
        }
    }

    /// What happened, for a visitor.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Refused { refusal, status, .. } => match refusal {
                Refusal::UnknownCommune => lang
                    .pick("Commune inconnue\u{a0}: ce code INSEE n’est pas reconnu.", "Unknown commune: the commune code is unknown.")
                    .into(),
                Refusal::UnknownFormacode => lang
                    .pick("Formation inconnue\u{a0}: ce formacode n’est pas reconnu.", "Unknown training: the formacode is unknown.")
                    .into(),
                Refusal::NoStatistics => lang
                    .pick("Aucune statistique n’est disponible pour cette commune.", "No statistics are available for this commune.")
                    .into(),
                Refusal::MissingParameter => lang
                    .pick(
                        "La demande est arrivée incomplète au service (paramètre manquant).",
                        "The request was refused: it reached the service without all its parameters.",
                    )
                    .into(),
                Refusal::Unspecified => match lang {
                    Lang::Fr => format!("La demande a été refusée par le service (erreur {status})."),
                    Lang::En => format!("The request was refused by the service (error {status})."),
                },
            },
            Problem::NotData => lang
                .pick(
                    "Le proxy n’a pas répondu avec des données (page HTML ou réponse illisible).",
                    "The proxy did not answer with data (an HTML page or an unreadable answer).",
                )
                .into(),
            Problem::Unavailable { status } => match lang {
                Lang::Fr => format!("Service momentanément indisponible (erreur {status}). Réessayez dans un instant."),
                Lang::En => format!("Service unavailable (error {status}). Please retry in a moment."),
            },
            Problem::Timeout => lang
                .pick("Le service a mis trop de temps à répondre.", "The service took too long to answer.")
                .into(),
            Problem::Network => lang
                .pick(
                    "Impossible de joindre le service de données\u{a0}: il est hors ligne ou refuse les requêtes de ce site (CORS).",
                    "The data service could not be reached: it is offline or refused this site's cross-origin request (CORS).",
                )
                .into(),
        }
    }

    /// What the integrator can do about it (English, for the console).
    pub fn integrator_hint(&self) -> String {
        match self {
            Problem::Refused { refusal: Refusal::MissingParameter, .. } => {
                "the proxy answered that a parameter is missing: make sure it passes the formacode and codeinseeville query parameters on".into()
            }
            // The service's own words say why better than "no reason given" next to them.
            Problem::Refused { refusal: Refusal::Unspecified, status, detail: Some(detail) } => {
                format!("the proxy refused the request with HTTP {status}: {detail}")
            }
            Problem::Refused { refusal, status, detail } => format!(
                "the proxy refused the request with HTTP {status} ({}){}",
                refusal.reason(),
                detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
            ),
            Problem::NotData => {
                "the proxy URL answered something that is not retour-emploi data (HTML or unreadable JSON): check the `proxy` attribute points at the proxy endpoint, not at a web page".into()
            }
            Problem::Unavailable { status } => format!("the proxy answered HTTP {status}: the proxy or France Travail is failing; the widget offers a retry"),
            Problem::Timeout => "no answer before the timeout: the proxy is slow or down; the widget offers a retry".into(),
            Problem::Network => "the request failed before any answer: the proxy is unreachable, or it does not send CORS headers (Access-Control-Allow-Origin) for this page's origin, or the page's Content-Security-Policy connect-src does not allow it".into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(refusal: Refusal, detail: Option<&str>) -> Problem {
        Problem::Refused {
            refusal,
            status: 404,
            detail: detail.map(str::to_owned),
        }
    }

    #[test]
    fn the_console_gives_the_services_words_instead_of_no_reason() {
        let wrong_path = refused(Refusal::Unspecified, Some("nothing at /nope/v1/rank"));
        assert_eq!(
            wrong_path.integrator_hint(),
            "the proxy refused the request with HTTP 404: nothing at /nope/v1/rank"
        );
        assert_eq!(
            refused(Refusal::Unspecified, None).integrator_hint(),
            "the proxy refused the request with HTTP 404 (no reason given)"
        );
        assert_eq!(
            refused(Refusal::UnknownCommune, Some("Code insee inconnu")).integrator_hint(),
            "the proxy refused the request with HTTP 404 (unknown commune): Code insee inconnu"
        );
    }
}
