//! The embedded store: one SQLite file under the data dir, in WAL mode with
//! `synchronous=FULL` (a filing acknowledged to a phone survives a power cut) and foreign keys on.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use super::StoreError;

/// The database file's name inside the data dir.
pub const FILE_NAME: &str = "shebao.sqlite3";

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// The smaller of two values, in this dialect.
    pub(crate) const MIN: &'static str = "min";

    /// Opens (creating if needed) `data_dir/shebao.sqlite3` and migrates it.
    pub async fn open_dir(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::Config(format!("cannot create data dir {}: {e}", data_dir.display())))?;
        Self::connect_with(SqliteConnectOptions::new().filename(data_dir.join(FILE_NAME))).await
    }

    /// Opens a `sqlite:` URL and migrates it.
    pub async fn connect_url(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(SqliteConnectOptions::from_str(url)?).await
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`): a deferred
    /// one that upgrades later can fail with "database is locked" under concurrent writers.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// `(journal_mode, synchronous, foreign_keys)` as the connection reports them.
    pub async fn pragmas(&self) -> Result<(String, i64, i64), StoreError> {
        let mut conn = self.pool.acquire().await?;
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await?;
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await?;
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await?;
        Ok((journal, sync, fk))
    }

    async fn connect_with(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 32 MB of page cache per connection (the default is 2 MB): the ledger's monthly run
            // reads and writes across a large table, which otherwise re-reads its pages.
            .pragma("cache_size", "-32768");
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }
}
