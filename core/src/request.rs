//! A request for one training near one commune, read from the three attributes a page gives.

use std::fmt;

use crate::codes::{CodeError, CommuneCode, Formacode};
use crate::lang::Lang;
use crate::proxy_url::{ProxyUrl, ProxyUrlError};

/// A valid request: nothing is fetched until all three attributes are valid.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RankRequest {
    /// The training.
    pub formacode: Formacode,
    /// The commune.
    pub commune: CommuneCode,
    /// Where to ask.
    pub proxy: ProxyUrl,
}

impl RankRequest {
    /// Reads the `formacode`, `commune` and `proxy` attributes; on failure, every wrong attribute is
    /// reported, in that order.
    pub fn parse(
        formacode: Option<&str>,
        commune: Option<&str>,
        proxy: Option<&str>,
    ) -> Result<RankRequest, Vec<AttributeError>> {
        let formacode = Formacode::parse(formacode.unwrap_or("")).map_err(AttributeError::Code);
        let commune = CommuneCode::parse(commune.unwrap_or("")).map_err(AttributeError::Code);
        let proxy = ProxyUrl::parse(proxy.unwrap_or("")).map_err(AttributeError::Proxy);
        match (formacode, commune, proxy) {
            (Ok(formacode), Ok(commune), Ok(proxy)) => Ok(RankRequest {
                formacode,
                commune,
                proxy,
            }),
            (f, c, p) => Err([f.err(), c.err(), p.err()].into_iter().flatten().collect()),
        }
    }

    /// The URL to fetch (relative when the proxy URL is).
    pub fn url(&self) -> String {
        self.proxy.request_url(&self.formacode, &self.commune)
    }
}

/// A wrong attribute, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeError {
    /// `formacode` or `commune`.
    Code(CodeError),
    /// `proxy`.
    Proxy(ProxyUrlError),
}

impl AttributeError {
    /// The attribute's name.
    pub fn attribute(&self) -> &'static str {
        match self {
            AttributeError::Code(e) => e.kind().attribute(),
            AttributeError::Proxy(_) => "proxy",
        }
    }

    /// What is wrong, in words, without the attribute name.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AttributeError::Code(e) => e.message(lang),
            AttributeError::Proxy(e) => e.message(lang),
        }
    }

    /// `attribut formacode : un formacode compte 5 chiffres (reçu « 2243 »)`.
    pub fn sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!(
                "attribut {}\u{a0}: {}",
                self.attribute(),
                self.message(lang)
            ),
            Lang::En => format!("attribute {}: {}", self.attribute(), self.message(lang)),
        }
    }
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(Lang::En))
    }
}

impl std::error::Error for AttributeError {}
