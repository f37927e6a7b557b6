//! Attributes: wrong ones are named and nothing is requested; changes update the widget.

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const GOOD: [(&str, &str); 3] = [
    ("formacode", "22435"),
    ("commune", "69123"),
    ("proxy", "https://proxy.test/never-asked/rank"),
];

/// Mounts with one attribute replaced (or removed when `value` is empty and `remove` is set).
fn with(name: &str, value: &str) -> Vec<(&'static str, String)> {
    GOOD.iter()
        .filter(|(n, _)| *n != name || !value.is_empty())
        .map(|(n, v)| {
            (
                *n,
                if *n == name {
                    value.to_owned()
                } else {
                    (*v).to_owned()
                },
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn every_wrong_attribute_of_the_input_cases_is_named_and_nothing_is_requested() {
    let file: Value = serde_json::from_str(include_str!("../cases/inputs.json")).unwrap();
    for attribute in ["formacode", "commune", "proxy"] {
        for case in file[attribute].as_array().unwrap() {
            let Some(error) = case.get("error").and_then(Value::as_str) else {
                continue;
            };
            if error.contains("from the proxy") {
                continue; // a well-formed code the proxy does not know: an answer, not an attribute
            }
            let value = case["value"].as_str().unwrap();
            let before = total_requests();
            let attributes = with(attribute, value);
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let widget = create(&attributes);
            let events = record_events(&widget);
            retour_emploi_widget::define();
            document().body().unwrap().append_child(&widget).unwrap();
            state(&widget, "error").await;
            let shown = text(&widget, "[part~=error]");
            assert!(
                shown.contains(&format!("attribut {attribute}")),
                "{attribute}={value:?}: {shown:?}"
            );
            let last = events.get(events.length() - 1);
            assert_eq!(
                field(&last, "reason").as_string().as_deref(),
                Some("attribute")
            );
            assert_eq!(
                field(&last, "attribute").as_string().as_deref(),
                Some(attribute)
            );
            assert!(find(&widget, "[part~=retry]").is_none());
            rendered().await;
            assert_eq!(
                total_requests(),
                before,
                "{attribute}={value:?}: a request was sent"
            );
            widget.remove();
        }
    }
}

#[wasm_bindgen_test]
async fn every_wrong_attribute_is_listed_in_english_too() {
    let widget = mount(&[
        ("formacode", "2243"),
        ("commune", "6912"),
        ("proxy", "javascript:alert(1)"),
        ("lang", "en"),
    ]);
    state(&widget, "error").await;
    let lines: Vec<String> = find_all(&widget, "[part~=error] li")
        .iter()
        .filter_map(|li| li.text_content())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("attribute formacode:"), "{lines:?}");
    assert!(lines[1].starts_with("attribute commune:"), "{lines:?}");
    assert!(lines[2].contains("http(s)"), "{lines:?}");
    widget.remove();
}

#[wasm_bindgen_test]
async fn a_relative_proxy_url_is_resolved_against_the_page() {
    let base = document().base_uri().unwrap().unwrap();
    let absolute = web_sys::Url::new_with_base("relative-proxy/31054/69123.json", &base)
        .unwrap()
        .href();
    stub(&absolute, 200, "application/json", &lyon_answer(4), 0);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", "relative-proxy/{formacode}/{commune}.json"),
    ]);
    assert_eq!(settled(&widget).await, "ready");
    assert_eq!(requests_to(&absolute), 1);
    widget.remove();
}

#[wasm_bindgen_test]
async fn changing_an_attribute_after_mount_shows_the_new_answer() {
    let proxy = proxy("attribute-change");
    stub(
        &request_url(&proxy, "22435", "69123"),
        200,
        "application/json",
        &national_only(2),
        0,
    );
    stub(
        &request_url(&proxy, "22435", "35238"),
        200,
        "application/json",
        &national_only(5),
        0,
    );
    let widget = mount(&[
        ("formacode", "22435"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    state(&widget, "ready").await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "2 / 5 · Correct"
    );
    widget.set_attribute("commune", "35238").unwrap();
    state(&widget, "loading").await;
    state(&widget, "ready").await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "5 / 5 · Excellent"
    );
    // Presentation attributes update in place, without a request.
    let before = total_requests();
    widget.set_attribute("lang", "en").unwrap();
    rendered().await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "5 / 5 · Excellent"
    );
    assert_eq!(text(&widget, "[part~=badge] .band"), "68% or more");
    assert_eq!(total_requests(), before);
    widget.remove();
}

#[wasm_bindgen_test]
async fn unknown_presentation_values_fall_back_with_a_console_warning() {
    let proxy = proxy("fallbacks");
    stub(
        &request_url(&proxy, "22435", "69123"),
        200,
        "application/json",
        &national_only(3),
        0,
    );
    let widget = mount(&[
        ("formacode", "22435"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("lang", "de"),
        ("variant", "huge"),
        ("theme", "neon"),
    ]);
    state(&widget, "ready").await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "3 / 5 · Satisfaisant"
    );
    let root = find(&widget, "[part~=widget]").unwrap();
    assert_eq!(root.get_attribute("data-variant").as_deref(), Some("full"));
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("light"));
    let console = console_messages();
    for warning in ["lang=\"de\"", "variant=\"huge\"", "theme=\"neon\""] {
        assert!(console.contains(warning), "{warning} not in {console}");
    }
    // Another wrong value later: its warning, and not again the ones already logged.
    let logged = console.matches("lang=\"de\"").count();
    widget.set_attribute("theme", "plaid").unwrap();
    rendered().await;
    let console = console_messages();
    assert!(console.contains("theme=\"plaid\""), "{console}");
    assert_eq!(console.matches("lang=\"de\"").count(), logged, "{console}");
    widget.remove();
}

#[wasm_bindgen_test]
async fn the_theme_and_variant_attributes_select_the_layout() {
    let proxy = proxy("variants");
    stub(
        &request_url(&proxy, "22435", "69123"),
        200,
        "application/json",
        &national_only(3),
        0,
    );
    let widget = mount(&[
        ("formacode", "22435"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("variant", "badge"),
        ("theme", "dark"),
    ]);
    state(&widget, "ready").await;
    let root = find(&widget, "[part~=widget]").unwrap();
    assert_eq!(root.get_attribute("data-variant").as_deref(), Some("badge"));
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(find(&widget, "[part~=badge]").is_some());
    assert!(find(&widget, "[part~=breakdown]").is_none());
    widget.set_attribute("variant", "compact").unwrap();
    rendered().await;
    assert!(find(&widget, "[part~=breakdown]").is_some());
    assert!(find(&widget, ".title").is_none());
    widget.remove();
}
