//! Mounting widgets from the page: every `[data-retour-emploi]` placeholder (now, and when added later,
//! through a `MutationObserver`), and the JS API `mount(element, options)`.
//!
//! A placeholder gets a `<retour-emploi>` child whose attributes mirror the placeholder's `data-*`
//! attributes (kept in sync when they change); the widget's `data-state` is mirrored onto the
//! placeholder.

use std::fmt;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord};

use crate::attributes::NAMES;
use crate::element;

const PLACEHOLDER: &str = "[data-retour-emploi]";
const TAG: &str = "retour-emploi";

/// Mounts into every placeholder of the page, and watches for new ones.
pub fn mount_placeholders() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(placeholders) = document.query_selector_all(PLACEHOLDER) {
        for i in 0..placeholders.length() {
            if let Some(placeholder) = placeholders.get(i).and_then(|n| n.dyn_into().ok()) {
                mount_placeholder(&placeholder);
            }
        }
    }
    let Some(root) = document.document_element() else {
        return;
    };
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(on_mutations).into_js_value();
    let Ok(observer) = MutationObserver::new(callback.unchecked_ref()) else {
        return;
    };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attributes(true);
    let filter: js_sys::Array = NAMES
        .iter()
        .map(|name| JsValue::from(format!("data-{name}")))
        .collect();
    options.set_attribute_filter(&filter);
    if observer.observe_with_options(&root, &options).is_ok() {
        element::adopt_observer(&observer);
    }
}

fn on_mutations(records: js_sys::Array) {
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        if record.type_() == "attributes" {
            let (Some(target), Some(name)) = (record.target(), record.attribute_name()) else {
                continue;
            };
            if let Ok(placeholder) = target.dyn_into::<Element>() {
                sync_attribute(&placeholder, &name);
            }
            continue;
        }
        let added = record.added_nodes();
        for i in 0..added.length() {
            let Some(node) = added.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if node.matches(PLACEHOLDER).unwrap_or(false) {
                mount_placeholder(&node);
            }
            if let Ok(inner) = node.query_selector_all(PLACEHOLDER) {
                for j in 0..inner.length() {
                    if let Some(placeholder) = inner.get(j).and_then(|n| n.dyn_into().ok()) {
                        mount_placeholder(&placeholder);
                    }
                }
            }
        }
    }
}

/// The `<retour-emploi>` child of a placeholder.
fn widget_of(placeholder: &Element) -> Option<Element> {
    let children = placeholder.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .find(|child| child.local_name() == TAG)
}

fn mount_placeholder(placeholder: &Element) {
    if placeholder.local_name() == TAG || widget_of(placeholder).is_some() {
        return;
    }
    let Some(document) = placeholder.owner_document() else {
        return;
    };
    let Ok(widget) = document.create_element(TAG) else {
        return;
    };
    for name in NAMES {
        if let Some(value) = placeholder.get_attribute(&format!("data-{name}")) {
            let _ = widget.set_attribute(name, &value);
        }
    }
    // The placeholder's content (a fallback text, say) gives way to the widget.
    placeholder.replace_children_with_node_1(&widget);
}

fn sync_attribute(placeholder: &Element, data_name: &str) {
    let (Some(widget), Some(name)) = (widget_of(placeholder), data_name.strip_prefix("data-"))
    else {
        return;
    };
    let _ = match placeholder.get_attribute(data_name) {
        Some(value) => widget.set_attribute(name, &value),
        None => widget.remove_attribute(name),
    };
}

/// Why `mount()` refused.
#[derive(Debug)]
pub enum MountError {
    /// The first argument is not a DOM element.
    NotAnElement,
    /// The options are not an object.
    NotAnObject,
    /// The options object has a field the widget does not know.
    UnknownOption(String),
    /// An option is neither a string nor a number.
    WrongType(&'static str),
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MountError::NotAnElement => {
                f.write_str("retour-emploi mount(): the first argument must be a DOM element")
            }
            MountError::NotAnObject => {
                f.write_str("retour-emploi mount(): invalid options: expected an object")
            }
            MountError::UnknownOption(name) => write!(
                f,
                "retour-emploi mount(): unknown option `{name}` (known: formacode, commune, proxy, lang, variant, theme, timeout, cacheTtl)"
            ),
            MountError::WrongType(name) => write!(
                f,
                "retour-emploi mount(): invalid options: `{name}` must be a string or a number"
            ),
        }
    }
}

/// The options of `mount(element, options)`, in camelCase, with the attribute each one sets.
const OPTIONS: [(&str, &str); 8] = [
    ("formacode", "formacode"),
    ("commune", "commune"),
    ("proxy", "proxy"),
    ("lang", "lang"),
    ("variant", "variant"),
    ("theme", "theme"),
    ("timeout", "timeout"),
    ("cacheTtl", "cache-ttl"),
];

/// Reads the options object: each option as the attribute value it sets (`None` when absent, `null` or
/// `undefined`). Codes and numbers may be given as strings or numbers; numbers are written as JavaScript
/// writes them. Read with plain property access: a serde deserializer would link Rust's float
/// formatting into the Wasm for its error messages.
fn read_options(options: &JsValue) -> Result<[(&'static str, Option<String>); 8], MountError> {
    if options.is_undefined() || options.is_null() {
        return Ok(OPTIONS.map(|(_, attribute)| (attribute, None)));
    }
    // `typeof`, not `instanceof`: an object made in another frame is an object too.
    if !options.is_object() {
        return Err(MountError::NotAnObject);
    }
    let object: &js_sys::Object = options.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTIONS.iter().any(|(name, _)| *name == key) {
            return Err(MountError::UnknownOption(key));
        }
    }
    let mut values = OPTIONS.map(|(_, attribute)| (attribute, None));
    for ((name, _), (_, value)) in OPTIONS.iter().zip(&mut values) {
        let given = js_sys::Reflect::get(object, &JsValue::from_str(name))
            .map_err(|_| MountError::WrongType(name))?;
        *value = if given.is_undefined() || given.is_null() {
            None
        } else if let Some(text) = given.as_string() {
            Some(text)
        } else if given.as_f64().is_some() {
            let number: &js_sys::Number = given.unchecked_ref();
            number.to_string_with_radix(10).ok().map(String::from)
        } else {
            return Err(MountError::WrongType(name));
        };
    }
    Ok(values)
}

/// `mount(target, options)`: see `lib.rs`.
pub fn mount(target: &JsValue, options: JsValue) -> Result<Element, MountError> {
    let target: &Element = target.dyn_ref().ok_or(MountError::NotAnElement)?;
    let options = read_options(&options)?;
    let set_attributes = |widget: &Element| {
        for (name, value) in &options {
            let _ = match value {
                Some(value) => widget.set_attribute(name, value),
                None => widget.remove_attribute(name),
            };
        }
    };
    if target.local_name() == TAG {
        set_attributes(target);
        return Ok(target.clone());
    }
    if let Some(widget) = widget_of(target) {
        set_attributes(&widget);
        return Ok(widget);
    }
    let document = target.owner_document().ok_or(MountError::NotAnElement)?;
    let widget = document
        .create_element(TAG)
        .map_err(|_| MountError::NotAnElement)?;
    // Attributes first: the widget is connected with its final settings and sends one request.
    set_attributes(&widget);
    target
        .append_child(&widget)
        .map_err(|_| MountError::NotAnElement)?;
    Ok(widget)
}
