//! The bridge between the `<retour-emploi>` element (`www/element.js`, a class that only forwards its
//! lifecycle callbacks) and one Yew app per element: connected → render, attribute changed → update,
//! disconnected → destroy (which drops the widget's request subscription, aborting the fetch when no
//! other widget shares it). Re-inserting an element renders it again. A connected element's request is
//! sent before its first render (`fetch::send_early`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};
use yew::{AppHandle, Renderer};

use crate::attributes::Attributes;
use crate::components::app::{self, App, AppProps};
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
    connected: Connected,
    /// The URL of the request sent when the element was connected (`fetch::send_early`).
    early: Option<String>,
}

/// Whether a widget's element is still connected, as its app sees it: false from the moment the element
/// is disconnected. Yew destroys an app only once it has been created, which happens in a microtask
/// after `render()`: an element removed in the same task as it was connected (a script moving nodes,
/// say) would otherwise get a live app after its removal. Its effects check this and do nothing (no
/// request, no event), and its destruction waits until it exists.
#[derive(Clone, Debug)]
pub struct Connected(Rc<Liveness>);

#[derive(Debug)]
struct Liveness {
    connected: Cell<bool>,
    rendered: Cell<bool>,
}

impl Connected {
    fn new() -> Connected {
        Connected(Rc::new(Liveness {
            connected: Cell::new(true),
            rendered: Cell::new(false),
        }))
    }

    /// Whether the element has not been disconnected since this app was made for it.
    pub fn is_live(&self) -> bool {
        self.0.connected.get()
    }

    /// Called by the app as it renders: it exists, so destroying it works at once.
    pub fn rendering(&self) {
        self.0.rendered.set(true);
    }

    /// The element was disconnected. Returns whether the app has rendered (and so exists).
    fn end(&self) -> bool {
        self.0.connected.set(false);
        self.0.rendered.get()
    }
}

impl PartialEq for Connected {
    fn eq(&self, other: &Connected) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
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
    let attributes = Attributes::read(&host);
    let early = if crashed {
        None
    } else {
        app::send_early(&attributes)
    };
    let connected = Connected::new();
    let props = AppProps {
        host: host.clone(),
        attributes,
        crashed,
        connected: connected.clone(),
    };
    let app = Renderer::<App>::with_root_and_props(container, props).render();
    MOUNTED.with(|mounted| {
        mounted.borrow_mut().push(Mounted {
            host,
            app,
            connected,
            early,
        })
    });
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
                connected: widget.connected.clone(),
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
    let Some(widget) = widget else {
        return;
    };
    if widget.connected.end() {
        destroy(widget);
    } else {
        // Not rendered yet: after Yew's pending work (see `Connected`), when the app exists.
        wasm_bindgen_futures::spawn_local(async move { destroy(widget) });
    }
}

/// Destroys a widget's app, which aborts its request when no other widget shares it. The request sent
/// early for it goes too if no widget joined it (it left before its first render) and no connected
/// element is about to (the same element moved, say).
fn destroy(widget: Mounted) {
    widget.app.destroy();
    let Some(url) = widget.early else {
        return;
    };
    let wanted = MOUNTED.with(|mounted| {
        mounted
            .borrow()
            .iter()
            .any(|m| m.early.as_deref() == Some(url.as_str()))
    });
    if !wanted {
        crate::fetch::forget_unclaimed(&url);
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
