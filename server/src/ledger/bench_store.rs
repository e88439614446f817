//! The ledger's sums that must agree (`ledger check`), and bulk rows for `shebao-server
//! ledger-bench` only: units, persons, their four relationships and
//! bases generated inside the database (a million people in seconds, where one enrolment per
//! transaction would take many minutes), and a long history for the record query. Every row is
//! marked as the bench's (`bench-…` indexes, `BENCH…` codes), so it never mixes with real ones.

use async_trait::async_trait;

use crate::store::{PgStore, SqliteStore, StoreError};
use app::domain::policy::Insurance;

/// The ledger's sums as `ledger check` prints them: what must agree after any crash.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sums {
    /// Σ of the statements' due, and Σ of the assessment rows (employer + individual).
    pub due: i64,
    pub rows: i64,
    /// Σ of the statements' paid, and Σ of the payments.
    pub paid: i64,
    pub payments: i64,
    /// Relationship-months with more than one regular row (the unique index allows none).
    pub assessed_twice: i64,
    /// Payment references taken more than once (the unique index allows none).
    pub references_twice: i64,
}

impl Sums {
    pub fn agree(&self) -> bool {
        self.due == self.rows && self.paid == self.payments && self.assessed_twice == 0 && self.references_twice == 0
    }
}

#[async_trait]
pub trait BenchStore: Send + Sync {
    /// The sums that must agree (`ledger check`; the bench's fault run).
    async fn sums(&self) -> Result<Sums, StoreError>;
    /// The bench's persons so far.
    async fn bench_persons(&self) -> Result<i64, StoreError>;
    /// Adds the units (credit codes) and `persons` persons, each insured in the four insurances
    /// with unit number `1 + person % units` from `start` (`YYYY-MM`), with a base for `year` spread from below the
    /// floor to above the ceiling.
    async fn bench_seed(&self, units: &[String], persons: i64, start: &str, year: i64, now: i64) -> Result<(), StoreError>;
    /// Regular rows for `person_id` in each of `months` (the record query's long history).
    async fn bench_history(&self, person_id: i64, months: &[String], now: i64) -> Result<(), StoreError>;
    /// The id of the bench's person number `n`.
    async fn bench_person(&self, n: i64) -> Result<Option<i64>, StoreError>;
    /// The bench's persons insured at `unit_id`, with their ID index (the report bench seals
    /// an ID number for each, as a statement opens them).
    async fn bench_unit_persons(&self, unit_id: i64) -> Result<Vec<(i64, String)>, StoreError>;
    async fn bench_seal(&self, sealed: &[(i64, Vec<u8>)]) -> Result<(), StoreError>;
    /// A statement for every bench unit in each of `months` that has none (what the money
    /// chart reads), with made-up figures: due ¥10,000–¥19,600 by unit, every tenth unit half
    /// paid. No rows stand behind them (the sums no longer agree after this: the bench's last
    /// step); not assessed, so a later run of a month writes its rows and due. The count added.
    async fn bench_seed_statements(&self, months: &[String], now: i64) -> Result<u64, StoreError>;
}

macro_rules! impl_bench_store {
    ($store:ty) => {
        #[async_trait]
        impl BenchStore for $store {
            async fn sums(&self) -> Result<Sums, StoreError> {
                let one = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(&self.pool);
                Ok(Sums {
                    due: one("SELECT CAST(COALESCE(SUM(due), 0) AS BIGINT) FROM ledger_statements").await?,
                    rows: one("SELECT CAST(COALESCE(SUM(employer + individual), 0) AS BIGINT) FROM ledger_assessments").await?,
                    paid: one("SELECT CAST(COALESCE(SUM(paid), 0) AS BIGINT) FROM ledger_statements").await?,
                    payments: one("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_payments").await?,
                    assessed_twice: one(
                        "SELECT COUNT(*) FROM (SELECT relationship_id, month FROM ledger_assessments WHERE kind = 'regular' \
                         GROUP BY relationship_id, month HAVING COUNT(*) > 1) d",
                    )
                    .await?,
                    references_twice: one("SELECT COUNT(*) FROM (SELECT reference FROM ledger_payments GROUP BY reference HAVING COUNT(*) > 1) d").await?,
                })
            }

            async fn bench_persons(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM ledger_persons WHERE id_index LIKE 'bench-person-%'").fetch_one(&self.pool).await?)
            }

            async fn bench_seed(&self, units: &[String], persons: i64, start: &str, year: i64, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for (i, code) in units.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO ledger_units (credit_code, credit_index, name, region, industry_class, created_at) VALUES ($1, $2, $3, 320102, $4, $5)",
                    )
                    .bind(code)
                    .bind(format!("bench-unit-{}", i + 1))
                    .bind(format!("基准单位{}", i + 1))
                    .bind(1 + (i as i64 + 1) % 8)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query(
                    "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
                     INSERT INTO ledger_persons (id_index, id_sealed, name, created_at) \
                     SELECT 'bench-person-' || i, $2, '基准' || i, $3 FROM n",
                )
                .bind(persons)
                .bind(Vec::<u8>::new())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for ins in Insurance::ALL {
                    sqlx::query(
                        // A scalar subquery per person (an index lookup); as a join, SQLite may
                        // scan the persons once per unit.
                        "INSERT INTO ledger_relationships (person_id, insurance, unit_id, region, start_month, status, created_at, updated_at) \
                         SELECT p.id, $1, (SELECT u.id FROM ledger_units u WHERE u.credit_index = 'bench-unit-' || (1 + p.id % $4)), \
                           320102, $2, 'active', $3, $3 FROM ledger_persons p \
                         WHERE p.id_index LIKE 'bench-person-%'",
                    )
                    .bind(ins.code())
                    .bind(start)
                    .bind(now)
                    .bind(units.len() as i64)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query(
                    "INSERT INTO ledger_bases (person_id, unit_id, year, declared, updated_at) \
                     SELECT person_id, unit_id, $1, 300000 + (person_id % 100) * 20000, $2 FROM ledger_relationships \
                     WHERE insurance = 'pension' AND unit_id IN (SELECT id FROM ledger_units WHERE credit_index LIKE 'bench-unit-%')",
                )
                .bind(year)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn bench_history(&self, person_id: i64, months: &[String], now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for m in months {
                    sqlx::query(
                        "INSERT INTO ledger_assessments (relationship_id, unit_id, person_id, insurance, month, kind, declared, base, \
                         employer_rate, individual_rate, employer, individual, created_at) \
                         SELECT id, unit_id, person_id, insurance, $2, 'regular', 600000, 600000, 1600, 800, 96000, 48000, $3 \
                         FROM ledger_relationships WHERE person_id = $1",
                    )
                    .bind(person_id)
                    .bind(m)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                // Their statements, so that the sums agree as after real assessments.
                sqlx::query(
                    "INSERT INTO ledger_statements (unit_id, month, assessed_at, due, paid, updated_at) \
                     SELECT unit_id, month, $2, CAST(SUM(employer + individual) AS BIGINT), 0, $2 FROM ledger_assessments \
                     WHERE unit_id IN (SELECT unit_id FROM ledger_relationships WHERE person_id = $1) AND person_id = $1 GROUP BY unit_id, month \
                     ON CONFLICT (unit_id, month) DO UPDATE SET due = ledger_statements.due + excluded.due",
                )
                .bind(person_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn bench_person(&self, n: i64) -> Result<Option<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM ledger_persons WHERE id_index = $1")
                    .bind(format!("bench-person-{n}"))
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn bench_unit_persons(&self, unit_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT p.id, p.id_index FROM ledger_persons p JOIN ledger_relationships r ON r.person_id = p.id \
                     WHERE r.unit_id = $1 AND r.insurance = 'pension' AND p.id_index LIKE 'bench-person-%'",
                )
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn bench_seed_statements(&self, months: &[String], now: i64) -> Result<u64, StoreError> {
                // The months as a table (the bench's own values, generated: no input reaches the SQL).
                let months = months.iter().map(|m| format!("('{m}')")).collect::<Vec<_>>().join(", ");
                let added = sqlx::query(&format!(
                    "WITH m(month) AS (VALUES {months}) \
                     INSERT INTO ledger_statements (unit_id, month, assessed_at, due, paid, updated_at) \
                     SELECT u.id, m.month, NULL, 1000000 + (u.id % 97) * 10000, \
                            CASE WHEN u.id % 10 = 0 THEN 500000 ELSE 1000000 + (u.id % 97) * 10000 END, $1 \
                     FROM ledger_units u CROSS JOIN m WHERE u.credit_code LIKE '913201028%' ON CONFLICT (unit_id, month) DO NOTHING"
                ))
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(added)
            }

            async fn bench_seal(&self, sealed: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for (id, s) in sealed {
                    sqlx::query("UPDATE ledger_persons SET id_sealed = $1 WHERE id = $2 AND id_index LIKE 'bench-person-%'").bind(s).bind(id).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

impl_bench_store!(SqliteStore);
impl_bench_store!(PgStore);
