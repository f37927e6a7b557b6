//! CORS: same-origin only by default, an allow-list, or `*` when asked for.

use crate::support::get_with;
use crate::support::process::Proxy;

const PATH: &str = "/v1/rank?formacode=42050&codeinseeville=69123";

#[tokio::test]
async fn without_an_allow_list_no_origin_is_allowed() {
    let proxy = Proxy::demo(&[]).await;
    let answer = get_with(&proxy.url(PATH), &[("origin", "https://training.example")]).await;
    assert_eq!(answer.status, 200);
    assert!(answer.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn listed_origins_are_allowed_and_others_refused() {
    let proxy = Proxy::demo(&[
        "--allow-origin",
        "https://training.example",
        "--allow-origin",
        "http://localhost:3000/",
    ])
    .await;
    let allowed = get_with(&proxy.url(PATH), &[("origin", "https://training.example")]).await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://training.example")
    );
    let exposed = allowed
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
    assert!(allowed
        .header("vary")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("origin"));
    let local = get_with(&proxy.url(PATH), &[("origin", "http://localhost:3000")]).await;
    assert_eq!(
        local.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let refused = get_with(&proxy.url(PATH), &[("origin", "https://evil.example")]).await;
    assert!(refused.header("access-control-allow-origin").is_none());

    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, proxy.url(PATH))
        .header("origin", "https://training.example")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("https://training.example")
    );
}

#[tokio::test]
async fn a_star_allows_every_origin_only_when_given() {
    let proxy = Proxy::demo(&["--allow-origin", "*"]).await;
    let answer = get_with(&proxy.url(PATH), &[("origin", "https://anyone.example")]).await;
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    // Errors carry CORS headers too, so the widget can read them.
    let error = get_with(
        &proxy.url("/v1/rank?formacode=1"),
        &[("origin", "https://anyone.example")],
    )
    .await;
    assert_eq!(error.status, 400);
    assert_eq!(error.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn a_malformed_origin_stops_the_start_with_a_message() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_retour-emploi-proxy"))
        .args([
            "--demo",
            "--listen",
            "127.0.0.1:0",
            "--allow-origin",
            "training.example/page",
        ])
        .output()
        .await
        .expect("run the proxy");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not an origin"), "{stderr}");
}
