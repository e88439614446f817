//! 新生儿参保 as stored (`newborn_enrolments`): one row per child, kept when the case is approved
//! ([`keep_newborn!`], inside the case's transaction); unique on the birth certificate's and
//! the child's ID number's blind indexes, so one child is enrolled once whatever races. The
//! guardian reads the children they enrolled.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{PgStore, SqliteStore, StoreError};

/// One enrolled child, as the guardian reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub child_name: String,
    pub birth_date: String,
    pub region: i64,
    pub first_month: String,
    /// The working as JSON (`Working`).
    pub working: String,
}

#[async_trait]
pub trait NewbornStore: Send + Sync {
    /// Whether a child with this birth certificate, or this ID number, is enrolled.
    async fn newborn_enrolled(&self, cert_index: &str, child_index: Option<&str>) -> Result<bool, StoreError>;
    /// The children a guardian enrolled, the youngest first.
    async fn children_of(&self, guardian_index: &str, limit: i64) -> Result<Vec<Child>, StoreError>;
}

/// `keep_newborn!(&mut *tx, case_id, &Enrol, by, now)`: keeps the enrolment of an approved
/// case; evaluates to `Result<bool, sqlx::Error>`, `false` when the child was enrolled
/// meanwhile (another case) and nothing was written.
macro_rules! keep_newborn {
    ($conn:expr, $case:expr, $e:expr, $by:expr, $now:expr) => {{
        async {
            let e: &$crate::medical::newborn::Enrol = $e;
            sqlx::query(
                "INSERT INTO newborn_enrolments (case_id, cert_index, child_index, child_name, birth_date, region, guardian_index, relation, first_month, working, \
                 approved_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
            )
            .bind($case)
            .bind(&e.cert_index)
            .bind(e.child_index.as_deref())
            .bind(&e.child_name)
            .bind(e.birth_date.iso())
            .bind(e.region)
            .bind(&e.guardian_index)
            .bind(e.relation)
            .bind(&e.first_month)
            .bind(serde_json::to_string(&e.working).unwrap_or_default())
            .bind($by)
            .bind($now)
            .execute(&mut *$conn)
            .await
            .map(|done| done.rows_affected() == 1)
        }
        .await
    }};
}
pub(crate) use keep_newborn;

macro_rules! impl_newborn_store {
    ($store:ty) => {
        #[async_trait]
        impl NewbornStore for $store {
            async fn newborn_enrolled(&self, cert_index: &str, child_index: Option<&str>) -> Result<bool, StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM newborn_enrolments WHERE cert_index = $1 OR child_index = $2")
                    .bind(cert_index)
                    .bind(child_index)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n > 0)
            }

            async fn children_of(&self, guardian_index: &str, limit: i64) -> Result<Vec<Child>, StoreError> {
                let rows = sqlx::query(
                    "SELECT child_name, birth_date, region, first_month, working FROM newborn_enrolments WHERE guardian_index = $1 \
                     ORDER BY birth_date DESC, id DESC LIMIT $2",
                )
                .bind(guardian_index)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(Child {
                        child_name: r.try_get("child_name")?,
                        birth_date: r.try_get("birth_date")?,
                        region: r.try_get("region")?,
                        first_month: r.try_get("first_month")?,
                        working: r.try_get("working")?,
                    });
                }
                Ok(out)
            }
        }
    };
}

impl_newborn_store!(SqliteStore);
impl_newborn_store!(PgStore);
