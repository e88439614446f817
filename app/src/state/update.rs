//! A new version of the app waiting in the service worker. `boot.js` registers the worker and
//! announces a waiting one (`shebao:update-ready`, and `window.shebaoUpdateReady` for when the
//! announcement came before this code ran); applying it is the user's tap, never automatic.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Copy)]
pub struct Update {
    ready: RwSignal<bool>,
}

impl Update {
    /// Whether a new version is waiting (tracked).
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Asks the waiting worker to take over; `boot.js` reloads once it has.
    pub fn apply(&self) {
        if let Ok(f) = js_sys::Reflect::get(&window(), &JsValue::from_str("shebaoApplyUpdate")) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call0(&JsValue::NULL);
            }
        }
    }
}

pub fn provide_update() -> Update {
    let already = js_sys::Reflect::get(&window(), &JsValue::from_str("shebaoUpdateReady"))
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    let update = Update { ready: RwSignal::new(already) };
    let handle = window_event_listener_untyped("shebao:update-ready", move |_| update.ready.set(true));
    on_cleanup(move || handle.remove());
    provide_context(update);
    update
}

pub fn use_update() -> Update {
    expect_context::<Update>()
}
