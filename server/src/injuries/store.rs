//! Work injuries as stored (`work_injuries`): kept when their case is approved
//! ([`recognise_injury!`], inside the case's transaction), assessed by one account and approved
//! by another.
//!
//! - [`InjuryStore::injury_assess`] keeps the grade and the award with its working, only on a
//!   recognised injury;
//! - [`InjuryStore::injury_decide`] approves an assessed award (never by its assessor: the
//!   conditional update and the table's CHECK both say so) or returns it to `recognised` with
//!   the reason, the assessment cleared; each with its audit entry in the same transaction;
//! - [`InjuryStore::injury_paid`] reads what the fund paid of an award, for its person;
//! - [`InjuryStore::injury_stop`] records the stop of its monthly benefits (第42条), once; the
//!   monthly payments ([`InjuryStore::pay_allowance`], [`InjuryStore::pay_care`]) end before it.

use app::api::injuries::{AllowanceMonth, InjuryPaid};
use app::domain::benefits::{injury::topped_up, InjuryPolicy};
use app::domain::ledger::Month;
use app::domain::{Date, Fen};
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// One injury with its person and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injury {
    pub id: i64,
    pub case_id: i64,
    pub receipt_no: String,
    pub person_id: i64,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub unit_name: String,
    pub unit_region: i64,
    pub accident_on: Date,
    pub reported_on: Date,
    pub late_days: i64,
    pub status: String,
    pub grade: Option<i64>,
    pub wage: Option<i64>,
    pub lump_sum: Option<i64>,
    pub allowance: Option<i64>,
    /// 生活护理费: the level of care (`full`, `most`, `part`) and the fee a month.
    pub care_level: Option<String>,
    pub care_fee: Option<i64>,
    /// The award's working as JSON (`Working`).
    pub working: Option<String>,
    pub assessed_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub return_reason: Option<String>,
    /// The monthly benefits' stop (第42条): its first month and reason, and the months of
    /// either benefit paid from it and their sum.
    pub stopped_in: Option<String>,
    pub stop_reason: Option<String>,
    pub overpaid_months: i64,
    pub overpaid_total: i64,
}

impl Injury {
    /// Whether the fund pays this award by the month: the 伤残津贴 of grades 1–4 (第35条), or a
    /// 生活护理费 (第34条).
    pub fn paid_monthly(&self) -> bool {
        (self.grade.is_some_and(|g| g <= 4) && self.allowance.is_some_and(|a| a > 0)) || self.care_fee.is_some_and(|f| f > 0)
    }
}

/// An assessment to keep.
#[derive(Debug, Clone)]
pub struct Assessed<'a> {
    pub grade: u8,
    pub wage: i64,
    pub lump_sum: i64,
    pub allowance: Option<i64>,
    /// 生活护理费: the level's code and the fee a month, or neither.
    pub care: Option<(&'static str, i64)>,
    pub working: &'a str,
}

#[async_trait]
pub trait InjuryStore: Send + Sync {
    async fn injury_get(&self, id: i64) -> Result<Option<Injury>, StoreError>;
    /// Injuries of a status, oldest first.
    async fn injuries(&self, status: &str, limit: i64) -> Result<Vec<Injury>, StoreError>;
    /// The approved injuries whose monthly benefits an operator may have to stop or recover
    /// ([`Injury::paid_monthly`], not stopped yet or with months paid past the stop), oldest first.
    async fn injuries_paying(&self, limit: i64) -> Result<Vec<Injury>, StoreError>;
    /// A person's injuries, the latest first.
    async fn injuries_of(&self, person_id: i64, limit: i64) -> Result<Vec<Injury>, StoreError>;
    /// Keeps the grade and award of a recognised injury; `false` when it is not recognised.
    async fn injury_assess(&self, id: i64, a: &Assessed<'_>, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// Approves (`return_reason: None`) or returns an assessed award; `false` when it is not
    /// assessed or `by` assessed it (nothing was written then).
    async fn injury_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// What the fund paid of an injury's award: the lump sum's month, and of the 伤残津贴 the
    /// months paid, their sum and the latest `limit` (newest first).
    async fn injury_paid(&self, id: i64, limit: i64) -> Result<InjuryPaid, StoreError>;
    /// The approved injuries whose 伤残津贴 the fund pays (grades 1–4).
    async fn allowances_to_pay(&self) -> Result<Vec<i64>, StoreError>;
    /// Pays out, in `month`, every approved award's 一次性伤残补助金 not paid yet (once: only
    /// where no month is set); the awards paid.
    async fn pay_lump_sums(&self, month: &str) -> Result<u64, StoreError>;
    /// Pays an approved injury's 伤残津贴 each month after the last paid (or from the month after
    /// the grade was entered) through `through` — never into the first month of the person's
    /// approved pension — each once, in one transaction; the months written.
    async fn pay_allowance(&self, id: i64, through: Month, policy: &InjuryPolicy, now: i64) -> Result<u64, StoreError>;
    /// The approved injuries with a 生活护理费.
    async fn cares_to_pay(&self) -> Result<Vec<i64>, StoreError>;
    /// Pays an approved injury's 生活护理费 each month after the last paid (or from the month
    /// after the grade was entered) through `through`, each once, in one transaction; the months
    /// written. It does not stop when a pension begins (第34条 has no such rule).
    async fn pay_care(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError>;
    /// Stops an approved injury's monthly benefits from `month` — or from its first month owed
    /// (the one after the grade was entered), when `month` is before it — with the reason; once:
    /// `false` when it is not approved or stopped already (nothing written then).
    async fn injury_stop(&self, id: i64, month: Month, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

/// `recognise_injury!(&mut *tx, case_id, &Recognise, by, now)`: keeps the injury of an approved
/// 工伤事故申报 case (once per case); evaluates to `Result<(), sqlx::Error>`.
macro_rules! recognise_injury {
    ($conn:expr, $case:expr, $r:expr, $by:expr, $now:expr) => {{
        async {
            let r: &$crate::injuries::report::Recognise = $r;
            sqlx::query(
                "INSERT INTO work_injuries (case_id, person_id, unit_id, accident_on, reported_on, late_days, status, recognised_by, recognised_at) \
                 SELECT $1, p.id, $2, $3, $4, $5, 'recognised', $6, $7 FROM ledger_persons p WHERE p.id_index = $8 \
                 ON CONFLICT (case_id) DO NOTHING",
            )
            .bind($case)
            .bind(r.unit_id)
            .bind(r.accident_on.iso())
            .bind(r.reported_on.iso())
            .bind(r.late_days)
            .bind($by)
            .bind($now)
            .bind(&r.id_index)
            .execute(&mut *$conn)
            .await
            .map(|_| ())
        }
        .await
    }};
}
pub(crate) use recognise_injury;

const INJURY_QUERY: &str = "SELECT w.id, w.case_id, f.receipt_no, w.person_id, p.name, p.id_index, p.id_sealed, u.name AS unit_name, u.region AS unit_region, \
     w.accident_on, w.reported_on, w.late_days, w.status, w.grade, w.wage, w.lump_sum, w.allowance, w.care_level, w.care_fee, w.working, w.assessed_by, w.approved_by, w.return_reason, \
     w.stopped_in, w.stop_reason, \
     (SELECT COUNT(*) FROM injury_allowance_payments a WHERE a.injury_id = w.id AND a.month >= w.stopped_in) \
       + (SELECT COUNT(*) FROM injury_care_payments c WHERE c.injury_id = w.id AND c.month >= w.stopped_in) AS overpaid_months, \
     CAST((SELECT COALESCE(SUM(a.amount), 0) FROM injury_allowance_payments a WHERE a.injury_id = w.id AND a.month >= w.stopped_in) \
       + (SELECT COALESCE(SUM(c.amount), 0) FROM injury_care_payments c WHERE c.injury_id = w.id AND c.month >= w.stopped_in) AS BIGINT) AS overpaid_total \
     FROM work_injuries w JOIN ledger_persons p ON p.id = w.person_id JOIN ledger_units u ON u.id = w.unit_id \
     JOIN office_cases c ON c.id = w.case_id JOIN filings f ON f.id = c.filing_id";

/// The first month of a monthly benefit not paid yet: the one after the `last` paid, or after the
/// month the grade was entered (`assessed_at`, ms).
fn first_unpaid(last: Option<&str>, assessed_at: i64) -> Month {
    match last.and_then(Month::parse) {
        Some(m) => m.next(),
        None => Month::of(Date::china_from_unix_ms(assessed_at)).next(),
    }
}

/// The last month a monthly benefit is owed through `through` when `first_not_owed` (a
/// pension's first month, a stop's) ends it; `None` when no month is owed at all.
fn owed_until(through: Month, first_not_owed: Option<&str>) -> Option<Month> {
    match first_not_owed.and_then(Month::parse) {
        Some(first) => Month::from_index(first.index() - 1).map(|before| through.min(before)),
        None => Some(through),
    }
}

fn day(text: &str) -> Result<Date, sqlx::Error> {
    Date::parse_iso(text).ok_or_else(|| sqlx::Error::Decode(format!("a day: {text:?}").into()))
}

macro_rules! impl_injury_store {
    ($store:ty, $row:ty) => {
        fn injury_of(r: &$row) -> Result<Injury, sqlx::Error> {
            Ok(Injury {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                receipt_no: r.try_get("receipt_no")?,
                person_id: r.try_get("person_id")?,
                name: r.try_get("name")?,
                id_index: r.try_get("id_index")?,
                id_sealed: r.try_get("id_sealed")?,
                unit_name: r.try_get("unit_name")?,
                unit_region: r.try_get("unit_region")?,
                accident_on: day(&r.try_get::<String, _>("accident_on")?)?,
                reported_on: day(&r.try_get::<String, _>("reported_on")?)?,
                late_days: r.try_get("late_days")?,
                status: r.try_get("status")?,
                grade: r.try_get("grade")?,
                wage: r.try_get("wage")?,
                lump_sum: r.try_get("lump_sum")?,
                allowance: r.try_get("allowance")?,
                care_level: r.try_get("care_level")?,
                care_fee: r.try_get("care_fee")?,
                working: r.try_get("working")?,
                assessed_by: r.try_get("assessed_by")?,
                approved_by: r.try_get("approved_by")?,
                return_reason: r.try_get("return_reason")?,
                stopped_in: r.try_get("stopped_in")?,
                stop_reason: r.try_get("stop_reason")?,
                overpaid_months: r.try_get("overpaid_months")?,
                overpaid_total: r.try_get("overpaid_total")?,
            })
        }

        #[async_trait]
        impl InjuryStore for $store {
            async fn injury_get(&self, id: i64) -> Result<Option<Injury>, StoreError> {
                let row = sqlx::query(&format!("{INJURY_QUERY} WHERE w.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(injury_of).transpose().map_err(StoreError::from)
            }

            async fn injuries(&self, status: &str, limit: i64) -> Result<Vec<Injury>, StoreError> {
                let rows = sqlx::query(&format!("{INJURY_QUERY} WHERE w.status = $1 ORDER BY w.id LIMIT $2")).bind(status).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(injury_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn injuries_paying(&self, limit: i64) -> Result<Vec<Injury>, StoreError> {
                let rows = sqlx::query(&format!(
                    "{INJURY_QUERY} WHERE w.status = 'approved' AND ((w.grade <= 4 AND w.allowance > 0) OR w.care_fee > 0) \
                     AND (w.stopped_in IS NULL \
                       OR EXISTS (SELECT 1 FROM injury_allowance_payments a WHERE a.injury_id = w.id AND a.month >= w.stopped_in) \
                       OR EXISTS (SELECT 1 FROM injury_care_payments c WHERE c.injury_id = w.id AND c.month >= w.stopped_in)) \
                     ORDER BY w.id LIMIT $1"
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(injury_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn injuries_of(&self, person_id: i64, limit: i64) -> Result<Vec<Injury>, StoreError> {
                let rows =
                    sqlx::query(&format!("{INJURY_QUERY} WHERE w.person_id = $1 ORDER BY w.id DESC LIMIT $2")).bind(person_id).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(injury_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn injury_assess(&self, id: i64, a: &Assessed<'_>, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let moved = sqlx::query(
                    "UPDATE work_injuries SET status = 'assessed', grade = $1, wage = $2, lump_sum = $3, allowance = $4, working = $5, assessed_by = $6, assessed_at = $7, \
                     care_level = $9, care_fee = $10 WHERE id = $8 AND status = 'recognised'",
                )
                .bind(i64::from(a.grade))
                .bind(a.wage)
                .bind(a.lump_sum)
                .bind(a.allowance)
                .bind(a.working)
                .bind(by)
                .bind(now)
                .bind(id)
                .bind(a.care.map(|(level, _)| level))
                .bind(a.care.map(|(_, fee)| fee))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved != 1 {
                    return Ok(false);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn injury_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let sql = match return_reason {
                    None => "UPDATE work_injuries SET status = 'approved', approved_by = $1, approved_at = $2, return_reason = $3 \
                             WHERE id = $4 AND status = 'assessed' AND assessed_by <> $1",
                    Some(_) => "UPDATE work_injuries SET status = 'recognised', grade = NULL, wage = NULL, lump_sum = NULL, allowance = NULL, care_level = NULL, care_fee = NULL, working = NULL, \
                                assessed_by = NULL, assessed_at = NULL, return_reason = $3 \
                                WHERE id = $4 AND status = 'assessed' AND assessed_by <> $1 AND $2 > 0",
                };
                let moved = sqlx::query(sql).bind(by).bind(now).bind(return_reason).bind(id).execute(&mut *tx).await?.rows_affected();
                if moved != 1 {
                    return Ok(false);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn pay_lump_sums(&self, month: &str) -> Result<u64, StoreError> {
                Ok(sqlx::query("UPDATE work_injuries SET lump_paid_month = $1 WHERE status = 'approved' AND lump_paid_month IS NULL AND lump_sum > 0")
                    .bind(month)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn injury_paid(&self, id: i64, limit: i64) -> Result<InjuryPaid, StoreError> {
                let lump: Option<Option<String>> = sqlx::query_scalar("SELECT lump_paid_month FROM work_injuries WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
                let (months, total): (i64, i64) =
                    sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM injury_allowance_payments WHERE injury_id = $1")
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await?;
                let latest: Vec<(String, i64)> = sqlx::query_as("SELECT month, amount FROM injury_allowance_payments WHERE injury_id = $1 ORDER BY month DESC LIMIT $2")
                    .bind(id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let (care_months, care_total): (i64, i64) =
                    sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM injury_care_payments WHERE injury_id = $1")
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await?;
                let month = |m: &str| Month::parse(m).ok_or_else(|| sqlx::Error::Decode(format!("a month of a work injury's payments: {m:?}").into()));
                Ok(InjuryPaid {
                    lump_sum_in: lump.flatten().as_deref().map(month).transpose()?,
                    allowance_months: u32::try_from(months).unwrap_or(u32::MAX),
                    allowance_total: Fen(total),
                    allowance: latest.iter().map(|(m, amount)| Ok(AllowanceMonth { month: month(m)?, amount: Fen(*amount) })).collect::<Result<_, sqlx::Error>>()?,
                    care_months: u32::try_from(care_months).unwrap_or(u32::MAX),
                    care_total: Fen(care_total),
                })
            }

            async fn allowances_to_pay(&self) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM work_injuries WHERE status = 'approved' AND grade <= 4 AND allowance > 0 ORDER BY id").fetch_all(&self.pool).await?)
            }

            async fn pay_allowance(&self, id: i64, through: Month, policy: &InjuryPolicy, now: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<(i64, Option<i64>, Option<i64>, Option<i64>, String, i64, Option<String>)> = sqlx::query_as(
                    "SELECT w.person_id, w.grade, w.allowance, w.assessed_at, w.status, u.region, w.stopped_in FROM work_injuries w JOIN ledger_units u ON u.id = w.unit_id WHERE w.id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((person, Some(grade), Some(monthly), Some(assessed_at), status, region, stopped_in)) = row else { return Ok(0) };
                if status != "approved" || grade > 4 || monthly <= 0 {
                    return Ok(0);
                }
                let last: Option<String> = sqlx::query_scalar("SELECT MAX(month) FROM injury_allowance_payments WHERE injury_id = $1").bind(id).fetch_one(&mut *tx).await?;
                let pension: Option<String> =
                    sqlx::query_scalar("SELECT MIN(first_month) FROM pension_claims WHERE person_id = $1 AND status = 'applied'").bind(person).fetch_one(&mut *tx).await?;
                let from = first_unpaid(last.as_deref(), assessed_at);
                let Some(until) = owed_until(through, pension.as_deref()).and_then(|until| owed_until(until, stopped_in.as_deref())) else { return Ok(0) };
                // Each month at the award's figure, or that month's minimum wage when more.
                let region = u32::try_from(region).unwrap_or(0);
                let written = crate::store::insert_months!(
                    tx,
                    "INSERT INTO injury_allowance_payments (injury_id, month, amount, paid_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    id,
                    from,
                    until,
                    |m: Month| topped_up(Fen(monthly), policy.minimum_wage(region, m).map(|w| Fen(w.monthly))).0,
                    now
                )?;
                tx.commit().await?;
                Ok(written)
            }

            async fn cares_to_pay(&self) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM work_injuries WHERE status = 'approved' AND care_fee > 0 ORDER BY id").fetch_all(&self.pool).await?)
            }

            async fn pay_care(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<(Option<i64>, Option<i64>, String, Option<String>)> =
                    sqlx::query_as("SELECT care_fee, assessed_at, status, stopped_in FROM work_injuries WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
                let Some((Some(fee), Some(assessed_at), status, stopped_in)) = row else { return Ok(0) };
                if status != "approved" || fee <= 0 {
                    return Ok(0);
                }
                let last: Option<String> = sqlx::query_scalar("SELECT MAX(month) FROM injury_care_payments WHERE injury_id = $1").bind(id).fetch_one(&mut *tx).await?;
                let from = first_unpaid(last.as_deref(), assessed_at);
                let Some(until) = owed_until(through, stopped_in.as_deref()) else { return Ok(0) };
                let written = crate::store::insert_months!(
                    tx,
                    "INSERT INTO injury_care_payments (injury_id, month, amount, paid_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    id,
                    from,
                    until,
                    |_| fee,
                    now
                )?;
                tx.commit().await?;
                Ok(written)
            }

            async fn injury_stop(&self, id: i64, month: Month, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let assessed_at: Option<Option<i64>> = sqlx::query_scalar("SELECT assessed_at FROM work_injuries WHERE id = $1 AND status = 'approved' AND stopped_in IS NULL")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(Some(assessed_at)) = assessed_at else { return Ok(false) };
                let from = month.max(first_unpaid(None, assessed_at));
                let moved = sqlx::query("UPDATE work_injuries SET stopped_in = $1, stop_reason = $2, stopped_by = $3 WHERE id = $4 AND status = 'approved' AND stopped_in IS NULL")
                    .bind(from.to_string())
                    .bind(reason)
                    .bind(by)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if moved != 1 {
                    return Ok(false);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_injury_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_injury_store!(PgStore, sqlx::postgres::PgRow);
}
