//! Identifiers made on the device: UUIDv7 client ids (time-ordered, so a device's filings sort by
//! creation), SHA-256 digests through Web Crypto, random numbers.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn crypto() -> web_sys::Crypto {
    leptos::prelude::window().crypto().expect("Web Crypto is available in secure contexts")
}

/// Random bytes from the platform's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    crypto().get_random_values_with_u8_array(&mut buf).expect("getRandomValues");
    buf
}

/// A random number in [0, 1).
pub fn random_unit() -> f64 {
    let b = random_bytes::<4>();
    f64::from(u32::from_le_bytes(b)) / 4_294_967_296.0
}

/// A new UUIDv7: 48 bits of Unix milliseconds, then random bits.
pub fn uuid_v7() -> String {
    let ms = js_sys::Date::now() as u64;
    uuid::Builder::from_unix_timestamp_millis(ms, &random_bytes::<10>()).into_uuid().hyphenated().to_string()
}

/// Lower-case hex SHA-256 of `bytes`.
pub async fn sha256_hex(bytes: &[u8]) -> Result<String, String> {
    let promise = crypto()
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", bytes)
        .map_err(|_| "digest unavailable".to_owned())?;
    let buffer = JsFuture::from(promise).await.map_err(|_| "digest failed".to_owned())?;
    let digest = js_sys::Uint8Array::new(&buffer.unchecked_into()).to_vec();
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// The bytes of a Blob.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| "cannot read the file".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
