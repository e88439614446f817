//! The records, behind traits with two implementations: SQLite (embedded, the default) and
//! PostgreSQL (production). Each area (`meta`, …) is one trait in its own file whose SQL is
//! written once and instantiated for both backends by a macro in that file; the two dialects
//! share `$n` placeholders, `ON CONFLICT` and `RETURNING`, and differ only in their migrations
//! (one folder per dialect).

mod accounts;
mod applications;
mod audit;
mod filings;
mod guards;
mod meta;
mod postgres;
mod sqlite;
mod registry;
mod uploads;

use std::path::Path;
use std::sync::Arc;

pub use accounts::{Account, AccountStore, NewAccount, Session};
pub use applications::{Application, ApplicationEvent, ApplicationStore, NewApplication, QueueFilter, Transition};
pub use audit::{AuditEntry, AuditRecord, AuditStore};
pub use filings::{FilingStore, NewFiling, Stored, StoredFiling};
pub use guards::{CodeRecord, Failures, GuardStore};
pub use meta::MetaStore;
pub use postgres::PgStore;
pub use registry::{RegistryPerson, RegistryStore};
pub use sqlite::SqliteStore;
pub use uploads::{Upload, UploadStore};

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

/// Everything the server keeps. Implemented by [`SqliteStore`] and [`PgStore`].
pub trait Store:
    MetaStore
    + FilingStore
    + UploadStore
    + RegistryStore
    + AccountStore
    + ApplicationStore
    + GuardStore
    + AuditStore
    + Send
    + Sync
    + 'static
{
}
impl<T> Store for T where
    T: MetaStore
        + FilingStore
        + UploadStore
        + RegistryStore
        + AccountStore
        + ApplicationStore
        + GuardStore
        + AuditStore
        + Send
        + Sync
        + 'static
{
}

/// Opens the store named by `database_url` (`postgres://…` or `sqlite://…`), or the embedded
/// SQLite database under `data_dir`, and brings its schema up to date.
pub async fn open(database_url: Option<&str>, data_dir: &Path) -> Result<Arc<dyn Store>, StoreError> {
    let store: Arc<dyn Store> = match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Arc::new(PgStore::connect(url).await?)
        }
        Some(url) if url.starts_with("sqlite:") => Arc::new(SqliteStore::connect_url(url).await?),
        Some(other) => {
            let scheme = other.split(':').next().unwrap_or("");
            return Err(StoreError::Config(format!("unsupported DATABASE_URL scheme `{scheme}`")));
        }
        None => Arc::new(SqliteStore::open_dir(data_dir).await?),
    };
    Ok(store)
}

/// Milliseconds since the Unix epoch, the one time format the store keeps.
pub fn now_ms() -> i64 {
    app::api::ssr::now_ms()
}
