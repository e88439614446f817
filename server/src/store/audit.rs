//! The audit log: who did what to which record. Written in the same transaction as the change
//! it records wherever the store makes the change.

use async_trait::async_trait;
use sqlx::Row;

use super::{PgStore, SqliteStore, StoreError};

/// One action. `actor` is the account that acted (`None`: anonymous, or the system).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: Option<i64>,
    pub actor_role: Option<String>,
    /// e.g. `account.register`, `session.login`, `password.reset`.
    pub action: String,
    /// e.g. `account:42`.
    pub target: Option<String>,
    /// Free text without personal data.
    pub detail: Option<String>,
}

/// A logged action with its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: i64,
    pub entry: AuditEntry,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit_append(&self, entry: &AuditEntry, now: i64) -> Result<(), StoreError>;
    /// The latest `limit` entries, newest first.
    async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError>;
}

/// Inserts an entry on any connection or transaction of either backend:
/// `insert_audit!(&mut *tx, &entry, now)` evaluates to `Result<_, sqlx::Error>`.
macro_rules! insert_audit {
    ($conn:expr, $e:expr, $now:expr) => {{
        let e: &$crate::store::AuditEntry = $e;
        sqlx::query("INSERT INTO audit_log (at, actor, actor_role, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind($now)
            .bind(e.actor)
            .bind(e.actor_role.clone())
            .bind(e.action.clone())
            .bind(e.target.clone())
            .bind(e.detail.clone())
            .execute($conn)
            .await
    }};
}
pub(crate) use insert_audit;

macro_rules! impl_audit_store {
    ($store:ty) => {
        #[async_trait]
        impl AuditStore for $store {
            async fn audit_append(&self, entry: &AuditEntry, now: i64) -> Result<(), StoreError> {
                insert_audit!(&self.pool, entry, now)?;
                Ok(())
            }

            async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, at, actor, actor_role, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(AuditRecord {
                            id: r.try_get("id")?,
                            at: r.try_get("at")?,
                            entry: AuditEntry {
                                actor: r.try_get("actor")?,
                                actor_role: r.try_get("actor_role")?,
                                action: r.try_get("action")?,
                                target: r.try_get("target")?,
                                detail: r.try_get("detail")?,
                            },
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }
        }
    };
}

impl_audit_store!(SqliteStore);
impl_audit_store!(PgStore);
