//! France Travail's API: OAuth2 client-credentials token on the partner realm, then
//! `GET {api}/rank?formacode=…&codeinseeville=…` with the bearer token.
//!
//! The token is cached until shortly before `expires_in` and fetched again once when the API answers 401
//! (a token revoked or expired early). Requests that fail with a 5xx, a 429 or a connection error are
//! retried with exponential backoff, honouring `Retry-After` up to a bound. A request that times out is
//! not retried: the visitor is already waiting, and the stale cache covers the rest.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use reqwest::StatusCode;
use retour_emploi_core::Formacode;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::config::Credentials;

/// How to reach France Travail.
#[derive(Clone, Debug)]
pub struct UpstreamConfig {
    /// Token endpoint (with its `realm` query parameter).
    pub token_url: String,
    /// API base; `/rank` is appended.
    pub api_base: String,
    /// OAuth2 scope(s).
    pub scope: String,
    /// Client id and secret.
    pub credentials: Credentials,
    /// Time limit of one request.
    pub timeout: Duration,
    /// Retries after a 5xx, a 429 or a connection error.
    pub retries: u32,
    /// First retry delay, doubled at each retry.
    pub backoff: Duration,
    /// Longest wait before a retry.
    pub max_wait: Duration,
}

/// A raw answer of the rank endpoint, for core's decoder.
#[derive(Clone, Debug)]
pub struct RawAnswer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// Body.
    pub body: String,
}

/// Why no answer could be had from France Travail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpstreamError {
    /// No answer in time.
    Timeout,
    /// Unreachable, failing (5xx, 429 after the retries) or refusing our credentials.
    Unavailable(String),
}

/// An access token. `Debug` never shows its value.
struct Token {
    value: String,
    renew_at: Instant,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("value", &"[redacted]")
            .field("renew_at", &self.renew_at)
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct TokenRefusal {
    error: Option<String>,
    error_description: Option<String>,
}

/// What one attempt came to.
enum Attempt {
    Done(RawAnswer),
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    Unauthorized,
    Fail(UpstreamError),
}

/// The France Travail client, shared by every request.
#[derive(Debug)]
pub struct FranceTravail {
    http: reqwest::Client,
    config: UpstreamConfig,
    rank_url: String,
    token: Mutex<Option<Arc<Token>>>,
}

impl FranceTravail {
    /// A client for this configuration.
    pub fn new(config: UpstreamConfig) -> Result<FranceTravail, String> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .user_agent(concat!("retour-emploi-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let rank_url = format!("{}/rank", config.api_base.trim_end_matches('/'));
        Ok(FranceTravail {
            http,
            config,
            rank_url,
            token: Mutex::new(None),
        })
    }

    /// Asks France Travail for one training near one commune.
    pub async fn rank(
        &self,
        formacode: &Formacode,
        commune: &str,
    ) -> Result<RawAnswer, UpstreamError> {
        let mut retries = 0;
        let mut refreshed = false;
        loop {
            let attempt = match self.token().await {
                Ok(token) => match self.rank_once(&token, formacode, commune).await {
                    Attempt::Unauthorized if !refreshed => {
                        tracing::info!(
                            "France Travail refused the access token: fetching a new one"
                        );
                        self.forget(&token).await;
                        refreshed = true;
                        continue;
                    }
                    other => other,
                },
                Err(attempt) => attempt,
            };
            let (reason, retry_after) = match attempt {
                Attempt::Done(answer) => return Ok(answer),
                Attempt::Fail(error) => return Err(error),
                Attempt::Unauthorized => {
                    return Err(UpstreamError::Unavailable(
                        "France Travail refused a freshly issued access token (401): check the scope and the API subscription".into(),
                    ))
                }
                Attempt::Retry {
                    reason,
                    retry_after,
                } => (reason, retry_after),
            };
            if retries >= self.config.retries {
                return Err(UpstreamError::Unavailable(reason));
            }
            let backoff = self.config.backoff.saturating_mul(1 << retries.min(16));
            let wait = retry_after.map_or(backoff, |asked| asked.max(backoff));
            if wait > self.config.max_wait {
                return Err(UpstreamError::Unavailable(format!(
                    "{reason}; it asks to wait {} s, more than the {} s allowed",
                    wait.as_secs(),
                    self.config.max_wait.as_secs()
                )));
            }
            retries += 1;
            tracing::warn!(%reason, retry = retries, wait_ms = wait.as_millis() as u64, "retrying France Travail");
            tokio::time::sleep(wait).await;
        }
    }

    async fn rank_once(&self, token: &Token, formacode: &Formacode, commune: &str) -> Attempt {
        let sent = self
            .http
            .get(&self.rank_url)
            .query(&[
                ("formacode", formacode.as_str()),
                ("codeinseeville", commune),
            ])
            .bearer_auth(&token.value)
            .header(ACCEPT, "application/json")
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return transport_failure("the rank endpoint", &error),
        };
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED {
            return Attempt::Unauthorized;
        }
        if let Some(retry) = retryable(status, response.headers(), "the rank endpoint") {
            return retry;
        }
        let content_type = header_text(response.headers(), CONTENT_TYPE);
        match response.text().await {
            Ok(body) => Attempt::Done(RawAnswer {
                status: status.as_u16(),
                content_type,
                body,
            }),
            Err(error) => transport_failure("the rank endpoint", &error),
        }
    }

    /// The cached token, or a new one. The lock makes concurrent requests wait for one token request.
    async fn token(&self) -> Result<Arc<Token>, Attempt> {
        let mut slot = self.token.lock().await;
        if let Some(token) = slot.as_ref() {
            if Instant::now() < token.renew_at {
                return Ok(token.clone());
            }
        }
        let token = Arc::new(self.fetch_token().await?);
        *slot = Some(token.clone());
        Ok(token)
    }

    /// Drops the token the API refused, unless another request already replaced it.
    async fn forget(&self, refused: &Arc<Token>) {
        let mut slot = self.token.lock().await;
        if slot.as_ref().is_some_and(|t| Arc::ptr_eq(t, refused)) {
            *slot = None;
        }
    }

    async fn fetch_token(&self) -> Result<Token, Attempt> {
        let credentials = &self.config.credentials;
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", credentials.client_id.as_str()),
            ("client_secret", credentials.client_secret.as_str()),
            ("scope", self.config.scope.as_str()),
        ];
        let asked = Instant::now();
        let sent = self
            .http
            .post(&self.config.token_url)
            .form(&form)
            .header(ACCEPT, "application/json")
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return Err(transport_failure("the token endpoint", &error)),
        };
        let status = response.status();
        if let Some(retry) = retryable(status, response.headers(), "the token endpoint") {
            return Err(retry);
        }
        let body = match response.text().await {
            Ok(body) => body,
            Err(error) => return Err(transport_failure("the token endpoint", &error)),
        };
        if !status.is_success() {
            let refusal = serde_json::from_str::<TokenRefusal>(&body).ok();
            let said = refusal
                .map(|r| {
                    [r.error, r.error_description]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "no reason given".into());
            return Err(Attempt::Fail(UpstreamError::Unavailable(format!(
                "France Travail's token endpoint refused the client credentials ({status}, {said}): check {} , {} and the scope",
                crate::config::CLIENT_ID_ENV,
                crate::config::CLIENT_SECRET_ENV
            ))));
        }
        let answer: TokenAnswer = serde_json::from_str(&body).map_err(|_| {
            Attempt::Fail(UpstreamError::Unavailable(
                "France Travail's token endpoint answered without an access_token".into(),
            ))
        })?;
        // Renew a little before expiry: a fifth of the lifetime, at most a minute.
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(60));
        let margin = (lifetime / 5).min(Duration::from_secs(60));
        tracing::info!(
            expires_in_s = lifetime.as_secs(),
            "got a France Travail access token"
        );
        Ok(Token {
            value: answer.access_token,
            renew_at: asked + lifetime - margin,
        })
    }
}

/// A retry for 429 and 5xx answers, with the `Retry-After` they carry.
fn retryable(status: StatusCode, headers: &HeaderMap, what: &str) -> Option<Attempt> {
    (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()).then(|| Attempt::Retry {
        reason: format!("France Travail's {what} answered {status}"),
        retry_after: retry_after(headers),
    })
}

fn transport_failure(what: &str, error: &reqwest::Error) -> Attempt {
    if error.is_timeout() {
        Attempt::Fail(UpstreamError::Timeout)
    } else {
        // Without the URL: it is configuration, and the error text is enough to act on.
        let error = error.without_url_ref();
        Attempt::Retry {
            reason: format!("cannot reach France Travail's {what}: {error}"),
            retry_after: None,
        }
    }
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut text = self.to_string();
        if let Some(url) = self.url() {
            text = text.replace(url.as_str(), "");
        }
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// `Retry-After`: a number of seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        let later = SystemTime::now() + Duration::from_secs(120);
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_str(&httpdate::fmt_http_date(later)).unwrap(),
        );
        let wait = retry_after(&headers).unwrap();
        assert!(wait > Duration::from_secs(100) && wait <= Duration::from_secs(120));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }
}
