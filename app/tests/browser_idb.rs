//! The device store in a real browser: IndexedDB opened through the schema module, a value
//! written and read back, and the data still there after the connection is closed and reopened.
#![cfg(all(target_arch = "wasm32", feature = "csr"))]

use app::offline::db;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique(name: &str) -> String {
    format!("{name}-{}", js_sys::Math::random())
}

#[wasm_bindgen_test]
async fn a_value_survives_a_round_trip_and_a_reopen() {
    let name = unique("idb-round-trip");
    let conn = db::open_named(&name, db::DB_VERSION).await.expect("open");
    assert_eq!(db::meta_get(&conn, "device").await.unwrap(), None);
    db::meta_put(&conn, "device", &JsValue::from_str("村口 1 号机")).await.unwrap();
    assert_eq!(
        db::meta_get(&conn, "device").await.unwrap().and_then(|v| v.as_string()).as_deref(),
        Some("村口 1 号机")
    );
    conn.close();

    let again = db::open_named(&name, db::DB_VERSION).await.expect("reopen");
    assert_eq!(again.version(), db::DB_VERSION);
    assert!(again.store_names().contains(&db::STORE_META.to_owned()));
    assert_eq!(
        db::meta_get(&again, "device").await.unwrap().and_then(|v| v.as_string()).as_deref(),
        Some("村口 1 号机")
    );
}
