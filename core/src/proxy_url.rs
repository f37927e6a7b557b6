//! The proxy URL a page configures, and the request URL built from it.
//!
//! Either a base (`https://example.org/v1/rank`), to which France Travail's own parameter names are
//! appended (so a plain pass-through proxy works), or a template with `{formacode}` and `{commune}`
//! placeholders (so static JSON files work). Only http(s) and relative URLs are accepted.

use std::fmt;

use crate::codes::{CodeKind, CommuneCode, Formacode};
use crate::lang::Lang;

const FORMACODE_PLACEHOLDER: &str = "{formacode}";
const COMMUNE_PLACEHOLDER: &str = "{commune}";

/// A validated proxy URL, absolute (http or https) or relative to the page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProxyUrl {
    /// Parameters are appended as a query string.
    Base(String),
    /// Placeholders are replaced.
    Template(String),
}

impl ProxyUrl {
    /// Reads a proxy URL. Tabs and line breaks are dropped and spaces trimmed, as browsers do, before the
    /// scheme is checked (so `java\tscript:` is seen for what it is).
    pub fn parse(text: &str) -> Result<ProxyUrl, ProxyUrlError> {
        let url: String = text
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let url = url.trim_matches(|c: char| c == ' ' || c.is_control());
        if url.is_empty() {
            return Err(ProxyUrlError::Missing);
        }
        if url.chars().any(char::is_control) {
            return Err(ProxyUrlError::NotHttp(shorten(url)));
        }
        if let Some(scheme) = scheme_of(url) {
            if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                return Err(ProxyUrlError::NotHttp(format!("{scheme}:")));
            }
        }
        let has_formacode = url.contains(FORMACODE_PLACEHOLDER);
        let has_commune = url.contains(COMMUNE_PLACEHOLDER);
        match (has_formacode, has_commune) {
            (true, true) => Ok(ProxyUrl::Template(url.to_owned())),
            (false, false) => Ok(ProxyUrl::Base(url.to_owned())),
            _ => Err(ProxyUrlError::HalfTemplate),
        }
    }

    /// The URL to fetch for one training near one commune (relative when the proxy URL is).
    pub fn request_url(&self, formacode: &Formacode, commune: &CommuneCode) -> String {
        match self {
            ProxyUrl::Template(template) => template
                .replace(FORMACODE_PLACEHOLDER, formacode.as_str())
                .replace(COMMUNE_PLACEHOLDER, commune.as_str()),
            ProxyUrl::Base(base) => {
                let (before_fragment, fragment) = match base.find('#') {
                    Some(i) => base.split_at(i),
                    None => (base.as_str(), ""),
                };
                let joiner = match before_fragment.find('?') {
                    None => "?",
                    Some(_) if before_fragment.ends_with(['?', '&']) => "",
                    Some(_) => "&",
                };
                format!(
                    "{before_fragment}{joiner}{}={}&{}={}{fragment}",
                    CodeKind::Formacode.upstream_parameter(),
                    formacode.as_str(),
                    CodeKind::Commune.upstream_parameter(),
                    commune.as_str(),
                )
            }
        }
    }
}

/// The scheme of an absolute URL (`https` in `https://…`), `None` for a relative one.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a slash, `?` or `#` belongs to a path or query of a relative URL.
    (first_is_letter && rest_ok).then_some(candidate)
}

fn shorten(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Why a proxy URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyUrlError {
    /// No URL.
    Missing,
    /// A scheme other than http(s) (`javascript:`, `data:`, `ftp:`…).
    NotHttp(String),
    /// A template with only one of the two placeholders.
    HalfTemplate,
}

impl ProxyUrlError {
    /// What is wrong, in words.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProxyUrlError::Missing, Lang::Fr) => "l’adresse du proxy est manquante".into(),
            (ProxyUrlError::Missing, Lang::En) => "proxy is missing".into(),
            (ProxyUrlError::NotHttp(found), Lang::Fr) => {
                format!("le proxy doit être une adresse http(s) ou relative (reçu «\u{a0}{found}\u{a0}»)")
            }
            (ProxyUrlError::NotHttp(found), Lang::En) => {
                format!("the proxy must be an http(s) URL or a relative one (got \"{found}\")")
            }
            (ProxyUrlError::HalfTemplate, Lang::Fr) => {
                format!("un modèle d’adresse de proxy doit contenir {FORMACODE_PLACEHOLDER} et {COMMUNE_PLACEHOLDER}")
            }
            (ProxyUrlError::HalfTemplate, Lang::En) => {
                format!("a proxy URL template must contain both {FORMACODE_PLACEHOLDER} and {COMMUNE_PLACEHOLDER}")
            }
        }
    }
}

impl fmt::Display for ProxyUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProxyUrlError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(proxy: &str) -> String {
        ProxyUrl::parse(proxy).unwrap().request_url(
            &Formacode::parse("22435").unwrap(),
            &CommuneCode::parse("69123").unwrap(),
        )
    }

    #[test]
    fn base_urls_get_the_upstream_parameter_names() {
        assert_eq!(
            request("https://example.org/v1/rank"),
            "https://example.org/v1/rank?formacode=22435&codeinseeville=69123"
        );
        assert_eq!(
            request("https://example.org/v1/rank?key=abc"),
            "https://example.org/v1/rank?key=abc&formacode=22435&codeinseeville=69123"
        );
        assert_eq!(
            request("/rank?"),
            "/rank?formacode=22435&codeinseeville=69123"
        );
        assert_eq!(
            request("/rank#top"),
            "/rank?formacode=22435&codeinseeville=69123#top"
        );
    }

    #[test]
    fn templates_get_their_placeholders_replaced() {
        assert_eq!(
            request("/data/{formacode}/{commune}.json"),
            "/data/22435/69123.json"
        );
        assert_eq!(
            request("data/{commune}-{formacode}.json"),
            "data/69123-22435.json"
        );
        assert_eq!(
            ProxyUrl::parse("/data/{formacode}.json"),
            Err(ProxyUrlError::HalfTemplate)
        );
    }

    #[test]
    fn only_http_and_relative_urls_are_accepted() {
        for ok in [
            "http://x.test/r",
            "HTTPS://x.test/r",
            "//cdn.test/r",
            "/r",
            "./r",
            "r.json",
            "/r?t=12:30",
        ] {
            assert!(ProxyUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "ftp://x.test/r",
            "blob:x",
        ] {
            assert!(
                matches!(ProxyUrl::parse(bad), Err(ProxyUrlError::NotHttp(_))),
                "{bad:?}"
            );
        }
        assert_eq!(ProxyUrl::parse("  "), Err(ProxyUrlError::Missing));
        assert!(ProxyUrlError::NotHttp("javascript:".into())
            .message(Lang::En)
            .contains("http(s)"));
    }
}
