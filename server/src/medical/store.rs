//! 医疗费用报销 claims as stored (`medical_claims`, their receipts' numbers in
//! `medical_receipts`): kept when their case is approved ([`keep_claim!`], inside the case's
//! transaction), read by their person. The hospital's name
//! stays in the sealed filing; the table keeps the figures and the working.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{PgStore, SqliteStore, StoreError};

/// One approved claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub year: i64,
    pub level: i64,
    pub admitted_on: String,
    pub discharged_on: String,
    /// Σ of the receipts, fen.
    pub claimed: i64,
    pub deductible: i64,
    pub reimbursed: i64,
    /// The working as JSON (`Working`).
    pub working: String,
    pub created_at: i64,
}

#[async_trait]
pub trait MedicalStore: Send + Sync {
    /// The unit and region of the person's 医疗保险 relationship that covers `month`
    /// (`YYYY-MM`), the latest started if several do; else, while the person draws 失业保险金
    /// that month (社会保险法 第48条: the unemployed on benefit are in 职工医保, the fund paying
    /// for them), the unit and region of the unit whose 减员 the spell followed.
    async fn medical_cover(&self, person_id: i64, month: &str) -> Result<Option<(i64, i64)>, StoreError>;
    /// Which of `numbers` (as `receipt_number` keeps them) a kept claim paid back already.
    async fn receipts_claimed(&self, numbers: &[String]) -> Result<Vec<String>, StoreError>;
    /// What the fund paid the person on claims of `year` (fen).
    async fn reimbursed_in(&self, person_id: i64, year: i32) -> Result<i64, StoreError>;
    /// How many claims (admissions) of `year` the person has kept.
    async fn admissions_in(&self, person_id: i64, year: i32) -> Result<i64, StoreError>;
    /// The person's claims, the latest first.
    async fn claims_of(&self, person_id: i64, limit: i64) -> Result<Vec<Claim>, StoreError>;
    /// Pays out, in `month`, every approved claim that pays something back and is not paid yet
    /// (once: only where no month is set); the claims paid.
    async fn pay_claims(&self, month: &str) -> Result<u64, StoreError>;
}

/// `keep_claim!(&mut *tx, case_id, &Reimburse, by, now)`: keeps the claim of an approved case
/// and its receipts' numbers — only if what the fund paid the person that year, and on how
/// many claims, is still what the check saw (else two claims approved at once could pass the
/// cap, or both take a repeat admission's deductible as the first's) and no receipt was paid
/// back since; evaluates to `Result<bool, sqlx::Error>`, `false` when either changed (the
/// caller rolls the transaction back: the claim row written before a taken number goes too).
macro_rules! keep_claim {
    ($conn:expr, $case:expr, $r:expr, $by:expr, $now:expr) => {{
        async {
            let r: &$crate::medical::claim::Reimburse = $r;
            let claimed: i64 = r.receipts.iter().map(|f| f.0).sum();
            let claim_id: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO medical_claims (case_id, person_id, unit_id, year, level, admitted_on, discharged_on, receipts, claimed, deductible, reimbursed, \
                 working, approved_by, created_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 \
                 WHERE (SELECT CAST(COALESCE(SUM(reimbursed), 0) AS BIGINT) FROM medical_claims WHERE person_id = $2 AND year = $4) = $15 \
                 AND (SELECT COUNT(*) FROM medical_claims WHERE person_id = $2 AND year = $4) = $16 RETURNING id",
            )
            .bind($case)
            .bind(r.person_id)
            .bind(r.unit_id)
            .bind(i64::from(r.year))
            .bind(i64::from(r.level.0))
            .bind(r.admitted_on.iso())
            .bind(r.discharged_on.iso())
            .bind(serde_json::to_string(&r.receipts).unwrap_or_default())
            .bind(claimed)
            .bind(r.deductible.0)
            .bind(r.reimbursed.0)
            .bind(serde_json::to_string(&r.working).unwrap_or_default())
            .bind($by)
            .bind($now)
            .bind(r.already.0)
            .bind(i64::from(r.earlier))
            .fetch_optional(&mut *$conn)
            .await?;
            let Some((claim_id,)) = claim_id else { return Ok::<bool, sqlx::Error>(false) };
            for number in &r.numbers {
                let kept = sqlx::query("INSERT INTO medical_receipts (number, claim_id) VALUES ($1, $2) ON CONFLICT (number) DO NOTHING")
                    .bind(number)
                    .bind(claim_id)
                    .execute(&mut *$conn)
                    .await?;
                if kept.rows_affected() == 0 {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        .await
    }};
}
pub(crate) use keep_claim;

macro_rules! impl_medical_store {
    ($store:ty) => {
        #[async_trait]
        impl MedicalStore for $store {
            async fn medical_cover(&self, person_id: i64, month: &str) -> Result<Option<(i64, i64)>, StoreError> {
                let row: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT unit_id, region FROM ledger_relationships WHERE person_id = $1 AND insurance = 'medical' AND start_month <= $2 \
                     AND (end_month IS NULL OR end_month >= $2) ORDER BY start_month DESC, id DESC LIMIT 1",
                )
                .bind(person_id)
                .bind(month)
                .fetch_optional(&self.pool)
                .await?;
                if row.is_some() {
                    return Ok(row);
                }
                // A spell's months: from its first to its last, short of the month it stopped.
                let spell: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT s.unit_id, u.region FROM unemployment_spells s JOIN ledger_units u ON u.id = s.unit_id WHERE s.person_id = $1 \
                     AND s.first_month <= $2 AND s.last_month >= $2 AND (s.stopped_in IS NULL OR s.stopped_in > $2) ORDER BY s.id DESC LIMIT 1",
                )
                .bind(person_id)
                .bind(month)
                .fetch_optional(&self.pool)
                .await?;
                Ok(spell)
            }

            async fn receipts_claimed(&self, numbers: &[String]) -> Result<Vec<String>, StoreError> {
                let mut out = Vec::new();
                for number in numbers {
                    let kept: Option<String> = sqlx::query_scalar("SELECT number FROM medical_receipts WHERE number = $1").bind(number).fetch_optional(&self.pool).await?;
                    out.extend(kept);
                }
                Ok(out)
            }

            async fn reimbursed_in(&self, person_id: i64, year: i32) -> Result<i64, StoreError> {
                let sum: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(reimbursed), 0) AS BIGINT) FROM medical_claims WHERE person_id = $1 AND year = $2")
                    .bind(person_id)
                    .bind(i64::from(year))
                    .fetch_one(&self.pool)
                    .await?;
                Ok(sum)
            }

            async fn admissions_in(&self, person_id: i64, year: i32) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM medical_claims WHERE person_id = $1 AND year = $2").bind(person_id).bind(i64::from(year)).fetch_one(&self.pool).await?)
            }

            async fn pay_claims(&self, month: &str) -> Result<u64, StoreError> {
                Ok(sqlx::query("UPDATE medical_claims SET paid_month = $1 WHERE paid_month IS NULL AND reimbursed > 0")
                    .bind(month)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn claims_of(&self, person_id: i64, limit: i64) -> Result<Vec<Claim>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, year, level, admitted_on, discharged_on, claimed, deductible, reimbursed, working, created_at FROM medical_claims \
                     WHERE person_id = $1 ORDER BY discharged_on DESC, id DESC LIMIT $2",
                )
                .bind(person_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(Claim {
                        id: r.try_get("id")?,
                        year: r.try_get("year")?,
                        level: r.try_get("level")?,
                        admitted_on: r.try_get("admitted_on")?,
                        discharged_on: r.try_get("discharged_on")?,
                        claimed: r.try_get("claimed")?,
                        deductible: r.try_get("deductible")?,
                        reimbursed: r.try_get("reimbursed")?,
                        working: r.try_get("working")?,
                        created_at: r.try_get("created_at")?,
                    });
                }
                Ok(out)
            }
        }
    };
}

impl_medical_store!(SqliteStore);
impl_medical_store!(PgStore);
