//! Values to and from what IndexedDB and the network hold, through the browser's own JSON
//! (no JSON parser in the wasm; see `api/client.rs`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// A value as a plain JS object (maps as objects, 64-bit integers as numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| e.to_string())
}

pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// JSON text of a value (the exact text a filing is frozen as).
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let js = to_js(value)?;
    js_sys::JSON::stringify(&js).map(String::from).map_err(|_| "not serialisable".to_owned())
}

pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    from_js(js_sys::JSON::parse(text).map_err(|_| "not JSON".to_owned())?)
}
