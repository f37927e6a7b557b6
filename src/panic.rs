//! Panics end in a visible error, a console message, and a fresh instance for the other widgets.
//!
//! The release build aborts on panic: the Wasm instance traps, and its state (Yew's scheduler, the
//! futures queue) is left mid-flight, so every widget of that instance would freeze. The hook below runs
//! before the trap: it logs the panic, asks wasm-bindgen to build a fresh instance of the same module on
//! the next export call (`schedule_reinit`), and tells `www/element.js` which widget was running. That
//! script shows an error in that widget, and once the trap has unwound it calls the loader's restart,
//! which installs the fresh instance's hooks and connects every other live widget again.
//!
//! The running widget is known because every component and callback enters its widget's scope
//! ([`enter`], with the host element each component gets as a property) for as long as it runs.
//!
//! Re-initialisation is only scheduled when a loader registered a restart (the script-tag entry does):
//! elsewhere (the wasm-bindgen test harness, a bare embedding) the instance is left as it is, the
//! previous panic hook still runs, and the panicking widget still shows its error.

use std::cell::RefCell;

use web_sys::HtmlElement;

use crate::element;

thread_local! {
    static RUNNING: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

/// While alive, marks a widget as running; dropping it restores what was running before.
#[must_use = "the widget counts as running while the guard lives"]
pub struct Running(Option<HtmlElement>);

impl Drop for Running {
    fn drop(&mut self) {
        let previous = self.0.take();
        RUNNING.with(|running| {
            if let Ok(mut running) = running.try_borrow_mut() {
                *running = previous;
            }
        });
    }
}

/// Marks `host` as the widget now running, until the returned guard is dropped.
pub fn enter(host: &HtmlElement) -> Running {
    RUNNING.with(|running| match running.try_borrow_mut() {
        Ok(mut running) => Running(running.replace(host.clone())),
        Err(_) => Running(None),
    })
}

/// Installs the panic hook (once; Yew's own default hook is then never installed). The hook that was
/// there before still runs first.
pub fn install() {
    let previous = std::panic::take_hook();
    yew::set_custom_panic_hook(Box::new(move |info| {
        previous(info);
        let message = format!("retour-emploi: internal error (Rust panic): {info}");
        web_sys::console::error_1(&message.into());
        if element::can_restart() {
            wasm_bindgen::handler::schedule_reinit();
        }
        let running = RUNNING.with(|running| running.try_borrow().ok().and_then(|r| r.clone()));
        let lang = running
            .as_ref()
            .and_then(|host| host.get_attribute("lang"))
            .and_then(|tag| retour_emploi_core::Lang::parse(&tag))
            .unwrap_or_default();
        element::report_panic(running.as_ref(), crate::i18n::texts(lang).internal_error);
    }));
}

/// The test-only trigger: with the `test-panic` feature, a widget whose element has `data-test-panic`
/// panics while rendering. Never compiled into a release.
#[cfg(feature = "test-panic")]
pub fn panic_if_asked(host: &HtmlElement) {
    if host.has_attribute("data-test-panic") {
        panic!("test panic requested by data-test-panic");
    }
}

/// Without the `test-panic` feature, nothing.
#[cfg(not(feature = "test-panic"))]
pub fn panic_if_asked(_host: &HtmlElement) {}
