//! Command line and environment.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

/// France Travail's token endpoint (partner realm), as published on francetravail.io.
pub const DEFAULT_TOKEN_URL: &str =
    "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire";
/// Base URL of France Travail's *retour à l'emploi suite formation* API; `/rank` is appended.
pub const DEFAULT_API_BASE: &str =
    "https://api.francetravail.io/partenaire/retouralemploisuiteformation/v1";
/// The scope of that API.
pub const DEFAULT_SCOPE: &str = "api_retouralemploisuiteformationv1";

/// Environment variable holding the France Travail client id.
pub const CLIENT_ID_ENV: &str = "FRANCE_TRAVAIL_CLIENT_ID";
/// Environment variable holding the France Travail client secret.
pub const CLIENT_SECRET_ENV: &str = "FRANCE_TRAVAIL_CLIENT_SECRET";

/// Reference proxy of retour-emploi: serves France Travail's *taux de retour à l'emploi suite
/// formation* as the normalized JSON of the widget, or a synthetic demo dataset.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "retour-emploi-proxy",
    version,
    about,
    long_about = None,
    after_help = "Upstream mode reads France Travail's client credentials from the environment only \
                  (FRANCE_TRAVAIL_CLIENT_ID, FRANCE_TRAVAIL_CLIENT_SECRET: a command line is visible \
                  to every user of the machine). Without --demo or --upstream, the proxy serves France \
                  Travail when both are set, else the demo dataset. Documentation: docs/proxy.md."
)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "RETOUR_EMPLOI_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Port to listen on, replacing the port of --listen (for platforms that set PORT).
    #[arg(long, env = "PORT")]
    pub port: Option<u16>,

    /// Serve the synthetic demo dataset, even when credentials are configured.
    #[arg(long, env = "RETOUR_EMPLOI_DEMO", conflicts_with = "upstream")]
    pub demo: bool,

    /// Require upstream mode: fail at start-up when credentials are missing (instead of serving demo
    /// data).
    #[arg(long, env = "RETOUR_EMPLOI_UPSTREAM")]
    pub upstream: bool,

    /// France Travail's OAuth2 token endpoint (client credentials grant).
    #[arg(long, env = "FRANCE_TRAVAIL_TOKEN_URL", default_value = DEFAULT_TOKEN_URL)]
    pub token_url: String,

    /// Base URL of the retour à l'emploi API (`/rank` is appended).
    #[arg(long, env = "FRANCE_TRAVAIL_API_BASE", default_value = DEFAULT_API_BASE)]
    pub api_base: String,

    /// OAuth2 scope(s) to request, space-separated.
    #[arg(long, env = "FRANCE_TRAVAIL_SCOPE", default_value = DEFAULT_SCOPE)]
    pub scope: String,

    /// Time limit of one upstream request (token or data), e.g. `5s`, `800ms`.
    #[arg(long, env = "RETOUR_EMPLOI_UPSTREAM_TIMEOUT", default_value = "5s", value_parser = humantime::parse_duration)]
    pub upstream_timeout: Duration,

    /// How many times a request that failed with a 5xx, a 429 or a connection error is retried.
    #[arg(long, env = "RETOUR_EMPLOI_UPSTREAM_RETRIES", default_value_t = 2)]
    pub upstream_retries: u32,

    /// First retry delay; doubles at each retry (a `Retry-After` header wins when it says more).
    #[arg(long, env = "RETOUR_EMPLOI_RETRY_BACKOFF", default_value = "250ms", value_parser = humantime::parse_duration)]
    pub retry_backoff: Duration,

    /// Longest wait before a retry: a `Retry-After` beyond it makes the proxy give up at once (and serve
    /// a stale answer when it has one).
    #[arg(long, env = "RETOUR_EMPLOI_RETRY_MAX_WAIT", default_value = "5s", value_parser = humantime::parse_duration)]
    pub retry_max_wait: Duration,

    /// How long an upstream answer is served from memory without asking France Travail again.
    #[arg(long, env = "RETOUR_EMPLOI_CACHE_TTL", default_value = "1h", value_parser = humantime::parse_duration)]
    pub cache_ttl: Duration,

    /// How long an upstream answer is kept to be served (marked stale) when France Travail fails.
    #[arg(long, env = "RETOUR_EMPLOI_STALE_TTL", default_value = "7days", value_parser = humantime::parse_duration)]
    pub stale_ttl: Duration,

    /// Memory bound of each of the two answer caches (fresh and stale), in bytes of JSON.
    #[arg(long, env = "RETOUR_EMPLOI_CACHE_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub cache_bytes: u64,

    /// `max-age` of answers (browsers).
    #[arg(long, env = "RETOUR_EMPLOI_MAX_AGE", default_value = "1h", value_parser = humantime::parse_duration)]
    pub max_age: Duration,

    /// `s-maxage` of answers (CDNs and shared caches in front of the proxy).
    #[arg(long, env = "RETOUR_EMPLOI_S_MAXAGE", default_value = "1day", value_parser = humantime::parse_duration)]
    pub s_maxage: Duration,

    /// Time limit of a whole request to the proxy.
    #[arg(long, env = "RETOUR_EMPLOI_REQUEST_TIMEOUT", default_value = "30s", value_parser = humantime::parse_duration)]
    pub request_timeout: Duration,

    /// Origin allowed to call the proxy from a browser (repeatable; `*` for any origin). Without it only
    /// same-origin pages can. The variable takes a comma-separated list.
    #[arg(
        long = "allow-origin",
        env = "RETOUR_EMPLOI_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,

    /// Directory of a built site to serve (the demo page, retour-emploi.js, the .wasm).
    #[arg(long, env = "RETOUR_EMPLOI_ASSETS")]
    pub assets: Option<PathBuf>,
}

impl Args {
    /// The address to bind: --listen, with its port replaced by --port / PORT when given.
    pub fn bind_address(&self) -> SocketAddr {
        let mut address = self.listen;
        if let Some(port) = self.port {
            address.set_port(port);
        }
        address
    }
}

/// France Travail client credentials. Never printed: `Debug` redacts both values.
#[derive(Clone)]
pub struct Credentials {
    /// Client id (*identifiant client*).
    pub client_id: String,
    /// Client secret (*clé secrète*).
    pub client_secret: String,
}

impl Credentials {
    /// Reads the credentials from the environment; `None` unless both are set and not blank.
    pub fn from_env() -> Option<Credentials> {
        let read = |name| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Some(Credentials {
            client_id: read(CLIENT_ID_ENV)?,
            client_secret: read(CLIENT_SECRET_ENV)?,
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &"[redacted]")
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_show_in_debug_output() {
        let credentials = Credentials {
            client_id: "PAR_id_1234".into(),
            client_secret: "s3cr3t".into(),
        };
        let shown = format!("{credentials:?}");
        assert!(
            !shown.contains("PAR_id_1234") && !shown.contains("s3cr3t"),
            "{shown}"
        );
    }

    #[test]
    fn port_replaces_the_port_of_the_listen_address() {
        let args = Args::parse_from(["proxy", "--listen", "0.0.0.0:8080", "--port", "9000"]);
        assert_eq!(args.bind_address().to_string(), "0.0.0.0:9000");
    }
}
