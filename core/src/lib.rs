//! The data contract of retour-emploi.
//!
//! Everything the product knows about France Travail's *taux de retour à l'emploi suite formation* lives
//! here, in pure Rust with no browser dependency: validated codes ([`codes`]), the four geographic levels
//! ([`level`]), the quintile classes and their cut-points ([`quintile`]), the statistical-secrecy rule
//! ([`suppression`]), the decoded model ([`ranking`]), lenient decoding of what a proxy may answer
//! ([`decode`], over a parsed [`json`] value), the normalized JSON the reference proxy serves ([`wire`]),
//! the proxy URL ([`proxy_url`]), the French and English territory names ([`territories`]) and every
//! text shown to a person ([`display`], [`lang`]).
//!
//! The widget and the proxy are thin shells around this crate: one source of truth per fact.

pub mod codes;
pub mod decode;
pub mod display;
pub mod json;
pub mod lang;
pub mod level;
pub mod number;
pub mod problem;
pub mod proxy_url;
pub mod quintile;
pub mod ranking;
pub mod request;
pub mod suppression;
pub mod territories;
pub mod wire;

pub use codes::{CodeError, CommuneCode, DepartementCode, Formacode};
#[cfg(feature = "serde_json")]
pub use decode::decode_response;
pub use decode::decode_response_with;
pub use json::Json;
pub use lang::Lang;
pub use level::Level;
pub use problem::Problem;
pub use proxy_url::ProxyUrl;
pub use quintile::{Quintile, Rate};
pub use ranking::{Figure, Headline, LevelResult, Place, Ranking, Status, Unpublished};
pub use request::{AttributeError, RankRequest};
