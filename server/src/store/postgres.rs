//! The production store: PostgreSQL, shared by any number of server replicas.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};

use super::StoreError;

pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    /// The smaller of two values, in this dialect.
    pub(crate) const MIN: &'static str = "LEAST";

    /// Connects to `url` and migrates the database.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with every table in `schema` (created if missing). Tests use a fresh schema
    /// each, so suites can run side by side in one database.
    pub async fn connect_in_schema(url: &str, schema: &str) -> Result<Self, StoreError> {
        if !schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(StoreError::Config(format!("schema name `{schema}` must be [a-z0-9_]")));
        }
        let options = PgConnectOptions::from_str(url)?;
        let mut conn = sqlx::PgConnection::connect_with(&options).await?;
        sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).execute(&mut conn).await?;
        conn.close().await?;
        Self::connect_with(options.options([("search_path", schema)])).await
    }

    /// Drops a schema made by [`PgStore::connect_in_schema`].
    pub async fn drop_schema(url: &str, schema: &str) -> Result<(), StoreError> {
        let mut conn = sqlx::PgConnection::connect_with(&PgConnectOptions::from_str(url)?).await?;
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&mut conn).await?;
        conn.close().await?;
        Ok(())
    }

    /// `jit` as a connection of the pool reports it.
    pub async fn jit(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("SHOW jit").fetch_one(&self.pool).await?)
    }

    /// A write transaction (read committed; conflicts resolve through unique keys).
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    async fn connect_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        // No JIT compilation: every query here is a short indexed one, and once a table grows
        // past what its statistics say (a bulk load, a month's assessment before autovacuum
        // analyses it) the planner's cost crosses `jit_above_cost` and PostgreSQL spends ~45 ms
        // compiling a query that runs in 5 — measured: the 1,000,000-person assessment's inputs
        // query, 30 ms of its mean time per unit (docs/benchmarks.md).
        let options = options.options([("jit", "off")]);
        // A request waits at most a few seconds for a connection, then is answered "unavailable".
        let pool = PgPoolOptions::new().max_connections(16).acquire_timeout(std::time::Duration::from_secs(5)).connect_with(options).await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}
