//! What is on screen: the badge for every class, both languages, the breakdown, the explainer by
//! keyboard, the demo label, the skeleton, and hostile host CSS.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

#[wasm_bindgen_test]
async fn the_badge_names_every_class_in_text_and_pips() {
    let expected = [
        ("1 / 5 · Faible", "1 sur 5, faible", "moins de 43\u{202F}%"),
        (
            "2 / 5 · Correct",
            "2 sur 5, correct",
            "entre 43\u{202F}% et 53\u{202F}%",
        ),
        (
            "3 / 5 · Satisfaisant",
            "3 sur 5, satisfaisant",
            "entre 53\u{202F}% et 60\u{202F}%",
        ),
        (
            "4 / 5 · Élevé",
            "4 sur 5, élevé",
            "entre 60\u{202F}% et 68\u{202F}%",
        ),
        (
            "5 / 5 · Excellent",
            "5 sur 5, excellent",
            "68\u{202F}% ou plus",
        ),
    ];
    for (class, (short, spoken, band)) in (1u8..=5).zip(expected) {
        let proxy = proxy(&format!("class-{class}"));
        stub(
            &request_url(&proxy, "22435", "69123"),
            200,
            "application/json",
            &national_only(class),
            0,
        );
        let widget = mount(&[
            ("formacode", "22435"),
            ("commune", "69123"),
            ("proxy", &proxy),
        ]);
        state(&widget, "ready").await;
        assert_eq!(text(&widget, "[part~=badge] .class-short"), short);
        assert!(text(&widget, "[part~=badge] .sr").ends_with(spoken));
        assert_eq!(text(&widget, "[part~=badge] .band"), band);
        assert_eq!(
            find_all(&widget, "[part~=badge] .pip.on").len(),
            usize::from(class)
        );
        assert_eq!(text(&widget, "[part~=badge] .provenance"), "France");
        widget.remove();
    }
}

#[wasm_bindgen_test]
async fn the_full_widget_speaks_french_by_default_and_english_on_request() {
    let proxy = proxy("languages");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    state(&widget, "ready").await;
    assert_eq!(
        text(&widget, "[part~=badge] .provenance"),
        "Bassin d’emploi Lyon Centre"
    );
    assert_eq!(
        text(&widget, "[part~=badge] .rate"),
        "Taux mesuré\u{a0}: 63\u{202F}%"
    );
    assert_eq!(text(&widget, ".title-main"), "Taux de retour à l’emploi");
    assert_eq!(
        text(&widget, "[data-level=departement] .reason"),
        "non publié\u{a0}: 60 sortants ou moins (secret statistique)"
    );
    assert_eq!(
        find(&widget, "[part~=widget]")
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("fr")
    );
    widget.set_attribute("lang", "en").unwrap();
    rendered().await;
    assert_eq!(
        text(&widget, "[part~=badge] .provenance"),
        "Employment area Lyon Centre"
    );
    assert_eq!(text(&widget, "[part~=badge] .rate"), "Measured rate: 63%");
    assert_eq!(
        text(&widget, "[part~=badge] .sr"),
        "Rate of return to employment: 4 out of 5, high"
    );
    assert_eq!(
        text(&widget, "[data-level=departement] .reason"),
        "not published: 60 leavers or fewer (statistical secrecy)"
    );
    assert_eq!(
        text(&widget, "[part~=explainer-toggle]"),
        "iHow to read this rate?"
    );
    widget.remove();
}

#[wasm_bindgen_test]
async fn the_breakdown_has_four_rows_in_fixed_order_with_the_contract_attributes() {
    let proxy = proxy("breakdown");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(5),
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    state(&widget, "ready").await;
    let rows = find_all(&widget, "[part~=breakdown] [part~=row]");
    let described: Vec<(String, String, Option<String>, String)> = rows
        .iter()
        .map(|row| {
            (
                row.get_attribute("data-level").unwrap(),
                row.get_attribute("data-status").unwrap(),
                row.get_attribute("data-quintile"),
                row.query_selector(".row-name")
                    .unwrap()
                    .and_then(|n| n.text_content())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let owned = |l: &str, s: &str, q: Option<&str>, n: &str| {
        (
            l.to_owned(),
            s.to_owned(),
            q.map(str::to_owned),
            n.to_owned(),
        )
    };
    assert_eq!(
        described,
        [
            owned("bassin", "published", Some("4"), "Lyon Centre"),
            owned("departement", "suppressed", None, "Rhône"),
            owned("region", "published", Some("3"), "Auvergne-Rhône-Alpes"),
            owned("national", "published", Some("5"), ""),
        ]
    );
    let badge = find(&widget, "[part~=badge]").unwrap();
    assert_eq!(badge.get_attribute("data-level").as_deref(), Some("bassin"));
    assert_eq!(badge.get_attribute("data-quintile").as_deref(), Some("4"));
    widget.remove();
}

#[wasm_bindgen_test]
async fn the_explainer_opens_by_click_and_closes_with_escape_keeping_focus() {
    let proxy = proxy("explainer");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    state(&widget, "ready").await;
    let button: HtmlElement = find(&widget, "[part~=explainer-toggle]")
        .unwrap()
        .unchecked_into();
    let panel = find(&widget, "[part~=explainer]").unwrap();
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        button.get_attribute("aria-controls"),
        Some(panel.id()),
        "the button controls the panel"
    );
    assert!(panel.has_attribute("hidden"));
    button.focus().unwrap();
    button.click();
    rendered().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!panel.has_attribute("hidden"));
    let explained = panel.text_content().unwrap();
    assert!(explained.contains("six mois"), "{explained}");
    assert!(explained.contains("moins de 60 sortants"), "{explained}");
    assert!(explained.contains("La Bonne Formation"), "{explained}");
    press_key(&panel, "Escape");
    rendered().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(panel.has_attribute("hidden"));
    let focused = widget.shadow_root().unwrap().active_element();
    assert_eq!(
        focused.as_ref(),
        Some(button.unchecked_ref::<web_sys::Element>())
    );
    widget.remove();
}

#[wasm_bindgen_test]
async fn demo_data_is_labelled_and_loading_shows_a_skeleton() {
    let proxy = proxy("demo");
    let demo = lyon_answer(4).replacen("\"covered\"", "\"source\":\"demo\",\"covered\"", 1);
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &demo,
        30,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    rendered().await;
    assert_eq!(
        widget.get_attribute("data-state").as_deref(),
        Some("loading")
    );
    let skeleton = find(&widget, "[part~=skeleton]").expect("a skeleton while loading");
    assert_eq!(skeleton.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(find_all(&widget, "[part~=skeleton] .row").len(), 4);
    state(&widget, "ready").await;
    assert!(find(&widget, "[part~=skeleton]").is_none());
    assert_eq!(text(&widget, "[part~=demo]"), "Données de démonstration");
    widget.set_attribute("lang", "en").unwrap();
    rendered().await;
    assert_eq!(text(&widget, "[part~=demo]"), "Demo data");
    widget.remove();
}

#[wasm_bindgen_test]
async fn hostile_host_css_does_not_reach_inside_and_the_widget_stays_a_block() {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(
        "* { all: unset; font: 30px serif !important } div { display: none } button { color: white; background: white }",
    ));
    document().head().unwrap().append_child(&style).unwrap();
    let proxy = proxy("hostile-css");
    stub(
        &request_url(&proxy, "31054", "69123"),
        200,
        "application/json",
        &lyon_answer(4),
        0,
    );
    let widget = mount(&[
        ("formacode", "31054"),
        ("commune", "69123"),
        ("proxy", &proxy),
    ]);
    state(&widget, "ready").await;
    let window = web_sys::window().unwrap();
    let host_style = window.get_computed_style(&widget).unwrap().unwrap();
    assert_eq!(host_style.get_property_value("display").unwrap(), "block");
    let class_text = find(&widget, "[part~=badge] .badge-class").unwrap();
    let inner = window.get_computed_style(&class_text).unwrap().unwrap();
    assert_eq!(inner.get_property_value("font-size").unwrap(), "22px");
    assert_eq!(inner.get_property_value("display").unwrap(), "flex");
    let button = find(&widget, "[part~=explainer-toggle]").unwrap();
    let button_style = window.get_computed_style(&button).unwrap().unwrap();
    assert_ne!(
        button_style.get_property_value("color").unwrap(),
        "rgb(255, 255, 255)"
    );
    style.remove();
    widget.remove();
}
