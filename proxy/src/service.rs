//! One training near one commune, from the demo dataset or from France Travail (cached), as the
//! normalized JSON body. Every body is serialized through core's `WireAnswer::from(&Ranking)`: a
//! [`Ranking`] carries no figure the secrecy rule forbids, so none can leave the proxy.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use moka::future::Cache;
use retour_emploi_core::level::Level;
use retour_emploi_core::problem::{Problem, Refusal};
use retour_emploi_core::ranking::{LevelResult, Place, Ranking};
use retour_emploi_core::wire::{ErrorCode, WireAnswer, WireError};
use retour_emploi_core::{decode_response, CommuneCode, Formacode};
use xxhash_rust::xxh3::xxh3_128;

use crate::demo::DemoData;
use crate::geography::Commune;
use crate::upstream::{FranceTravail, UpstreamError};

/// The `source` of answers from France Travail.
pub const UPSTREAM_SOURCE: &str = "france-travail";

/// A serialized JSON body and its strong validator.
#[derive(Debug)]
pub struct Body {
    /// The JSON.
    pub json: Vec<u8>,
    /// Strong `ETag`: a 128-bit hash of the bytes, quoted.
    pub etag: String,
}

impl Body {
    /// Wraps serialized JSON.
    pub fn new(json: Vec<u8>) -> Body {
        let etag = format!("\"{:032x}\"", xxh3_128(&json));
        Body { json, etag }
    }

    /// Serializes an answer through the wire contract.
    pub fn answer(ranking: &Ranking) -> Body {
        // Serializing plain structs of strings, numbers and booleans cannot fail.
        let json = serde_json::to_vec(&WireAnswer::from(ranking)).unwrap_or_default();
        Body::new(json)
    }
}

/// An error answer: status and body.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// `{"error", "message", "parameter"}`.
    pub body: WireError,
}

impl ApiError {
    /// An error about a query parameter (400).
    pub fn invalid_parameter(parameter: &str, message: String) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidParameter,
            message,
            Some(parameter),
        )
    }

    /// Any error.
    pub fn new(
        status: StatusCode,
        error: ErrorCode,
        message: String,
        parameter: Option<&str>,
    ) -> ApiError {
        ApiError {
            status,
            body: WireError {
                error,
                message,
                parameter: parameter.map(str::to_owned),
            },
        }
    }

    /// No commune has this code (404).
    pub fn unknown_commune(code: &CommuneCode, parameter: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::UnknownCommune,
            format!(
                "unknown commune: no commune has the INSEE code {code} (a postal code will not do)"
            ),
            Some(parameter),
        )
    }

    /// Demo mode: a formacode outside the list the demo is drawn from (404, worded as France Travail's
    /// refusal of an unknown formacode, so that the widget says "unknown training").
    pub fn unknown_demo_formacode(formacode: &Formacode) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::UpstreamRefused,
            format!("unknown formacode {formacode}: the demo data covers the Formacode V13 selection only"),
            Some("formacode"),
        )
    }
}

/// Where an answer came from, for the `X-Retour-Emploi-Cache` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Computed for this request (demo data).
    Computed,
    /// Fetched from France Travail for this request (or for a concurrent identical one).
    Miss,
    /// From the cache, within its time to live.
    Hit,
    /// France Travail failed: an older answer, kept for this case.
    Stale,
}

impl Freshness {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Freshness::Computed => "computed",
            Freshness::Miss => "miss",
            Freshness::Hit => "hit",
            Freshness::Stale => "stale",
        }
    }
}

/// An answer to serve.
#[derive(Clone, Debug)]
pub struct Served {
    /// The body.
    pub body: Arc<Body>,
    /// Where it came from.
    pub freshness: Freshness,
}

/// What the fresh cache holds: an answer, or a refusal worth remembering (unknown commune…).
#[derive(Clone, Debug)]
enum Outcome {
    Answer(Arc<Body>),
    Refused(Arc<ApiError>),
}

type Key = (String, String);

/// The answer caches of upstream mode.
#[derive(Clone, Copy, Debug)]
pub struct CacheConfig {
    /// How long an answer is served without asking again.
    pub ttl: Duration,
    /// How long an answer is kept for when France Travail fails.
    pub stale_ttl: Duration,
    /// Memory bound of each cache, in bytes.
    pub max_bytes: u64,
}

/// Upstream mode: France Travail behind two caches.
pub struct Upstream {
    client: FranceTravail,
    fresh: Cache<Key, Outcome>,
    stale: Cache<Key, Arc<Body>>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("client", &self.client)
            .field("cached", &self.fresh.entry_count())
            .field("stale", &self.stale.entry_count())
            .finish()
    }
}

fn weight(key: &Key, size: usize) -> u32 {
    u32::try_from(key.0.len() + key.1.len() + size + 64).unwrap_or(u32::MAX)
}

impl Upstream {
    /// France Travail behind caches configured by `cache`.
    pub fn new(client: FranceTravail, cache: CacheConfig) -> Upstream {
        let fresh = Cache::builder()
            .max_capacity(cache.max_bytes)
            .weigher(|key: &Key, outcome: &Outcome| {
                let size = match outcome {
                    Outcome::Answer(body) => body.json.len(),
                    Outcome::Refused(error) => error.body.message.len(),
                };
                weight(key, size)
            })
            .time_to_live(cache.ttl)
            .build();
        let stale = Cache::builder()
            .max_capacity(cache.max_bytes)
            .weigher(|key: &Key, body: &Arc<Body>| weight(key, body.json.len()))
            .time_to_live(cache.stale_ttl)
            .build();
        Upstream {
            client,
            fresh,
            stale,
        }
    }

    async fn rank(
        &self,
        formacode: &Formacode,
        code: &CommuneCode,
        commune: Option<&Commune>,
    ) -> Result<Served, ApiError> {
        let key = (formacode.as_str().to_owned(), code.as_str().to_owned());
        // Concurrent identical misses wait for the one request this starts.
        let fetched = self
            .fresh
            .entry(key.clone())
            .or_try_insert_with(self.fetch(&key, formacode, code, commune))
            .await;
        match fetched {
            Ok(entry) => {
                let freshness = if entry.is_fresh() {
                    Freshness::Miss
                } else {
                    Freshness::Hit
                };
                match entry.into_value() {
                    Outcome::Answer(body) => Ok(Served { body, freshness }),
                    Outcome::Refused(error) => Err(error.as_ref().clone()),
                }
            }
            Err(error) => match self.stale.get(&key).await {
                Some(body) => {
                    tracing::warn!(formacode = %formacode, commune = %code, error = %error.body.message, "serving a stale answer");
                    Ok(Served {
                        body,
                        freshness: Freshness::Stale,
                    })
                }
                None => Err(error.as_ref().clone()),
            },
        }
    }

    async fn fetch(
        &self,
        key: &Key,
        formacode: &Formacode,
        code: &CommuneCode,
        commune: Option<&Commune>,
    ) -> Result<Outcome, ApiError> {
        let sent_code = commune.map_or(code.as_str(), Commune::upstream_code);
        let raw = self
            .client
            .rank(formacode, sent_code)
            .await
            .map_err(|error| match error {
                UpstreamError::Timeout => ApiError::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    ErrorCode::UpstreamTimeout,
                    "France Travail did not answer in time".into(),
                    None,
                ),
                UpstreamError::Unavailable(message) => ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    ErrorCode::UpstreamUnavailable,
                    message,
                    None,
                ),
            })?;
        match decode_response(raw.status, raw.content_type.as_deref(), &raw.body) {
            Ok(ranking) => {
                let body = Arc::new(Body::answer(&enrich(&ranking, formacode, code, commune)));
                self.stale.insert(key.clone(), body.clone()).await;
                Ok(Outcome::Answer(body))
            }
            Err(Problem::Refused {
                refusal,
                status,
                detail,
            }) => {
                let said = detail
                    .map(|d| format!(" (France Travail: {d})"))
                    .unwrap_or_default();
                let refused = |message: String, parameter| {
                    Ok(Outcome::Refused(Arc::new(ApiError::new(
                        StatusCode::NOT_FOUND,
                        ErrorCode::UpstreamRefused,
                        message,
                        Some(parameter),
                    ))))
                };
                match refusal {
                    Refusal::UnknownCommune => Ok(Outcome::Refused(Arc::new(ApiError::new(
                        StatusCode::NOT_FOUND,
                        ErrorCode::UnknownCommune,
                        format!("unknown commune: France Travail does not know the INSEE code {code}{said}"),
                        Some("codeinseeville"),
                    )))),
                    Refusal::UnknownFormacode => {
                        refused(format!("unknown formacode {formacode}{said}"), "formacode")
                    }
                    Refusal::NoStatistics => refused(
                        format!("no statistics for the commune {code}{said}"),
                        "codeinseeville",
                    ),
                    Refusal::MissingParameter | Refusal::Unspecified => Err(ApiError::new(
                        StatusCode::BAD_GATEWAY,
                        ErrorCode::UpstreamRefused,
                        format!("France Travail refused the request with {status}{said}"),
                        None,
                    )),
                }
            }
            Err(Problem::Timeout) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                ErrorCode::UpstreamTimeout,
                "France Travail did not answer in time".into(),
                None,
            )),
            Err(_) => Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::UpstreamUnavailable,
                format!(
                    "France Travail answered {} with something that is not data ({})",
                    raw.status,
                    raw.content_type.as_deref().unwrap_or("no Content-Type")
                ),
                None,
            )),
        }
    }
}

/// Adds what the geography table knows to France Travail's answer: commune name, bassin name (only when
/// France Travail gave no bassin code or the same one), département and région.
fn enrich(
    ranking: &Ranking,
    formacode: &Formacode,
    code: &CommuneCode,
    commune: Option<&Commune>,
) -> Ranking {
    let mut levels: Vec<LevelResult> = ranking.levels().to_vec();
    if let Some(commune) = commune {
        let named = [
            (
                Level::Bassin,
                commune.bassin.code.as_str(),
                commune.bassin.nom.as_str(),
            ),
            (
                Level::Departement,
                commune.departement.code,
                commune.departement.nom,
            ),
            (Level::Region, commune.region.code, commune.region.nom),
        ];
        for (level, territory, nom) in named {
            fill(&mut levels[level.index()].place, territory, nom);
        }
    }
    let place = Place {
        code: Some(code.as_str().to_owned()),
        nom: commune.map(|c| c.nom.clone()),
    };
    Ranking::new(
        Some(
            ranking
                .formacode()
                .cloned()
                .unwrap_or_else(|| formacode.clone()),
        ),
        Some(place),
        Some(UPSTREAM_SOURCE.to_owned()),
        levels,
        true,
    )
    .complete_geography(code)
}

fn fill(place: &mut Place, code: &str, nom: &str) {
    match place.code.as_deref() {
        None => {
            place.code = Some(code.to_owned());
            place.nom = Some(nom.to_owned());
        }
        Some(given) if given == code => {
            place.nom.get_or_insert_with(|| nom.to_owned());
        }
        // Another code than the table's: never pair it with the table's name.
        Some(_) => {}
    }
}

/// Where answers come from.
#[derive(Debug)]
pub enum Source {
    /// The synthetic demo dataset.
    Demo(DemoData),
    /// France Travail (boxed: its caches are large structures, and there is one per process).
    Upstream(Box<Upstream>),
}

impl Source {
    /// The name of the mode, for logs and `/healthz`.
    pub fn mode(&self) -> &'static str {
        match self {
            Source::Demo(_) => "demo",
            Source::Upstream(_) => "upstream",
        }
    }

    /// The answer for a formacode near a commune. `commune` is the geography table's entry for `code`.
    pub async fn rank(
        &self,
        formacode: &Formacode,
        code: &CommuneCode,
        commune: Option<&Commune>,
        parameter: &str,
    ) -> Result<Served, ApiError> {
        match self {
            Source::Demo(data) => {
                let commune = commune.ok_or_else(|| ApiError::unknown_commune(code, parameter))?;
                if !data.knows(formacode) {
                    return Err(ApiError::unknown_demo_formacode(formacode));
                }
                Ok(Served {
                    body: Arc::new(Body::answer(&data.ranking(formacode, commune))),
                    freshness: Freshness::Computed,
                })
            }
            Source::Upstream(upstream) => upstream.rank(formacode, code, commune).await,
        }
    }
}
