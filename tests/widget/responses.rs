//! Every answer of `tests/cases/upstream-responses.json`, rendered.

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn every_upstream_response_case_renders_its_state() {
    let file: Value =
        serde_json::from_str(include_str!("../cases/upstream-responses.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 13, "the case file lost cases");
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let proxy = proxy(&format!("case-{i}"));
        stub(
            &request_url(&proxy, "31054", "69123"),
            case["status"].as_u64().unwrap() as u16,
            case["content_type"].as_str().unwrap_or(""),
            case["body"].as_str().unwrap(),
            0,
        );
        let widget = mount(&[
            ("formacode", "31054"),
            ("commune", "69123"),
            ("proxy", &proxy),
            ("lang", "en"),
        ]);
        let state = settled(&widget).await;
        assert_eq!(state, expect["state"].as_str().unwrap(), "{name}");
        match state.as_str() {
            "ready" => {
                let levels: Vec<String> = expect["levels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_u64().map_or("-".to_owned(), |q| q.to_string()))
                    .collect();
                assert_eq!(row_classes(&widget), levels, "{name}");
                let badge = find(&widget, "[part~=badge]").expect(name);
                if let Some(level) = expect["badge_level"].as_str() {
                    assert_eq!(
                        badge.get_attribute("data-level").as_deref(),
                        Some(level),
                        "{name}"
                    );
                    assert_eq!(
                        badge.get_attribute("data-quintile"),
                        expect["badge_quintile"].as_u64().map(|q| q.to_string()),
                        "{name}"
                    );
                }
                if expect.get("no_element_created_from_text").is_some() {
                    assert!(
                        find(&widget, "img").is_none(),
                        "{name}: markup became an element"
                    );
                    assert!(
                        find(&widget, "b").is_none(),
                        "{name}: markup became an element"
                    );
                    let national = text(&widget, "[data-level=national] .row-name");
                    assert_eq!(national, "<b>France</b>", "{name}: names are shown as text");
                }
            }
            "not-covered" => {
                assert!(find(&widget, "[part~=badge]").is_none(), "{name}");
                assert!(
                    text(&widget, "[part~=not-covered]").contains("fewer than 60 leavers"),
                    "{name}"
                );
            }
            "error" => {
                let panel = find(&widget, "[part~=error]").expect(name);
                assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
                let says = expect["says"].as_str().unwrap();
                let (words, retry) = match says.split_once(", retry offered") {
                    Some((words, _)) => (words, true),
                    None => (says, false),
                };
                let shown = panel.text_content().unwrap_or_default().to_lowercase();
                assert!(
                    shown.contains(words),
                    "{name}: {shown:?} does not say {words:?}"
                );
                assert_eq!(find(&widget, "[part~=retry]").is_some(), retry, "{name}");
            }
            other => panic!("{name}: unexpected state {other}"),
        }
        widget.remove();
    }
}

#[wasm_bindgen_test]
async fn problems_are_explained_to_the_integrator_in_the_console() {
    let proxy = proxy("console-hint");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "text/html",
        "<!doctype html><p>Welcome to nginx!</p>",
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    assert_eq!(settled(&widget).await, "error");
    let console = console_messages();
    assert!(
        console.contains("check the `proxy` attribute points at the proxy endpoint"),
        "{console}"
    );
    // French by default, in the visitor's words.
    assert!(text(&widget, "[part~=error]").contains("Le proxy n’a pas répondu avec des données"));
    widget.remove();
}

#[wasm_bindgen_test]
async fn json_nested_deeper_than_core_reads_is_not_data() {
    let proxy = proxy("deep-json");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &deep,
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("lang", "en"),
    ]);
    assert_eq!(settled(&widget).await, "error");
    assert!(text(&widget, "[part~=error]").contains("did not answer with data"));
    widget.remove();
}
