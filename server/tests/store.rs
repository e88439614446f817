//! The store suite: the same checks on SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use server::store::MetaStore;
use server::Store;

async fn meta_round_trip(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
    assert_eq!(store.meta_get("greeting").await.unwrap(), None);
    store.meta_put("greeting", "你好").await.unwrap();
    assert_eq!(store.meta_get("greeting").await.unwrap().as_deref(), Some("你好"));
    store.meta_put("greeting", "hello").await.unwrap();
    assert_eq!(store.meta_get("greeting").await.unwrap().as_deref(), Some("hello"));
}
both_stores!(meta, meta_round_trip);


#[tokio::test]
async fn postgres_connections_do_not_jit_compile() {
    let url = common::postgres_url();
    let schema = format!("t_{}_jit", std::process::id());
    let Ok(store) = server::store::PgStore::connect_in_schema(&url, &schema).await else {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED postgres_connections_do_not_jit_compile: no server answers at {url}");
        return;
    };
    let jit = store.jit().await;
    server::store::PgStore::drop_schema(&url, &schema).await.unwrap();
    assert_eq!(jit.unwrap(), "off", "a short query must not pay for JIT compilation (docs/benchmarks.md)");
}

#[tokio::test]
async fn sqlite_is_durable_by_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let store = server::store::SqliteStore::open_dir(dir.path()).await.unwrap();
    let (journal, synchronous, foreign_keys) = store.pragmas().await.unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(synchronous, 2, "synchronous=FULL");
    assert_eq!(foreign_keys, 1);
    store.meta_put("survives", "yes").await.unwrap();
    drop(store);
    let again = server::store::SqliteStore::open_dir(dir.path()).await.unwrap();
    assert_eq!(again.meta_get("survives").await.unwrap().as_deref(), Some("yes"));
}
