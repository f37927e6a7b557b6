//! Mounting widgets and looking inside their shadow roots.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen(module = "/tests/widget/support.js")]
extern "C" {
    /// Serves `body` for `url` (resolved against the page) after `delay` ms.
    pub fn stub(url: &str, status: u16, content_type: &str, body: &str, delay: u32);
    /// Makes `url` fail as a fetch without an answer does (offline, CORS refusal).
    #[wasm_bindgen(js_name = stubNetworkFailure)]
    pub fn stub_network_failure(url: &str);
    #[wasm_bindgen(js_name = requestsTo)]
    pub fn requests_to(url: &str) -> u32;
    #[wasm_bindgen(js_name = abortsOf)]
    pub fn aborts_of(url: &str) -> u32;
    #[wasm_bindgen(js_name = totalRequests)]
    pub fn total_requests() -> u32;
    #[wasm_bindgen(js_name = consoleMessages)]
    pub fn console_messages() -> String;
    #[wasm_bindgen(js_name = waitForState)]
    fn wait_for_state(element: &Element, state: &str) -> Promise;
    #[wasm_bindgen(js_name = waitForSettled)]
    fn wait_for_settled(element: &Element) -> Promise;
    #[wasm_bindgen(js_name = recordEvents)]
    pub fn record_events(element: &Element) -> Array;
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: u32) -> Promise;
    #[wasm_bindgen(js_name = pressKey)]
    pub fn press_key(target: &Element, key: &str);
}

/// The normalized answer of the contract's Lyon example (docs/proxy.md), with `national` in class `national`.
pub fn lyon_answer(national: u8) -> String {
    format!(
        r#"{{"formacode":"31054","commune":{{"code":"69123","nom":"Lyon"}},"covered":true,"levels":[
        {{"level":"bassin","code":"8428","nom":"Lyon Centre","status":"published","quintile":4,"rate":0.63,"leavers":212}},
        {{"level":"departement","code":"69","nom":"Rhône","status":"suppressed"}},
        {{"level":"region","code":"84","nom":"Auvergne-Rhône-Alpes","status":"published","quintile":3}},
        {{"level":"national","code":"FR","nom":"France","status":"published","quintile":{national}}}]}}"#
    )
}

/// An upstream answer publishing only the national level, in class `quintile`.
pub fn national_only(quintile: u8) -> String {
    format!(
        r#"[{{"formacode":"22435","taux-bassin":"","taux-departemental":"","taux-regional":"","taux-national":"{}"}}]"#,
        f64::from(quintile) / 5.0
    )
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A `<retour-emploi>` with these attributes, connected to the page (the element is defined first).
pub fn mount(attributes: &[(&str, &str)]) -> HtmlElement {
    retour_emploi_widget::define();
    let element = create(attributes);
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// A `<retour-emploi>` with these attributes, not connected.
pub fn create(attributes: &[(&str, &str)]) -> HtmlElement {
    let element: HtmlElement = document()
        .create_element("retour-emploi")
        .unwrap()
        .unchecked_into();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    element
}

pub async fn state(element: &Element, state: &str) {
    JsFuture::from(wait_for_state(element, state))
        .await
        .unwrap();
}

pub async fn settled(element: &Element) -> String {
    JsFuture::from(wait_for_settled(element)).await.unwrap();
    element.get_attribute("data-state").unwrap()
}

pub async fn sleep(ms: u32) {
    JsFuture::from(sleep_promise(ms)).await.unwrap();
}

/// Lets Yew render and run effects (the request is sent from an effect).
pub async fn rendered() {
    yew::scheduler::flush().await;
}

/// The first element of the shadow root matching `selector`.
pub fn find(host: &Element, selector: &str) -> Option<Element> {
    host.shadow_root()?.query_selector(selector).ok()?
}

/// Every element of the shadow root matching `selector`.
pub fn find_all(host: &Element, selector: &str) -> Vec<Element> {
    let Some(list) = host
        .shadow_root()
        .and_then(|root| root.query_selector_all(selector).ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into().ok())
        .collect()
}

/// The text of the first match, or "".
pub fn text(host: &Element, selector: &str) -> String {
    find(host, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// `data-status`/`data-quintile` of the four rows as the case files write them: a class or "-".
pub fn row_classes(host: &Element) -> Vec<String> {
    find_all(host, "[part~=breakdown] [part~=row]")
        .iter()
        .map(|row| match row.get_attribute("data-status").as_deref() {
            Some("published") => row.get_attribute("data-quintile").unwrap_or_default(),
            _ => "-".to_owned(),
        })
        .collect()
}

/// A proxy URL of its own for one test.
pub fn proxy(test: &str) -> String {
    format!("https://proxy.test/{test}/rank")
}

/// The request URL the widget sends for a base proxy URL.
pub fn request_url(proxy: &str, formacode: &str, commune: &str) -> String {
    format!("{proxy}?formacode={formacode}&codeinseeville={commune}")
}

/// Reads a field of a JS object.
pub fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}
