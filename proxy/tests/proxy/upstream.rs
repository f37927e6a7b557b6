//! Upstream mode against the fake France Travail: tokens, retries, stale answers, coalescing, refusals.

use std::time::Duration;

use crate::support::fake_france_travail::{Failure, FakeFranceTravail, CLIENT_ID, CLIENT_SECRET};
use crate::support::process::Proxy;
use crate::support::{get, level};

async fn proxy_in_front_of(fake: &FakeFranceTravail, extra: &[&str]) -> Proxy {
    let mut args: Vec<String> = fake.proxy_args();
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Proxy::start(&args, &FakeFranceTravail::credentials()).await
}

fn rank(proxy: &Proxy, formacode: &str, commune: &str) -> String {
    proxy.url(&format!(
        "/v1/rank?formacode={formacode}&codeinseeville={commune}"
    ))
}

#[tokio::test]
async fn one_token_serves_many_requests_and_is_asked_for_with_client_credentials() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    for commune in ["69123", "2A004", "97411"] {
        let answer = get(&rank(&proxy, "22435", commune)).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    assert_eq!(fake.read(|b| (b.token_requests, b.rank_requests)), (1, 3));
    let form = fake.read(|b| b.last_token_form.clone());
    assert_eq!(form["grant_type"], "client_credentials");
    assert_eq!(form["client_id"], CLIENT_ID);
    assert_eq!(form["scope"], "api_retouralemploisuiteformationv1");
}

#[tokio::test]
async fn upstream_answers_are_enriched_with_the_geography_and_decoded_by_core() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json = answer.json();
    assert_eq!(json["source"], "france-travail");
    assert_eq!(json["commune"]["nom"], "Lyon");
    let bassin = level(&json, "bassin");
    assert_eq!(
        (&bassin["code"], &bassin["nom"]),
        (&"8428".into(), &"Lyon Centre".into())
    );
    assert_eq!(bassin["quintile"], 4);
    let departement = level(&json, "departement");
    assert_eq!(departement["nom"], "Rhône");
    assert_eq!(departement["status"], "unavailable");
    assert!(departement.get("quintile").is_none());
    assert_eq!(level(&json, "region")["nom"], "Auvergne-Rhône-Alpes");
    assert_eq!(level(&json, "region")["quintile"], 2);
    assert_eq!(level(&json, "national")["quintile"], 3);
}

#[tokio::test]
async fn a_pre_merger_code_is_sent_upstream_as_its_current_commune() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    let answer = get(&rank(&proxy, "22435", "20004")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(fake.read(|b| b.communes_asked.clone()), ["2A004"]);
    let json = answer.json();
    assert_eq!(json["commune"]["code"], "20004");
    assert_eq!(level(&json, "bassin")["nom"], "Ajaccio");
    assert_eq!(level(&json, "departement")["code"], "2A");
}

#[tokio::test]
async fn an_expired_token_is_replaced_before_use() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.expires_in = 1);
    let proxy = proxy_in_front_of(&fake, &[]).await;
    assert_eq!(get(&rank(&proxy, "22435", "69123")).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(get(&rank(&proxy, "22435", "2A004")).await.status, 200);
    // Renewed ahead of expiry: no request was refused.
    assert_eq!(fake.read(|b| (b.token_requests, b.rank_requests)), (2, 2));
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_request_retried() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    assert_eq!(get(&rank(&proxy, "22435", "69123")).await.status, 200);
    fake.revoke_tokens();
    let answer = get(&rank(&proxy, "22435", "2A004")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(fake.read(|b| (b.token_requests, b.rank_requests)), (2, 3));
}

#[tokio::test]
async fn a_token_refused_twice_is_a_bad_gateway_not_a_loop() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| {
        b.failures = [Failure::Unauthorized, Failure::Unauthorized].into();
    });
    let proxy = proxy_in_front_of(&fake, &[]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 502, "{}", answer.body);
    assert_eq!(answer.json()["error"], "upstream-unavailable");
    assert!(answer.json()["message"].as_str().unwrap().contains("401"));
    assert_eq!(fake.read(|b| (b.token_requests, b.rank_requests)), (2, 2));
}

#[tokio::test]
async fn wrong_credentials_are_a_bad_gateway_naming_the_variables_without_their_values() {
    let fake = FakeFranceTravail::start().await;
    let args = fake.proxy_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let proxy = Proxy::start(
        &args,
        &[
            ("FRANCE_TRAVAIL_CLIENT_ID", CLIENT_ID),
            ("FRANCE_TRAVAIL_CLIENT_SECRET", "wrong-secret-4242"),
        ],
    )
    .await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 502, "{}", answer.body);
    let message = answer.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("invalid_client") && message.contains("FRANCE_TRAVAIL_CLIENT_SECRET"),
        "{message}"
    );
    assert!(!answer.body.contains("wrong-secret-4242"));
    assert!(
        !proxy.printed().contains("wrong-secret-4242"),
        "{}",
        proxy.printed()
    );
}

#[tokio::test]
async fn secrets_and_tokens_never_reach_the_logs() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    assert_eq!(get(&rank(&proxy, "22435", "69123")).await.status, 200);
    fake.revoke_tokens();
    assert_eq!(get(&rank(&proxy, "22435", "2A004")).await.status, 200);
    // Logs are at debug level in these tests (RUST_LOG=debug).
    let printed = proxy.printed();
    assert!(printed.contains("UPSTREAM MODE"), "{printed}");
    for secret in [CLIENT_SECRET, CLIENT_ID, "tok-1", "tok-2"] {
        assert!(
            !printed.contains(secret),
            "{secret} in the logs:\n{printed}"
        );
    }
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.failures = [Failure::Status(503), Failure::Status(500)].into());
    let proxy = proxy_in_front_of(&fake, &["--retry-backoff", "100ms"]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let times = fake.read(|b| b.rank_times.clone());
    assert_eq!(times.len(), 3);
    // Exponential: the second wait is at least twice the first backoff.
    assert!(times[1] - times[0] >= Duration::from_millis(100));
    assert!(times[2] - times[1] >= Duration::from_millis(200));
}

#[tokio::test]
async fn too_many_requests_waits_as_long_as_retry_after_says() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.failures = [Failure::TooManyRequests(1)].into());
    let proxy = proxy_in_front_of(&fake, &["--retry-backoff", "10ms"]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let times = fake.read(|b| b.rank_times.clone());
    assert_eq!(times.len(), 2);
    assert!(times[1] - times[0] >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_retry_after_beyond_the_bound_gives_up_at_once() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.failures = [Failure::TooManyRequests(3600)].into());
    let proxy = proxy_in_front_of(&fake, &["--retry-max-wait", "2s"]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 502, "{}", answer.body);
    assert_eq!(answer.json()["error"], "upstream-unavailable");
    assert!(answer.json()["message"].as_str().unwrap().contains("429"));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert_eq!(fake.read(|b| b.rank_requests), 1);
}

#[tokio::test]
async fn retries_are_bounded() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.down = true);
    let proxy = proxy_in_front_of(
        &fake,
        &["--retry-backoff", "10ms", "--upstream-retries", "3"],
    )
    .await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 502, "{}", answer.body);
    assert_eq!(fake.read(|b| b.rank_requests), 4);
}

#[tokio::test]
async fn a_slow_upstream_is_a_gateway_timeout() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.delay = Duration::from_secs(3));
    let proxy = proxy_in_front_of(&fake, &["--upstream-timeout", "300ms"]).await;
    let answer = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(answer.status, 504, "{}", answer.body);
    assert_eq!(answer.json()["error"], "upstream-timeout");
}

#[tokio::test]
async fn a_stale_answer_is_served_and_marked_when_the_upstream_fails() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(
        &fake,
        &[
            "--cache-ttl",
            "500ms",
            "--retry-backoff",
            "10ms",
            "--upstream-retries",
            "1",
        ],
    )
    .await;
    let fresh = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(fresh.status, 200);
    assert_eq!(fresh.header("x-retour-emploi-cache"), Some("miss"));
    let cached = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(cached.header("x-retour-emploi-cache"), Some("hit"));
    assert_eq!(fake.read(|b| b.rank_requests), 1);

    fake.set(|b| b.down = true);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let stale = get(&rank(&proxy, "22435", "69123")).await;
    assert_eq!(stale.status, 200, "{}", stale.body);
    assert_eq!(stale.header("x-retour-emploi-cache"), Some("stale"));
    assert_eq!(stale.body, fresh.body);
    assert_eq!(
        stale.header("cache-control"),
        Some("public, max-age=60, s-maxage=60")
    );
    assert!(stale.header("warning").is_none());
    // The upstream was asked again (and retried) before the stale copy was served.
    assert_eq!(fake.read(|b| b.rank_requests), 3);

    // Nothing stale to fall back on for another pair.
    let missing = get(&rank(&proxy, "31054", "69123")).await;
    assert_eq!(missing.status, 502, "{}", missing.body);
    assert_eq!(missing.json()["error"], "upstream-unavailable");
}

#[tokio::test]
async fn a_hundred_concurrent_identical_misses_make_one_upstream_call() {
    let fake = FakeFranceTravail::start().await;
    fake.set(|b| b.delay = Duration::from_millis(400));
    let proxy = proxy_in_front_of(&fake, &[]).await;
    let url = rank(&proxy, "31054", "69123");
    let client = reqwest::Client::new();
    let requests = (0..100).map(|_| {
        let client = client.clone();
        let url = url.clone();
        tokio::spawn(async move {
            let response = client.get(&url).send().await.expect("request");
            (
                response.status().as_u16(),
                response.text().await.unwrap_or_default(),
            )
        })
    });
    let answers = futures_join(requests).await;
    assert!(
        answers.iter().all(|(status, _)| *status == 200),
        "{answers:?}"
    );
    assert!(answers.windows(2).all(|w| w[0].1 == w[1].1));
    assert_eq!(fake.read(|b| (b.token_requests, b.rank_requests)), (1, 1));
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        out.push(handle.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn an_unknown_commune_refused_upstream_is_a_remembered_404() {
    let fake = FakeFranceTravail::start().await;
    let proxy = proxy_in_front_of(&fake, &[]).await;
    for _ in 0..2 {
        let answer = get(&rank(&proxy, "22435", "99999")).await;
        assert_eq!(answer.status, 404, "{}", answer.body);
        assert_eq!(answer.json()["error"], "unknown-commune");
        assert!(answer.json()["message"]
            .as_str()
            .unwrap()
            .contains("Code insee inconnu"));
    }
    assert_eq!(fake.read(|b| b.rank_requests), 1);
}

#[tokio::test]
async fn upstream_mode_without_credentials_refuses_to_start() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_retour-emploi-proxy"))
        .args(["--upstream", "--listen", "127.0.0.1:0"])
        .env_remove("FRANCE_TRAVAIL_CLIENT_ID")
        .env_remove("FRANCE_TRAVAIL_CLIENT_SECRET")
        .output()
        .await
        .expect("run the proxy");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("FRANCE_TRAVAIL_CLIENT_ID"), "{stderr}");
}
