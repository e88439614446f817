//! The current location as a signal, moved by `history.pushState` and by the back button.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::routes::Route;

#[derive(Clone, Copy)]
pub struct Router {
    /// Path and query, as in the address bar (`/settings?x=1`).
    location: RwSignal<String>,
}

impl Router {
    /// The current route (tracked).
    pub fn route(&self) -> Route {
        self.location.with(|l| Route::parse(l))
    }

    /// A query parameter of the current location (tracked).
    pub fn query(&self, key: &str) -> Option<String> {
        self.location.with(|l| {
            let query = l.split_once('?')?.1;
            query.split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (k == key).then(|| js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string()).unwrap_or_default())
            })
        })
    }

    /// Opens `to` as a new history entry, at the top of the page.
    pub fn navigate(&self, to: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(to));
        }
        self.location.set(to.to_owned());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

fn current() -> String {
    let l = location();
    format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
}

pub fn provide_router() -> Router {
    let router = Router { location: RwSignal::new(current()) };
    let handle = window_event_listener(leptos::ev::popstate, move |_| router.location.set(current()));
    on_cleanup(move || handle.remove());
    provide_context(router);
    router
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}
