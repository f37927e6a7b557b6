//! The retour-emploi widget: France Travail's *taux de retour à l'emploi suite formation* for one training
//! near one commune, as a `<retour-emploi>` custom element rendered by Yew in its shadow root.
//!
//! This file holds the JavaScript entry points only:
//! - [`define`] defines the element (a no-op when it is already defined, by this copy or another);
//! - [`start`] defines it and mounts one into every `[data-retour-emploi]` placeholder, now and later;
//! - [`mount`] mounts one into an element, with options (`{formacode, commune, proxy, lang, variant,
//!   theme, timeout, cacheTtl}`).
//!
//! Where things live: `element` (the custom-element bridge), `mount` (placeholders and the JS API),
//! `attributes` (attribute values → typed settings), `fetch` (every request), `json` (the browser's
//! `JSON.parse`, for core's decoders), `state` (loading → ready / not covered / error), `components/`
//! (one file per thing on screen), `i18n` (interface words; words about the data come from
//! `retour_emploi_core::display`), `styles` (the shared stylesheet), `panic` (panics end in a visible
//! error and a fresh instance for the other widgets).

use wasm_bindgen::prelude::*;

/// Talc instead of dlmalloc: a smaller `.wasm` (see Cargo.toml); the instance is single-threaded.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod attributes;
mod components;
mod element;
mod fetch;
mod i18n;
mod json;
mod mount;
mod panic;
mod state;
mod styles;

/// Defines the `<retour-emploi>` element. Calling it again, or after another copy of the widget defined
/// it, does nothing. Returns whether this copy drives the element (false when another copy does).
#[wasm_bindgen]
pub fn define() -> bool {
    element::define()
}

/// Defines the element, mounts a widget into every `[data-retour-emploi]` element of the page (reading
/// its `data-formacode`, `data-commune`, `data-proxy`, `data-lang`, `data-variant`, `data-theme`,
/// `data-timeout` and `data-cache-ttl`) and into those added later. What the script tag runs.
/// Returns whether this copy drives the element.
#[wasm_bindgen]
pub fn start() -> bool {
    let drives = element::define();
    mount::mount_placeholders();
    drives
}

/// Mounts a widget into `target` with `options` and returns the `<retour-emploi>` element: `target`
/// itself when it is one, else a child created in it (or the one already there). Throws an `Error`
/// naming the wrong option.
#[wasm_bindgen]
pub fn mount(target: &JsValue, options: JsValue) -> Result<web_sys::Element, JsError> {
    element::define();
    mount::mount(target, options).map_err(|error| JsError::new(&error.to_string()))
}
