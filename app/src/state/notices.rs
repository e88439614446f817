//! 通知公告 on the device: the notices in force for whoever uses the app, as last fetched — kept
//! in IndexedDB, so they read offline — and which of them were opened on this device (the
//! unread mark). Fetched again whenever the server becomes reachable and whenever the signed-in
//! account changes (a resident and a unit read different notices).

use leptos::prelude::*;

use crate::api::auth::Role;
use crate::api::notices::Notice;
use crate::state::{use_account, use_network, Reachability};

const META_LIST: &str = "notices";
const META_READ: &str = "notices_read";

/// What the device knows, in one signal (each signal type costs the shell its own copy of the
/// reactive machinery).
#[derive(Default)]
struct Kept {
    list: Vec<Notice>,
    /// Ids of the notices opened here (only those still in force are kept).
    read: Vec<i64>,
    /// The kept copy was read (or a fresh one arrived): an empty list means none.
    settled: bool,
}

#[derive(Clone, Copy)]
pub struct Notices {
    kept: RwSignal<Kept>,
}

impl Notices {
    /// The notices, newest first (tracked).
    pub fn list(&self) -> Vec<Notice> {
        self.kept.with(|k| k.list.clone())
    }

    /// The newest notice's title (tracked).
    pub fn newest_title(&self) -> Option<String> {
        self.kept.with(|k| k.list.first().map(|n| n.title.clone()))
    }

    /// Whether the list is known yet (tracked): until the device's copy is read, a missing
    /// notice may only be not loaded.
    pub fn settled(&self) -> bool {
        self.kept.with(|k| k.settled)
    }

    /// Whether notice `id` was opened on this device (tracked).
    pub fn is_read(&self, id: i64) -> bool {
        self.kept.with(|k| k.read.contains(&id))
    }

    /// How many notices were not opened yet (tracked).
    pub fn unread(&self) -> usize {
        self.kept.with(|k| k.list.iter().filter(|n| !k.read.contains(&n.id)).count())
    }

    /// Marks notice `id` read, here and on the device.
    pub fn open(&self, id: i64) {
        if self.kept.with_untracked(|k| k.read.contains(&id)) {
            return;
        }
        self.kept.update(|k| k.read.push(id));
        self.keep_read();
    }
}

pub fn provide_notices() -> Notices {
    let notices = Notices { kept: RwSignal::new(Kept::default()) };
    provide_context(notices);
    notices.load_kept();
    let net = use_network();
    let account = use_account();
    // On each transition to reachable, and on each change of account while reachable.
    Effect::new(move |previous: Option<(Reachability, Option<Role>)>| {
        let now = (net.state(), account.role());
        if now.0 == Reachability::Online && previous.as_ref() != Some(&now) {
            notices.refresh(net);
        }
        now
    });
    notices
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

/// Background work of [`Notices::load_kept`] (`engine.rs`): what the device kept, unless a fresh
/// list arrived first.
pub(crate) async fn load(notices: Notices) {
    let Ok(db) = crate::offline::db::shared().await else {
        notices.kept.update(|k| k.settled = true);
        return;
    };
    if let Ok(Some(value)) = crate::offline::db::meta_get(&db, META_READ).await {
        if let Ok(read) = serde_wasm_bindgen::from_value::<Vec<i64>>(value) {
            notices.kept.update(|k| k.read.extend(read));
        }
    }
    if let Ok(Some(value)) = crate::offline::db::meta_get(&db, META_LIST).await {
        if let Ok(kept) = serde_wasm_bindgen::from_value::<Vec<Notice>>(value) {
            notices.kept.update(|k| {
                if k.list.is_empty() {
                    k.list = kept;
                }
            });
        }
    }
    notices.kept.update(|k| k.settled = true);
}

/// Background work of [`Notices::refresh`] (`engine.rs`): the list from the server, kept for
/// offline reading; the read marks of notices no longer in force are dropped.
pub(crate) async fn refresh(notices: Notices, net: crate::state::Network) {
    let result = crate::api::client::get_json::<Vec<Notice>>(crate::api::endpoints::NOTICES.path).await;
    net.report(!matches!(&result, Err(e) if e.code == "unreachable"));
    let Ok(fresh) = result else { return };
    if let Ok(db) = crate::offline::db::shared().await {
        // Best effort: without the copy the device shows nothing offline until the next fetch.
        if let Ok(value) = to_js(&fresh) {
            let _ = crate::offline::db::meta_put(&db, META_LIST, &value).await;
        }
    }
    notices.kept.update(|k| {
        k.read.retain(|id| fresh.iter().any(|n| n.id == *id));
        k.list = fresh;
        k.settled = true;
    });
    keep_read(notices).await;
}

/// Background work of [`Notices::keep_read`] (`engine.rs`).
pub(crate) async fn keep_read(notices: Notices) {
    let read = notices.kept.with_untracked(|k| k.read.clone());
    if let (Ok(db), Ok(value)) = (crate::offline::db::shared().await, to_js(&read)) {
        let _ = crate::offline::db::meta_put(&db, META_READ, &value).await;
    }
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<wasm_bindgen::JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}
