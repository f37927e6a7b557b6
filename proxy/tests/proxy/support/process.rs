//! The proxy as a real process: the binary Cargo built for these tests.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A running proxy; killed when dropped.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Everything it printed (stdout and stderr), for assertions about logs.
    pub output: Arc<Mutex<String>>,
    _child: Child,
}

/// Variables a developer's shell may hold that would change the mode or the address under test.
const CLEARED: [&str; 6] = [
    "FRANCE_TRAVAIL_CLIENT_ID",
    "FRANCE_TRAVAIL_CLIENT_SECRET",
    "PORT",
    "RETOUR_EMPLOI_LISTEN",
    "RETOUR_EMPLOI_ALLOW_ORIGINS",
    "RETOUR_EMPLOI_ASSETS",
];

impl Proxy {
    /// Starts the proxy on an ephemeral port with these arguments and environment variables, and waits
    /// for the line announcing its address.
    pub async fn start(args: &[&str], env: &[(&str, &str)]) -> Proxy {
        let mut command = Command::new(env!("CARGO_BIN_EXE_retour-emploi-proxy"));
        command
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for name in CLEARED {
            command.env_remove(name);
        }
        command.env("RUST_LOG", "debug").env("NO_COLOR", "1");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("start the proxy binary");
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let collected = output.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                collected.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let announce = async {
            while let Ok(Some(line)) = lines.next_line().await {
                output.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some(rest) = line.split("listening on ").nth(1) {
                    let base = rest.split('/').take(3).collect::<Vec<_>>().join("/");
                    return Some(base);
                }
            }
            None
        };
        // A guard against a hung start, not a performance limit.
        let base = tokio::time::timeout(Duration::from_secs(60), announce)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| {
                panic!(
                    "the proxy did not start; it printed:\n{}",
                    output.lock().unwrap()
                )
            });
        let collected = output.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                collected.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Proxy {
            base,
            output,
            _child: child,
        }
    }

    /// A demo-mode proxy.
    pub async fn demo(args: &[&str]) -> Proxy {
        let mut all = vec!["--demo"];
        all.extend_from_slice(args);
        Proxy::start(&all, &[]).await
    }

    /// The URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// What it printed so far.
    pub fn printed(&self) -> String {
        self.output.lock().unwrap().clone()
    }
}
