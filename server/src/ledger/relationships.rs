//! 参保关系 and what changes them: an enrolment (人员新增) opens one per insurance, a
//! separation (减员) ends them, a base declaration (缴费基数申报) sets the year's bases. Each
//! happens when an operator approves the filing's case (`office::case_store`), inside the
//! approval's transaction, with the macros here; the database refuses a second open
//! relationship of one person in one insurance (a unique index), so two approvals of one
//! person cannot both succeed.

use app::domain::policy::Insurance;
use async_trait::async_trait;
use sqlx::Row;

use super::events::insert_event;
use crate::store::{PgStore, SqliteStore, StoreError};

/// A person as the ledger keeps them: the ID number's blind index (shared with the registry and
/// accounts), the sealed ID number, the name.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
}

/// What an enrolment opens.
#[derive(Debug, Clone)]
pub struct Enrol {
    pub unit_id: i64,
    pub person: NewPerson,
    pub region: i64,
    /// `YYYY-MM`.
    pub start_month: String,
    pub insurances: Vec<Insurance>,
    /// The declared monthly base (fen), for the start month's year unless one is declared.
    pub base: i64,
    pub actor: Option<i64>,
}

/// An open relationship of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRelationship {
    pub id: i64,
    pub insurance: Insurance,
    pub unit_id: i64,
    pub unit_name: String,
    pub start_month: String,
    pub status: String,
}

/// What a separation (减员) ends.
#[derive(Debug, Clone)]
pub struct Separate {
    pub unit_id: i64,
    pub id_index: String,
    pub insurances: Vec<Insurance>,
    /// The last month insured (`YYYY-MM`).
    pub last_month: String,
    /// 离职 / 退休 / 死亡 / 转出 / 其他, as a code.
    pub reason: String,
    /// The day the job ended as the unit gave it (`YYYY-MM-DD`): what a later 失业登记 is
    /// checked against.
    pub left_on: String,
    pub actor: Option<i64>,
}

/// Why a separation cannot end what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separated {
    /// The person has no open relationship with the unit in this insurance.
    NotInUnit(Insurance),
    /// The last month is before the relationship's first.
    BeforeStart(Insurance),
}

#[async_trait]
pub trait RelationshipStore: Send + Sync {
    /// Opens relationships without a filing (the agency's own entry, the demo history):
    /// `Some` names an insurance held open already (nothing was stored).
    async fn enrol_direct(&self, e: &Enrol, now: i64) -> Result<Option<Insurance>, StoreError>;
    /// The person's relationships that have not ended.
    async fn open_relationships(&self, id_index: &str) -> Result<Vec<OpenRelationship>, StoreError>;
    /// The last month insured of the person's ended relationships, per insurance (a new one
    /// starts after it).
    async fn ended_through(&self, id_index: &str) -> Result<Vec<(Insurance, String)>, StoreError>;
    /// Whether the person held `insurance` with the unit in `month` (`YYYY-MM`), whether the
    /// relationship has ended since or not (a 工伤 applied for after the person left).
    async fn held_in(&self, id_index: &str, insurance: Insurance, unit_id: i64, month: &str) -> Result<bool, StoreError>;
    /// Which of `id_indexes` have a relationship with the unit that has not ended.
    async fn in_unit(&self, unit_id: i64, id_indexes: &[String]) -> Result<Vec<bool>, StoreError>;
    /// Sets the declared bases of `year` for the unit's people (`(id_index, fen)`), with one
    /// event; a person not in the ledger is skipped (the check refused them before).
    async fn declare_bases(&self, unit_id: i64, year: i64, rows: &[(String, i64)], filing: Option<&str>, actor: Option<i64>, now: i64) -> Result<(), StoreError>;
}

/// A unique index refused the row (the open-relationship rule).
/// SQL: joins `r`, the latest pension relationship of the person `c.person_id` (a pensioner's
/// area and unit are their last pension relationship's): `… JOIN ledger_relationships r ON
/// r.id = (` this `)`.
pub const LATEST_PENSION_RELATIONSHIP: &str = "SELECT r2.id FROM ledger_relationships r2 WHERE r2.person_id = c.person_id AND r2.insurance = 'pension' \
    ORDER BY r2.start_month DESC, r2.id DESC LIMIT 1";

pub(crate) fn refused_as_duplicate(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// `open_relationships!(&mut *tx, &enrol, filing_id, receipt, now)`: the person (added if new),
/// one relationship per insurance, the start year's base unless one is declared, and the event;
/// evaluates to `Result<Option<Insurance>, sqlx::Error>` — `Some` names an insurance the person
/// holds open already, and the caller rolls back.
macro_rules! open_relationships {
    ($tx:expr, $e:expr, $filing_id:expr, $receipt:expr, $now:expr) => {{
        async {
            let (e, filing_id, receipt, now): (&$crate::ledger::Enrol, Option<i64>, Option<&str>, i64) = ($e, $filing_id, $receipt, $now);
            sqlx::query("INSERT INTO ledger_persons (id_index, id_sealed, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id_index) DO NOTHING")
                .bind(&e.person.id_index)
                .bind(&e.person.id_sealed)
                .bind(&e.person.name)
                .bind(now)
                .execute(&mut *$tx)
                .await?;
            let person: i64 = sqlx::query_scalar("SELECT id FROM ledger_persons WHERE id_index = $1").bind(&e.person.id_index).fetch_one(&mut *$tx).await?;
            for ins in &e.insurances {
                let opened = sqlx::query(
                    "INSERT INTO ledger_relationships (person_id, insurance, unit_id, region, start_month, status, filing_id, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $7)",
                )
                .bind(person)
                .bind(ins.code())
                .bind(e.unit_id)
                .bind(e.region)
                .bind(&e.start_month)
                .bind(filing_id)
                .bind(now)
                .execute(&mut *$tx)
                .await;
                match opened {
                    Ok(_) => {}
                    Err(err) if $crate::ledger::relationships::refused_as_duplicate(&err) => return Ok(Some(*ins)),
                    Err(err) => return Err(err),
                }
            }
            let year: i64 = e.start_month[..4].parse().unwrap_or_default();
            sqlx::query(
                "INSERT INTO ledger_bases (person_id, unit_id, year, declared, filing_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (person_id, unit_id, year) DO NOTHING",
            )
            .bind(person)
            .bind(e.unit_id)
            .bind(year)
            .bind(e.base)
            .bind(filing_id)
            .bind(now)
            .execute(&mut *$tx)
            .await?;
            let insurances: Vec<&str> = e.insurances.iter().map(|i| i.code()).collect();
            let detail = serde_json::json!({ "why": if receipt.is_some() { "enrolment" } else { "agency entry" }, "receipt": receipt, "insurances": insurances, "base": e.base }).to_string();
            let event = $crate::ledger::events::Event { actor: e.actor, action: "enrol", unit_id: Some(e.unit_id), person_id: Some(person), month: Some(e.start_month.clone()), detail };
            insert_event!(&mut *$tx, &event, now)?;
            Ok(None)
        }
        .await
    }};
}

pub(crate) use open_relationships;

/// `end_relationships!(&mut *tx, &separate, receipt, now)`: ends the person's relationships with
/// the unit in the separation's insurances, checking inside the transaction that each is open
/// and began no later than the last month, with the event; evaluates to
/// `Result<Option<Separated>, sqlx::Error>` — `Some` says why not, and the caller rolls back.
macro_rules! end_relationships {
    ($tx:expr, $s:expr, $receipt:expr, $now:expr) => {{
        async {
            let (s, receipt, now): (&$crate::ledger::Separate, &str, i64) = ($s, $receipt, $now);
            let person: Option<i64> = sqlx::query_scalar("SELECT id FROM ledger_persons WHERE id_index = $1").bind(&s.id_index).fetch_optional(&mut *$tx).await?;
            for ins in &s.insurances {
                let start: Option<String> = match person {
                    Some(p) => sqlx::query_scalar(
                        "SELECT start_month FROM ledger_relationships WHERE person_id = $1 AND insurance = $2 AND unit_id = $3 AND status <> 'ended'",
                    )
                    .bind(p)
                    .bind(ins.code())
                    .bind(s.unit_id)
                    .fetch_optional(&mut *$tx)
                    .await?,
                    None => None,
                };
                let Some(start) = start else {
                    return Ok(Some($crate::ledger::Separated::NotInUnit(*ins)));
                };
                if s.last_month < start {
                    return Ok(Some($crate::ledger::Separated::BeforeStart(*ins)));
                }
                sqlx::query(
                    "UPDATE ledger_relationships SET status = 'ended', end_month = $1, reason = $2, updated_at = $3, left_on = $7 \
                     WHERE person_id = $4 AND insurance = $5 AND unit_id = $6 AND status <> 'ended'",
                )
                .bind(&s.last_month)
                .bind(&s.reason)
                .bind(now)
                .bind(person)
                .bind(ins.code())
                .bind(s.unit_id)
                .bind(&s.left_on)
                .execute(&mut *$tx)
                .await?;
            }
            let insurances: Vec<&str> = s.insurances.iter().map(|i| i.code()).collect();
            let detail = serde_json::json!({ "why": s.reason, "receipt": receipt, "insurances": insurances }).to_string();
            let event = $crate::ledger::events::Event { actor: s.actor, action: "separate", unit_id: Some(s.unit_id), person_id: person, month: Some(s.last_month.clone()), detail };
            insert_event!(&mut *$tx, &event, now)?;
            Ok::<_, sqlx::Error>(None)
        }
        .await
    }};
}
pub(crate) use end_relationships;

/// `set_bases!(&mut *tx, unit_id, year, rows, filing_id, actor, now[, why])`: the declared bases
/// of `year` for the unit's people (`(id_index, fen)`; a person not in the ledger is skipped),
/// with one event saying why (by default "base declaration"); evaluates to
/// `Result<(), sqlx::Error>`.
macro_rules! set_bases {
    ($tx:expr, $unit_id:expr, $year:expr, $rows:expr, $filing_id:expr, $actor:expr, $now:expr) => {
        set_bases!($tx, $unit_id, $year, $rows, $filing_id, $actor, $now, "base declaration")
    };
    ($tx:expr, $unit_id:expr, $year:expr, $rows:expr, $filing_id:expr, $actor:expr, $now:expr, $why:expr) => {{
        async {
            let (unit_id, year, rows, filing_id, actor, now): (i64, i64, &[(String, i64)], Option<i64>, Option<i64>, i64) =
                ($unit_id, $year, $rows, $filing_id, $actor, $now);
            let mut set = 0;
            for (idx, declared) in rows {
                set += sqlx::query(
                    "INSERT INTO ledger_bases (person_id, unit_id, year, declared, filing_id, updated_at) \
                     SELECT id, $1, $2, $3, $4, $5 FROM ledger_persons WHERE id_index = $6 \
                     ON CONFLICT (person_id, unit_id, year) DO UPDATE SET declared = excluded.declared, filing_id = excluded.filing_id, updated_at = excluded.updated_at",
                )
                .bind(unit_id)
                .bind(year)
                .bind(declared)
                .bind(filing_id)
                .bind(now)
                .bind(idx)
                .execute(&mut *$tx)
                .await?
                .rows_affected();
            }
            let why: &str = $why;
            let detail = serde_json::json!({ "why": why, "year": year, "rows": set, "filing": filing_id }).to_string();
            insert_event!(&mut *$tx, &$crate::ledger::events::Event { actor, action: "bases.declare", unit_id: Some(unit_id), detail, ..Default::default() }, now)?;
            Ok::<_, sqlx::Error>(())
        }
        .await
    }};
}
pub(crate) use set_bases;

macro_rules! impl_relationship_store {
    ($store:ty) => {
        #[async_trait]
        impl RelationshipStore for $store {
            async fn enrol_direct(&self, e: &Enrol, now: i64) -> Result<Option<Insurance>, StoreError> {
                let mut tx = self.begin_write().await?;
                let taken = open_relationships!(&mut *tx, e, None, None, now)?;
                if taken.is_some() {
                    tx.rollback().await?;
                } else {
                    tx.commit().await?;
                }
                Ok(taken)
            }

            async fn open_relationships(&self, id_index: &str) -> Result<Vec<OpenRelationship>, StoreError> {
                let rows = sqlx::query(
                    "SELECT r.id, r.insurance, r.unit_id, u.name AS unit_name, r.start_month, r.status FROM ledger_relationships r \
                     JOIN ledger_persons p ON p.id = r.person_id JOIN ledger_units u ON u.id = r.unit_id \
                     WHERE p.id_index = $1 AND r.status <> 'ended' ORDER BY r.id",
                )
                .bind(id_index)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let name: String = r.try_get("insurance")?;
                    let Some(insurance) = Insurance::parse(&name) else { continue };
                    out.push(OpenRelationship {
                        id: r.try_get("id")?,
                        insurance,
                        unit_id: r.try_get("unit_id")?,
                        unit_name: r.try_get("unit_name")?,
                        start_month: r.try_get("start_month")?,
                        status: r.try_get("status")?,
                    });
                }
                Ok(out)
            }

            async fn ended_through(&self, id_index: &str) -> Result<Vec<(Insurance, String)>, StoreError> {
                let rows: Vec<(String, Option<String>)> = sqlx::query_as(
                    "SELECT r.insurance, MAX(r.end_month) FROM ledger_relationships r JOIN ledger_persons p ON p.id = r.person_id \
                     WHERE p.id_index = $1 AND r.status = 'ended' GROUP BY r.insurance",
                )
                .bind(id_index)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().filter_map(|(i, end)| Some((Insurance::parse(&i)?, end?))).collect())
            }

            async fn held_in(&self, id_index: &str, insurance: Insurance, unit_id: i64, month: &str) -> Result<bool, StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM ledger_relationships r JOIN ledger_persons p ON p.id = r.person_id \
                     WHERE p.id_index = $1 AND r.insurance = $2 AND r.unit_id = $3 AND r.start_month <= $4 \
                     AND (r.end_month IS NULL OR r.end_month >= $4)",
                )
                .bind(id_index)
                .bind(insurance.code())
                .bind(unit_id)
                .bind(month)
                .fetch_one(&self.pool)
                .await?;
                Ok(n > 0)
            }

            async fn in_unit(&self, unit_id: i64, id_indexes: &[String]) -> Result<Vec<bool>, StoreError> {
                let mut out = Vec::with_capacity(id_indexes.len());
                for idx in id_indexes {
                    let n: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM ledger_relationships r JOIN ledger_persons p ON p.id = r.person_id \
                         WHERE p.id_index = $1 AND r.unit_id = $2 AND r.status <> 'ended'",
                    )
                    .bind(idx)
                    .bind(unit_id)
                    .fetch_one(&self.pool)
                    .await?;
                    out.push(n > 0);
                }
                Ok(out)
            }

            async fn declare_bases(&self, unit_id: i64, year: i64, rows: &[(String, i64)], filing: Option<&str>, actor: Option<i64>, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let filing_id: Option<i64> = match filing {
                    Some(c) => sqlx::query_scalar("SELECT id FROM filings WHERE client_id = $1").bind(c).fetch_optional(&mut *tx).await?,
                    None => None,
                };
                set_bases!(&mut *tx, unit_id, year, rows, filing_id, actor, now)?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

impl_relationship_store!(SqliteStore);
impl_relationship_store!(PgStore);
