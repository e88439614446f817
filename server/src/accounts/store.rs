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
    /// A registration waiting for its phone stops counting at this time.
    pub expires_at: Option<i64>,
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
    pub expires_at: Option<i64>,
}

impl Account {
    /// Whether the account stands at `now` (a pending registration past its time does not).
    pub fn stands(&self, now: i64) -> bool {
        self.expires_at.is_none_or(|t| now < t)
    }
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
    /// Sets the password and ends every session of the account but `keep` (the one that changed
    /// it, if any), with the audit entry, in one transaction.
    async fn account_set_password(&self, id: i64, hash: &str, keep: Option<&str>, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    /// Moves the account to a new mobile (its blind index and sealed value) and ends every session
    /// but `keep`, with the audit entry, in one transaction.
    async fn account_set_mobile(&self, id: i64, mobile_index: &str, mobile_sealed: &[u8], keep: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    /// Ends every session of the account (退出所有设备), with the audit entry; returns how many.
    async fn sessions_end_all(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<u64, StoreError>;
    /// Records a sign-in from an address of class `from`; the one before becomes the previous.
    async fn account_signed_in(&self, id: i64, from: &str, now: i64) -> Result<(), StoreError>;
    /// The sign-in before the latest: `(time, address class)`.
    async fn account_previous_sign_in(&self, id: i64) -> Result<Option<(i64, String)>, StoreError>;
    async fn account_set_addresses(&self, id: i64, sealed: &[u8], audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    async fn account_set_status(&self, id: i64, status: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
    /// Writes `a` over the pending registration `id` (a newer registration of the same person
    /// wins); `Ok(false)` if `id` is no longer pending.
    async fn account_reregister(&self, id: i64, a: &NewAccount, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// Sets the password of the pending registration `id` and makes it active; `Ok(false)` if it
    /// is no longer pending or has expired.
    async fn account_activate(&self, id: i64, password_hash: &str, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// Forgets pending registrations past their time; returns how many.
    async fn accounts_expire(&self, now: i64) -> Result<u64, StoreError>;
    /// Forgets sessions idle longer than `idle_ms` or older than `absolute_ms`; returns how many.
    async fn sessions_expire(&self, now: i64, idle_ms: i64, absolute_ms: i64) -> Result<u64, StoreError>;

    async fn session_create(&self, token_hash: &str, account_id: i64, csrf: &str, now: i64) -> Result<(), StoreError>;
    async fn session_get(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;
    async fn session_touch(&self, token_hash: &str, now: i64) -> Result<(), StoreError>;
    async fn session_delete(&self, token_hash: &str) -> Result<(), StoreError>;
}

/// Inserts an account on any connection or transaction of either backend, unless one with its
/// `id_index` exists: `insert_account!(&mut *tx, &account, now)` evaluates to
/// `Result<Option<i64>, sqlx::Error>` (the new id).
macro_rules! insert_account {
    ($conn:expr, $a:expr, $now:expr) => {{
        let a: &$crate::accounts::NewAccount = $a;
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO accounts (role, status, id_index, id_sealed, name, mobile_index, mobile_sealed, email, \
             password_hash, registered_by, created_at, updated_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) \
             ON CONFLICT (id_index) DO NOTHING RETURNING id",
        )
        .bind(a.role.clone())
        .bind(a.status.clone())
        .bind(a.id_index.clone())
        .bind(a.id_sealed.clone())
        .bind(a.name.clone())
        .bind(a.mobile_index.clone())
        .bind(a.mobile_sealed.clone())
        .bind(a.email.clone())
        .bind(a.password_hash.clone())
        .bind(a.registered_by)
        .bind($now)
        .bind(a.expires_at)
        .fetch_optional($conn)
        .await
    }};
}
pub(crate) use insert_account;

const COLUMNS: &str = "id, role, status, id_index, id_sealed, name, mobile_index, mobile_sealed, email, \
     password_hash, addresses, registered_by, created_at, expires_at";

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
                expires_at: r.try_get("expires_at")?,
            })
        }

        #[async_trait]
        impl AccountStore for $store {
            async fn account_create(&self, a: &NewAccount, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError> {
                let mut tx = self.begin_write().await?;
                let id = insert_account!(&mut *tx, a, now)?;
                let Some(id) = id else {
                    tx.rollback().await?;
                    return Ok(None);
                };
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

            async fn account_set_password(&self, id: i64, hash: &str, keep: Option<&str>, audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
                    .bind(hash)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
                    .bind(id)
                    .bind(keep.unwrap_or(""))
                    .execute(&mut *tx)
                    .await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(())
            }

            async fn account_set_mobile(&self, id: i64, mobile_index: &str, mobile_sealed: &[u8], keep: &str, audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET mobile_index = $1, mobile_sealed = $2, updated_at = $3 WHERE id = $4")
                    .bind(mobile_index)
                    .bind(mobile_sealed)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2").bind(id).bind(keep).execute(&mut *tx).await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(())
            }

            async fn sessions_end_all(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id).execute(&mut *tx).await?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(done.rows_affected())
            }

            async fn account_signed_in(&self, id: i64, from: &str, now: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE accounts SET previous_login_at = login_at, previous_login_from = login_from, login_at = $1, login_from = $2 \
                     WHERE id = $3",
                )
                .bind(now)
                .bind(from)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn account_previous_sign_in(&self, id: i64) -> Result<Option<(i64, String)>, StoreError> {
                let row = sqlx::query("SELECT previous_login_at, previous_login_from FROM accounts WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(r) = row else { return Ok(None) };
                let at: Option<i64> = r.try_get("previous_login_at")?;
                let from: Option<String> = r.try_get("previous_login_from")?;
                Ok(at.map(|at| (at, from.unwrap_or_default())))
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

            async fn account_reregister(&self, id: i64, a: &NewAccount, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE accounts SET role = $1, id_sealed = $2, name = $3, mobile_index = $4, mobile_sealed = $5, email = $6, \
                     password_hash = $7, registered_by = $8, expires_at = $9, created_at = $10, updated_at = $10, status = $12 \
                     WHERE id = $11 AND status = 'pending_phone'",
                )
                .bind(&a.role)
                .bind(&a.id_sealed)
                .bind(&a.name)
                .bind(&a.mobile_index)
                .bind(&a.mobile_sealed)
                .bind(&a.email)
                .bind(&a.password_hash)
                .bind(a.registered_by)
                .bind(a.expires_at)
                .bind(now)
                .bind(id)
                .bind(&a.status)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                let audit = AuditEntry { target: Some(format!("account:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &audit, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn account_activate(&self, id: i64, password_hash: &str, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE accounts SET status = 'active', password_hash = $1, expires_at = NULL, updated_at = $2 \
                     WHERE id = $3 AND status = 'pending_phone' AND (expires_at IS NULL OR expires_at > $2)",
                )
                .bind(password_hash)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn accounts_expire(&self, now: i64) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM accounts WHERE status = 'pending_phone' AND expires_at IS NOT NULL AND expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn sessions_expire(&self, now: i64, idle_ms: i64, absolute_ms: i64) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2")
                    .bind(now - idle_ms)
                    .bind(now - absolute_ms)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
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
