//! The HTTP surface: routes, caching headers, CORS, the served site.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body as HttpBody;
use axum::extract::{RawQuery, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use retour_emploi_core::wire::ErrorCode;
use retour_emploi_core::{CommuneCode, Formacode, Lang};
use serde::Serialize;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::formacodes::Formacodes;
use crate::geography::Geography;
use crate::service::{ApiError, Body, Freshness, Source};

/// Marks where an answer came from: `computed` (demo), `miss`, `hit`, `stale`.
pub const CACHE_STATUS_HEADER: &str = "x-retour-emploi-cache";

/// Everything a request handler needs.
#[derive(Debug)]
pub struct AppState {
    /// The commune table.
    pub geography: Geography,
    /// The shared formacode list.
    pub formacodes: Formacodes,
    /// Demo data or France Travail.
    pub source: Source,
    /// `max-age` of answers.
    pub max_age: Duration,
    /// `s-maxage` of answers.
    pub s_maxage: Duration,
}

/// How the HTTP surface is set up.
#[derive(Clone, Debug, Default)]
pub struct HttpOptions {
    /// Origins allowed by CORS (`*` alone for any); empty: same-origin only.
    pub allow_origins: Vec<String>,
    /// Built site to serve.
    pub assets: Option<std::path::PathBuf>,
    /// Time limit of a whole request.
    pub request_timeout: Option<Duration>,
}

type Shared = Arc<AppState>;

/// The proxy's routes and layers.
pub fn router(state: Shared, options: &HttpOptions) -> Result<Router, String> {
    let api = Router::new()
        .route("/v1/rank", get(rank))
        .route("/v1/communes", get(communes))
        .route("/v1/formacodes", get(formacodes))
        .route("/healthz", get(healthz))
        .route("/v1/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    let mut app = match &options.assets {
        Some(dir) => api.fallback_service(assets(dir)?),
        None => api.fallback(not_found),
    };
    if let Some(cors) = cors(&options.allow_origins)? {
        app = app.layer(cors);
    }
    if let Some(limit) = options.request_timeout {
        app = app.layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            limit,
        ));
    }
    Ok(app
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        ))
}

/// The query string's parameters.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(raw: Option<&str>) -> Query {
        Query(
            form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The value of `name`; a name given twice with different values is refused rather than one of
    /// them picked silently (`?formacode=22435&formacode=31795` asks two questions).
    fn get(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str());
        let first = values.next();
        match (
            first,
            values.find(|v| Some(v.trim()) != first.map(str::trim)),
        ) {
            (Some(a), Some(b)) => Err(ApiError::invalid_parameter(
                name,
                format!("{name} is given twice, as \"{a}\" and \"{b}\": give it once"),
            )),
            _ => Ok(first),
        }
    }
}

async fn rank(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    match rank_answer(&state, raw.as_deref()).await {
        Ok((body, freshness)) => {
            let cache_control = if freshness == Freshness::Stale {
                // France Travail is failing: let caches keep this older answer only briefly.
                let short = state.max_age.min(Duration::from_secs(60)).as_secs();
                format!("public, max-age={short}, s-maxage={short}")
            } else {
                format!(
                    "public, max-age={}, s-maxage={}",
                    state.max_age.as_secs(),
                    state.s_maxage.as_secs()
                )
            };
            json_response(
                &headers,
                &body,
                &cache_control,
                Some(HeaderValue::from_static(freshness.as_str())),
            )
        }
        Err(error) => error.into_response(),
    }
}

/// Validates the parameters and gets the answer.
pub async fn rank_answer(
    state: &AppState,
    raw_query: Option<&str>,
) -> Result<(Arc<Body>, Freshness), ApiError> {
    let query = Query::parse(raw_query);
    let formacode = Formacode::parse(query.get("formacode")?.unwrap_or(""))
        .map_err(|e| ApiError::invalid_parameter("formacode", e.message(Lang::En)))?;
    let (parameter, text) = match (query.get("codeinseeville")?, query.get("commune")?) {
        (Some(a), Some(b)) if a.trim() != b.trim() => {
            return Err(ApiError::invalid_parameter(
                "codeinseeville",
                format!("codeinseeville ({a}) and commune ({b}) disagree: give one of them"),
            ))
        }
        (Some(a), _) => ("codeinseeville", a),
        (None, Some(b)) => ("commune", b),
        (None, None) => ("codeinseeville", ""),
    };
    let code = CommuneCode::parse(text)
        .map_err(|e| ApiError::invalid_parameter(parameter, e.message(Lang::En)))?;
    let commune = state.geography.commune(&code);
    let served = state
        .source
        .rank(&formacode, &code, commune, parameter)
        .await?;
    Ok((served.body, served.freshness))
}

/// A search query and its result count.
fn search_parameters(query: &Query) -> Result<(String, usize), ApiError> {
    let q = query.get("q")?.unwrap_or("").trim().to_owned();
    if q.is_empty() {
        return Err(ApiError::invalid_parameter(
            "q",
            "q is missing: give a few letters of a name, or the start of a code".into(),
        ));
    }
    let limit = match query.get("limit")? {
        None => 10,
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if (1..=50).contains(&n) => n,
            _ => {
                return Err(ApiError::invalid_parameter(
                    "limit",
                    format!("limit is a number of results from 1 to 50 (got \"{text}\")"),
                ))
            }
        },
    };
    Ok((q, limit))
}

const SEARCH_CACHE_CONTROL: &str = "public, max-age=86400";

async fn communes(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let query = Query::parse(raw.as_deref());
    match search_parameters(&query) {
        Ok((q, limit)) => {
            let hits = state.geography.search(&q, limit);
            json_response(&headers, &serialize(&hits), SEARCH_CACHE_CONTROL, None)
        }
        Err(error) => error.into_response(),
    }
}

async fn formacodes(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let query = Query::parse(raw.as_deref());
    match search_parameters(&query) {
        Ok((q, limit)) => {
            let hits = match &state.source {
                // The demo dataset has figures for its selection only: offer those.
                Source::Demo(data) => Formacodes::search(data.selection().iter(), &q, limit),
                Source::Upstream(_) => Formacodes::search(state.formacodes.all().iter(), &q, limit),
            };
            json_response(&headers, &serialize(&hits), SEARCH_CACHE_CONTROL, None)
        }
        Err(error) => error.into_response(),
    }
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    mode: &'static str,
    communes: usize,
}

async fn healthz(State(state): State<Shared>) -> Response {
    let health = Health {
        status: "ok",
        mode: state.source.mode(),
        communes: state.geography.len(),
    };
    let body = serialize(&health);
    let mut response = (StatusCode::OK, body.json.clone()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        format!(
            "{method} {}: the proxy answers GET and HEAD only",
            uri.path()
        ),
        None,
    )
    .into_response()
}

async fn not_found(uri: Uri) -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        format!(
            "nothing at {}; the proxy's endpoints are /v1/rank, /v1/communes, /v1/formacodes and /healthz",
            uri.path()
        ),
        None,
    )
    .into_response()
}

fn serialize<T: Serialize>(value: &T) -> Body {
    // Plain structs of strings and numbers: serialization cannot fail.
    Body::new(serde_json::to_vec(value).unwrap_or_default())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let cache_control = if self.status.is_server_error() {
            "no-store"
        } else {
            "public, max-age=300, s-maxage=300"
        };
        let body = serialize(&self.body);
        let mut response = (self.status, body.json).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        response
    }
}

/// A 200 JSON answer with its `ETag`, or a 304 when the request's `If-None-Match` matches it.
fn json_response(
    request: &HeaderMap,
    body: &Body,
    cache_control: &str,
    cache_status: Option<HeaderValue>,
) -> Response {
    let not_modified = if_none_match(request, &body.etag);
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = (StatusCode::OK, body.json.clone()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    let headers = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&body.etag) {
        headers.insert(header::ETAG, etag);
    }
    if let Ok(value) = HeaderValue::from_str(cache_control) {
        headers.insert(header::CACHE_CONTROL, value);
    }
    if let Some(value) = cache_status {
        headers.insert(HeaderName::from_static(CACHE_STATUS_HEADER), value);
    }
    response
}

/// Whether `If-None-Match` names this entity tag (weak comparison, as RFC 9110 asks for this header).
fn if_none_match(request: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == "*" || opaque(tag) == opaque(etag))
}

/// CORS for the allowed origins: none (same-origin only), a list, or `*` alone.
fn cors(origins: &[String]) -> Result<Option<CorsLayer>, String> {
    let origins: Vec<&str> = origins
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.contains(&"*") {
        if origins.len() > 1 {
            return Err(
                "--allow-origin '*' allows every origin: give it alone, or list origins".into(),
            );
        }
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|origin| origin_header(origin))
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::HEAD])
            .expose_headers([header::ETAG, HeaderName::from_static(CACHE_STATUS_HEADER)])
            .max_age(Duration::from_secs(86_400)),
    ))
}

/// An origin as browsers send it: `scheme://host[:port]`, nothing after.
fn origin_header(origin: &str) -> Result<HeaderValue, String> {
    let trimmed = origin.trim_end_matches('/');
    let bad = || {
        format!(
            "--allow-origin {origin:?} is not an origin: write scheme://host[:port], e.g. https://www.example.org"
        )
    };
    let (scheme, rest) = trimmed.split_once("://").ok_or_else(bad)?;
    if !matches!(scheme, "http" | "https")
        || rest.is_empty()
        || rest.contains(['/', '?', '#', '@', ' '])
    {
        return Err(bad());
    }
    HeaderValue::from_str(&trimmed.to_ascii_lowercase()).map_err(|_| bad())
}

/// How hard assets without a precompressed sibling are compressed on the fly. tower-http's default is
/// the codec's own, which for brotli (what browsers send over HTTPS) is quality 11: about a second of
/// CPU for the widget's 260 kB `.wasm`, on every request. Quality 4 (brotli and gzip alike) takes about
/// 10 ms for 19 % more bytes than quality 11; `make demo` writes `.br` / `.gz` siblings at the best
/// levels once (`scripts/precompress.mjs`), which are served as they are.
const ASSET_COMPRESSION: CompressionLevel = CompressionLevel::Precise(4);

/// The built site: files with a content hash in their name are immutable, HTML is revalidated, the rest
/// is cached briefly.
fn assets(dir: &Path) -> Result<Router, String> {
    if !dir.is_dir() {
        return Err(format!("--assets {}: no such directory", dir.display()));
    }
    let serve = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(any(not_found));
    Ok(Router::new()
        .fallback_service(serve)
        .layer(middleware::from_fn(asset_caching))
        .layer(CompressionLayer::new().quality(ASSET_COMPRESSION)))
}

async fn asset_caching(request: Request<HttpBody>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let value = asset_cache_control(&path);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// `Cache-Control` of a file of the site, from its path.
pub fn asset_cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or("");
    if name.is_empty() || name.ends_with(".html") {
        "no-cache"
    } else if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    }
}

/// Whether a file name carries a content hash, as Trunk writes them: `index-1f2e3d4c5b6a7988.js`,
/// `index-1f2e3d4c5b6a7988_bg.wasm`.
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=32).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_file_names_are_immutable() {
        assert_eq!(
            asset_cache_control("/index-1f2e3d4c5b6a7988_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            asset_cache_control("/retour-emploi-widget-0a1b2c3d4e5f6a7b.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            asset_cache_control("/retour-emploi.js"),
            "public, max-age=300"
        );
        assert_eq!(asset_cache_control("/demo/demo.css"), "public, max-age=300");
        assert_eq!(asset_cache_control("/"), "no-cache");
        assert_eq!(asset_cache_control("/index.html"), "no-cache");
    }

    #[test]
    fn origins_must_be_scheme_host_and_port() {
        assert!(origin_header("https://www.example.org").is_ok());
        assert!(origin_header("http://127.0.0.1:8080/").is_ok());
        assert!(origin_header("www.example.org").is_err());
        assert!(origin_header("https://example.org/page").is_err());
        assert!(cors(&["*".into(), "https://a.example".into()]).is_err());
        assert!(cors(&[]).unwrap().is_none());
    }

    #[test]
    fn if_none_match_compares_opaque_tags() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"a\", W/\"b\""),
        );
        assert!(if_none_match(&headers, "\"b\""));
        assert!(!if_none_match(&headers, "\"c\""));
    }
}
