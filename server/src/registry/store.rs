//! The insured-persons registry: written by the seed and import commands, read by the
//! real-name check (one primary-key lookup by the ID number's blind index).

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{PgStore, SqliteStore, StoreError};

/// One person as the registry keeps them. `id_index` is the HMAC of the ID number,
/// `id_sealed` the number itself sealed with the data key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryPerson {
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
    /// `M` or `F`.
    pub sex: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// The six-digit division code of the person's region.
    pub region: i64,
    /// Insurance status, e.g. `insured`, `suspended`, `uninsured`.
    pub status: String,
    /// The mobile number on record (blind index), if any.
    pub mobile_index: Option<String>,
}

/// Rows per `INSERT` statement: 9 parameters each stays under both databases' limits.
const ROWS_PER_STATEMENT: usize = 500;

#[async_trait]
pub trait RegistryStore: Send + Sync {
    /// Inserts or replaces `people` (by ID number) in one transaction.
    async fn registry_put(&self, people: &[RegistryPerson], now: i64) -> Result<(), StoreError>;
    async fn registry_get(&self, id_index: &str) -> Result<Option<RegistryPerson>, StoreError>;
    async fn registry_count(&self) -> Result<i64, StoreError>;
}

macro_rules! impl_registry_store {
    ($store:ty, $db:ty) => {
        #[async_trait]
        impl RegistryStore for $store {
            async fn registry_put(&self, people: &[RegistryPerson], now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for chunk in people.chunks(ROWS_PER_STATEMENT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO registry (id_index, id_sealed, name, sex, birth_date, region, status, mobile_index, updated_at) ",
                    );
                    q.push_values(chunk, |mut b, p| {
                        b.push_bind(&p.id_index)
                            .push_bind(&p.id_sealed)
                            .push_bind(&p.name)
                            .push_bind(&p.sex)
                            .push_bind(&p.birth_date)
                            .push_bind(p.region)
                            .push_bind(&p.status)
                            .push_bind(&p.mobile_index)
                            .push_bind(now);
                    });
                    q.push(
                        " ON CONFLICT (id_index) DO UPDATE SET id_sealed = excluded.id_sealed, name = excluded.name, \
                         sex = excluded.sex, birth_date = excluded.birth_date, region = excluded.region, \
                         status = excluded.status, mobile_index = excluded.mobile_index, updated_at = excluded.updated_at",
                    );
                    q.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn registry_get(&self, id_index: &str) -> Result<Option<RegistryPerson>, StoreError> {
                let row = sqlx::query(
                    "SELECT id_index, id_sealed, name, sex, birth_date, region, status, mobile_index FROM registry WHERE id_index = $1",
                )
                .bind(id_index)
                .fetch_optional(&self.pool)
                .await?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(RegistryPerson {
                    id_index: r.try_get("id_index")?,
                    id_sealed: r.try_get("id_sealed")?,
                    name: r.try_get("name")?,
                    sex: r.try_get("sex")?,
                    birth_date: r.try_get("birth_date")?,
                    region: r.try_get("region")?,
                    status: r.try_get("status")?,
                    mobile_index: r.try_get("mobile_index")?,
                }))
            }

            async fn registry_count(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM registry").fetch_one(&self.pool).await?)
            }
        }
    };
}

impl_registry_store!(SqliteStore, sqlx::Sqlite);
impl_registry_store!(PgStore, sqlx::Postgres);
