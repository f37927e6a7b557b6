//! Requests: a newer request always wins, removal aborts, identical requests share one fetch, timeouts
//! and network failures offer a retry that works, answers are cached.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

#[wasm_bindgen_test]
async fn a_slow_stale_answer_never_replaces_a_newer_one() {
    let proxy = proxy("race");
    let slow = request_url(&proxy, "22435", "69123");
    let fast = request_url(&proxy, "22435", "35238");
    stub(&slow, 200, "application/json", &national_only(1), 300);
    stub(&fast, 200, "application/json", &national_only(5), 0);
    let widget = mount(&[
        ("formacode", "22435"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    rendered().await;
    assert_eq!(requests_to(&slow), 1);
    let events = record_events(&widget);
    widget.set_attribute("commune", "35238").unwrap();
    state(&widget, "ready").await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "5 / 5 · Excellent"
    );
    // The first request was aborted when its widget moved on; let its answer time pass anyway.
    assert_eq!(aborts_of(&slow), 1);
    sleep(400).await;
    rendered().await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "5 / 5 · Excellent"
    );
    let states: Vec<String> = events
        .iter()
        .map(|detail| field(&detail, "state").as_string().unwrap())
        .collect();
    assert_eq!(states, ["loading", "ready"]);
    widget.remove();
}

#[wasm_bindgen_test]
async fn ten_fast_commune_changes_show_only_the_last_answer() {
    let proxy = proxy("ten-changes");
    let communes = [
        "01001", "01002", "01004", "01005", "01006", "01007", "01008", "01009", "01010", "01011",
    ];
    for (i, commune) in communes.iter().enumerate() {
        let class = (i % 5) as u8 + 1;
        stub(
            &request_url(&proxy, "22435", commune),
            200,
            "application/json",
            &national_only(class),
            500,
        );
    }
    let widget = mount(&[
        ("formacode", "22435"),
        ("commune", communes[0]),
        ("proxy", &proxy),
    ]);
    for commune in &communes[1..] {
        rendered().await;
        widget.set_attribute("commune", commune).unwrap();
    }
    state(&widget, "ready").await;
    rendered().await;
    assert_eq!(
        text(&widget, "[part~=badge] .class-short"),
        "5 / 5 · Excellent"
    );
    let aborted: u32 = communes[..9]
        .iter()
        .map(|c| aborts_of(&request_url(&proxy, "22435", c)))
        .sum();
    let sent: u32 = communes[..9]
        .iter()
        .map(|c| requests_to(&request_url(&proxy, "22435", c)))
        .sum();
    assert_eq!(
        aborted, sent,
        "every earlier request that was sent was aborted"
    );
    widget.remove();
}

#[wasm_bindgen_test]
async fn removing_a_widget_while_loading_aborts_quietly_and_reinserting_renders() {
    let proxy = proxy("removal");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 100);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    rendered().await;
    assert_eq!(requests_to(&url), 1);
    let events = record_events(&widget);
    widget.remove();
    rendered().await;
    assert_eq!(aborts_of(&url), 1);
    sleep(150).await;
    rendered().await;
    assert_eq!(events.length(), 0, "no state change after removal");
    assert!(
        !console_messages().contains("31054/69123"),
        "{}",
        console_messages()
    );
    // The answer was never received: re-inserting asks again and renders.
    stub(&url, 200, "application/json", &lyon_answer(4), 0);
    document().body().unwrap().append_child(&widget).unwrap();
    state(&widget, "ready").await;
    assert_eq!(requests_to(&url), 2);
    assert!(find(&widget, "[part~=badge]").is_some());
    widget.remove();
}

#[wasm_bindgen_test]
async fn the_request_leaves_when_the_element_is_connected_before_its_first_render() {
    let proxy = proxy("early");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 20);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    // Synchronously, inside appendChild: nothing has rendered yet.
    assert_eq!(requests_to(&url), 1);
    state(&widget, "ready").await;
    assert_eq!(
        requests_to(&url),
        1,
        "the widget's effect joined that request"
    );
    assert!(find(&widget, "[part~=badge]").is_some());
    widget.remove();
}

#[wasm_bindgen_test]
async fn an_element_removed_before_its_first_render_aborts_its_early_request() {
    let proxy = proxy("early-removal");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 100);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    let events = record_events(&widget);
    widget.remove();
    assert_eq!(requests_to(&url), 1);
    rendered().await;
    assert_eq!(aborts_of(&url), 1);
    sleep(150).await;
    rendered().await;
    assert_eq!(
        events.length(),
        0,
        "no state change after removal: {:?}",
        events
            .iter()
            .map(|e| js_sys::JSON::stringify(&e).ok().map(String::from))
            .collect::<Vec<_>>()
    );
    assert_eq!(requests_to(&url), 1, "nothing more was sent");
    // Connected again: a new request, and the widget renders.
    stub(&url, 200, "application/json", &lyon_answer(4), 0);
    document().body().unwrap().append_child(&widget).unwrap();
    state(&widget, "ready").await;
    assert_eq!(requests_to(&url), 2);
    widget.remove();
}

#[wasm_bindgen_test]
async fn an_element_moved_within_one_task_sends_one_request_and_announces_each_state_once() {
    let proxy = proxy("moved");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 20);
    retour_emploi_widget::define();
    let widget = create(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    let events = record_events(&widget);
    let body = document().body().unwrap();
    // What a script re-parenting nodes does: connected, disconnected, connected again, in one task.
    body.append_child(&widget).unwrap();
    widget.remove();
    body.append_child(&widget).unwrap();
    state(&widget, "ready").await;
    sleep(50).await;
    rendered().await;
    assert_eq!(requests_to(&url), 1);
    assert_eq!(aborts_of(&url), 0);
    let states: Vec<String> = events
        .iter()
        .map(|e| {
            js_sys::Reflect::get(&e, &"state".into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(states, ["loading", "ready"]);
    assert_eq!(
        widget
            .shadow_root()
            .unwrap()
            .query_selector_all("[part~=badge]")
            .unwrap()
            .length(),
        1
    );
    widget.remove();
}

#[wasm_bindgen_test]
async fn identical_widgets_share_one_request_and_later_ones_use_the_page_cache() {
    let proxy = proxy("shared");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 30);
    let attributes = [
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", proxy.as_str()),
    ];
    let first = mount(&attributes);
    let second = mount(&attributes);
    state(&first, "ready").await;
    state(&second, "ready").await;
    assert_eq!(requests_to(&url), 1);
    // One of two sharing widgets leaving does not abort the request of the other.
    let third = mount(&attributes);
    state(&third, "ready").await;
    assert_eq!(requests_to(&url), 1);
    for widget in [first, second, third] {
        widget.remove();
    }
}

#[wasm_bindgen_test]
async fn a_widget_leaving_a_shared_request_does_not_abort_it_for_the_other() {
    let proxy = proxy("shared-leave");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(3), 50);
    let attributes = [
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", proxy.as_str()),
    ];
    let leaving = mount(&attributes);
    let staying = mount(&attributes);
    rendered().await;
    leaving.remove();
    state(&staying, "ready").await;
    assert_eq!(aborts_of(&url), 0);
    assert_eq!(requests_to(&url), 1);
    staying.remove();
}

#[wasm_bindgen_test]
async fn a_timeout_offers_a_retry_that_works_once_the_proxy_answers() {
    let proxy = proxy("timeout");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 60_000);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("timeout", "0.1"),
    ]);
    state(&widget, "error").await;
    assert_eq!(aborts_of(&url), 1);
    assert!(text(&widget, "[part~=error]").contains("trop de temps"));
    stub(&url, 200, "application/json", &lyon_answer(4), 0);
    let retry: HtmlElement = find(&widget, "[part~=retry]").unwrap().unchecked_into();
    assert_eq!(
        retry.tag_name(),
        "BUTTON",
        "the retry is keyboard reachable"
    );
    retry.click();
    state(&widget, "ready").await;
    assert_eq!(requests_to(&url), 2);
    widget.remove();
}

#[wasm_bindgen_test]
async fn a_network_failure_names_cors_and_offers_a_retry() {
    let proxy = proxy("network");
    let url = request_url(&proxy, "31054", "69123");
    stub_network_failure(&url);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("lang", "en"),
    ]);
    let events = record_events(&widget);
    state(&widget, "error").await;
    assert!(text(&widget, "[part~=error]").contains("(CORS)"));
    assert!(find(&widget, "[part~=retry]").is_some());
    assert!(console_messages().contains("Access-Control-Allow-Origin"));
    let last = events.get(events.length() - 1);
    assert_eq!(
        field(&last, "reason").as_string().as_deref(),
        Some("network")
    );
    widget.remove();
}

#[wasm_bindgen_test]
async fn the_state_event_carries_the_badge_and_the_placeholder_mirrors_the_state() {
    let proxy = proxy("event");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    let placeholder = document().create_element("div").unwrap();
    placeholder.set_attribute("data-retour-emploi", "").unwrap();
    let widget = create(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    placeholder.append_child(&widget).unwrap();
    // Composed and bubbling: the page hears it on the placeholder.
    let heard = record_events(&placeholder);
    retour_emploi_widget::define();
    document()
        .body()
        .unwrap()
        .append_child(&placeholder)
        .unwrap();
    state(&widget, "ready").await;
    assert_eq!(
        placeholder.get_attribute("data-state").as_deref(),
        Some("ready")
    );
    let last = heard.get(heard.length() - 1);
    assert_eq!(field(&last, "state").as_string().as_deref(), Some("ready"));
    assert_eq!(
        field(&last, "formacode").as_string().as_deref(),
        Some("31054")
    );
    assert_eq!(
        field(&last, "commune").as_string().as_deref(),
        Some("69123")
    );
    assert_eq!(field(&last, "level").as_string().as_deref(), Some("bassin"));
    assert_eq!(field(&last, "quintile").as_f64(), Some(4.0));
    for absent in ["reason", "attribute"] {
        assert!(
            !js_sys::Reflect::has(&last, &absent.into()).unwrap(),
            "{absent}"
        );
    }
    placeholder.remove();
}

#[wasm_bindgen_test]
async fn cache_ttl_keeps_answers_in_session_storage() {
    let proxy = proxy("session");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 0);
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
        ("cache-ttl", "600"),
    ]);
    state(&widget, "ready").await;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let saved = storage
        .get_item(&format!("retour-emploi:v1:{url}"))
        .unwrap();
    assert!(saved.is_some_and(|s| s.contains("Lyon Centre")));
    widget.remove();
}

#[wasm_bindgen_test]
async fn a_shared_fetch_is_kept_in_session_storage_when_any_of_its_widgets_asks() {
    let proxy = proxy("session-shared");
    let url = request_url(&proxy, "31054", "69123");
    stub(&url, 200, "application/json", &lyon_answer(4), 50);
    let pair = [
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", proxy.as_str()),
    ];
    // The first widget starts the fetch without a cache-ttl; the second joins it with one.
    let first = mount(&pair);
    rendered().await;
    assert_eq!(requests_to(&url), 1);
    let second = mount(&[pair.as_slice(), &[("cache-ttl", "600")]].concat());
    state(&first, "ready").await;
    state(&second, "ready").await;
    assert_eq!(requests_to(&url), 1);
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let saved = storage
        .get_item(&format!("retour-emploi:v1:{url}"))
        .unwrap();
    assert!(saved.is_some_and(|s| s.contains("Lyon Centre")));
    first.remove();
    second.remove();
}

#[wasm_bindgen_test]
async fn the_state_event_carries_the_codes_as_requested() {
    let proxy = proxy("event-codes");
    stub(
        &request_url(&proxy, "22435", "2A004"),
        200,
        "application/json",
        &national_only(3),
        0,
    );
    retour_emploi_widget::define();
    let widget = create(&[
        ("formacode", " 22435"),
        ("commune", "2a004 "),
        ("proxy", &proxy),
    ]);
    let heard = record_events(&widget);
    document().body().unwrap().append_child(&widget).unwrap();
    state(&widget, "ready").await;
    let last = heard.get(heard.length() - 1);
    assert_eq!(
        field(&last, "formacode").as_string().as_deref(),
        Some("22435")
    );
    assert_eq!(
        field(&last, "commune").as_string().as_deref(),
        Some("2A004")
    );
    widget.remove();
}
