//! Who is signed in, as far as this device knows: the server's `Me`, kept in IndexedDB so the
//! app still knows it without a network (a field worker registering residents in a village
//! keeps working in their name). The server's session cookie is what counts for the server;
//! this is only what the screens show and which form they offer.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::endpoints;
use crate::api::auth::{Me, Role};
use crate::api::client;
use crate::offline::{db, json};
use crate::state::{use_network, Reachability};

const KEY: &str = "me";
/// The signed-in resident's last records (`pages/my_records.rs`): forgotten with the person.
pub const KEPT_RECORDS: &str = "my_records";
/// The signed-in resident's last 待遇领取情况 (`pages/my_pension.rs`): forgotten with the person.
pub const KEPT_PENSION: &str = "my_pension";
/// A field worker's 待认证名单 (`pages/assisted_certification.rs`), sealed (`offline/sealed.rs`):
/// forgotten with the worker, and the key with it.
pub const KEPT_DUE_LIST: &str = "due_list";
/// A logout asked for without a network: the server's session is ended once it can be reached.
const LOGOUT_PENDING: &str = "logout_pending";

#[derive(Clone, Copy)]
pub struct Account {
    me: RwSignal<Option<Me>>,
}

impl Account {
    /// The signed-in person (tracked).
    pub fn me(&self) -> Option<Me> {
        self.me.get()
    }

    pub fn role(&self) -> Option<Role> {
        self.me.with(|m| m.as_ref().map(|m| m.role))
    }

    /// After login or registration: shown at once and kept for offline use.
    pub fn signed_in(&self, me: Me) {
        self.me.set(Some(me.clone()));
        self.keep(Some(me));
    }

    pub fn signed_out(&self) {
        self.me.set(None);
        self.keep(None);
    }
}

/// Background work of [`Account::refresh`] (`engine.rs`).
pub(crate) async fn refresh(account: Account) {
    if let Ok(db) = db::shared().await {
        if db::meta_get(&db, LOGOUT_PENDING).await.ok().flatten().is_some_and(|v| v.is_truthy()) {
            match client::post_json::<_, ()>(endpoints::LOGOUT.path, &()).await {
                Err(e) if e.code != "login_required" => return,
                _ => {
                    let _ = db::meta_put(&db, LOGOUT_PENDING, &JsValue::FALSE).await;
                }
            }
        }
    }
    match client::get_json::<Me>(endpoints::ME.path).await {
        Ok(me) => account.signed_in(me),
        // Ended (logout elsewhere, idle, expired): the device forgets it too.
        Err(e) if e.code == "login_required" => account.signed_out(),
        // No answer: keep what the device knew.
        Err(_) => {}
    }
}

/// Background work of [`Account::log_out`] (`engine.rs`): the device forgets the person at once
/// — whoever holds the phone next sees nobody signed in — and the server's session ends now, or,
/// without a network, the next time the server is reached.
pub(crate) async fn logout(account: Account) {
    account.signed_out();
    if let Err(e) = client::post_json::<_, ()>(endpoints::LOGOUT.path, &()).await {
        if e.code != "login_required" {
            if let Ok(db) = db::shared().await {
                let _ = db::meta_put(&db, LOGOUT_PENDING, &JsValue::TRUE).await;
            }
        }
    }
}

/// Background work of [`Account::keep`] (`engine.rs`).
pub(crate) async fn keep(me: Option<&Me>) {
    let Ok(db) = db::shared().await else { return };
    if me.is_some() {
        // Signed in afresh: a logout still pending was for the session this one replaced.
        let _ = db::meta_put(&db, LOGOUT_PENDING, &JsValue::FALSE).await;
    }
    let value = match me.and_then(|m| json::to_text(m).ok()) {
        Some(text) => JsValue::from_str(&text),
        None => JsValue::NULL,
    };
    let _ = db::meta_put(&db, KEY, &value).await;
    if me.is_none() {
        crate::offline::sealed::forget();
        for kept in [KEPT_RECORDS, KEPT_PENSION, KEPT_DUE_LIST] {
            let _ = db::meta_put(&db, kept, &JsValue::NULL).await;
        }
    }
}

/// Background work of [`Account::load_kept`] (`engine.rs`): who the device knew, unless the
/// server has answered first.
pub(crate) async fn load(account: Account) {
    let Ok(db) = db::shared().await else { return };
    let kept = db::meta_get(&db, KEY).await.ok().flatten().and_then(|v| v.as_string());
    if let Some(me) = kept.and_then(|t| json::from_text::<Me>(&t).ok()) {
        if account.me.with_untracked(Option::is_none) {
            account.me.set(Some(me));
        }
    }
}

pub fn provide_account() -> Account {
    let account = Account { me: RwSignal::new(None) };
    provide_context(account);
    let net = use_network();
    account.load_kept();
    Effect::new(move |was: Option<bool>| {
        let online = net.state() == Reachability::Online;
        if online && was != Some(true) {
            account.refresh();
        }
        online
    });
    account
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}
