//! Caching headers: `Cache-Control` with `s-maxage`, strong `ETag`, `If-None-Match` → 304.

use crate::support::process::Proxy;
use crate::support::{get, get_with};

#[tokio::test]
async fn answers_carry_cache_control_and_a_strong_etag() {
    let proxy = Proxy::demo(&["--max-age", "10min", "--s-maxage", "2h"]).await;
    let url = proxy.url("/v1/rank?formacode=42050&codeinseeville=69123");
    let answer = get(&url).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("cache-control"),
        Some("public, max-age=600, s-maxage=7200")
    );
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let etag = answer.header("etag").expect("an ETag").to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{etag}");
    // Same body, same tag; another body, another tag.
    assert_eq!(get(&url).await.header("etag"), Some(etag.as_str()));
    let other = get(&proxy.url("/v1/rank?formacode=42050&codeinseeville=75056")).await;
    assert_ne!(other.header("etag"), Some(etag.as_str()));
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304_without_a_body() {
    let proxy = Proxy::demo(&[]).await;
    let url = proxy.url("/v1/rank?formacode=42050&codeinseeville=69123");
    let etag = get(&url).await.header("etag").unwrap().to_owned();
    for condition in [
        etag.clone(),
        format!("\"x\", {etag}"),
        format!("W/{etag}"),
        "*".into(),
    ] {
        let answer = get_with(&url, &[("if-none-match", &condition)]).await;
        assert_eq!(answer.status, 304, "{condition}");
        assert!(answer.body.is_empty());
        assert_eq!(answer.header("etag"), Some(etag.as_str()));
        assert!(answer.header("cache-control").unwrap().contains("s-maxage"));
    }
    let changed = get_with(&url, &[("if-none-match", "\"stale-tag\"")]).await;
    assert_eq!(changed.status, 200);
    assert!(!changed.body.is_empty());
}

#[tokio::test]
async fn errors_are_cached_briefly_and_search_results_for_a_day() {
    let proxy = Proxy::demo(&[]).await;
    let unknown = get(&proxy.url("/v1/rank?formacode=42050&codeinseeville=99999")).await;
    assert_eq!(
        unknown.header("cache-control"),
        Some("public, max-age=300, s-maxage=300")
    );
    let search = get(&proxy.url("/v1/communes?q=lyon")).await;
    assert_eq!(
        search.header("cache-control"),
        Some("public, max-age=86400")
    );
    assert!(search.header("etag").is_some());
}
