//! The outbox as shared state, and when the sync engine runs: at start, when the server becomes
//! reachable, when the app becomes visible, on a timer at the next retry time, on
//! "立即同步", and when the service worker's Background Outbox wakes the page. One pass at a
//! time per tab; one tab at a time through the lock.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::offline::{db, ids, lock, outbox, pass};
use crate::state::{use_network, Reachability};
use crate::sync_plan::{ItemState, OutboxItem, Scope};

/// A safety net: even with nothing scheduled, look again this often while open.
const IDLE_PASS: Duration = Duration::from_secs(120);

#[derive(Clone, Copy)]
pub struct Outbox {
    items: RwSignal<Vec<OutboxItem>>,
    running: RwSignal<bool>,
    last_success: RwSignal<Option<i64>>,
    /// (sha256, sent, total bytes) of uploads in this session.
    uploads: RwSignal<Vec<(String, u64, u64)>>,
    device_id: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// A pass was asked for while another ran: it runs right after (the widest asked).
    next_scope: StoredValue<Option<Scope>>,
    /// Outbox requests are real traffic: their outcome is what the network badge shows.
    net: crate::state::Network,
}

impl Outbox {
    /// Every item, newest first (tracked).
    pub fn items(&self) -> Vec<OutboxItem> {
        self.items.get()
    }

    pub fn item(&self, client_id: &str) -> Option<OutboxItem> {
        self.items.with(|items| items.iter().find(|i| i.client_id == client_id).cloned())
    }

    /// Items not yet accepted by the server (tracked).
    pub fn unsent(&self) -> usize {
        self.items.with(|items| items.iter().filter(|i| i.state.is_unsent()).count())
    }

    pub fn needs_attention(&self) -> usize {
        self.items.with(|items| items.iter().filter(|i| i.state == ItemState::NeedsAttention).count())
    }

    pub fn running(&self) -> bool {
        self.running.get()
    }

    pub fn last_success(&self) -> Option<i64> {
        self.last_success.get()
    }

    /// Upload progress of an attachment, if it is being sent.
    pub fn upload_progress(&self, sha256: &str) -> Option<(u64, u64)> {
        self.uploads.with(|u| u.iter().find(|(s, _, _)| s == sha256).map(|&(_, sent, total)| (sent, total)))
    }

    /// Background work of [`Outbox::refresh`] (`engine.rs`).
    pub(crate) async fn reload(&self) {
        if let Ok(db) = db::shared().await {
            if let Ok(items) = outbox::list(&db).await {
                self.items.set(items);
            }
        }
    }

    /// Runs a pass now (unless one is running): due items only.
    pub fn now(&self) {
        self.start(Scope::Due);
    }

    /// "立即同步": every unsent item now, whatever its backoff.
    pub fn everything_now(&self) {
        self.start(Scope::Everything);
    }

    fn start(&self, scope: Scope) {
        if self.running.get_untracked() {
            // Nothing asked during a pass is lost: a filing submitted while another uploads, a
            // tap, the server coming back. It runs when this pass ends.
            self.next_scope.update_value(|next| *next = Scope::after_pass(*next, scope));
            return;
        }
        self.running.set(true);
        self.run_passes(scope);
    }

    /// Background work of [`Outbox::run_passes`] (`engine.rs`): a pass, then every pass asked
    /// for meanwhile.
    pub(crate) async fn passes(self, mut scope: Scope) {
        loop {
            self.pass(scope).await;
            match self.next_scope.get_value() {
                Some(next) => scope = next,
                None => break,
            }
            self.next_scope.set_value(None);
        }
        self.running.set(false);
    }

    /// Background work of [`Outbox::retry`] (`engine.rs`).
    pub(crate) async fn make_due(self, client_id: &str) {
        if let (Ok(db), Some(mut item)) = (db::shared().await, self.item(client_id)) {
            if item.state == ItemState::Retrying || item.state == ItemState::Waiting {
                item.next_attempt_at = 0;
                let _ = outbox::update_all(&db, &[item]).await;
            }
        }
        self.now();
    }

    /// Background work of [`Outbox::begin`] (`engine.rs`): what the device kept, then a first
    /// pass.
    pub(crate) async fn start_up(self) {
        if let Ok(db) = db::shared().await {
            let last = db::meta_get(&db, "last_sync_ok").await.ok().flatten().and_then(|v| v.as_f64());
            self.last_success.set(last.map(|v| v as i64));
            let _ = crate::offline::drafts::purge_deleted(&db, js_sys::Date::now() as i64).await;
        }
        self.reload().await;
        self.now();
    }

    async fn pass(&self, scope: Scope) {
        let Ok(db) = db::shared().await else { return };
        let device_id = match self.device_id.get_value() {
            Some(id) => id,
            None => {
                let id = device_id(&db).await;
                self.device_id.set_value(Some(id.clone()));
                id
            }
        };
        let uploads = self.uploads;
        let result = std::rc::Rc::new(std::cell::RefCell::new(None));
        let slot = result.clone();
        let db2 = db.clone();
        let ran = lock::exclusively(&db, async move {
            let summary = pass::run(&db2, &device_id, scope, &move |sha: &str, sent, total| {
                uploads.update(|u| match u.iter_mut().find(|(s, _, _)| s == sha) {
                    Some(entry) => *entry = (sha.to_owned(), sent, total),
                    None => u.push((sha.to_owned(), sent, total)),
                });
            })
            .await;
            *slot.borrow_mut() = Some(summary);
        })
        .await;
        self.reload().await;
        let summary = result.borrow_mut().take();
        if let Some(Ok(summary)) = summary {
            if summary.unreachable {
                self.net.report(false);
            } else if summary.reached {
                self.net.report(true);
            }
            if summary.reached {
                self.last_success.set(Some(js_sys::Date::now() as i64));
                let _ = db::meta_put(&db, "last_sync_ok", &JsValue::from_f64(js_sys::Date::now())).await;
            }
            self.schedule(summary.next_due_at);
        } else if !ran {
            // Another tab is syncing: look again shortly.
            self.schedule(Some(js_sys::Date::now() as i64 + 10_000));
        }
        // Background Outbox wakes the app when the link comes back, so it is asked for only when
        // the browser knows the link is gone: with a link up it fires at once, and would only
        // run again the pass that just ended (and, with the server still unreachable, again).
        let link_down = !window().navigator().on_line();
        if link_down && self.items.with_untracked(|i| i.iter().any(|i| i.state.is_unsent() && i.state != ItemState::NeedsAttention)) {
            register_background_sync();
        }
    }

    /// The timer for the next due item (or the idle pass).
    fn schedule(&self, at: Option<i64>) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let now = js_sys::Date::now() as i64;
        let wait = at.map(|at| Duration::from_millis((at - now).max(1_000) as u64)).unwrap_or(IDLE_PASS).min(IDLE_PASS);
        let this = *self;
        let handle = set_timeout_with_handle(move || this.now(), wait).ok();
        self.timer.set_value(handle);
    }
}

/// A random id this device keeps for itself (no personal data): lets the server tell devices
/// apart in its logs.
async fn device_id(db: &db::Db) -> String {
    if let Ok(Some(v)) = db::meta_get(db, "device_id").await {
        if let Some(id) = v.as_string() {
            return id;
        }
    }
    let id = ids::uuid_v7();
    let _ = db::meta_put(db, "device_id", &JsValue::from_str(&id)).await;
    id
}

/// Asks the service worker to wake the app when the network returns (Background Outbox, where
/// the browser has it).
fn register_background_sync() {
    leptos::task::spawn_local(async {
        let Ok(container) = js_sys::Reflect::get(&window().navigator(), &"serviceWorker".into()) else { return };
        let Ok(ready) = js_sys::Reflect::get(&container, &"ready".into()) else { return };
        let Ok(promise) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(ready) else { return };
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let Ok(sync) = js_sys::Reflect::get(&registration, &"sync".into()) else { return };
        if sync.is_undefined() {
            return;
        }
        if let Ok(register) = js_sys::Reflect::get(&sync, &"register".into()) {
            if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(register) {
                let _ = f.call1(&sync, &"shebao-outbox".into());
            }
        }
    });
}

pub fn provide_outbox() -> Outbox {
    let sync = Outbox {
        items: RwSignal::new(Vec::new()),
        running: RwSignal::new(false),
        last_success: RwSignal::new(None),
        uploads: RwSignal::new(Vec::new()),
        device_id: StoredValue::new(None),
        timer: StoredValue::new(None),
        next_scope: StoredValue::new(None),
        net: use_network(),
    };
    provide_context(sync);
    sync.begin();
    let net = sync.net;
    Effect::new(move |previous: Option<Reachability>| {
        let state = net.state();
        if state == Reachability::Online && previous != Some(Reachability::Online) {
            // Back after being unreachable: whatever waits out a backoff was waiting for this.
            // At start (the app was closed, or its last pass was cut short), what waited only
            // for the network goes too; what the server asked to wait keeps its backoff.
            if previous == Some(Reachability::Offline) {
                sync.everything_now();
            } else {
                sync.start(Scope::WaitedForNetwork);
            }
        }
        state
    });
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            sync.now();
        }
    });
    // The service worker relays Background Outbox as a message.
    let from_worker = window_event_listener_untyped("shebao:sync", move |_| sync.now());
    on_cleanup(move || {
        visible.remove();
        from_worker.remove();
    });
    sync
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}
