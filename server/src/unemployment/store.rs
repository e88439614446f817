//! Spells of 失业保险金 as stored (`unemployment_spells`, `unemployment_payments`): kept when
//! their 失业登记 case is approved ([`register_spell!`], inside the case's transaction), paid
//! month by month ([`UnemploymentStore::pay_spell`], each month once: the primary key), stopped
//! by the database when the person is enrolled again (migration 0023's trigger).

use app::domain::ledger::Month;
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// One spell with its unit and what was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spell {
    pub id: i64,
    pub case_id: i64,
    pub person_id: i64,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub unit_name: String,
    pub registered_on: String,
    pub first_month: String,
    pub last_month: String,
    pub earned: u16,
    pub carried: u16,
    pub months: u16,
    pub monthly: i64,
    /// The working as JSON (`Working`).
    pub working: String,
    /// `active`, `stopped` or `ended`.
    pub status: String,
    pub stopped_in: Option<String>,
    pub stop_reason: Option<String>,
    /// Months paid, and their sum in fen.
    pub paid: u16,
    pub paid_total: i64,
    /// Months paid from the month it stopped on (a stop back-dated past months already paid:
    /// a re-employment enrolled late), and their sum in fen — to recover.
    pub overpaid: u16,
    pub overpaid_total: i64,
    /// What operators recorded as come back of it, in fen.
    pub recovered: i64,
}

/// Money come back for a spell's overpaid months (追回), as an operator records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecovery {
    pub amount: i64,
    pub recovered_on: String,
    pub reference: String,
    pub by: i64,
}

/// What became of a recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovered {
    Kept,
    /// The reference was recorded for the spell already, with this amount: nothing new.
    Repeated,
    /// The reference was recorded for the spell already, with another amount.
    ReferenceTaken,
    /// More than is left to recover (the spell says how much is); nothing written.
    TooMuch,
}

/// The person's latest ended relationship in 失业保险: the unit and its 减员.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    pub unit_id: i64,
    pub unit_name: String,
    pub region: i64,
    pub end_month: Option<String>,
    /// The 减员 reason's code.
    pub reason: Option<String>,
    /// The day the job ended as the unit's 减员 gave it (`YYYY-MM-DD`); `None` before the form
    /// asked for it.
    pub left_on: Option<String>,
}

#[async_trait]
pub trait UnemploymentStore: Send + Sync {
    /// A person's spells, the latest first.
    async fn spells_of(&self, person_id: i64, limit: i64) -> Result<Vec<Spell>, StoreError>;
    /// Spells of a status, oldest first.
    async fn spells(&self, status: &str, limit: i64) -> Result<Vec<Spell>, StoreError>;
    async fn spell_get(&self, id: i64) -> Result<Option<Spell>, StoreError>;
    /// Stops an active spell from `month` (never before its first) for a statutory `reason`,
    /// with its audit entry; `false` when it is not active (nothing was written then).
    async fn spell_stop(&self, id: i64, month: Month, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// The person's latest ended 失业保险 relationship.
    async fn last_ended(&self, person_id: i64) -> Result<Option<Ended>, StoreError>;
    /// The spells that may still have months to pay.
    async fn spells_to_pay(&self) -> Result<Vec<i64>, StoreError>;
    /// Pays a spell's months through `through` — never past its last month nor into the month
    /// it stopped — each once; a spell paid to its last month has ended. The months written.
    async fn pay_spell(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError>;
    /// Records `r` for spell `id` with its audit entry, if what is recovered stays within what
    /// was paid from the stop's month on (the spell's update is the guard: two at once cannot
    /// both pass it) and its reference is new to the spell.
    async fn spell_recover(&self, id: i64, r: &NewRecovery, audit: &AuditEntry, now: i64) -> Result<Recovered, StoreError>;
}

/// `register_spell!(&mut *tx, case_id, &Register, by, now)`: keeps the spell of an approved
/// 失业登记 case; evaluates to `Result<bool, sqlx::Error>`, `false` when nothing was written —
/// the person has an active spell already (two registrations approved at once: the unique
/// index on active spells lets one in, the other is told to reload and sees why).
macro_rules! register_spell {
    ($conn:expr, $case:expr, $r:expr, $by:expr, $now:expr) => {{
        async {
            let r: &$crate::unemployment::register::Register = $r;
            sqlx::query(
                "INSERT INTO unemployment_spells (case_id, person_id, unit_id, registered_on, first_month, last_month, earned, carried, months, monthly, working, \
                 status, approved_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13, $13) \
                 ON CONFLICT DO NOTHING",
            )
            .bind($case)
            .bind(r.person_id)
            .bind(r.unit_id)
            .bind(r.registered_on.iso())
            .bind(r.first_month.to_string())
            .bind(r.last_month.to_string())
            .bind(i64::from(r.earned))
            .bind(i64::from(r.carried))
            .bind(i64::from(r.months))
            .bind(r.monthly)
            .bind(serde_json::to_string(&r.working).unwrap_or_default())
            .bind($by)
            .bind($now)
            .execute(&mut *$conn)
            .await
            .map(|done| done.rows_affected() == 1)
        }
        .await
    }};
}
pub(crate) use register_spell;

const SPELL_QUERY: &str = "SELECT s.id, s.case_id, s.person_id, p.name, p.id_index, p.id_sealed, u.name AS unit_name, s.registered_on, s.first_month, \
     s.last_month, s.earned, s.carried, s.months, s.monthly, s.working, s.status, s.stopped_in, s.stop_reason, \
     (SELECT COUNT(*) FROM unemployment_payments p WHERE p.spell_id = s.id) AS paid, \
     CAST((SELECT COALESCE(SUM(p.amount), 0) FROM unemployment_payments p WHERE p.spell_id = s.id) AS BIGINT) AS paid_total, \
     (SELECT COUNT(*) FROM unemployment_payments p WHERE p.spell_id = s.id AND p.month >= s.stopped_in) AS overpaid, \
     CAST((SELECT COALESCE(SUM(p.amount), 0) FROM unemployment_payments p WHERE p.spell_id = s.id AND p.month >= s.stopped_in) AS BIGINT) AS overpaid_total, \
     s.recovered FROM unemployment_spells s JOIN ledger_units u ON u.id = s.unit_id JOIN ledger_persons p ON p.id = s.person_id";

fn month(text: &str) -> Result<Month, sqlx::Error> {
    Month::parse(text).ok_or_else(|| sqlx::Error::Decode(format!("a month in unemployment_spells: {text:?}").into()))
}

fn small(n: i64) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

macro_rules! impl_unemployment_store {
    ($store:ty, $row:ty) => {
        fn spell_of(r: &$row) -> Result<Spell, sqlx::Error> {
            Ok(Spell {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                person_id: r.try_get("person_id")?,
                name: r.try_get("name")?,
                id_index: r.try_get("id_index")?,
                id_sealed: r.try_get("id_sealed")?,
                unit_name: r.try_get("unit_name")?,
                registered_on: r.try_get("registered_on")?,
                first_month: r.try_get("first_month")?,
                last_month: r.try_get("last_month")?,
                earned: small(r.try_get("earned")?),
                carried: small(r.try_get("carried")?),
                months: small(r.try_get("months")?),
                monthly: r.try_get("monthly")?,
                working: r.try_get("working")?,
                status: r.try_get("status")?,
                stopped_in: r.try_get("stopped_in")?,
                stop_reason: r.try_get("stop_reason")?,
                paid: small(r.try_get("paid")?),
                paid_total: r.try_get("paid_total")?,
                overpaid: small(r.try_get("overpaid")?),
                overpaid_total: r.try_get("overpaid_total")?,
                recovered: r.try_get("recovered")?,
            })
        }

        #[async_trait]
        impl UnemploymentStore for $store {
            async fn spells_of(&self, person_id: i64, limit: i64) -> Result<Vec<Spell>, StoreError> {
                let rows = sqlx::query(&format!("{SPELL_QUERY} WHERE s.person_id = $1 ORDER BY s.id DESC LIMIT $2")).bind(person_id).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(spell_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn spells(&self, status: &str, limit: i64) -> Result<Vec<Spell>, StoreError> {
                let rows = sqlx::query(&format!("{SPELL_QUERY} WHERE s.status = $1 ORDER BY s.id LIMIT $2")).bind(status).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(spell_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn spell_get(&self, id: i64) -> Result<Option<Spell>, StoreError> {
                let row = sqlx::query(&format!("{SPELL_QUERY} WHERE s.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(spell_of).transpose().map_err(StoreError::from)
            }

            async fn spell_stop(&self, id: i64, month: Month, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let moved = sqlx::query(
                    "UPDATE unemployment_spells SET status = 'stopped', stop_reason = $1, stopped_by = $2, updated_at = $3, \
                     stopped_in = CASE WHEN $4 > first_month THEN $4 ELSE first_month END WHERE id = $5 AND status = 'active'",
                )
                .bind(reason)
                .bind(by)
                .bind(now)
                .bind(month.to_string())
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

            async fn spell_recover(&self, id: i64, r: &NewRecovery, audit: &AuditEntry, now: i64) -> Result<Recovered, StoreError> {
                let mut tx = self.begin_write().await?;
                let known: Option<i64> = sqlx::query_scalar("SELECT amount FROM unemployment_recoveries WHERE spell_id = $1 AND reference = $2")
                    .bind(id)
                    .bind(&r.reference)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(amount) = known {
                    return Ok(if amount == r.amount { Recovered::Repeated } else { Recovered::ReferenceTaken });
                }
                let moved = sqlx::query(
                    "UPDATE unemployment_spells SET recovered = recovered + $1, updated_at = $2 WHERE id = $3 AND recovered + $1 <= \
                     (SELECT COALESCE(SUM(p.amount), 0) FROM unemployment_payments p WHERE p.spell_id = unemployment_spells.id AND p.month >= unemployment_spells.stopped_in)",
                )
                .bind(r.amount)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved != 1 {
                    return Ok(Recovered::TooMuch);
                }
                let kept = sqlx::query(
                    "INSERT INTO unemployment_recoveries (spell_id, amount, recovered_on, reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(r.amount)
                .bind(&r.recovered_on)
                .bind(&r.reference)
                .bind(r.by)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if kept != 1 {
                    // The same reference recorded at the same moment by another: this one is rolled back.
                    return Ok(Recovered::Repeated);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(Recovered::Kept)
            }

            async fn last_ended(&self, person_id: i64) -> Result<Option<Ended>, StoreError> {
                let row = sqlx::query(
                    "SELECT r.unit_id, u.name, u.region, r.end_month, r.reason, r.left_on FROM ledger_relationships r JOIN ledger_units u ON u.id = r.unit_id \
                     WHERE r.person_id = $1 AND r.insurance = 'unemployment' AND r.status = 'ended' ORDER BY r.end_month DESC, r.id DESC LIMIT 1",
                )
                .bind(person_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| -> Result<Ended, sqlx::Error> {
                    Ok(Ended { unit_id: r.try_get(0)?, unit_name: r.try_get(1)?, region: r.try_get(2)?, end_month: r.try_get(3)?, reason: r.try_get(4)?, left_on: r.try_get(5)? })
                })
                .transpose()
                .map_err(StoreError::from)
            }

            async fn spells_to_pay(&self) -> Result<Vec<i64>, StoreError> {
                // A stopped spell is owed the months before its stop (and to its last month):
                // while it is paid through neither, `paid_through + 1 < stopped_in` in month
                // numbers (year × 12 + month, from the `YYYY-MM` text in either dialect).
                Ok(sqlx::query_scalar(
                    "SELECT id FROM unemployment_spells WHERE status = 'active' OR (status = 'stopped' AND stopped_in > first_month AND (paid_through IS NULL \
                     OR (paid_through < last_month AND CAST(substr(paid_through, 1, 4) AS INTEGER) * 12 + CAST(substr(paid_through, 6, 2) AS INTEGER) + 1 \
                     < CAST(substr(stopped_in, 1, 4) AS INTEGER) * 12 + CAST(substr(stopped_in, 6, 2) AS INTEGER)))) ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn pay_spell(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<(String, String, Option<String>, i64, String, Option<String>)> =
                    sqlx::query_as("SELECT first_month, last_month, paid_through, monthly, status, stopped_in FROM unemployment_spells WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((first, last, paid_through, monthly, status, stopped_in)) = row else { return Ok(0) };
                let (first, last) = (month(&first)?, month(&last)?);
                let mut until = through.min(last);
                if let Some(stop) = stopped_in.as_deref().map(month).transpose()? {
                    match Month::from_index(stop.index() - 1) {
                        Some(before) => until = until.min(before),
                        None => return Ok(0),
                    }
                }
                let from = match paid_through.as_deref().map(month).transpose()? {
                    Some(m) => m.next(),
                    None => first,
                };
                let written = crate::store::insert_months!(
                    tx,
                    "INSERT INTO unemployment_payments (spell_id, month, amount, paid_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    id,
                    from,
                    until,
                    |_| monthly,
                    now
                )?;
                if from <= until {
                    let ended = status == "active" && until == last;
                    sqlx::query("UPDATE unemployment_spells SET paid_through = $1, status = CASE WHEN $2 THEN 'ended' ELSE status END, updated_at = $3 WHERE id = $4")
                        .bind(until.to_string())
                        .bind(ended)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(written)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_unemployment_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_unemployment_store!(PgStore, sqlx::postgres::PgRow);
}
