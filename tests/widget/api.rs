//! The JS API and the script-tag behaviour: define() twice, mount(element, options), placeholders.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn defining_twice_is_a_no_op() {
    retour_emploi_widget::define();
    assert!(
        retour_emploi_widget::define(),
        "this copy drives the element"
    );
    let registry = web_sys::window().unwrap().custom_elements();
    assert!(!registry.get("retour-emploi").is_undefined());
}

#[wasm_bindgen_test]
async fn mount_accepts_options_with_numbers_and_updates_in_place() {
    let proxy = proxy("mount-api");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    let target = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&target).unwrap();
    let widget = retour_emploi_widget::mount(
        &target,
        options(&format!(
            r#"{{"formacode": 31054, "commune": "69123", "proxy": "{proxy}", "cacheTtl": 60}}"#
        )),
    )
    .unwrap();
    assert_eq!(widget.local_name(), "retour-emploi");
    assert_eq!(widget.get_attribute("cache-ttl").as_deref(), Some("60"));
    state(&widget, "ready").await;
    let again = retour_emploi_widget::mount(
        &target,
        options(&format!(
            r#"{{"formacode": "31054", "commune": "69123", "proxy": "{proxy}", "lang": "en"}}"#
        )),
    )
    .unwrap();
    assert_eq!(again, widget, "the same element is updated");
    assert_eq!(widget.get_attribute("cache-ttl"), None);
    rendered().await;
    assert_eq!(text(&widget, "[part~=badge] .class-short"), "4 / 5 · High");
    target.remove();
}

#[wasm_bindgen_test]
fn mount_names_what_is_wrong_with_its_arguments() {
    let target = document().create_element("div").unwrap();
    let error =
        retour_emploi_widget::mount(&target, options(r#"{"formcode": "31054"}"#)).unwrap_err();
    let message = JsValue::from(error)
        .unchecked_into::<js_sys::Error>()
        .message();
    assert!(
        String::from(message.clone()).contains("formcode"),
        "{message:?}"
    );
    for (given, says) in [
        (
            r#"{"formacode": true}"#,
            "`formacode` must be a string or a number",
        ),
        (
            r#"{"theme": {"dark": 1}}"#,
            "`theme` must be a string or a number",
        ),
        ("\"dark\"", "expected an object"),
    ] {
        let error = retour_emploi_widget::mount(&target, options(given)).unwrap_err();
        let message = String::from(
            JsValue::from(error)
                .unchecked_into::<js_sys::Error>()
                .message(),
        );
        assert!(message.contains(says), "{given}: {message}");
    }
    let error =
        retour_emploi_widget::mount(&JsValue::from_str("#widget"), JsValue::UNDEFINED).unwrap_err();
    let message = String::from(
        JsValue::from(error)
            .unchecked_into::<js_sys::Error>()
            .message(),
    );
    assert!(message.contains("must be a DOM element"), "{message}");
}

#[wasm_bindgen_test]
async fn start_mounts_placeholders_now_and_later_and_follows_their_data_attributes() {
    let proxy = proxy("placeholders");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    stub(
        &request_url(&proxy, "31054", "35238"),
        200,
        "application/json",
        &lyon_answer(2),
        0,
    );
    let make = || {
        let placeholder = document().create_element("div").unwrap();
        for (name, value) in [
            ("data-retour-emploi", ""),
            ("data-formacode", "31054"),
            ("data-commune", "69123"),
            ("data-proxy", proxy.as_str()),
            ("data-variant", "compact"),
        ] {
            placeholder.set_attribute(name, value).unwrap();
        }
        placeholder.set_text_content(Some("Chargement…"));
        placeholder
    };
    let early = make();
    document().body().unwrap().append_child(&early).unwrap();
    retour_emploi_widget::start();
    let widget: Element = early
        .query_selector("retour-emploi")
        .unwrap()
        .expect("mounted");
    assert_eq!(widget.get_attribute("variant").as_deref(), Some("compact"));
    assert_eq!(early.child_element_count(), 1);
    assert!(
        early.text_content().unwrap_or_default().is_empty(),
        "fallback text removed"
    );
    state(&widget, "ready").await;
    assert_eq!(early.get_attribute("data-state").as_deref(), Some("ready"));

    // Added later, inside another element: the observer mounts it.
    let wrapper = document().create_element("article").unwrap();
    let late = make();
    wrapper.append_child(&late).unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    rendered().await;
    sleep(0).await;
    let late_widget = late
        .query_selector("retour-emploi")
        .unwrap()
        .expect("mounted later");
    state(&late_widget, "ready").await;

    // A data-* change reaches the widget.
    late.set_attribute("data-commune", "35238").unwrap();
    sleep(0).await;
    assert_eq!(
        late_widget.get_attribute("commune").as_deref(),
        Some("35238")
    );
    state(&late_widget, "loading").await;
    state(&late_widget, "ready").await;
    assert_eq!(
        text(&late_widget, "[part~=badge] .class-short"),
        "4 / 5 · Élevé"
    );
    assert_eq!(
        text(&late_widget, "[data-level=national] .class-short"),
        "2 / 5 · Correct"
    );
    early.remove();
    wrapper.remove();
}
