//! Storage safety: ask the browser to keep the app's data (`navigator.storage.persist()`), and
//! know how much space is used and left.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy)]
pub struct Storage {
    /// `Some(true)`: the browser promised not to evict the data.
    persisted: RwSignal<Option<bool>>,
    /// `(used, quota)` in bytes.
    estimate: RwSignal<Option<(u64, u64)>>,
}

/// Below this much free space, attaching photos warns first.
pub const LOW_SPACE_BYTES: u64 = 20 * 1024 * 1024;

impl Storage {
    pub fn persisted(&self) -> Option<bool> {
        self.persisted.get()
    }

    pub fn estimate(&self) -> Option<(u64, u64)> {
        self.estimate.get()
    }

    /// Whether free space is short (tracked).
    pub fn is_low(&self) -> bool {
        self.estimate.get().is_some_and(|(used, quota)| quota.saturating_sub(used) < LOW_SPACE_BYTES)
    }

    /// Asks for persistent storage (granted silently to installed apps by Chromium) and
    /// refreshes the figures.
    pub fn request_persistence(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            if let Some(manager) = manager() {
                if let Ok(p) = manager.persist() {
                    if let Ok(v) = JsFuture::from(p).await {
                        this.persisted.set(v.as_bool());
                    }
                }
            }
            this.refresh().await;
        });
    }

    pub async fn refresh(&self) {
        let Some(manager) = manager() else { return };
        if let Ok(p) = manager.persisted() {
            if let Ok(v) = JsFuture::from(p).await {
                self.persisted.set(v.as_bool());
            }
        }
        if let Ok(p) = manager.estimate() {
            if let Ok(v) = JsFuture::from(p).await {
                let e: web_sys::StorageEstimate = v.unchecked_into();
                if let (Some(used), Some(quota)) = (e.get_usage(), e.get_quota()) {
                    self.estimate.set(Some((used as u64, quota as u64)));
                }
            }
        }
    }
}

fn manager() -> Option<web_sys::StorageManager> {
    let storage = js_sys::Reflect::get(&window().navigator(), &"storage".into()).ok()?;
    (!storage.is_undefined()).then(|| storage.unchecked_into())
}

pub fn provide_storage() -> Storage {
    let storage = Storage { persisted: RwSignal::new(None), estimate: RwSignal::new(None) };
    provide_context(storage);
    // Installed (standalone) or not, a device holding unsent filings should not be evicted.
    storage.request_persistence();
    storage
}

pub fn use_storage() -> Storage {
    expect_context::<Storage>()
}
