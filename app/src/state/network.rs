//! Whether the server can actually be reached. `navigator.onLine` only says a link exists
//! (a phone with one bar says "online" while nothing gets through), so the state comes from
//! probing `/healthz` and from the outcome of real requests.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the app currently believes about the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reachability {
    /// No answer yet since start.
    Checking,
    Online,
    Offline,
}

/// How long a probe may take before the server counts as unreachable. Generous: a
/// village 2G link takes seconds for the first byte.
const PROBE_TIMEOUT: Duration = Duration::from_secs(8);
/// Probe interval while unreachable (to notice the signal coming back) …
const PROBE_OFFLINE_EVERY: Duration = Duration::from_secs(15);
/// … and while reachable (to notice it going).
const PROBE_ONLINE_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone, Copy)]
pub struct Network {
    state: RwSignal<Reachability>,
    probing: StoredValue<bool>,
}

impl Network {
    /// The current reachability (tracked).
    pub fn state(&self) -> Reachability {
        self.state.get()
    }

    /// Records the outcome of any request to the server, so the status follows real traffic
    /// between probes.
    pub fn report(&self, reached: bool) {
        let new = if reached { Reachability::Online } else { Reachability::Offline };
        // Only a change notifies: every request reports, and anything that follows the state
        // (refreshes, syncs) must not run again for a report that changed nothing.
        if self.state.get_untracked() != new {
            self.state.set(new);
        }
    }

    /// Probes the server now (at most one probe in flight).
    pub fn probe(&self) {
        if self.probing.get_value() {
            return;
        }
        self.probing.set_value(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let reached = probe_healthz().await;
            this.probing.set_value(false);
            this.report(reached);
        });
    }
}

/// Starts watching the network: a probe now, on `online`, on becoming visible and on a timer.
pub fn provide_network() -> Network {
    let net = Network { state: RwSignal::new(Reachability::Checking), probing: StoredValue::new(false) };
    provide_context(net);
    net.probe();
    let on_online = window_event_listener(leptos::ev::online, move |_| net.probe());
    let on_offline = window_event_listener(leptos::ev::offline, move |_| net.report(false));
    let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            net.probe();
        }
    });
    schedule(net);
    on_cleanup(move || {
        on_online.remove();
        on_offline.remove();
        on_visible.remove();
    });
    net
}

pub fn use_network() -> Network {
    expect_context::<Network>()
}

/// The next timed probe; its interval depends on the current state.
fn schedule(net: Network) {
    let every = match net.state.get_untracked() {
        Reachability::Online => PROBE_ONLINE_EVERY,
        _ => PROBE_OFFLINE_EVERY,
    };
    set_timeout(
        move || {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                net.probe();
            }
            schedule(net);
        },
        every,
    );
}

/// `GET /healthz`, never from a cache, abandoned after [`PROBE_TIMEOUT`].
async fn probe_healthz() -> bool {
    if !window().navigator().on_line() {
        return false;
    }
    let Ok(controller) = web_sys::AbortController::new() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let abort = controller.clone();
    let timer = set_timeout_with_handle(move || abort.abort(), PROBE_TIMEOUT).ok();
    let response = JsFuture::from(window().fetch_with_str_and_init("/healthz", &init)).await;
    if let Some(t) = timer {
        t.clear();
    }
    response
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .is_some_and(|r| r.ok())
}
