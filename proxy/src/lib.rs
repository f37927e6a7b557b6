//! Reference proxy of retour-emploi.
//!
//! Browsers cannot call France Travail's *retour à l'emploi suite formation* API: it needs OAuth client
//! secrets and sends no CORS headers. This proxy holds the secrets, calls the API, caches its answers and
//! serves them as the widget's normalized JSON, with commune, bassin, département and région names from
//! an embedded geography table. Without credentials it serves a deterministic synthetic dataset over the
//! same geography (`"source": "demo"`). Every rule about the data comes from `retour-emploi-core`.

pub mod config;
pub mod demo;
pub mod formacodes;
pub mod geography;
pub mod http;
pub mod search;
pub mod service;
pub mod upstream;

use axum::serve::ListenerExt;
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use config::{Args, Credentials};
use demo::DemoData;
use formacodes::Formacodes;
use geography::Geography;
use http::{AppState, HttpOptions};
use service::{CacheConfig, Source, Upstream};
use upstream::{FranceTravail, UpstreamConfig};

/// Loads the tables, picks the mode, and builds the application state.
pub fn state(args: &Args) -> Result<AppState, String> {
    let started = Instant::now();
    let geography = Geography::embedded()?;
    let formacodes = Formacodes::embedded()?;
    tracing::info!(
        communes = geography.len(),
        bassins = geography.bassin_count(),
        formacodes = formacodes.all().len(),
        load_ms = started.elapsed().as_secs_f64() * 1000.0,
        "reference tables loaded"
    );
    let source = source(args, &formacodes)?;
    Ok(AppState {
        geography,
        formacodes,
        source,
        max_age: args.max_age,
        s_maxage: args.s_maxage,
    })
}

fn source(args: &Args, formacodes: &Formacodes) -> Result<Source, String> {
    let credentials = Credentials::from_env();
    let demo = |why: &str| {
        let data = DemoData::new(formacodes);
        tracing::warn!(
            formacodes = data.selection().len(),
            "DEMO MODE ({why}): serving synthetic data labelled \"source\": \"demo\", not France Travail's figures"
        );
        Source::Demo(data)
    };
    match credentials {
        _ if args.demo => Ok(demo("--demo")),
        None if args.upstream => Err(format!(
            "--upstream needs {} and {} in the environment",
            config::CLIENT_ID_ENV,
            config::CLIENT_SECRET_ENV
        )),
        None => Ok(demo(&format!(
            "no {} / {} in the environment",
            config::CLIENT_ID_ENV,
            config::CLIENT_SECRET_ENV
        ))),
        Some(credentials) => {
            for (flag, url) in [
                ("--token-url", &args.token_url),
                ("--api-base", &args.api_base),
            ] {
                reqwest::Url::parse(url).map_err(|e| format!("{flag} {url:?}: {e}"))?;
            }
            let client = FranceTravail::new(UpstreamConfig {
                token_url: args.token_url.clone(),
                api_base: args.api_base.clone(),
                scope: args.scope.clone(),
                credentials,
                timeout: args.upstream_timeout,
                retries: args.upstream_retries,
                backoff: args.retry_backoff,
                max_wait: args.retry_max_wait,
            })?;
            tracing::info!(
                token_url = %args.token_url,
                api_base = %args.api_base,
                scope = %args.scope,
                "UPSTREAM MODE: answering with France Travail's figures"
            );
            Ok(Source::Upstream(Box::new(Upstream::new(
                client,
                CacheConfig {
                    ttl: args.cache_ttl,
                    stale_ttl: args.stale_ttl,
                    max_bytes: args.cache_bytes,
                },
            ))))
        }
    }
}

/// Runs the proxy until SIGINT / SIGTERM. Prints `listening on http://ADDRESS/` on stdout once bound.
pub async fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let state = Arc::new(state(&args)?);
    let mode = state.source.mode();
    let app = http::router(
        state,
        &HttpOptions {
            allow_origins: args.allow_origins.clone(),
            assets: args.assets.clone(),
            request_timeout: Some(args.request_timeout),
        },
    )?;
    let address = args.bind_address();
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    tracing::info!(
        startup_ms = started.elapsed().as_secs_f64() * 1000.0,
        %bound,
        mode,
        assets = ?args.assets,
        allow_origins = ?args.allow_origins,
        "ready"
    );
    let mut stdout = std::io::stdout();
    // Scripts and tests read this line to learn the port (with --listen 127.0.0.1:0).
    let _ = writeln!(
        stdout,
        "retour-emploi-proxy listening on http://{bound}/ ({mode} mode)"
    );
    let _ = stdout.flush();
    // Small answers are the proxy's whole job: with Nagle's algorithm on, a response written in two
    // segments can wait for the client's delayed ACK (up to 40 ms on Linux). axum::serve leaves it on.
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY on a connection");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
