//! Shebao (社保通): the offline-first social insurance app.
//!
//! The same crate is compiled twice: to wasm for the browser (`csr`: the interface and the
//! IndexedDB layer) and natively for the server (`ssr`: server-function bodies). The domain
//! rules and the wire types are compiled on both sides, so the server re-runs exactly what the
//! form ran.

pub mod api;
pub mod domain;
pub mod help;
pub mod i18n;
pub mod routes;
pub mod sync_plan;

#[cfg(feature = "csr")]
mod app;
#[cfg(feature = "csr")]
mod engine;
#[cfg(feature = "csr")]
pub mod components;
#[cfg(feature = "csr")]
pub mod offline;
#[cfg(feature = "csr")]
pub mod pages;
#[cfg(feature = "csr")]
mod split;
#[cfg(feature = "csr")]
pub mod state;

#[cfg(feature = "csr")]
pub use app::App;

/// The wasm entry point: replaces the static skeleton in `#app` with the live app.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    use wasm_bindgen::JsCast;
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| leptos::prelude::document().body().expect("a <body>"));
    root.set_inner_html("");
    // The app lives as long as the page.
    std::mem::forget(leptos::mount::mount_to(root, App));
}
