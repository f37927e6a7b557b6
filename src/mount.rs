//! Mounting widgets from the page: every `[data-retour-emploi]` placeholder (now, and when added later,
//! through a `MutationObserver`), and the JS API `mount(element, options)`.
//!
//! A placeholder gets a `<retour-emploi>` child whose attributes mirror the placeholder's `data-*`
//! attributes (kept in sync when they change); the widget's `data-state` is mirrored onto the
//! placeholder.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
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
    /// The options object has a field the widget does not know.
    UnknownOption(String),
    /// The options object has a wrong field.
    Options(serde_wasm_bindgen::Error),
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MountError::NotAnElement => {
                f.write_str("retour-emploi mount(): the first argument must be a DOM element")
            }
            MountError::UnknownOption(name) => write!(
                f,
                "retour-emploi mount(): unknown option `{name}` (known: formacode, commune, proxy, lang, variant, theme, timeout, cacheTtl)"
            ),
            MountError::Options(error) => {
                write!(f, "retour-emploi mount(): invalid options: {error}")
            }
        }
    }
}

/// The options of `mount(element, options)`: the element's attributes, in camelCase. Codes and numbers
/// may be given as strings or numbers.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MountOptions {
    #[serde(deserialize_with = "text")]
    formacode: Option<String>,
    #[serde(deserialize_with = "text")]
    commune: Option<String>,
    #[serde(deserialize_with = "text")]
    proxy: Option<String>,
    #[serde(deserialize_with = "text")]
    lang: Option<String>,
    #[serde(deserialize_with = "text")]
    variant: Option<String>,
    #[serde(deserialize_with = "text")]
    theme: Option<String>,
    #[serde(deserialize_with = "text")]
    timeout: Option<String>,
    #[serde(deserialize_with = "text")]
    cache_ttl: Option<String>,
}

impl MountOptions {
    const NAMES: [&'static str; 8] = [
        "formacode",
        "commune",
        "proxy",
        "lang",
        "variant",
        "theme",
        "timeout",
        "cacheTtl",
    ];

    fn values(&self) -> [(&'static str, Option<&str>); 8] {
        [
            ("formacode", self.formacode.as_deref()),
            ("commune", self.commune.as_deref()),
            ("proxy", self.proxy.as_deref()),
            ("lang", self.lang.as_deref()),
            ("variant", self.variant.as_deref()),
            ("theme", self.theme.as_deref()),
            ("timeout", self.timeout.as_deref()),
            ("cache-ttl", self.cache_ttl.as_deref()),
        ]
    }
}

/// A string, or a number written as its decimal text (`22435` → `"22435"`); `null` is absent.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Text;
    impl Visitor<'_> for Text {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            // JavaScript's own formatting: Rust's float formatting would cost kilobytes of Wasm.
            Ok(js_sys::Number::from(v)
                .to_string_with_radix(10)
                .ok()
                .map(String::from))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(Text)
}

/// `mount(target, options)`: see `lib.rs`.
pub fn mount(target: &JsValue, options: JsValue) -> Result<Element, MountError> {
    let target: &Element = target.dyn_ref().ok_or(MountError::NotAnElement)?;
    let options: MountOptions = if options.is_undefined() || options.is_null() {
        MountOptions::default()
    } else {
        // serde-wasm-bindgen reads only the fields it knows: unknown ones are found here.
        if let Some(object) = options.dyn_ref::<js_sys::Object>() {
            let known = MountOptions::NAMES;
            for key in js_sys::Object::keys(object).iter() {
                let key = key.as_string().unwrap_or_default();
                if !known.contains(&key.as_str()) {
                    return Err(MountError::UnknownOption(key));
                }
            }
        }
        serde_wasm_bindgen::from_value(options).map_err(MountError::Options)?
    };
    let set_attributes = |widget: &Element| {
        for (name, value) in options.values() {
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
