//! The bridge between the `<retour-emploi>` element (`www/element.js`, a class that only forwards its
//! lifecycle callbacks) and one Yew app per element: connected → render, attribute changed → update,
//! disconnected → destroy (which drops the widget's request subscription, aborting the fetch when no
//! other widget shares it). Re-inserting an element renders it again.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};
use yew::{AppHandle, Renderer};

use crate::attributes::Attributes;
use crate::components::app::{App, AppProps};
use crate::state::StateDetail;
use crate::{panic, styles};

/// The event the host element dispatches on every state change.
pub const STATE_EVENT: &str = "retour-emploi:state";

#[wasm_bindgen(module = "/www/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(hooks: &js_sys::Object) -> bool;

    /// Stops the previous auto-mount observer (of a dead instance) and keeps this one.
    #[wasm_bindgen(js_name = adoptObserver)]
    pub fn adopt_observer(observer: &web_sys::MutationObserver);

    /// Whether a loader registered a way to restart on a fresh instance after a panic.
    #[wasm_bindgen(js_name = canRestart)]
    pub fn can_restart() -> bool;

    /// Tells the page a panic happened while `element` was running (see `panic.rs`).
    #[wasm_bindgen(js_name = reportPanic)]
    pub fn report_panic(element: Option<&HtmlElement>, notice: &str);
}

struct Mounted {
    host: HtmlElement,
    app: AppHandle<App>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static DRIVES: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Defines the element with this instance's hooks (a no-op when already done, here or by another copy).
/// Returns whether this instance drives the element.
pub fn define() -> bool {
    if let Some(drives) = DRIVES.get() {
        return drives;
    }
    panic::install();
    let hooks = js_sys::Object::new();
    let hook = |name: &str, f: fn(HtmlElement)| {
        let closure = Closure::<dyn Fn(HtmlElement)>::new(f).into_js_value();
        let _ = js_sys::Reflect::set(&hooks, &name.into(), &closure);
    };
    hook("connected", |host| connect(host, false));
    hook("crashed", |host| connect(host, true));
    hook("attributeChanged", attribute_changed);
    hook("disconnected", disconnect);
    let drives = define_element(&hooks);
    DRIVES.set(Some(drives));
    drives
}

fn shadow_root(host: &HtmlElement) -> Option<ShadowRoot> {
    if let Some(root) = host.shadow_root() {
        return Some(root);
    }
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .ok()?;
    styles::adopt(&root);
    Some(root)
}

fn connect(host: HtmlElement, crashed: bool) {
    let _running = panic::enter(&host);
    let known = MOUNTED.with(|mounted| mounted.borrow().iter().any(|m| m.host == host));
    if known {
        return;
    }
    let Some(root) = shadow_root(&host) else {
        web_sys::console::error_1(
            &"retour-emploi: the element already has a closed shadow root; cannot render".into(),
        );
        return;
    };
    let Some(container) = root
        .owner_document()
        .and_then(|document| document.create_element("div").ok())
    else {
        return;
    };
    container.set_class_name("mount");
    root.set_inner_html("");
    if root.append_child(&container).is_err() {
        return;
    }
    let props = AppProps {
        host: host.clone(),
        attributes: Attributes::read(&host),
        crashed,
    };
    let app = Renderer::<App>::with_root_and_props(container, props).render();
    MOUNTED.with(|mounted| mounted.borrow_mut().push(Mounted { host, app }));
}

fn attribute_changed(host: HtmlElement) {
    let _running = panic::enter(&host);
    let attributes = Attributes::read(&host);
    MOUNTED.with(|mounted| {
        if let Some(widget) = mounted.borrow_mut().iter_mut().find(|m| m.host == host) {
            widget.app.update(AppProps {
                host: host.clone(),
                attributes,
                crashed: false,
            });
        }
    });
}

fn disconnect(host: HtmlElement) {
    let _running = panic::enter(&host);
    let widget = MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        let index = mounted.iter().position(|m| m.host == host)?;
        Some(mounted.swap_remove(index))
    });
    if let Some(widget) = widget {
        widget.app.destroy();
    }
}

/// Publishes a state: `data-state` on the element (and on its `[data-retour-emploi]` placeholder), and
/// the `retour-emploi:state` event (bubbles, composed).
pub fn publish_state(host: &HtmlElement, detail: &StateDetail) {
    let _ = host.set_attribute("data-state", detail.state);
    if let Some(placeholder) = host.parent_element() {
        if placeholder.has_attribute("data-retour-emploi") {
            let _ = placeholder.set_attribute("data-state", detail.state);
        }
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail.to_js());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(STATE_EVENT, &init) {
        let _ = host.dispatch_event(event.unchecked_ref());
    }
}
