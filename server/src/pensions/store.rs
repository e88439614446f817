//! Pension claims and their payments, as stored (`pension_claims`, `pension_payments`).
//!
//! - A claim is kept pending with the pension computed when it was filed; the database keeps
//!   one live (pending or approved) claim per person, so two counters filing at once cannot
//!   both succeed.
//! - Approving is one transaction: the conditional update (only a pending claim, only by an
//!   account other than the filer; the table's CHECK says the same), the months due so far
//!   paid, and the audit entry.
//! - [`ClaimStore::pay_claim`] pays an approved claim up to a month, each month once (the
//!   primary key), so a run that stops half-way or runs on two replicas pays nothing twice;
//!   `super::payroll` bounds the month by the person's certification.
//! - [`ClaimStore::certify`] records a certification (养老待遇资格认证) and keeps the latest day.

use app::api::office::{BatchStatus, PensionClaimView};
use app::domain::ledger::{Month, Working};
use app::domain::pension::Category;
use app::domain::{Date, Fen};
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// A computed claim to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    pub person_id: i64,
    pub category: Category,
    pub retire_in: Month,
    pub first_month: Month,
    pub archive_months: u16,
    pub archive_index: u32,
    pub archive_ref: String,
    pub base: Fen,
    pub index: u32,
    pub months: u16,
    pub basic: Fen,
    pub account: Fen,
    pub working: Working,
    pub submitted_by: i64,
}

/// One month paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paid {
    pub month: Month,
    pub amount: Fen,
    pub paid_at: i64,
}

#[async_trait]
pub trait ClaimStore: Send + Sync {
    /// Keeps a claim as pending with its audit entry (whose target it fills in); `None` when
    /// the person has a live claim already (nothing was written then).
    async fn claim_submit(&self, c: &NewClaim, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError>;
    async fn claim_get(&self, id: i64) -> Result<Option<PensionClaimView>, StoreError>;
    /// The latest `limit` claims (of one person, or all), newest first.
    async fn claim_recent(&self, person_id: Option<i64>, limit: i64) -> Result<Vec<PensionClaimView>, StoreError>;
    /// Decides a pending claim by `by`: approved (`return_reason: None`; the months from the
    /// first through `through` are paid at once) or returned. `false` when it is not pending
    /// any more, or `by` filed it (nothing was written then).
    /// Approval is the first certification, on `today`.
    async fn claim_decide(&self, id: i64, by: i64, return_reason: Option<&str>, today: Date, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// The (unit, month) pairs assessed to a person's 养老保险 from `from` on, oldest first: the
    /// months an approval back in time must assess again (补差).
    async fn pension_months_assessed(&self, person: i64, from: Month) -> Result<Vec<(i64, Month)>, StoreError>;
    /// The approved claims not paid through `through`, with their latest certification and the
    /// last month paid.
    async fn claims_due(&self, through: Month) -> Result<Vec<(i64, Option<Date>, Option<Month>)>, StoreError>;
    /// Pays an approved claim each month after its last paid through `through`, in one
    /// transaction; the months paid.
    async fn pay_claim(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError>;
    /// [`Self::pay_claim`] for many claims (each through its own month) in one transaction and
    /// a few set-based statements, so that the month's run neither commits nor round-trips
    /// per pensioner; the months paid.
    async fn pay_claims(&self, due: &[(i64, Month)], now: i64) -> Result<u64, StoreError>;
    /// Records a certification of an approved claim's pensioner on `on` (`way`: `counter`,
    /// `field`, `self`) with its audit entry; the claim keeps the latest day. `false` when the
    /// claim is not approved (nothing was written then).
    async fn certify(&self, id: i64, on: Date, way: &str, by: Option<i64>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// The payments of a claim, newest first, at most `limit`.
    async fn claim_payments(&self, claim_id: i64, limit: i64) -> Result<Vec<Paid>, StoreError>;
    /// A claim's latest `limit` certifications, newest first: the day and the way.
    async fn claim_certifications(&self, claim_id: i64, limit: i64) -> Result<Vec<(String, String)>, StoreError>;
    /// Approved claims certified on or before `on_or_before`, as [`ToRemind`].
    async fn claims_to_remind(&self, on_or_before: Date) -> Result<Vec<ToRemind>, StoreError>;
    /// Takes the reminders of many claims (each of its due date) in one transaction: the
    /// claims whose reminder this call took — not one taken already (by this sweep's earlier
    /// run or another replica's).
    async fn claims_mark_reminded(&self, due: &[(i64, Date)]) -> Result<Vec<i64>, StoreError>;
    /// Gives it back (the message could not be sent): the next sweep tries again.
    async fn claim_unmark_reminded(&self, id: i64, due: Date) -> Result<(), StoreError>;
}

/// A claim whose certification may be due, as the reminders need it.
#[derive(Debug, Clone)]
pub struct ToRemind {
    pub claim: i64,
    /// Its latest certification.
    pub certified_on: Date,
    /// The due date last reminded of.
    pub reminded_for: Option<String>,
    /// The person's ID number's blind index.
    pub id_index: String,
    /// The mobile of the person's account, if they have one, sealed.
    pub account_mobile: Option<Vec<u8>>,
    /// The mobile the counter keeps in the person's details (信息变更), sealed.
    pub details_mobile: Option<Vec<u8>>,
}

const SELECT: &str = "SELECT c.id, c.person_id, p.name AS person_name, c.category, c.retire_in, c.first_month, c.archive_months, c.archive_index, \
     c.archive_ref, c.base, c.avg_index, c.months, c.basic, c.account, c.monthly, c.working, c.status, c.paid_through, c.submitted_by, \
     c.submitted_at, c.decided_by, c.decided_at, c.return_reason, c.certified_on FROM pension_claims c JOIN ledger_persons p ON p.id = c.person_id";

/// Rows (and ids) per statement of `pay!` and
/// [`ClaimStore::claims_mark_reminded`]: at most 4 binds a row keeps a statement at 800 binds,
/// well within either database's limit.
const CHUNK: usize = 200;

/// `$from, $from+1, …` for `n` binds.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

fn status(s: &str) -> BatchStatus {
    match s {
        "applied" => BatchStatus::Applied,
        "returned" => BatchStatus::Returned,
        _ => BatchStatus::Pending,
    }
}

fn month(text: &str) -> Result<Month, sqlx::Error> {
    Month::parse(text).ok_or_else(|| sqlx::Error::Decode(format!("a month in pension_claims: {text:?}").into()))
}

/// `stop_contributing!(&mut *tx, claim_id, person_id, first_month, by, now)`: a pensioner no
/// longer pays into 基本养老保险 — their open pension relationship ends with the month before
/// the pension's first (never before the relationship began), reason `retired`, with the
/// ledger's event; the other insurances are the unit's to end (a 减员). Months already assessed
/// after the end are not adjusted here. Evaluates to `Result<(), sqlx::Error>`.
macro_rules! stop_contributing {
    ($conn:expr, $claim:expr, $person:expr, $first:expr, $by:expr, $now:expr) => {{
        async {
            let (person, first): (i64, Month) = ($person, $first);
            let open: Option<(i64, i64, String)> = sqlx::query_as(
                "SELECT id, unit_id, start_month FROM ledger_relationships WHERE person_id = $1 AND insurance = 'pension' AND status <> 'ended'",
            )
            .bind(person)
            .fetch_optional(&mut *$conn)
            .await?;
            if let Some((relationship, unit, start)) = open {
                let before = Month::from_index(first.index() - 1).map(|m| m.to_string()).unwrap_or_default();
                let last = if before >= start { before } else { start };
                sqlx::query("UPDATE ledger_relationships SET status = 'ended', end_month = $1, reason = 'retired', updated_at = $2 WHERE id = $3")
                    .bind(&last)
                    .bind($now)
                    .bind(relationship)
                    .execute(&mut *$conn)
                    .await?;
                let detail = serde_json::json!({ "why": "retired", "claim": $claim, "insurances": ["pension"] }).to_string();
                let event = $crate::ledger::events::Event { actor: Some($by), action: "retire", unit_id: Some(unit), person_id: Some(person), month: Some(last), detail };
                $crate::ledger::events::insert_event!(&mut *$conn, &event, $now)?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await
    }};
}

/// `pay!(&mut *tx, &[(claim_id, through)], now)`: pays each approved claim among them the
/// months after its `paid_through` (or from its first month) through its `through`, each
/// month once (the payments' key; `ON CONFLICT DO NOTHING`), and moves `paid_through`;
/// evaluates to `Result<u64, sqlx::Error>`, the months written. Set-based, a few statements a
/// batch rather than three a claim: the claims as they stand in the caller's transaction,
/// their months in multi-row inserts, one update per month paid through.
macro_rules! pay {
    ($conn:expr, $due:expr, $now:expr) => {{
        async {
            let due: &[(i64, Month)] = $due;
            let through: std::collections::HashMap<i64, Month> = due.iter().copied().collect();
            let mut plan: Vec<(i64, Month, Month, i64)> = Vec::with_capacity(due.len());
            for ids in due.chunks(CHUNK) {
                // By the key alone, the status checked here: with the status in the WHERE,
                // PostgreSQL with stale statistics (a bulk-loaded table) also scanned the
                // status index, 30 ms a batch instead of 0.2.
                let sql = format!("SELECT id, status, first_month, paid_through, monthly FROM pension_claims WHERE id IN ({})", placeholders(1, ids.len()));
                let mut q = sqlx::query_as::<_, (i64, String, String, Option<String>, i64)>(&sql);
                for (id, _) in ids {
                    q = q.bind(id);
                }
                for (id, status, first, paid, monthly) in q.fetch_all(&mut *$conn).await? {
                    if status != "applied" {
                        continue;
                    }
                    let from = match paid.as_deref().map(month).transpose()? {
                        Some(m) => m.next(),
                        None => month(&first)?,
                    };
                    let until = through[&id];
                    if from <= until {
                        plan.push((id, from, until, monthly));
                    }
                }
            }
            let rows: Vec<(i64, String, i64)> =
                plan.iter().flat_map(|&(id, from, until, monthly)| from.through(until).map(move |m| (id, m.to_string(), monthly))).collect();
            let mut written = 0;
            for chunk in rows.chunks(CHUNK) {
                let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4)).collect();
                let sql = format!("INSERT INTO pension_payments (claim_id, month, amount, paid_at) VALUES {} ON CONFLICT DO NOTHING", values.join(", "));
                let mut q = sqlx::query(&sql);
                for (id, m, amount) in chunk {
                    q = q.bind(id).bind(m).bind(amount).bind($now);
                }
                written += q.execute(&mut *$conn).await?.rows_affected();
            }
            let mut by_month: std::collections::BTreeMap<Month, Vec<i64>> = std::collections::BTreeMap::new();
            for &(id, _, until, _) in &plan {
                by_month.entry(until).or_default().push(id);
            }
            for (until, ids) in by_month {
                for ids in ids.chunks(CHUNK) {
                    let sql = format!("UPDATE pension_claims SET paid_through = $1 WHERE id IN ({})", placeholders(2, ids.len()));
                    let mut q = sqlx::query(&sql).bind(until.to_string());
                    for id in ids {
                        q = q.bind(id);
                    }
                    q.execute(&mut *$conn).await?;
                }
            }
            Ok::<u64, sqlx::Error>(written)
        }
        .await
    }};
}

/// `certify_claim!(&mut *tx, claim_id, on, way, by, now)`: one certification of an approved
/// claim — its row, and the claim's latest day moved to `on` unless it is later already;
/// evaluates to `Result<bool, sqlx::Error>`, `false` (nothing written) when the claim is not
/// approved.
macro_rules! certify_claim {
    ($conn:expr, $id:expr, $on:expr, $way:expr, $by:expr, $now:expr) => {{
        async {
            let moved = sqlx::query(
                "UPDATE pension_claims SET certified_on = CASE WHEN certified_on IS NULL OR certified_on < $1 THEN $1 ELSE certified_on END \
                 WHERE id = $2 AND status = 'applied'",
            )
            .bind($on.iso())
            .bind($id)
            .execute(&mut *$conn)
            .await?
            .rows_affected();
            if moved != 1 {
                return Ok::<bool, sqlx::Error>(false);
            }
            sqlx::query("INSERT INTO pension_certifications (claim_id, certified_on, way, by_account, at) VALUES ($1, $2, $3, $4, $5)")
                .bind($id)
                .bind($on.iso())
                .bind($way)
                .bind($by)
                .bind($now)
                .execute(&mut *$conn)
                .await?;
            Ok(true)
        }
        .await
    }};
}
pub(super) use certify_claim;

macro_rules! impl_claim_store {
    ($store:ty, $row:ty) => {
        fn claim_of(r: &$row) -> Result<PensionClaimView, sqlx::Error> {
            let working: String = r.try_get("working")?;
            let category: String = r.try_get("category")?;
            Ok(PensionClaimView {
                id: r.try_get("id")?,
                person: r.try_get("person_id")?,
                person_name: r.try_get("person_name")?,
                category: Category::parse(&category).ok_or_else(|| sqlx::Error::Decode(format!("a pension category: {category:?}").into()))?,
                retire_in: month(&r.try_get::<String, _>("retire_in")?)?,
                first_month: month(&r.try_get::<String, _>("first_month")?)?,
                archive_months: u16::try_from(r.try_get::<i64, _>("archive_months")?).unwrap_or_default(),
                archive_index: u32::try_from(r.try_get::<i64, _>("archive_index")?).unwrap_or_default(),
                archive_ref: r.try_get("archive_ref")?,
                base: Fen(r.try_get("base")?),
                index: u32::try_from(r.try_get::<i64, _>("avg_index")?).unwrap_or_default(),
                months: u16::try_from(r.try_get::<i64, _>("months")?).unwrap_or_default(),
                basic: Fen(r.try_get("basic")?),
                account: Fen(r.try_get("account")?),
                monthly: Fen(r.try_get("monthly")?),
                working: serde_json::from_str(&working).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                status: status(r.try_get::<String, _>("status")?.as_str()),
                paid_through: r.try_get::<Option<String>, _>("paid_through")?.as_deref().map(month).transpose()?,
                submitted_by: r.try_get("submitted_by")?,
                submitted_at: r.try_get("submitted_at")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
                return_reason: r.try_get("return_reason")?,
                certified_on: r
                    .try_get::<Option<String>, _>("certified_on")?
                    .map(|d| Date::parse_iso(&d).ok_or_else(|| sqlx::Error::Decode(format!("a certification day: {d:?}").into())))
                    .transpose()?,
            })
        }

        #[async_trait]
        impl ClaimStore for $store {
            async fn claim_submit(&self, c: &NewClaim, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError> {
                let working = serde_json::to_string(&c.working).map_err(|e| StoreError::Db(sqlx::Error::Encode(Box::new(e))))?;
                let mut tx = self.begin_write().await?;
                let inserted = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO pension_claims (person_id, category, retire_in, first_month, archive_months, archive_index, archive_ref, base, \
                     avg_index, months, basic, account, monthly, working, status, submitted_by, submitted_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'pending', $15, $16) RETURNING id",
                )
                .bind(c.person_id)
                .bind(c.category.code())
                .bind(c.retire_in.to_string())
                .bind(c.first_month.to_string())
                .bind(i64::from(c.archive_months))
                .bind(i64::from(c.archive_index))
                .bind(&c.archive_ref)
                .bind(c.base.0)
                .bind(i64::from(c.index))
                .bind(i64::from(c.months))
                .bind(c.basic.0)
                .bind(c.account.0)
                .bind(c.basic.0 + c.account.0)
                .bind(working)
                .bind(c.submitted_by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await;
                let id = match inserted {
                    Ok(id) => id,
                    Err(e) if crate::ledger::relationships::refused_as_duplicate(&e) => return Ok(None),
                    Err(e) => return Err(e.into()),
                };
                let entry = AuditEntry { target: Some(format!("pension_claim:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(Some(id))
            }

            async fn claim_get(&self, id: i64) -> Result<Option<PensionClaimView>, StoreError> {
                let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(claim_of).transpose().map_err(StoreError::from)
            }

            async fn claim_recent(&self, person_id: Option<i64>, limit: i64) -> Result<Vec<PensionClaimView>, StoreError> {
                // `$1 IS NULL` would need a typed NULL in PostgreSQL: two queries instead.
                let rows = match person_id {
                    Some(p) => sqlx::query(&format!("{SELECT} WHERE c.person_id = $1 ORDER BY c.id DESC LIMIT $2")).bind(p).bind(limit).fetch_all(&self.pool).await?,
                    None => sqlx::query(&format!("{SELECT} ORDER BY c.id DESC LIMIT $1")).bind(limit).fetch_all(&self.pool).await?,
                };
                rows.iter().map(claim_of).collect::<Result<_, sqlx::Error>>().map_err(StoreError::from)
            }

            async fn claim_decide(&self, id: i64, by: i64, return_reason: Option<&str>, today: Date, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let status = if return_reason.is_some() { "returned" } else { "applied" };
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE pension_claims SET status = $1, decided_by = $2, decided_at = $3, return_reason = $4 \
                     WHERE id = $5 AND status = 'pending' AND submitted_by <> $2",
                )
                .bind(status)
                .bind(by)
                .bind(now)
                .bind(return_reason)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done != 1 {
                    return Ok(false);
                }
                if return_reason.is_none() {
                    let (first, person): (String, i64) =
                        sqlx::query_as("SELECT first_month, person_id FROM pension_claims WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
                    certify_claim!(&mut *tx, id, today, "approval", Some(by), now)?;
                    pay!(&mut *tx, &[(id, Month::of(today))], now)?;
                    stop_contributing!(&mut *tx, id, person, month(&first)?, by, now)?;
                }
                let entry = AuditEntry { target: Some(format!("pension_claim:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn pension_months_assessed(&self, person: i64, from: Month) -> Result<Vec<(i64, Month)>, StoreError> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT DISTINCT unit_id, month FROM ledger_assessments WHERE unit_id IN (SELECT unit_id FROM ledger_relationships WHERE person_id = $1) \
                     AND person_id = $1 AND insurance = 'pension' AND month >= $2 ORDER BY month, unit_id",
                )
                .bind(person)
                .bind(from.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(|(unit, m)| Ok((unit, month(&m)?))).collect()
            }

            async fn claims_due(&self, through: Month) -> Result<Vec<(i64, Option<Date>, Option<Month>)>, StoreError> {
                let due: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT id, certified_on, paid_through FROM pension_claims WHERE status = 'applied' AND (paid_through IS NULL OR paid_through < $1) ORDER BY id",
                )
                .bind(through.to_string())
                .fetch_all(&self.pool)
                .await?;
                due.into_iter().map(|(id, on, paid)| Ok((id, on.as_deref().and_then(Date::parse_iso), paid.as_deref().map(month).transpose()?))).collect()
            }

            async fn pay_claim(&self, id: i64, through: Month, now: i64) -> Result<u64, StoreError> {
                self.pay_claims(&[(id, through)], now).await
            }

            async fn pay_claims(&self, due: &[(i64, Month)], now: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let written = pay!(&mut *tx, due, now)?;
                tx.commit().await?;
                Ok(written)
            }

            async fn certify(&self, id: i64, on: Date, way: &str, by: Option<i64>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                if !certify_claim!(&mut *tx, id, on, way, by, now)? {
                    return Ok(false);
                }
                let entry = AuditEntry { target: Some(format!("pension_claim:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn claim_certifications(&self, claim_id: i64, limit: i64) -> Result<Vec<(String, String)>, StoreError> {
                Ok(sqlx::query_as("SELECT certified_on, way FROM pension_certifications WHERE claim_id = $1 ORDER BY certified_on DESC, id DESC LIMIT $2")
                    .bind(claim_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn claims_to_remind(&self, on_or_before: Date) -> Result<Vec<ToRemind>, StoreError> {
                // The mobiles in the same query: a lookup per pensioner reminded was a round trip
                // each on PostgreSQL.
                let rows: Vec<(i64, String, Option<String>, String, Option<Vec<u8>>, Option<Vec<u8>>)> = sqlx::query_as(
                    "SELECT c.id, c.certified_on, c.reminded_for, p.id_index, a.mobile_sealed, d.mobile FROM pension_claims c JOIN ledger_persons p ON p.id = c.person_id \
                     LEFT JOIN accounts a ON a.id_index = p.id_index LEFT JOIN office_person_details d ON d.person_id = p.id \
                     WHERE c.status = 'applied' AND c.certified_on <= $1 ORDER BY c.id",
                )
                .bind(on_or_before.iso())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(claim, on, reminded_for, id_index, account_mobile, details_mobile)| {
                        Some(ToRemind { claim, certified_on: Date::parse_iso(&on)?, reminded_for, id_index, account_mobile, details_mobile })
                    })
                    .collect())
            }

            async fn claims_mark_reminded(&self, due: &[(i64, Date)]) -> Result<Vec<i64>, StoreError> {
                // One conditional update a chunk, the claims and their dates as a table: the
                // claims it changed are those whose reminder this call took.
                let mut tx = self.begin_write().await?;
                let mut taken = Vec::new();
                for chunk in due.chunks(CHUNK) {
                    let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
                    let sql = format!(
                        "WITH v(id, due) AS (VALUES {}) UPDATE pension_claims SET reminded_for = (SELECT v.due FROM v WHERE v.id = pension_claims.id) \
                         WHERE id IN (SELECT v.id FROM v) AND (reminded_for IS NULL OR reminded_for <> (SELECT v.due FROM v WHERE v.id = pension_claims.id)) RETURNING id",
                        values.join(", ")
                    );
                    let mut q = sqlx::query_scalar::<_, i64>(&sql);
                    for (id, on) in chunk {
                        q = q.bind(id).bind(on.iso());
                    }
                    taken.extend(q.fetch_all(&mut *tx).await?);
                }
                tx.commit().await?;
                Ok(taken)
            }

            async fn claim_unmark_reminded(&self, id: i64, due: Date) -> Result<(), StoreError> {
                sqlx::query("UPDATE pension_claims SET reminded_for = NULL WHERE id = $1 AND reminded_for = $2").bind(id).bind(due.iso()).execute(&self.pool).await?;
                Ok(())
            }

            async fn claim_payments(&self, claim_id: i64, limit: i64) -> Result<Vec<Paid>, StoreError> {
                let rows: Vec<(String, i64, i64)> =
                    sqlx::query_as("SELECT month, amount, paid_at FROM pension_payments WHERE claim_id = $1 ORDER BY month DESC LIMIT $2")
                        .bind(claim_id)
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(|(m, amount, paid_at)| Ok(Paid { month: month(&m)?, amount: Fen(amount), paid_at })).collect::<Result<_, sqlx::Error>>().map_err(StoreError::from)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_claim_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_claim_store!(PgStore, sqlx::postgres::PgRow);
}
