//! Errors crossing into JavaScript: the one conversion of [`replylint::Error`], and the
//! `TypeError`s of the argument conversions.
//!
//! Nothing here panics: a panic in WebAssembly is a trap (`RuntimeError: unreachable`) that
//! can leave the module unusable, so every failure on user data is a thrown JS exception.

use wasm_bindgen::{JsCast, JsValue};

/// Every [`replylint::Error`] becomes a JS `Error` carrying the core's message, which
/// already says what to fix.
pub(crate) fn config_error(err: replylint::Error) -> JsValue {
    js_sys::Error::new(&err.to_string()).into()
}

/// `TypeError("{what}: expected {expected}, got {type of value}")`.
pub(crate) fn expected(what: &str, expected: &str, value: &JsValue) -> JsValue {
    js_sys::TypeError::new(&format!("{what}: expected {expected}, got {}", type_name(value))).into()
}

/// A JS `TypeError` with this message.
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The type of `value` as a JavaScript programmer would name it: `typeof`, except that
/// `null` and arrays get their own names.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(value) {
        "array".to_string()
    } else {
        value
            .js_typeof()
            .dyn_into::<js_sys::JsString>()
            .map(String::from)
            .unwrap_or_else(|_| "a value of unknown type".to_string())
    }
}
