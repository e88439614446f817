//! One sync at a time, even with two tabs open: the Web Locks API where the browser has it,
//! else a lease in IndexedDB that expires (a tab that dies mid-sync cannot hold it forever).

use std::future::Future;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::db::{self, Db};

const LOCK_NAME: &str = "shebao-sync";
const LEASE_KEY: &str = "sync_lease";
const LEASE_MS: f64 = 180_000.0;

/// Runs `work` if no other tab is syncing; `false` if one is.
pub async fn exclusively<F>(db: &Db, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let locks = js_sys::Reflect::get(&leptos::prelude::window().navigator(), &"locks".into()).ok().filter(|l| !l.is_undefined());
    match locks {
        Some(locks) => with_web_lock(&locks, work).await.unwrap_or(false),
        None => with_lease(db, work).await,
    }
}

async fn with_web_lock<F: Future<Output = ()> + 'static>(locks: &JsValue, work: F) -> Option<bool> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).ok()?;
    let mut work = Some(work);
    let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        match (lock.is_null(), work.take()) {
            (false, Some(work)) => future_to_promise(async move {
                work.await;
                Ok(JsValue::TRUE)
            }),
            _ => js_sys::Promise::resolve(&JsValue::FALSE),
        }
    });
    let request: js_sys::Function = js_sys::Reflect::get(locks, &"request".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = request.call3(locks, &LOCK_NAME.into(), &options, &callback).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok().map(|v| v.is_truthy())
}

/// Takes the lease if it is free, in one transaction (read and write together, so two tabs
/// cannot both see it free).
async fn take_lease(db: &Db, now: f64) -> Result<bool, db::DbError> {
    let tx = db.tx(&[db::STORE_META], idb::TransactionMode::ReadWrite)?;
    let store = tx.object_store(db::STORE_META)?;
    let until = store.get(JsValue::from_str(LEASE_KEY))?.await?.and_then(|v| v.as_f64());
    if until.is_some_and(|u| u > now) {
        let _ = tx.abort();
        return Ok(false);
    }
    store.put(&JsValue::from_f64(now + LEASE_MS), Some(&JsValue::from_str(LEASE_KEY)))?.await?;
    db::commit(tx).await?;
    Ok(true)
}

async fn with_lease<F: Future<Output = ()>>(db: &Db, work: F) -> bool {
    if !take_lease(db, js_sys::Date::now()).await.unwrap_or(false) {
        return false;
    }
    work.await;
    let _ = db::meta_put(db, LEASE_KEY, &JsValue::from_f64(0.0)).await;
    true
}
