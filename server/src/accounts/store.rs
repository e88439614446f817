//! Accounts and their login sessions. Identifiers are kept sealed with blind indexes for
//! lookups; passwords as Argon2id PHC strings; session tokens only as their SHA-256.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry};
use crate::store::{PgStore, SqliteStore, StoreError};

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub role: String,
    pub status: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
    pub mobile_index: String,
    pub mobile_sealed: Vec<u8>,
    pub email: Option<String>,
    pub password_hash: String,
    pub registered_by: Option<i64>,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub role: String,
    pub status: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
    pub mobile_index: String,
    pub mobile_sealed: Vec<u8>,
    pub email: Option<String>,
    pub password_hash: String,
    pub addresses: Option<Vec<u8>>,
    pub registered_by: Option<i64>,
    pub created_at: i64,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account_id: i64,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen: i64,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates the account and its audit entry in one transaction; `Ok(None)` when an account
    /// with this ID number exists already.
    async fn account_create(&self, account: &NewAccount, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError>;
    async fn account_by_id(&self, id: i64) -> Result<Option<Account>, StoreError>;
    async fn account_by_id_index(&self, id_index: &str) -> Result<Option<Account>, StoreError>;
    async fn accounts_by_mobile(&self, mobile_index: &str) -> Result<Vec<Account>, StoreError>;
    /// Sets the password and ends every session of the account, with the audit entry.
    async fn account_set_password(&self, id: i64, hash: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    async fn account_set_addresses(&self, id: i64, sealed: &[u8], audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    async fn account_set_status(&self, id: i64, status: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;

    async fn session_create(&self, token_hash: &str, account_id: i64, csrf: &str, now: i64) -> Result<(), StoreError>;
    async fn session_get(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;
    async fn session_touch(&self, token_hash: &str, now: i64) -> Result<(), StoreError>;
    async fn session_delete(&self, token_hash: &str) -> Result<(), StoreError>;
}

const COLUMNS: &str = "id, role, status, id_index, id_sealed, name, mobile_index, mobile_sealed, email, \
     password_hash, addresses, registered_by, created_at";

macro_rules! impl_account_store {
    ($store:ty, $row:ty) => {
        fn account(r: &$row) -> Result<Account, sqlx::Error> {
            Ok(Account {
                id: r.try_get("id")?,
                role: r.try_get("role")?,
                status: r.try_get("status")?,
                id_index: r.try_get("id_index")?,
                id_sealed: r.try_get("id_sealed")?,
                name: r.try_get("name")?,
                mobile_index: r.try_get("mobile_index")?,
                mobile_sealed: r.try_get("mobile_sealed")?,
                email: r.try_get("email")?,
                password_hash: r.try_get("password_hash")?,
                addresses: r.try_get("addresses")?,
                registered_by: r.try_get("registered_by")?,
                created_at: r.try_get("created_at")?,
            })
        }

        #[async_trait]
        impl AccountStore for $store {
            async fn account_create(&self, a: &NewAccount, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO accounts (role, status, id_index, id_sealed, name, mobile_index, mobile_sealed, email, \
                     password_hash, registered_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
                     ON CONFLICT (id_index) DO NOTHING RETURNING id",
                )
                .bind(&a.role)
                .bind(&a.status)
                .bind(&a.id_index)
                .bind(&a.id_sealed)
                .bind(&a.name)
                .bind(&a.mobile_index)
                .bind(&a.mobile_sealed)
                .bind(&a.email)
                .bind(&a.password_hash)
                .bind(a.registered_by)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else { return Ok(None) };
                let audit = AuditEntry { target: Some(format!("account:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &audit, now)?;
                tx.commit().await?;
                Ok(Some(id))
            }

            async fn account_by_id(&self, id: i64) -> Result<Option<Account>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(account).transpose()?)
            }

            async fn account_by_id_index(&self, id_index: &str) -> Result<Option<Account>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE id_index = $1"))
                    .bind(id_index)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(account).transpose()?)
            }

            async fn accounts_by_mobile(&self, mobile_index: &str) -> Result<Vec<Account>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE mobile_index = $1 ORDER BY id"))
                    .bind(mobile_index)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(account).collect::<Result<_, _>>()?)
            }

            async fn account_set_password(&self, id: i64, hash: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
                    .bind(hash)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id).execute(&mut *tx).await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(())
            }

            async fn account_set_addresses(&self, id: i64, sealed: &[u8], audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET addresses = $1, updated_at = $2 WHERE id = $3")
                    .bind(sealed)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(())
            }

            async fn account_set_status(&self, id: i64, status: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET status = $1, updated_at = $2 WHERE id = $3")
                    .bind(status)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(())
            }

            async fn session_create(&self, token_hash: &str, account_id: i64, csrf: &str, now: i64) -> Result<(), StoreError> {
                sqlx::query("INSERT INTO sessions (token_hash, account_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
                    .bind(token_hash)
                    .bind(account_id)
                    .bind(csrf)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn session_get(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
                let row = sqlx::query("SELECT account_id, csrf, created_at, last_seen FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(Session {
                    account_id: r.try_get("account_id")?,
                    csrf: r.try_get("csrf")?,
                    created_at: r.try_get("created_at")?,
                    last_seen: r.try_get("last_seen")?,
                }))
            }

            async fn session_touch(&self, token_hash: &str, now: i64) -> Result<(), StoreError> {
                sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn session_delete(&self, token_hash: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
                Ok(())
            }
        }
    };
}

mod sqlite_impl {
    use super::*;
    impl_account_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}
mod pg_impl {
    use super::*;
    impl_account_store!(PgStore, sqlx::postgres::PgRow);
}
