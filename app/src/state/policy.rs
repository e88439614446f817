//! The policy figures the forms check against: the last copy kept on the device (IndexedDB),
//! refreshed from the server whenever it is reachable. Until a first copy arrives, limit checks
//! are left to the server (the forms say so).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::{client, GetPolicy};
use crate::domain::policy::PolicyTable;
use crate::offline::db;
use crate::state::{use_network, Reachability};

const META_KEY: &str = "policy";

#[derive(Clone, Copy)]
pub struct Policy {
    table: RwSignal<Option<Arc<PolicyTable>>>,
}

impl Policy {
    /// The current table, if the device has one (tracked).
    pub fn table(&self) -> Option<Arc<PolicyTable>> {
        self.table.get()
    }
}

pub fn provide_policy() -> Policy {
    let policy = Policy { table: RwSignal::new(None) };
    provide_context(policy);
    policy.load_kept();
    let net = use_network();
    // On each transition to reachable (not on every report).
    Effect::new(move |previous: Option<Reachability>| {
        let state = net.state();
        if state == Reachability::Online && previous != Some(Reachability::Online) {
            policy.refresh(net);
        }
        state
    });
    policy
}

pub fn use_policy() -> Policy {
    expect_context::<Policy>()
}

/// Background work of [`Policy::load_kept`] (`engine.rs`): the copy the device kept, unless a
/// fresh one arrived first.
pub(crate) async fn load(policy: Policy) {
    if let Some(kept) = kept().await {
        if policy.table.with_untracked(Option::is_none) {
            policy.table.set(Some(Arc::new(kept)));
        }
    }
}

async fn kept() -> Option<PolicyTable> {
    let db = db::shared().await.ok()?;
    let value = db::meta_get(&db, META_KEY).await.ok()??;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Background work of [`Policy::refresh`] (`engine.rs`).
pub(crate) async fn refresh(policy: Policy, net: crate::state::Network) {
    let Ok(fresh) = client::call(&GetPolicy {}, net).await else { return };
    let unchanged = policy.table.with_untracked(|t| t.as_ref().is_some_and(|t| t.version == fresh.version));
    if unchanged {
        return;
    }
    if let (Ok(db), Ok(value)) = (db::shared().await, to_js(&fresh)) {
        // Keeping the copy is best effort: without it the device re-fetches next time.
        let _ = db::meta_put(&db, META_KEY, &value).await;
    }
    policy.table.set(Some(Arc::new(fresh)));
}

fn to_js(table: &PolicyTable) -> Result<JsValue, serde_wasm_bindgen::Error> {
    serde::Serialize::serialize(table, &serde_wasm_bindgen::Serializer::json_compatible())
}
