//! `retour-emploi-proxy`: see `docs/proxy.md`.

use std::io::IsTerminal;

use clap::Parser;
use retour_emploi_proxy::config::Args;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal: logs piped to a file or a journal stay plain text.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let args = Args::parse();
    match retour_emploi_proxy::run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            // Once, in plain words (the logs go to stderr too).
            eprintln!("retour-emploi-proxy: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
