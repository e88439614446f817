//! Personal data kept on the device, sealed at rest: AES-GCM (256-bit) under a key made from the
//! signed-in person's password (PBKDF2-SHA-256, [`ROUNDS`] rounds, a random salt kept with the
//! record). The key is never stored: once the password is typed it lives in this page's memory,
//! not extractable, until the person signs out or the app is closed. A lost phone's browser
//! profile holds the salt, the nonce and the ciphertext only; a wrong password fails the GCM tag
//! and nothing opens. What is sealed this way: a field worker's 待认证名单 (`KEPT_DUE_LIST`).
//!
//! A record is a plain object in the `meta` store: `{ v: 1, salt, iv, data }` (byte arrays), the
//! record's purpose bound to it as GCM's additional data, so a record cannot be passed off as
//! another kind.

use std::cell::RefCell;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use super::ids;

/// PBKDF2-HMAC-SHA-256 rounds: OWASP's figure for it (2023). About a second on a low-end phone,
/// once per app session; every guess at a stolen profile costs as much.
pub const ROUNDS: u32 = 600_000;
const VERSION: u32 = 1;

/// The key of the signed-in person, with the salt it was made with.
#[derive(Clone)]
pub struct Key {
    salt: Vec<u8>,
    key: CryptoKey,
}

thread_local! {
    static HELD: RefCell<Option<Key>> = const { RefCell::new(None) };
}

/// The key made from the password this app session, if any.
pub fn held() -> Option<Key> {
    HELD.with(|k| k.borrow().clone())
}

/// Signing out: the key is forgotten (the sealed records are deleted beside it).
pub fn forget() {
    HELD.with(|k| k.borrow_mut().take());
}

fn subtle() -> web_sys::SubtleCrypto {
    leptos::prelude::window().crypto().expect("Web Crypto is available in secure contexts").subtle()
}

fn object(pairs: &[(&str, &JsValue)]) -> Object {
    let o = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    }
    o
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, ()> {
    JsFuture::from(promise.map_err(|_| ())?).await.map_err(|_| ())
}

/// Holds `key` for this app session (once it opened a record, or the server confirmed the
/// password it was made from).
pub fn hold(key: &Key) {
    HELD.with(|k| *k.borrow_mut() = Some(key.clone()));
}

/// Makes the key from `password` with `salt` (a new random one for the first record). Whether
/// the password is right shows only when a record opens with it.
pub async fn derive(password: &str, salt: Option<Vec<u8>>) -> Result<Key, ()> {
    let salt = salt.unwrap_or_else(|| ids::random_bytes::<16>().to_vec());
    let usages = |u: &[&str]| u.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>();
    let raw = Uint8Array::from(password.as_bytes());
    let base = call(subtle().import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"]))).await?;
    let pbkdf2 = object(&[
        ("name", &"PBKDF2".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &bytes(&salt)),
        ("iterations", &ROUNDS.into()),
    ]);
    let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())]);
    let key = call(subtle().derive_key_with_object_and_object(&pbkdf2, &base.unchecked_into(), &aes, false, &usages(&["encrypt", "decrypt"])))
        .await?
        .unchecked_into::<CryptoKey>();
    Ok(Key { salt, key })
}

fn gcm(iv: &[u8], purpose: &str) -> Object {
    object(&[("name", &"AES-GCM".into()), ("iv", &bytes(iv)), ("additionalData", &bytes(purpose.as_bytes()))])
}

/// `plain` sealed for `purpose`: the record to keep.
pub async fn seal(key: &Key, purpose: &str, plain: &[u8]) -> Result<JsValue, ()> {
    let iv = ids::random_bytes::<12>();
    let data = call(subtle().encrypt_with_object_and_u8_array(&gcm(&iv, purpose), &key.key, plain)).await?;
    let data = Uint8Array::new(&data);
    Ok(object(&[("v", &VERSION.into()), ("salt", &bytes(&key.salt)), ("iv", &bytes(&iv)), ("data", &data.into())]).into())
}

fn field(record: &JsValue, name: &str) -> Option<Vec<u8>> {
    Reflect::get(record, &JsValue::from_str(name)).ok()?.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec())
}

/// The salt a kept record was sealed with (to make its key from a typed password); `None` for
/// anything that is not a sealed record.
pub fn salt_of(record: &JsValue) -> Option<Vec<u8>> {
    let v = Reflect::get(record, &JsValue::from_str("v")).ok()?.as_f64()?;
    (v == f64::from(VERSION)).then(|| field(record, "salt")).flatten()
}

/// The record's bytes, if `key` (its salt and password) and `purpose` are the ones it was sealed
/// with.
pub async fn open(key: &Key, purpose: &str, record: &JsValue) -> Result<Vec<u8>, ()> {
    if salt_of(record).as_deref() != Some(&key.salt[..]) {
        return Err(());
    }
    let (iv, data) = (field(record, "iv").ok_or(())?, field(record, "data").ok_or(())?);
    let plain = call(subtle().decrypt_with_object_and_u8_array(&gcm(&iv, purpose), &key.key, &data)).await?;
    Ok(Uint8Array::new(&plain).to_vec())
}
