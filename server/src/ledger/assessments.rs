//! 核定 rows and the unit-month statements they sum to. Assessing a group of units' month is one
//! transaction: for each unit (in id order) it takes the statement's row first (so two runs of
//! one unit-month queue, never interleave), reads every relationship of the month with what its
//! rows sum to so far, lets the rules ([`super::run`]) say what is missing — a regular row, or an
//! adjustment (补差) for a difference — writes only that, and keeps the statement's total and the
//! personal-account credits in step. A second run finds nothing missing and writes nothing.

use app::domain::policy::Insurance;
use async_trait::async_trait;
use sqlx::Row;

use super::events::{insert_event, Event};
use crate::store::{PgStore, SqliteStore, StoreError};

/// A relationship of the unit in the month, with what its rows sum to so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub relationship_id: i64,
    pub person_id: i64,
    pub insurance: Insurance,
    pub region: i64,
    /// The base declared for the month's year, or for the latest year before it.
    pub declared: Option<i64>,
    /// Open in the month; `false`: ended before it, with rows to reverse.
    pub in_scope: bool,
    pub employer: i64,
    pub individual: i64,
    pub has_regular: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Regular,
    Adjustment,
}

/// A row to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRow {
    pub relationship_id: i64,
    pub person_id: i64,
    pub insurance: Insurance,
    pub kind: RowKind,
    pub declared: i64,
    pub base: i64,
    /// `floor` | `ceiling`.
    pub clamp: Option<&'static str>,
    pub employer_rate: i64,
    pub individual_rate: i64,
    pub employer: i64,
    pub individual: i64,
}

/// What the rules made of the inputs: rows to add, and relationships they could not assess
/// (`(relationship id, issue code)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Computed {
    pub rows: Vec<NewRow>,
    pub skipped: Vec<(i64, String)>,
}

/// The rules, called inside the transaction with a unit's id and the inputs read for it.
pub type Rules<'a> = &'a (dyn Fn(i64, &[Input]) -> Computed + Send + Sync);

/// A unit's month as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub unit_id: i64,
    pub month: String,
    pub assessed_at: Option<i64>,
    pub due: i64,
    pub paid: i64,
}

/// One row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    pub id: i64,
    pub relationship_id: i64,
    pub person_id: i64,
    pub insurance: Insurance,
    pub month: String,
    pub kind: RowKind,
    pub declared: i64,
    pub base: i64,
    pub clamp: Option<String>,
    pub employer_rate: i64,
    pub individual_rate: i64,
    pub employer: i64,
    pub individual: i64,
}

#[async_trait]
pub trait AssessmentStore: Send + Sync {
    /// Assesses the month of each of `units` (ascending ids) with `rules`, all in one transaction;
    /// returns what was written per unit (nothing, on a second run).
    async fn assess_units(&self, units: &[i64], month: &str, rules: Rules<'_>, actor: Option<i64>, now: i64) -> Result<Vec<Computed>, StoreError>;
    async fn statement(&self, unit_id: i64, month: &str) -> Result<Option<Statement>, StoreError>;
    /// The unit's statements from `from` to `to` (`YYYY-MM`), by month.
    async fn statements(&self, unit_id: i64, from: &str, to: &str) -> Result<Vec<Statement>, StoreError>;
    /// The rows of a unit's month, in the order written.
    async fn month_rows(&self, unit_id: i64, month: &str) -> Result<Vec<StoredRow>, StoreError>;
}

/// Rows per multi-row `INSERT` on SQLite (14 anonymous `?` values each, under SQLite's limit of
/// 32,766). Anonymous on purpose: sqlx's SQLite driver looks each `$N` parameter up by name, which
/// costs time in the square of the parameters — at 500 rows that was more than half of an
/// assessment's time (measured with perf). A `?` has no name to look up.
const SQLITE_CHUNK: usize = 256;

const ROW_INSERT_COLUMNS: &str =
    "relationship_id, unit_id, person_id, insurance, month, kind, declared, base, clamp, employer_rate, individual_rate, employer, individual, created_at";

/// Writes a unit's new rows on SQLite: multi-row `INSERT`s of [`SQLITE_CHUNK`] rows.
async fn write_rows_sqlite(conn: &mut sqlx::SqliteConnection, unit_id: i64, month: &str, rows: &[NewRow], now: i64) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(SQLITE_CHUNK) {
        let mut sql = format!("INSERT INTO ledger_assessments ({ROW_INSERT_COLUMNS}) VALUES ");
        sql.push_str(&vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", "));
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.relationship_id)
                .bind(unit_id)
                .bind(r.person_id)
                .bind(r.insurance.code())
                .bind(month)
                .bind(kind_name(r.kind))
                .bind(r.declared)
                .bind(r.base)
                .bind(r.clamp)
                .bind(r.employer_rate)
                .bind(r.individual_rate)
                .bind(r.employer)
                .bind(r.individual)
                .bind(now);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Writes a unit's new rows on PostgreSQL: one `COPY … FROM STDIN` in text format (every value
/// is a number or one of a few fixed ASCII words, so nothing needs escaping), which spares the
/// server the parsing and binding of a multi-row `INSERT`'s thousands of parameters.
async fn write_rows_pg(conn: &mut sqlx::PgConnection, unit_id: i64, month: &str, rows: &[NewRow], now: i64) -> Result<(), sqlx::Error> {
    use std::fmt::Write as _;
    let mut data = String::with_capacity(rows.len() * 96);
    for r in rows {
        let _ = writeln!(
            data,
            "{}\t{unit_id}\t{}\t{}\t{month}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{now}",
            r.relationship_id,
            r.person_id,
            r.insurance.code(),
            kind_name(r.kind),
            r.declared,
            r.base,
            r.clamp.unwrap_or("\\N"),
            r.employer_rate,
            r.individual_rate,
            r.employer,
            r.individual,
        );
    }
    let mut copy = conn.copy_in_raw(&format!("COPY ledger_assessments ({ROW_INSERT_COLUMNS}) FROM STDIN")).await?;
    // A COPY left open breaks the connection for its next use: one that could not be sent is
    // aborted (the transaction then rolls back as for any other error).
    let sent = copy.send(data.into_bytes()).await.map(|_| ());
    if let Err(e) = sent {
        let _ = copy.abort("the assessment rows could not be sent").await;
        return Err(e);
    }
    copy.finish().await?;
    Ok(())
}

/// `credit_accounts!(&mut *tx, unit_id, month, now)`: once a unit's month is paid in full, each
/// person's individual pension contributions of it are credited to their personal account — as
/// the difference from what was credited before, so running it again adds nothing.
macro_rules! credit_accounts {
    ($tx:expr, $unit:expr, $month:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO ledger_account_credits (person_id, unit_id, month, amount, created_at) \
             SELECT a.person_id, a.unit_id, a.month, \
               CAST(SUM(a.individual) AS BIGINT) - COALESCE((SELECT CAST(SUM(c.amount) AS BIGINT) FROM ledger_account_credits c \
                 WHERE c.person_id = a.person_id AND c.unit_id = a.unit_id AND c.month = a.month), 0), $3 \
             FROM ledger_assessments a \
             WHERE a.unit_id = $1 AND a.month = $2 AND a.insurance = 'pension' \
               AND EXISTS (SELECT 1 FROM ledger_statements s WHERE s.unit_id = $1 AND s.month = $2 AND s.paid >= s.due) \
             GROUP BY a.person_id, a.unit_id, a.month \
             HAVING CAST(SUM(a.individual) AS BIGINT) <> COALESCE((SELECT CAST(SUM(c.amount) AS BIGINT) FROM ledger_account_credits c \
                 WHERE c.person_id = a.person_id AND c.unit_id = a.unit_id AND c.month = a.month), 0)",
        )
        .bind($unit)
        .bind($month)
        .bind($now)
        .execute($tx)
        .await
    };
}
pub(crate) use credit_accounts;

const INPUTS: &str = "SELECT r.id, r.person_id, r.insurance, r.region, \
       (SELECT b.declared FROM ledger_bases b WHERE b.person_id = r.person_id AND b.unit_id = r.unit_id AND b.year <= $3 \
        ORDER BY b.year DESC LIMIT 1) AS declared, \
       CAST(CASE WHEN r.start_month <= $2 AND (r.end_month IS NULL OR r.end_month >= $2) AND NOT EXISTS (SELECT 1 FROM ledger_suspensions z \
        WHERE z.relationship_id = r.id AND z.from_month <= $2 AND (z.to_month IS NULL OR z.to_month >= $2)) THEN 1 ELSE 0 END AS BIGINT) AS in_scope, \
       CAST(COALESCE(x.employer, 0) AS BIGINT) AS employer, CAST(COALESCE(x.individual, 0) AS BIGINT) AS individual, \
       CAST(COALESCE(x.regular, 0) AS BIGINT) AS regular \
     FROM ledger_relationships r \
     LEFT JOIN (SELECT relationship_id, SUM(employer) AS employer, SUM(individual) AS individual, \
                  SUM(CASE WHEN kind = 'regular' THEN 1 ELSE 0 END) AS regular \
                FROM ledger_assessments WHERE unit_id = $1 AND month = $2 GROUP BY relationship_id) x ON x.relationship_id = r.id \
     WHERE r.unit_id = $1 AND ((r.start_month <= $2 AND (r.end_month IS NULL OR r.end_month >= $2)) OR x.relationship_id IS NOT NULL) \
     ORDER BY r.id";

const ROW_COLUMNS: &str =
    "id, relationship_id, person_id, insurance, month, kind, declared, base, clamp, employer_rate, individual_rate, employer, individual";

fn kind_name(k: RowKind) -> &'static str {
    match k {
        RowKind::Regular => "regular",
        RowKind::Adjustment => "adjustment",
    }
}

macro_rules! impl_assessment_store {
    ($store:ty, $row:ty, $write:ident) => {
        fn statement(r: &$row) -> Result<Statement, sqlx::Error> {
            Ok(Statement {
                unit_id: r.try_get("unit_id")?,
                month: r.try_get("month")?,
                assessed_at: r.try_get("assessed_at")?,
                due: r.try_get("due")?,
                paid: r.try_get("paid")?,
            })
        }

        fn stored_row(r: &$row) -> Result<StoredRow, sqlx::Error> {
            let insurance: String = r.try_get("insurance")?;
            let kind: String = r.try_get("kind")?;
            Ok(StoredRow {
                id: r.try_get("id")?,
                relationship_id: r.try_get("relationship_id")?,
                person_id: r.try_get("person_id")?,
                insurance: Insurance::parse(&insurance).ok_or_else(|| sqlx::Error::Decode(format!("insurance {insurance}").into()))?,
                month: r.try_get("month")?,
                kind: if kind == "regular" { RowKind::Regular } else { RowKind::Adjustment },
                declared: r.try_get("declared")?,
                base: r.try_get("base")?,
                clamp: r.try_get("clamp")?,
                employer_rate: r.try_get("employer_rate")?,
                individual_rate: r.try_get("individual_rate")?,
                employer: r.try_get("employer")?,
                individual: r.try_get("individual")?,
            })
        }

        #[async_trait]
        impl AssessmentStore for $store {
            async fn assess_units(&self, units: &[i64], month: &str, rules: Rules<'_>, actor: Option<i64>, now: i64) -> Result<Vec<Computed>, StoreError> {
                let mut tx = self.begin_write().await?;
                let mut done = Vec::with_capacity(units.len());
                for &unit_id in units {
                    // Takes the statement's row (PostgreSQL: a row lock; SQLite: the write lock is ours
                    // already) without changing it when it exists.
                    sqlx::query(
                        "INSERT INTO ledger_statements (unit_id, month, assessed_at, due, paid, updated_at) VALUES ($1, $2, NULL, 0, 0, $3) \
                         ON CONFLICT (unit_id, month) DO UPDATE SET updated_at = ledger_statements.updated_at",
                    )
                    .bind(unit_id)
                    .bind(month)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let year: i64 = month[..4].parse().unwrap_or_default();
                    let rows = sqlx::query(INPUTS).bind(unit_id).bind(month).bind(year).fetch_all(&mut *tx).await?;
                    let mut inputs = Vec::with_capacity(rows.len());
                    for r in &rows {
                        let insurance: String = r.try_get("insurance")?;
                        let Some(insurance) = Insurance::parse(&insurance) else { continue };
                        inputs.push(Input {
                            relationship_id: r.try_get("id")?,
                            person_id: r.try_get("person_id")?,
                            insurance,
                            region: r.try_get("region")?,
                            declared: r.try_get("declared")?,
                            in_scope: r.try_get::<i64, _>("in_scope")? == 1,
                            employer: r.try_get("employer")?,
                            individual: r.try_get("individual")?,
                            has_regular: r.try_get::<i64, _>("regular")? > 0,
                        });
                    }
                    let computed = rules(unit_id, &inputs);
                    if computed.rows.is_empty() {
                        // Nothing to add: leave everything as it was (a first run of an empty month
                        // still records that the month was assessed).
                        sqlx::query("UPDATE ledger_statements SET assessed_at = $1 WHERE unit_id = $2 AND month = $3 AND assessed_at IS NULL")
                            .bind(now)
                            .bind(unit_id)
                            .bind(month)
                            .execute(&mut *tx)
                            .await?;
                        done.push(computed);
                        continue;
                    }
                    $write(&mut *tx, unit_id, month, &computed.rows, now).await?;
                    sqlx::query(
                        "UPDATE ledger_statements SET assessed_at = COALESCE(assessed_at, $1), updated_at = $1, \
                         due = (SELECT CAST(COALESCE(SUM(employer + individual), 0) AS BIGINT) FROM ledger_assessments WHERE unit_id = $2 AND month = $3) \
                         WHERE unit_id = $2 AND month = $3",
                    )
                    .bind(now)
                    .bind(unit_id)
                    .bind(month)
                    .execute(&mut *tx)
                    .await?;
                    credit_accounts!(&mut *tx, unit_id, month, now)?;
                    let regular = computed.rows.iter().filter(|r| r.kind == RowKind::Regular).count();
                    let detail = serde_json::json!({
                        "why": "monthly assessment",
                        "regular": regular,
                        "adjustments": computed.rows.len() - regular,
                        "employer": computed.rows.iter().map(|r| r.employer).sum::<i64>(),
                        "individual": computed.rows.iter().map(|r| r.individual).sum::<i64>(),
                        "skipped": computed.skipped.len(),
                    })
                    .to_string();
                    let event = Event { actor, action: "assess", unit_id: Some(unit_id), month: Some(month.to_owned()), detail, ..Default::default() };
                    insert_event!(&mut *tx, &event, now)?;
                    done.push(computed);
                }
                tx.commit().await?;
                Ok(done)
            }

            async fn statement(&self, unit_id: i64, month: &str) -> Result<Option<Statement>, StoreError> {
                let row = sqlx::query("SELECT unit_id, month, assessed_at, due, paid FROM ledger_statements WHERE unit_id = $1 AND month = $2")
                    .bind(unit_id)
                    .bind(month)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(statement).transpose()?)
            }

            async fn statements(&self, unit_id: i64, from: &str, to: &str) -> Result<Vec<Statement>, StoreError> {
                let rows = sqlx::query(
                    "SELECT unit_id, month, assessed_at, due, paid FROM ledger_statements WHERE unit_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month",
                )
                .bind(unit_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.iter().map(statement).collect::<Result<_, _>>()?)
            }

            async fn month_rows(&self, unit_id: i64, month: &str) -> Result<Vec<StoredRow>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {ROW_COLUMNS} FROM ledger_assessments WHERE unit_id = $1 AND month = $2 ORDER BY id"))
                    .bind(unit_id)
                    .bind(month)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(stored_row).collect::<Result<_, _>>()?)
            }
        }
    };
}

mod sqlite_impl {
    use super::*;
    impl_assessment_store!(SqliteStore, sqlx::sqlite::SqliteRow, write_rows_sqlite);
}
mod pg_impl {
    use super::*;
    impl_assessment_store!(PgStore, sqlx::postgres::PgRow, write_rows_pg);
}
