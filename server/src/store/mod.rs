//! The database plumbing every capability's queries stand on: the two backends — SQLite
//! (embedded, the default) and PostgreSQL (production) — their errors, and the two tables that
//! belong to no one capability (`meta`, the audit log). Each capability keeps its own queries
//! in its folder, as a trait whose SQL is written once and instantiated for both backends by a
//! macro in that file; the two dialects share `$n` placeholders, `ON CONFLICT` and `RETURNING`,
//! and differ only in their migrations (one folder per dialect). `state.rs` puts the traits
//! together into the one `Store` the server runs with.

mod audit;
mod counters;
mod meta;
mod monthly;
mod postgres;
mod sqlite;

pub use audit::{AuditEntry, AuditRecord, AuditStore};
pub use counters::CounterStore;
pub(crate) use audit::insert_audit;
pub(crate) use monthly::insert_months;
pub use meta::MetaStore;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A store failure. Logged on the server; what crosses the wire is a generic message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("store configuration: {0}")]
    Config(String),
}

/// Milliseconds since the Unix epoch, the one time format the store keeps.
pub fn now_ms() -> i64 {
    app::api::ssr::now_ms()
}
