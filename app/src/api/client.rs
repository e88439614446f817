//! Calls server functions from the browser: `POST` of the arguments as JSON to the function's
//! path, the answer as JSON, errors as [`ApiError`]. server_fn's own browser client costs
//! ~7.5 KB (brotli) more wasm for the same wire format, so the app uses this one; the
//! functions themselves stay `#[server]` functions defined here and registered by the server.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use leptos::prelude::{set_timeout_with_handle, window};
use leptos::server_fn::ServerFn;

use super::ApiError;
use crate::state::Network;

/// How long a call may take. Generous: a 2G link needs seconds before the first byte, and a
/// sync batch or a 64 KB chunk at 250 kbps takes several more.
pub const TIMEOUT: Duration = Duration::from_millis(crate::sync_plan::REQUEST_TIMEOUT_MS as u64);

/// Calls the server function `F` with `args`, and reports to `net` whether the server answered.
pub async fn call<F>(args: &F, net: Network) -> Result<F::Output, ApiError>
where
    F: ServerFn<Error = ApiError> + Serialize,
    F::Output: DeserializeOwned,
{
    let result = post_json(F::PATH, args).await;
    net.report(!matches!(&result, Err(e) if e.code == "unreachable"));
    result
}

/// `POST path` with `body` as JSON; the answer parsed as `T`, or the server's [`ApiError`].
pub async fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let text = json_text(body)?;
    decode(answer(fetch("POST", path, Some((&text, "application/json"))).await?).await?)
}

/// `body` as JSON text, by the browser's own `JSON.stringify`.
fn json_text<B: Serialize + ?Sized>(body: &B) -> Result<wasm_bindgen::JsValue, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = body.serialize(&serializer).map_err(|_| ApiError::internal())?;
    js_sys::JSON::stringify(&value).map(Into::into).map_err(|_| ApiError::internal())
}

/// `GET path`; the answer parsed as `T`.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(answer(fetch("GET", path, None).await?).await?)
}

/// `PUT path` with raw bytes; the answer parsed as `T`.
pub async fn put_bytes<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, ApiError> {
    let body = js_sys::Uint8Array::from(bytes);
    decode(answer(fetch("PUT", path, Some((&body, "application/octet-stream"))).await?).await?)
}

/// A successful answer's JSON as `T`.
fn decode<T: DeserializeOwned>(json: wasm_bindgen::JsValue) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::internal())
}

/// A successful answer's JSON (`null` for `204`), or the server's [`ApiError`]. Not generic:
/// one copy of this state machine serves every call; only [`decode`] is per type.
async fn answer(response: web_sys::Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    let status = response.status();
    let json = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    if status == 204 {
        return Ok(wasm_bindgen::JsValue::NULL);
    }
    if (200..300).contains(&status) {
        return json.ok_or_else(ApiError::internal);
    }
    Err(json
        .and_then(|j| serde_wasm_bindgen::from_value::<ApiError>(j).ok())
        .unwrap_or_else(|| match status {
            502..=504 => ApiError::unreachable(),
            _ => ApiError::internal(),
        }))
}

/// The session's CSRF token from its readable cookie (`__Host-csrf` over TLS, `csrf` otherwise).
fn csrf_token() -> Option<String> {
    let document = window().document()?;
    let cookies = js_sys::Reflect::get(&document, &"cookie".into()).ok()?.as_string()?;
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| (*k == "__Host-csrf" || *k == "csrf") && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// A form the server answered: the value, its refusal with the issues per field, or another error.
pub enum FormAnswer<T> {
    Done(T),
    Refused(crate::api::auth::FormRefusal),
    Failed(ApiError),
}

impl<T> FormAnswer<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> FormAnswer<U> {
        match self {
            FormAnswer::Done(t) => FormAnswer::Done(f(t)),
            FormAnswer::Refused(r) => FormAnswer::Refused(r),
            FormAnswer::Failed(e) => FormAnswer::Failed(e),
        }
    }
}

/// `POST path` with a form; a `422` answer is the server's [`FormRefusal`](crate::api::auth::FormRefusal).
pub async fn post_form<B: Serialize + ?Sized, T: DeserializeOwned>(path: &str, body: &B, net: Network) -> FormAnswer<T> {
    let answer = match json_text(body) {
        Ok(text) => post_form_json(path, &text, net).await,
        Err(e) => return FormAnswer::Failed(e),
    };
    match answer {
        FormAnswer::Done(json) => decode(json).map_or_else(FormAnswer::Failed, FormAnswer::Done),
        FormAnswer::Refused(r) => FormAnswer::Refused(r),
        FormAnswer::Failed(e) => FormAnswer::Failed(e),
    }
}

/// [`post_form`]'s work, once for every form: the answer's JSON, a refusal or an error.
async fn post_form_json(path: &str, text: &wasm_bindgen::JsValue, net: Network) -> FormAnswer<wasm_bindgen::JsValue> {
    let response = match fetch("POST", path, Some((text, "application/json"))).await {
        Ok(r) => r,
        Err(e) => {
            net.report(false);
            return FormAnswer::Failed(e);
        }
    };
    net.report(true);
    if response.status() == 422 {
        let json = match response.json() {
            Ok(p) => JsFuture::from(p).await.ok(),
            Err(_) => None,
        };
        return match json.and_then(|j| serde_wasm_bindgen::from_value(j).ok()) {
            Some(refusal) => FormAnswer::Refused(refusal),
            None => FormAnswer::Failed(ApiError::internal()),
        };
    }
    match answer(response).await {
        Ok(json) => FormAnswer::Done(json),
        Err(e) => FormAnswer::Failed(e),
    }
}

async fn fetch(method: &str, path: &str, body: Option<(&wasm_bindgen::JsValue, &str)>) -> Result<web_sys::Response, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::internal())?;
    let headers = web_sys::Headers::new().map_err(|_| ApiError::internal())?;
    let _ = headers.set("accept", "application/json");
    if let Some(token) = csrf_token() {
        let _ = headers.set(crate::api::auth::CSRF_HEADER, &token);
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some((body, content_type)) = body {
        let _ = headers.set("content-type", content_type);
        init.set_body(body);
    }
    init.set_headers(&headers);
    init.set_signal(Some(&controller.signal()));
    let abort = controller.clone();
    let timer = set_timeout_with_handle(move || abort.abort(), TIMEOUT).ok();
    let answer = JsFuture::from(window().fetch_with_str_and_init(path, &init)).await;
    if let Some(t) = timer {
        t.clear();
    }
    answer
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .ok_or_else(ApiError::unreachable)
}
