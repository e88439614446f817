//! The notices' queries, written once for both databases.

use app::api::notices::Notice;
use app::domain::forms::notice::{Audience, NoticeFields};
use app::domain::Date;
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// The most notices a caller is sent (the newest first).
pub const CURRENT_MAX: i64 = 50;

#[async_trait]
pub trait NoticeStore: Send + Sync {
    /// Stores a notice with its audit entry (one transaction); its id.
    async fn notice_publish(&self, n: &NoticeFields, by: i64, audit: &AuditEntry, now: i64) -> Result<i64, StoreError>;
    /// The notices in force on `today` for any of `audiences`, newest first.
    async fn notices_current(&self, audiences: &[Audience], today: Date) -> Result<Vec<Notice>, StoreError>;
    /// Every notice, withdrawn or past too, newest first.
    async fn notices_all(&self, limit: i64) -> Result<Vec<Notice>, StoreError>;
    /// Withdraws a notice still shown (`false`: no such notice, or withdrawn already).
    async fn notice_withdraw(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

const COLUMNS: &str = "id, title, body, audience, valid_from, valid_to, published_at, withdrawn_at";

fn notice<R: Row>(r: &R) -> Result<Notice, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let date = |col: &str| -> Result<Date, StoreError> {
        let s: String = r.try_get(col)?;
        Date::parse_iso(&s).ok_or_else(|| StoreError::Config(format!("notice {col} `{s}` is not a date")))
    };
    let audience: String = r.try_get("audience")?;
    Ok(Notice {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        audience: Audience::parse(&audience).ok_or_else(|| StoreError::Config(format!("notice audience `{audience}`")))?,
        valid_from: date("valid_from")?,
        valid_to: date("valid_to")?,
        published_at: r.try_get("published_at")?,
        withdrawn: r.try_get::<Option<i64>, _>("withdrawn_at")?.is_some(),
    })
}

macro_rules! impl_notice_store {
    ($store:ty) => {
        #[async_trait]
        impl NoticeStore for $store {
            async fn notice_publish(&self, n: &NoticeFields, by: i64, audit: &AuditEntry, now: i64) -> Result<i64, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO notices (title, body, audience, valid_from, valid_to, published_by, published_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&n.title)
                .bind(&n.body)
                .bind(n.audience.as_str())
                .bind(n.valid_from.iso())
                .bind(n.valid_to.iso())
                .bind(by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let audit = AuditEntry { target: Some(format!("notice:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &audit, now)?;
                tx.commit().await?;
                Ok(id)
            }

            async fn notices_current(&self, audiences: &[Audience], today: Date) -> Result<Vec<Notice>, StoreError> {
                let first = audiences.first().map_or("all", |a| a.as_str());
                let second = audiences.get(1).map_or(first, |a| a.as_str());
                let rows = sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM notices WHERE withdrawn_at IS NULL AND valid_from <= $1 AND valid_to >= $1 \
                     AND audience IN ($2, $3) ORDER BY published_at DESC, id DESC LIMIT $4"
                ))
                .bind(today.iso())
                .bind(first)
                .bind(second)
                .bind(CURRENT_MAX)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(notice).collect()
            }

            async fn notices_all(&self, limit: i64) -> Result<Vec<Notice>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM notices ORDER BY id DESC LIMIT $1")).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(notice).collect()
            }

            async fn notice_withdraw(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE notices SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL").bind(now).bind(id).execute(&mut *tx).await?.rows_affected() == 1;
                if done {
                    insert_audit!(&mut *tx, audit, now)?;
                }
                tx.commit().await?;
                Ok(done)
            }
        }
    };
}

impl_notice_store!(SqliteStore);
impl_notice_store!(PgStore);
