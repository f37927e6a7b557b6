//! A fake France Travail on 127.0.0.1 speaking the real protocol:
//!
//! - `POST /connexion/oauth2/access_token?realm=%2Fpartenaire`, form-encoded client-credentials request,
//!   answering `{access_token, token_type, expires_in, scope}` or `400 {error, error_description}`;
//! - `GET /partenaire/retouralemploisuiteformation/v1/rank?formacode=…&codeinseeville=…` with a bearer
//!   token, answering an array of one object whose values are strings, `400 {source, message}` for an
//!   unknown commune or a missing parameter, `401` for an unknown, expired or revoked token.
//!
//! Switches script failures (5xx, 429 with `Retry-After`, slow answers) and token expiry; counters and
//! timestamps tell what the proxy did.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

pub const CLIENT_ID: &str = "PAR_retouremploi_test_0123456789abcdef";
pub const CLIENT_SECRET: &str = "s3cr3t-never-logged-7f9a1c";
pub const SCOPE: &str = "api_retouralemploisuiteformationv1";
pub const TOKEN_PATH: &str = "/connexion/oauth2/access_token";
pub const API_PATH: &str = "/partenaire/retouralemploisuiteformation/v1";

/// What the next rank request meets, before any normal answer.
#[derive(Clone, Debug)]
pub enum Failure {
    /// This status, empty body.
    Status(u16),
    /// 429 with this `Retry-After` (seconds).
    TooManyRequests(u64),
    /// 401 whatever the token.
    Unauthorized,
}

/// Switches and counters.
#[derive(Debug, Default)]
pub struct Behaviour {
    /// `expires_in` of issued tokens, seconds.
    pub expires_in: u64,
    /// Scripted failures of the next rank requests, in order.
    pub failures: VecDeque<Failure>,
    /// Every rank request fails with 503 while set.
    pub down: bool,
    /// Delay before every rank answer.
    pub delay: Duration,
    /// Tokens issued: value → time of issue. Removed when revoked.
    pub tokens: HashMap<String, Instant>,
    /// Token requests received.
    pub token_requests: usize,
    /// Rank requests received (any outcome).
    pub rank_requests: usize,
    /// When each rank request arrived.
    pub rank_times: Vec<Instant>,
    /// The `codeinseeville` of each rank request.
    pub communes_asked: Vec<String>,
    /// The last token request's form, as received.
    pub last_token_form: HashMap<String, String>,
}

/// A running fake; stops with the test's runtime.
#[derive(Clone)]
pub struct FakeFranceTravail {
    pub base: String,
    pub behaviour: Arc<Mutex<Behaviour>>,
}

impl FakeFranceTravail {
    /// Starts on an ephemeral port.
    pub async fn start() -> FakeFranceTravail {
        let behaviour = Arc::new(Mutex::new(Behaviour {
            expires_in: 1499,
            ..Behaviour::default()
        }));
        let app = Router::new()
            .route(TOKEN_PATH, post(token))
            .route(&format!("{API_PATH}/rank"), get(rank))
            .with_state(behaviour.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake France Travail");
        let address = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeFranceTravail {
            base: format!("http://{address}"),
            behaviour,
        }
    }

    /// Arguments and environment that point a proxy at this fake.
    pub fn proxy_args(&self) -> Vec<String> {
        vec![
            "--token-url".into(),
            format!("{}{TOKEN_PATH}?realm=%2Fpartenaire", self.base),
            "--api-base".into(),
            format!("{}{API_PATH}", self.base),
            "--upstream".into(),
        ]
    }

    /// The credentials the fake accepts.
    pub fn credentials() -> [(&'static str, &'static str); 2] {
        [
            ("FRANCE_TRAVAIL_CLIENT_ID", CLIENT_ID),
            ("FRANCE_TRAVAIL_CLIENT_SECRET", CLIENT_SECRET),
        ]
    }

    /// Changes the behaviour.
    pub fn set(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut self.behaviour.lock().unwrap());
    }

    /// Reads the behaviour's counters.
    pub fn read<T>(&self, read: impl FnOnce(&Behaviour) -> T) -> T {
        read(&self.behaviour.lock().unwrap())
    }

    /// Revokes every token issued so far: the API answers 401 to them.
    pub fn revoke_tokens(&self) {
        self.set(|b| b.tokens.clear());
    }
}

type Shared = Arc<Mutex<Behaviour>>;

async fn token(
    State(behaviour): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let form: HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut b = behaviour.lock().unwrap();
    b.token_requests += 1;
    b.last_token_form = form.clone();
    let form_encoded = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let refused = |error: &str, description: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": error, "error_description": description})),
        )
            .into_response()
    };
    if query.get("realm").map(String::as_str) != Some("/partenaire") {
        return refused("invalid_request", "realm must be /partenaire");
    }
    if !form_encoded || form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return refused("invalid_request", "grant_type client_credentials expected");
    }
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || form.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return refused("invalid_client", "Client authentication failed");
    }
    if !form
        .get("scope")
        .is_some_and(|s| s.split(' ').any(|s| s == SCOPE))
    {
        return refused("invalid_scope", "Invalid scope");
    }
    let value = format!("tok-{}", b.token_requests);
    b.tokens.insert(value.clone(), Instant::now());
    (
        StatusCode::OK,
        [("cache-control", "no-store"), ("pragma", "no-cache")],
        Json(json!({
            "scope": format!("{SCOPE} application_{CLIENT_ID}"),
            "expires_in": b.expires_in,
            "token_type": "Bearer",
            "access_token": value,
        })),
    )
        .into_response()
}

async fn rank(
    State(behaviour): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params: HashMap<String, String> =
        form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let (failure, delay) = {
        let mut b = behaviour.lock().unwrap();
        b.rank_requests += 1;
        b.rank_times.push(Instant::now());
        b.communes_asked
            .push(params.get("codeinseeville").cloned().unwrap_or_default());
        let failure = if b.down {
            Some(Failure::Status(503))
        } else {
            b.failures.pop_front()
        };
        (failure, b.delay)
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match failure {
        Some(Failure::Status(status)) => {
            return StatusCode::from_u16(status)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }
        Some(Failure::TooManyRequests(seconds)) => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", seconds.to_string())],
            )
                .into_response()
        }
        Some(Failure::Unauthorized) => return StatusCode::UNAUTHORIZED.into_response(),
        None => {}
    }
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    {
        let b = behaviour.lock().unwrap();
        let valid = b
            .tokens
            .get(token)
            .is_some_and(|issued| issued.elapsed() < Duration::from_secs(b.expires_in));
        if !valid {
            return StatusCode::UNAUTHORIZED.into_response();
        }
    }
    let refusal = |source: &str, message: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"source": source, "message": message})),
        )
            .into_response()
    };
    let Some(formacode) = params.get("formacode").filter(|f| !f.is_empty()) else {
        return refusal("formacode", "ERROR_MISSING");
    };
    let Some(commune) = params.get("codeinseeville").filter(|c| !c.is_empty()) else {
        return refusal("codeinseeville", "ERROR_MISSING");
    };
    if commune == "99999" {
        return refusal("codeinseeville", "Code insee inconnu");
    }
    // France Travail's own bassin codes for the communes the tests use (BMO codes).
    let bassin = match commune.as_str() {
        "69123" | "69381" => "8428",
        "2A004" => "9407",
        "97411" => "404",
        _ => "",
    };
    Json(json!([{
        "formacode": formacode,
        "codeinsee-bassin": bassin,
        "taux-bassin": "0.8",
        "taux-departemental": "",
        "taux-regional": "0.4",
        "taux-national": "0.6",
    }]))
    .into_response()
}
