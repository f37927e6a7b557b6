//! JSON text parsed by the browser's own `JSON.parse`, handed to core as its [`Json`] value: the Wasm
//! carries no JSON parser, no float parsing or formatting, and no serde deserializer (whose error
//! messages alone link Rust's float formatting).

use js_sys::{Array, Object};
use retour_emploi_core::json::{Json, MAX_DEPTH};
use wasm_bindgen::{JsCast, JsValue};

/// The value of a JSON text; `None` when it is not JSON or nests deeper than core accepts.
pub fn parse(text: &str) -> Option<Json> {
    from_js(&js_sys::JSON::parse(text).ok()?, 0)
}

fn from_js(value: &JsValue, depth: u32) -> Option<Json> {
    if let Some(text) = value.as_string() {
        return Some(Json::String(text));
    }
    if let Some(number) = value.as_f64() {
        return Some(Json::Number(number.into()));
    }
    if let Some(b) = value.as_bool() {
        return Some(Json::Bool(b));
    }
    if value.is_null() || value.is_undefined() {
        return Some(Json::Null);
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    if Array::is_array(value) {
        let items: Array = value.clone().unchecked_into();
        return items
            .iter()
            .map(|item| from_js(&item, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(Json::Array);
    }
    let object: &Object = value.dyn_ref()?;
    Object::entries(object)
        .iter()
        .map(|entry| {
            let entry: Array = entry.unchecked_into();
            Some((
                entry.get(0).as_string()?,
                from_js(&entry.get(1), depth + 1)?,
            ))
        })
        .collect::<Option<_>>()
        .map(Json::Object)
}
