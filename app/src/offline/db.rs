//! The IndexedDB schema: its name, its version and the one list of upgrade steps that brings
//! any older database to the current version. Stores are created here and nowhere else; the
//! other modules of `offline/` read and write them through the helpers below, which validate and
//! serialise before a transaction opens and await nothing but IndexedDB inside one.

use std::rc::Rc;

use idb::{Database, Factory, KeyPath, ObjectStoreParams, Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbDatabase;

use super::json::{from_js, to_js};

/// The database every part of the app shares.
pub const DB_NAME: &str = "shebao";
/// Small values the app keeps between visits (device id, last sync, policy table, …).
pub const STORE_META: &str = "meta";
/// Drafts as typed (key `id`).
pub const STORE_DRAFTS: &str = "drafts";
/// Frozen filings waiting for, or acknowledged by, the server (key `client_id`, index `state`).
pub const STORE_OUTBOX: &str = "outbox";
/// Photos and scans as Blobs (key `sha256`).
pub const STORE_ATTACHMENTS: &str = "attachments";

/// The schema steps, in order: step `n` (1-based) brings version `n - 1` to version `n`.
/// Steps are never edited once shipped; a change is a new step.
const STEPS: &[Step] = &[v1_meta, v2_drafts_outbox_attachments];
/// The current schema version.
pub const DB_VERSION: u32 = STEPS.len() as u32;

type Step = fn(&Database) -> Result<(), idb::Error>;

fn v1_meta(db: &Database) -> Result<(), idb::Error> {
    db.create_object_store(STORE_META, ObjectStoreParams::new())?;
    Ok(())
}

fn v2_drafts_outbox_attachments(db: &Database) -> Result<(), idb::Error> {
    let keyed = |key: &str| {
        let mut p = ObjectStoreParams::new();
        p.key_path(Some(KeyPath::new_single(key)));
        p
    };
    let drafts = db.create_object_store(STORE_DRAFTS, keyed("id"))?;
    drafts.create_index("updated_at", KeyPath::new_single("updated_at"), None)?;
    let outbox = db.create_object_store(STORE_OUTBOX, keyed("client_id"))?;
    outbox.create_index("state", KeyPath::new_single("state"), None)?;
    db.create_object_store(STORE_ATTACHMENTS, keyed("sha256"))?;
    Ok(())
}

/// A failure of the device store, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbError {
    /// IndexedDB is missing (some private modes) or refused to open.
    Unavailable(String),
    /// The device ran out of space for the app.
    QuotaExceeded,
    /// A request failed for another reason.
    Failed(String),
}

impl From<idb::Error> for DbError {
    fn from(e: idb::Error) -> Self {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            DbError::QuotaExceeded
        } else {
            DbError::Failed(e.to_string())
        }
    }
}

impl From<String> for DbError {
    fn from(e: String) -> Self {
        DbError::Failed(e)
    }
}

impl DbError {
    /// The message shown to the person.
    pub fn issue(&self) -> crate::domain::Issue {
        use crate::domain::Issue;
        match self {
            DbError::QuotaExceeded => Issue::new(
                "storage.full",
                "手机存储空间不足，未能保存。请清理空间（如删除不需要的照片）后重试",
                "The phone is out of storage and this was not saved. Free some space (e.g. old photos) and try again",
            ),
            DbError::Unavailable(_) => Issue::new(
                "storage.unavailable",
                "无法使用本机存储（可能处于无痕模式），离线功能不可用",
                "The device storage is unavailable (private browsing?); offline use is not possible",
            ),
            DbError::Failed(_) => Issue::new("storage.failed", "本机存储出错，请重试", "The device storage failed; try again"),
        }
    }
}

/// An open database: the `idb` handle, and the raw one for what `idb` does not offer
/// (transactions with strict durability).
pub struct Db {
    pub idb: Database,
    raw: IdbDatabase,
}

impl Db {
    pub fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction, DbError> {
        Ok(self.idb.transaction(stores, mode)?)
    }

    /// A read-write transaction that the browser commits only once it is on disk
    /// (`durability: "strict"`); used where a commit is a promise to the person (submitting).
    pub fn strict_tx(&self, stores: &[&str]) -> Result<Transaction, DbError> {
        let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(|_| DbError::Failed("options".into()))?;
        let open: js_sys::Function = js_sys::Reflect::get(&self.raw, &"transaction".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| DbError::Failed("no transaction()".into()))?;
        let tx = open
            .call3(&self.raw, &names, &"readwrite".into(), &options)
            .map_err(|e| DbError::Failed(format!("{e:?}")))?;
        Ok(Transaction::from(tx.unchecked_into::<web_sys::IdbTransaction>()))
    }

    pub fn close(&self) {
        self.idb.close();
    }

    pub fn version(&self) -> u32 {
        self.idb.version().unwrap_or(0)
    }

    pub fn store_names(&self) -> Vec<String> {
        self.idb.store_names()
    }
}

/// Opens `name` at `version`, upgrading it from whatever version it had. Tests use other
/// names and older versions to exercise upgrades.
pub async fn open_named(name: &str, version: u32) -> Result<Db, DbError> {
    let factory = Factory::new().map_err(|e| DbError::Unavailable(e.to_string()))?;
    let mut request = factory.open(name, Some(version)).map_err(|e| DbError::Unavailable(e.to_string()))?;
    request.on_upgrade_needed(move |event| {
        let old = event.old_version().unwrap_or(0);
        let new = event.new_version().ok().flatten().unwrap_or(version);
        if let Ok(db) = idb::DatabaseEvent::database(&event) {
            // An error aborts the version change and fails the open: nothing is half-upgraded.
            let _ = upgrade(&db, old, new);
        }
    });
    let db = request.await.map_err(|e| DbError::Unavailable(e.to_string()))?;
    let raw: IdbDatabase = db.into();
    Ok(Db { idb: Database::from(raw.clone()), raw })
}

fn upgrade(db: &Database, old: u32, new: u32) -> Result<(), idb::Error> {
    for step in STEPS.iter().take(new as usize).skip(old as usize) {
        step(db)?;
    }
    Ok(())
}

thread_local! {
    static SHARED: std::cell::RefCell<Option<Rc<Db>>> = const { std::cell::RefCell::new(None) };
}

/// The app's one connection, opened on first use.
pub async fn shared() -> Result<Rc<Db>, DbError> {
    if let Some(db) = SHARED.with(|s| s.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(open_named(DB_NAME, DB_VERSION).await?);
    // Two callers may race to open; the first one stored wins and the other is dropped.
    Ok(SHARED.with(|s| s.borrow_mut().get_or_insert(db).clone()))
}

// The generic functions below are thin: the IndexedDB work is in the non-generic `*_js`
// functions, so each stored type adds only its (de)serialisation to the wasm, not another
// copy of the transaction's state machine.

/// One value by key.
pub async fn get<T: DeserializeOwned>(db: &Db, store: &str, key: &str) -> Result<Option<T>, DbError> {
    get_js(db, store, key).await?.map(|v| from_js(v).map_err(DbError::from)).transpose()
}

async fn get_js(db: &Db, store: &str, key: &str) -> Result<Option<JsValue>, DbError> {
    let tx = db.tx(&[store], TransactionMode::ReadOnly)?;
    Ok(tx.object_store(store)?.get(JsValue::from_str(key))?.await?)
}

/// Every value of a store (in key order).
pub async fn all<T: DeserializeOwned>(db: &Db, store: &str) -> Result<Vec<T>, DbError> {
    all_js(db, store).await?.into_iter().map(|v| from_js(v).map_err(DbError::from)).collect()
}

async fn all_js(db: &Db, store: &str) -> Result<Vec<JsValue>, DbError> {
    let tx = db.tx(&[store], TransactionMode::ReadOnly)?;
    Ok(tx.object_store(store)?.get_all(None, None)?.await?)
}

/// Writes a value (keyed by its own key field) and waits for the commit.
pub async fn put<T: Serialize>(db: &Db, store: &str, value: &T) -> Result<(), DbError> {
    put_js(db, store, &to_js(value)?).await
}

async fn put_js(db: &Db, store: &str, js: &JsValue) -> Result<(), DbError> {
    let tx = db.tx(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?.put(js, None)?.await?;
    commit(tx).await
}

pub async fn delete(db: &Db, store: &str, key: &str) -> Result<(), DbError> {
    let tx = db.tx(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?.delete(JsValue::from_str(key))?.await?;
    commit(tx).await
}

/// Waits for a transaction to commit; an abort (quota, constraint) is an error.
pub async fn commit(tx: Transaction) -> Result<(), DbError> {
    match tx.await? {
        idb::TransactionResult::Committed => Ok(()),
        idb::TransactionResult::Aborted => Err(DbError::Failed("the write was aborted".into())),
    }
}

/// Reads a value from [`STORE_META`].
pub async fn meta_get(db: &Db, key: &str) -> Result<Option<JsValue>, DbError> {
    let tx = db.tx(&[STORE_META], TransactionMode::ReadOnly)?;
    Ok(tx.object_store(STORE_META)?.get(JsValue::from_str(key))?.await?)
}

/// Writes a value to [`STORE_META`] and waits for the commit.
pub async fn meta_put(db: &Db, key: &str, value: &JsValue) -> Result<(), DbError> {
    let tx = db.tx(&[STORE_META], TransactionMode::ReadWrite)?;
    tx.object_store(STORE_META)?.put(value, Some(&JsValue::from_str(key)))?.await?;
    commit(tx).await
}
