//! Bulk rows for `shebao-server pension-bench` only: pensioners with approved claims generated
//! inside the database (a million in seconds), their last certifications spread over the days
//! before today so that the run finds every standing — certified, due (reminded), within the
//! grace, lapsed (暂停发放). Every row is marked as the bench's (`bench-…` indexes), so it never
//! mixes with real ones.

use async_trait::async_trait;

use crate::store::{PgStore, SqliteStore, StoreError};

/// What the bench seeds.
#[derive(Debug, Clone)]
pub struct PensionSeed<'a> {
    pub pensioners: i64,
    /// The claims' first month and the month each is paid through (`YYYY-MM`).
    pub first_month: &'a str,
    pub paid_through: &'a str,
    pub monthly: i64,
    /// Pensioner `p` was last certified on `days[p % days.len()]` (`YYYY-MM-DD`).
    pub days: &'a [String],
}

#[async_trait]
pub trait PensionBenchStore: Send + Sync {
    /// The bench's pensioners so far.
    async fn bench_pensioners(&self) -> Result<i64, StoreError>;
    /// Two staff accounts (the claims' filer and approver), the pensioners and one approved
    /// claim each, in one transaction.
    async fn bench_seed_pensioners(&self, seed: &PensionSeed<'_>, now: i64) -> Result<(), StoreError>;
    /// The bench's claims paid through `month`, and those reminded of a due date.
    async fn bench_pension_counts(&self, month: &str) -> Result<(i64, i64), StoreError>;
}

macro_rules! impl_pension_bench {
    ($store:ty) => {
        #[async_trait]
        impl PensionBenchStore for $store {
            async fn bench_pensioners(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM ledger_persons WHERE id_index LIKE 'bench-pensioner-%'").fetch_one(&self.pool).await?)
            }

            async fn bench_seed_pensioners(&self, seed: &PensionSeed<'_>, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let mut staff = Vec::new();
                for n in 1..=2 {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO accounts (role, status, id_index, id_sealed, name, mobile_index, mobile_sealed, password_hash, created_at, updated_at) \
                         VALUES ('operator', 'active', $1, $2, $3, $4, $2, '!', $5, $5) RETURNING id",
                    )
                    .bind(format!("bench-staff-{n}"))
                    .bind(Vec::<u8>::new())
                    .bind(format!("基准经办{n}"))
                    .bind(format!("bench-staff-mobile-{n}"))
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    staff.push(id);
                }
                sqlx::query(
                    "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
                     INSERT INTO ledger_persons (id_index, id_sealed, name, created_at) SELECT 'bench-pensioner-' || i, $2, '退休' || i, $3 FROM n",
                )
                .bind(seed.pensioners)
                .bind(Vec::<u8>::new())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                // The days as a table (the bench's own values, generated: no input reaches the SQL).
                let days = seed.days.iter().enumerate().map(|(k, day)| format!("({k}, '{day}')")).collect::<Vec<_>>().join(", ");
                sqlx::query(&format!(
                    "WITH d(k, day) AS (VALUES {days}) \
                     INSERT INTO pension_claims (person_id, category, retire_in, first_month, archive_months, archive_index, archive_ref, base, avg_index, months, \
                       basic, account, monthly, working, status, paid_through, submitted_by, submitted_at, decided_by, decided_at, certified_on) \
                     SELECT p.id, 'male', $1, $1, 180, 10000, 'bench', 800000, 10000, 139, $2, 0, $2, '[]', 'applied', $3, $4, $5, $6, $5, d.day \
                     FROM ledger_persons p JOIN d ON d.k = p.id % $7 WHERE p.id_index LIKE 'bench-pensioner-%'"
                ))
                .bind(seed.first_month)
                .bind(seed.monthly)
                .bind(seed.paid_through)
                .bind(staff[0])
                .bind(now)
                .bind(staff[1])
                .bind(seed.days.len() as i64)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn bench_pension_counts(&self, month: &str) -> Result<(i64, i64), StoreError> {
                let bench = "FROM pension_claims c JOIN ledger_persons p ON p.id = c.person_id WHERE p.id_index LIKE 'bench-pensioner-%'";
                let paid: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {bench} AND c.paid_through = $1")).bind(month).fetch_one(&self.pool).await?;
                let reminded: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {bench} AND c.reminded_for IS NOT NULL")).fetch_one(&self.pool).await?;
                Ok((paid, reminded))
            }
        }
    };
}

impl_pension_bench!(SqliteStore);
impl_pension_bench!(PgStore);
