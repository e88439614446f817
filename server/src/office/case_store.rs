//! The cases (待办) and their history. A case is stored with its filing, in the intake's
//! transaction (an enrolment's holds with it: the primary key refuses a second enrolment of the
//! person in the insurance while the first waits). A decision is one transaction: the status
//! moves only from the one the operator saw, never by the account that filed the case (a CHECK
//! makes that true too), the event and the audit entry are written with it, the holds go, and
//! an approval applies the case to the ledger with the ledger's own macros — refused as a whole
//! if the ledger no longer allows it.

use app::api::sync::FilingKind;
use app::domain::policy::Insurance;
use async_trait::async_trait;
use sqlx::Row;

use crate::employers::store::{bind_filter, placeholders, queue_clauses, where_of};
use crate::employers::{ApplicationEvent, QueueFilter};
use crate::filings::store::insert_filing;
use crate::filings::{NewFiling, Stored};
use crate::ledger::events::insert_event;
use crate::ledger::relationships::{end_relationships, open_relationships, set_bases};
use crate::ledger::{Enrol, Separate, Separated};
use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// A case to store with its filing.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub kind: FilingKind,
    /// `app::api::cases::modules_of` the insurances it concerns.
    pub modules: i64,
    /// `None` only for a kind without a unit (新生儿参保).
    pub unit_id: Option<i64>,
    pub region: i64,
    /// What an enrolment holds while it waits: `(id_index, insurance)`.
    pub holds: Vec<(String, Insurance)>,
    pub submitted_by: Option<i64>,
    /// `YYYY-MM-DD` in China.
    pub submitted_on: String,
}

/// What storing a filing with its case did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filed {
    /// The filing (new with its case, or stored before).
    Stored(Stored),
    /// Nothing stored: the person has an open relationship in this insurance.
    Taken(Insurance),
    /// Nothing stored: another enrolment of the person in this insurance waits for review.
    Pending(Insurance),
}

/// A case as stored, with its filing's receipt and its unit's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub filing_id: i64,
    pub client_id: String,
    pub receipt_no: String,
    pub kind: String,
    pub modules: i64,
    /// `None` only for a kind without a unit (新生儿参保); its unit name is empty.
    pub unit_id: Option<i64>,
    pub unit_name: String,
    pub region: i64,
    pub status: String,
    pub reasons: Option<String>,
    pub version_of: Option<i64>,
    pub submitted_by: Option<i64>,
    pub submitted_on: String,
    pub submitted_at: i64,
    pub decided_by: Option<i64>,
    pub updated_at: i64,
}

/// What the queue asks for: the review desk's filter (status, region, age, page), and a kind
/// and the insurances.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub queue: QueueFilter,
    pub kind: Option<String>,
    /// Cases concerning any of these insurance bits.
    pub modules: Option<i64>,
}

/// What an approval applies to the ledger.
#[derive(Debug, Clone)]
pub enum Effect {
    Enrol(Enrol),
    Separate(Separate),
    /// The declared bases of `year`: `(id_index, fen)`.
    Bases { unit_id: i64, year: i64, rows: Vec<(String, i64)>, actor: i64 },
    /// 工伤认定: the injury is kept.
    Recognise(crate::injuries::report::Recognise),
    /// 失业登记: the spell is kept.
    Unemploy(crate::unemployment::register::Register),
    /// 医疗费用报销: the claim is kept.
    Reimburse(crate::medical::claim::Reimburse),
    /// 新生儿参保: the child is kept.
    Newborn(crate::medical::newborn::Enrol),
    /// 个人信息变更: the details are set, each with its before and after.
    Details(crate::office::person_change::Change),
    /// 单位信息变更: the unit's address and contact are set, with the before and after.
    UnitDetails { unit_id: i64, change: crate::office::unit_store::UnitChange },
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct CaseTransition<'a> {
    pub id: i64,
    /// The status the operator saw; the change happens only from it.
    pub from: &'a str,
    pub to: &'a str,
    pub by: i64,
    /// A return's reasons (JSON).
    pub reasons: Option<&'a str>,
    /// An approval's effect.
    pub effect: Option<&'a Effect>,
}

/// What a decision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMoved {
    Yes,
    /// The case was no longer in `from`, or the account filed it: nothing changed.
    No,
    /// Nothing changed: the person is insured in this insurance already.
    Taken(Insurance),
    /// Nothing changed: the separation cannot end what it names.
    NotEnded(Separated),
    /// Nothing changed: what the check worked on changed since (another claim of the person's
    /// year was approved meanwhile, or one paying back the same receipt, the same child enrolled by another case, or the person's
    /// unemployment spell opened by another registration).
    Stale,
}

#[async_trait]
pub trait CaseStore: Send + Sync {
    /// Stores the filing and its case (and holds), all or nothing.
    async fn file_case(&self, filing: &NewFiling, case: &NewCase, day: &str, now: i64) -> Result<Filed, StoreError>;
    async fn case_get(&self, id: i64) -> Result<Option<Case>, StoreError>;
    async fn case_by_filing(&self, client_id: &str) -> Result<Option<Case>, StoreError>;
    /// Oldest first.
    async fn case_queue(&self, filter: &CaseFilter) -> Result<Vec<Case>, StoreError>;
    async fn case_count(&self, filter: &CaseFilter) -> Result<i64, StoreError>;
    async fn case_events(&self, id: i64) -> Result<Vec<ApplicationEvent>, StoreError>;
    /// The cases of those of `client_ids` that `account` sent.
    async fn cases_sent_by(&self, account: i64, client_ids: &[String]) -> Result<Vec<Case>, StoreError>;
    async fn case_decide(&self, t: &CaseTransition<'_>, audit: &AuditEntry, now: i64) -> Result<CaseMoved, StoreError>;
}

macro_rules! columns {
    () => {
        "c.id, c.filing_id, f.client_id, f.receipt_no, c.kind, c.modules, c.unit_id, COALESCE(u.name, '') AS unit_name, c.region, \
         c.status, c.reasons, c.version_of, c.submitted_by, c.submitted_on, c.submitted_at, c.decided_by, c.updated_at"
    };
}
macro_rules! joins {
    () => {
        "JOIN filings f ON f.id = c.filing_id LEFT JOIN ledger_units u ON u.id = c.unit_id"
    };
}
const COLUMNS: &str = columns!();
const JOINS: &str = joins!();
const SELECT: &str = concat!("SELECT ", columns!(), " FROM office_cases c ", joins!());

/// `WHERE` clauses: the review desk's, then the kind and the insurances; `$n` in bind order.
fn queue_where(f: &CaseFilter) -> String {
    let mut clauses = queue_clauses(&f.queue, "c.");
    let mut n = placeholders(&f.queue);
    if f.kind.is_some() {
        n += 1;
        clauses.push(format!("c.kind = ${n}"));
    }
    if f.modules.is_some() {
        n += 1;
        clauses.push(format!("(c.modules & ${n}) <> 0"));
    }
    where_of(&clauses)
}

fn binds(f: &CaseFilter) -> usize {
    placeholders(&f.queue) + usize::from(f.kind.is_some()) + usize::from(f.modules.is_some())
}

macro_rules! bind_case_filter {
    ($q:expr, $f:expr) => {{
        let mut q = bind_filter!($q, $f.queue);
        if let Some(k) = &$f.kind {
            q = q.bind(k.clone());
        }
        if let Some(m) = $f.modules {
            q = q.bind(m);
        }
        q
    }};
}

macro_rules! impl_case_store {
    ($store:ty, $row:ty) => {
        fn case(r: &$row) -> Result<Case, sqlx::Error> {
            Ok(Case {
                id: r.try_get("id")?,
                filing_id: r.try_get("filing_id")?,
                client_id: r.try_get("client_id")?,
                receipt_no: r.try_get("receipt_no")?,
                kind: r.try_get("kind")?,
                modules: r.try_get("modules")?,
                unit_id: r.try_get("unit_id")?,
                unit_name: r.try_get("unit_name")?,
                region: r.try_get("region")?,
                status: r.try_get("status")?,
                reasons: r.try_get("reasons")?,
                version_of: r.try_get("version_of")?,
                submitted_by: r.try_get("submitted_by")?,
                submitted_on: r.try_get("submitted_on")?,
                submitted_at: r.try_get("submitted_at")?,
                decided_by: r.try_get("decided_by")?,
                updated_at: r.try_get("updated_at")?,
            })
        }

        #[async_trait]
        impl CaseStore for $store {
            async fn file_case(&self, filing: &NewFiling, c: &NewCase, day: &str, now: i64) -> Result<Filed, StoreError> {
                let mut tx = self.begin_write().await?;
                let stored = insert_filing!(&mut *tx, filing, day, now)?;
                let Stored::New(new) = &stored else {
                    // Stored before, with its case.
                    tx.rollback().await?;
                    return Ok(Filed::Stored(stored));
                };
                let version_of: Option<i64> = match &filing.version_of {
                    Some(client) => sqlx::query_scalar("SELECT c.id FROM office_cases c JOIN filings f ON f.id = c.filing_id WHERE f.client_id = $1")
                        .bind(client)
                        .fetch_optional(&mut *tx)
                        .await?,
                    None => None,
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO office_cases (filing_id, kind, modules, unit_id, region, status, version_of, submitted_by, submitted_on, submitted_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $9) RETURNING id",
                )
                .bind(new.id)
                .bind(c.kind.as_str())
                .bind(c.modules)
                .bind(c.unit_id)
                .bind(c.region)
                .bind(version_of)
                .bind(c.submitted_by)
                .bind(&c.submitted_on)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                for (index, insurance) in &c.holds {
                    let open: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM ledger_relationships r JOIN ledger_persons p ON p.id = r.person_id \
                         WHERE p.id_index = $1 AND r.insurance = $2 AND r.status <> 'ended'",
                    )
                    .bind(index)
                    .bind(insurance.code())
                    .fetch_one(&mut *tx)
                    .await?;
                    if open > 0 {
                        tx.rollback().await?;
                        return Ok(Filed::Taken(*insurance));
                    }
                    let held = sqlx::query("INSERT INTO ledger_holds (id_index, insurance, case_id) VALUES ($1, $2, $3)")
                        .bind(index)
                        .bind(insurance.code())
                        .bind(id)
                        .execute(&mut *tx)
                        .await;
                    match held {
                        Ok(_) => {}
                        Err(e) if crate::ledger::relationships::refused_as_duplicate(&e) => {
                            tx.rollback().await?;
                            return Ok(Filed::Pending(*insurance));
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                sqlx::query("INSERT INTO office_case_events (case_id, at, status, actor) VALUES ($1, $2, 'submitted', $3)")
                    .bind(id)
                    .bind(now)
                    .bind(c.submitted_by)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Filed::Stored(stored))
            }

            async fn case_get(&self, id: i64) -> Result<Option<Case>, StoreError> {
                let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(case).transpose()?)
            }

            async fn case_by_filing(&self, client_id: &str) -> Result<Option<Case>, StoreError> {
                let row = sqlx::query(&format!("{SELECT} WHERE f.client_id = $1")).bind(client_id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(case).transpose()?)
            }

            async fn case_queue(&self, f: &CaseFilter) -> Result<Vec<Case>, StoreError> {
                let n = binds(f);
                // The page's ids first, from the queue's covering index alone (100,000 cases: well
                // under a millisecond); then only those rows are joined.
                let sql = format!(
                    "SELECT {COLUMNS} FROM (SELECT c.id FROM office_cases c {} ORDER BY c.id LIMIT ${} OFFSET ${}) page \
                     JOIN office_cases c ON c.id = page.id {JOINS} ORDER BY c.id",
                    queue_where(f),
                    n + 1,
                    n + 2
                );
                let q = bind_case_filter!(sqlx::query(&sql), f).bind(f.queue.limit).bind(f.queue.offset);
                let rows = q.fetch_all(&self.pool).await?;
                Ok(rows.iter().map(case).collect::<Result<_, _>>()?)
            }

            async fn case_count(&self, f: &CaseFilter) -> Result<i64, StoreError> {
                let sql = format!("SELECT COUNT(*) FROM office_cases c {}", queue_where(f));
                let q = bind_case_filter!(sqlx::query_scalar::<_, i64>(&sql), f);
                Ok(q.fetch_one(&self.pool).await?)
            }

            async fn case_events(&self, id: i64) -> Result<Vec<ApplicationEvent>, StoreError> {
                let rows = sqlx::query("SELECT at, status, actor, reasons FROM office_case_events WHERE case_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| Ok(ApplicationEvent { at: r.try_get("at")?, status: r.try_get("status")?, actor: r.try_get("actor")?, reasons: r.try_get("reasons")? }))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn cases_sent_by(&self, account: i64, client_ids: &[String]) -> Result<Vec<Case>, StoreError> {
                let mut out = Vec::new();
                for client in client_ids {
                    let row = sqlx::query(&format!("{SELECT} WHERE f.client_id = $1 AND f.sent_by = $2"))
                        .bind(client)
                        .bind(account)
                        .fetch_optional(&self.pool)
                        .await?;
                    if let Some(r) = row {
                        out.push(case(&r)?);
                    }
                }
                Ok(out)
            }

            async fn case_decide(&self, t: &CaseTransition<'_>, audit: &AuditEntry, now: i64) -> Result<CaseMoved, StoreError> {
                let mut tx = self.begin_write().await?;
                let decides = t.to != "in_review";
                let moved = sqlx::query(
                    "UPDATE office_cases SET status = $1, reasons = $2, decided_by = CASE WHEN $3 THEN $4 ELSE decided_by END, updated_at = $5 \
                     WHERE id = $6 AND status = $7 AND (submitted_by IS NULL OR submitted_by <> $4)",
                )
                .bind(t.to)
                .bind(t.reasons)
                .bind(decides)
                .bind(t.by)
                .bind(now)
                .bind(t.id)
                .bind(t.from)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved == 0 {
                    tx.rollback().await?;
                    return Ok(CaseMoved::No);
                }
                sqlx::query("INSERT INTO office_case_events (case_id, at, status, actor, reasons) VALUES ($1, $2, $3, $4, $5)")
                    .bind(t.id)
                    .bind(now)
                    .bind(t.to)
                    .bind(t.by)
                    .bind(t.reasons)
                    .execute(&mut *tx)
                    .await?;
                if decides {
                    sqlx::query("DELETE FROM ledger_holds WHERE case_id = $1").bind(t.id).execute(&mut *tx).await?;
                }
                if let Some(effect) = t.effect {
                    let (filing_id, receipt): (i64, String) =
                        sqlx::query_as("SELECT f.id, f.receipt_no FROM office_cases c JOIN filings f ON f.id = c.filing_id WHERE c.id = $1")
                            .bind(t.id)
                            .fetch_one(&mut *tx)
                            .await?;
                    let refused = match effect {
                        Effect::Enrol(e) => open_relationships!(&mut *tx, e, Some(filing_id), Some(receipt.as_str()), now)?.map(CaseMoved::Taken),
                        Effect::Separate(s) => end_relationships!(&mut *tx, s, &receipt, now)?.map(CaseMoved::NotEnded),
                        Effect::Bases { unit_id, year, rows, actor } => {
                            set_bases!(&mut *tx, *unit_id, *year, rows, Some(filing_id), Some(*actor), now)?;
                            None
                        }
                        Effect::Recognise(r) => {
                            crate::injuries::store::recognise_injury!(&mut *tx, t.id, r, t.by, now)?;
                            None
                        }
                        Effect::Unemploy(r) => (!crate::unemployment::store::register_spell!(&mut *tx, t.id, r, t.by, now)?).then_some(CaseMoved::Stale),
                        Effect::Reimburse(r) => (!crate::medical::store::keep_claim!(&mut *tx, t.id, r, t.by, now)?).then_some(CaseMoved::Stale),
                        Effect::Newborn(e) => (!crate::medical::newborn_store::keep_newborn!(&mut *tx, t.id, e, t.by, now)?).then_some(CaseMoved::Stale),
                        Effect::Details(c) => {
                            let change = AuditEntry { action: "office.person_change".into(), target: Some(format!("person:{}", c.person_id)), ..audit.clone() };
                            (!crate::office::details_store::set_details!(&mut *tx, c.person_id, &c.changes, None, t.by, &change, now)?).then_some(CaseMoved::Stale)
                        }
                        Effect::UnitDetails { unit_id, change } => {
                            let audit = AuditEntry { action: "office.unit_details".into(), target: Some(format!("unit:{unit_id}")), ..audit.clone() };
                            (!crate::office::unit_store::change_unit!(&mut *tx, *unit_id, change, t.by, &audit, now)?).then_some(CaseMoved::Stale)
                        }
                    };
                    if let Some(refused) = refused {
                        tx.rollback().await?;
                        return Ok(refused);
                    }
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(CaseMoved::Yes)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_case_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_case_store!(PgStore, sqlx::postgres::PgRow);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_filter_numbers_its_placeholders_after_the_desks() {
        let f = CaseFilter {
            queue: QueueFilter { statuses: vec!["submitted".into()], region: Some((320100, 320199)), ..Default::default() },
            kind: Some("enrolment".into()),
            modules: Some(4),
        };
        assert_eq!(queue_where(&f), "WHERE c.status IN ($1) AND c.region BETWEEN $2 AND $3 AND c.kind = $4 AND (c.modules & $5) <> 0");
        assert_eq!(binds(&f), 5);
        assert_eq!(queue_where(&CaseFilter::default()), "");
    }
}
