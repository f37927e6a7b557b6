//! Parameter validation: every formacode case of the shared `inputs.json`, the commune parameter's two
//! names, unknown routes.

use crate::support::process::Proxy;
use crate::support::{get, inputs};

#[tokio::test]
async fn every_shared_formacode_case_is_accepted_or_refused_naming_the_parameter() {
    let proxy = Proxy::demo(&[]).await;
    let cases = inputs();
    for case in cases["formacode"].as_array().expect("formacode cases") {
        let value = case["value"].as_str().unwrap();
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("formacode", value)
            .append_pair("codeinseeville", "69123")
            .finish();
        let answer = get(&proxy.url(&format!("/v1/rank?{query}"))).await;
        let about = format!("formacode {value:?}: {} {}", answer.status, answer.body);
        if case["ok"] == true {
            assert_eq!(answer.status, 200, "{about}");
            assert_eq!(answer.json()["formacode"], value.trim(), "{about}");
        } else {
            assert_eq!(answer.status, 400, "{about}");
            let json = answer.json();
            assert_eq!(json["error"], "invalid-parameter", "{about}");
            assert_eq!(json["parameter"], "formacode", "{about}");
            let expected = case["error"].as_str().unwrap();
            assert!(
                json["message"].as_str().unwrap().contains(expected),
                "{about}"
            );
        }
    }
    let missing = get(&proxy.url("/v1/rank?codeinseeville=69123")).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["message"], "formacode is missing");
}

#[tokio::test]
async fn the_commune_parameter_has_two_names_and_errors_name_the_one_used() {
    let proxy = Proxy::demo(&[]).await;
    let alias = get(&proxy.url("/v1/rank?formacode=31054&commune=69123")).await;
    assert_eq!(alias.status, 200);
    let upstream_name = get(&proxy.url("/v1/rank?formacode=31054&codeinseeville=69123")).await;
    assert_eq!(alias.body, upstream_name.body);

    let bad_alias = get(&proxy.url("/v1/rank?formacode=31054&commune=69001x")).await;
    assert_eq!(bad_alias.status, 400);
    assert_eq!(bad_alias.json()["parameter"], "commune");
    let missing = get(&proxy.url("/v1/rank?formacode=31054")).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["parameter"], "codeinseeville");
    assert!(missing.json()["message"]
        .as_str()
        .unwrap()
        .contains("missing"));
    let disagree =
        get(&proxy.url("/v1/rank?formacode=31054&codeinseeville=69123&commune=75056")).await;
    assert_eq!(disagree.status, 400);
    assert!(disagree.json()["message"]
        .as_str()
        .unwrap()
        .contains("disagree"));
}

#[tokio::test]
async fn a_parameter_given_twice_with_different_values_is_refused_by_name() {
    let proxy = Proxy::demo(&[]).await;
    for (path, parameter) in [
        (
            "/v1/rank?formacode=31054&formacode=22435&codeinseeville=69123",
            "formacode",
        ),
        (
            "/v1/rank?formacode=31054&codeinseeville=69123&codeinseeville=75056",
            "codeinseeville",
        ),
        ("/v1/communes?q=lyon&q=paris", "q"),
        ("/v1/formacodes?q=coiff&limit=5&limit=6", "limit"),
    ] {
        let answer = get(&proxy.url(path)).await;
        assert_eq!(answer.status, 400, "{path}: {}", answer.body);
        let json = answer.json();
        assert_eq!(json["error"], "invalid-parameter", "{path}");
        assert_eq!(json["parameter"], parameter, "{path}");
        assert!(
            json["message"].as_str().unwrap().contains("given twice"),
            "{path}: {json}"
        );
    }
    // The same value twice asks one question: answered.
    let same =
        get(&proxy.url("/v1/rank?formacode=31054&formacode=31054&codeinseeville=69123")).await;
    assert_eq!(same.status, 200, "{}", same.body);
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json_errors_and_healthz_reports_the_mode() {
    let proxy = Proxy::demo(&[]).await;
    let unknown = get(&proxy.url("/v1/ranking")).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "not-found");
    let posted = reqwest::Client::new()
        .post(proxy.url("/v1/rank?formacode=31054&codeinseeville=69123"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 405);
    assert_eq!(
        posted.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET,HEAD")
    );
    let body: serde_json::Value = serde_json::from_str(&posted.text().await.unwrap()).unwrap();
    assert_eq!(body["error"], "method-not-allowed");
    let health = get(&proxy.url("/healthz")).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["mode"], "demo");
    assert!(health.json()["communes"].as_u64().unwrap() > 37_000);
    assert_eq!(health.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn demo_mode_is_the_default_without_credentials_and_says_so() {
    let proxy = Proxy::start(&[], &[]).await;
    assert_eq!(get(&proxy.url("/healthz")).await.json()["mode"], "demo");
    let printed = proxy.printed();
    assert!(
        printed.contains("DEMO MODE") && printed.contains("FRANCE_TRAVAIL_CLIENT_ID"),
        "{printed}"
    );
}
