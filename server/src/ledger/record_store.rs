//! The ledger read back: a person's rows, relationships and account credits; a unit's roster;
//! the proofs issued. Reads only — every write is in the stores of what changes.

use app::domain::policy::Insurance;
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{PgStore, SqliteStore, StoreError};

/// One assessment row of a person, with its unit's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub month: String,
    pub insurance: Insurance,
    pub unit_id: i64,
    pub unit_name: String,
    pub base: i64,
    pub employer: i64,
    pub individual: i64,
}

/// A relationship of a person, ended or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRelationship {
    pub insurance: Insurance,
    pub unit_name: String,
    pub start_month: String,
    pub end_month: Option<String>,
    pub status: String,
}

/// A person on a unit's roster, with the insurances they hold there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub person_id: i64,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
    pub insurance: Insurance,
    pub start_month: String,
}

/// A person as the ledger keeps them (业务查询).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    pub id: i64,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub name: String,
}

/// A proof as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    pub proof_no: String,
    pub from_month: String,
    pub to_month: String,
    pub months: i64,
    pub issued_at: i64,
}

#[async_trait]
pub trait RecordStore: Send + Sync {
    /// The person's id in the ledger.
    async fn person_id(&self, id_index: &str) -> Result<Option<i64>, StoreError>;
    /// The person with the ledger's number `id`, or with the blind index `id_index`.
    async fn person_entry(&self, id: Option<i64>, id_index: Option<&str>) -> Result<Option<PersonEntry>, StoreError>;
    /// The first `limit` persons named exactly `name`, by number.
    async fn persons_named(&self, name: &str, limit: i64) -> Result<Vec<PersonEntry>, StoreError>;
    /// Every row of the person from `from` to `to`, by month, insurance and row.
    async fn person_rows(&self, person_id: i64, from: &str, to: &str) -> Result<Vec<PersonRow>, StoreError>;
    /// `(unit, month, due, paid)` of the unit-months the person has rows in, from `from` to `to`.
    async fn person_statements(&self, person_id: i64, from: &str, to: &str) -> Result<Vec<(i64, String, i64, i64)>, StoreError>;
    async fn person_relationships(&self, person_id: i64) -> Result<Vec<PersonRelationship>, StoreError>;
    /// Every credit of the person's account: `(month, amount)`.
    async fn person_credits(&self, person_id: i64) -> Result<Vec<(String, i64)>, StoreError>;
    /// The unit's open relationships, by person.
    async fn unit_roster(&self, unit_id: i64) -> Result<Vec<RosterRow>, StoreError>;
    /// How many people have rows in the unit's month.
    async fn month_people(&self, unit_id: i64, month: &str) -> Result<i64, StoreError>;
    /// Records a proof; its number is `ZM` + day + a daily sequence.
    async fn proof_issue(&self, person_id: i64, from: &str, to: &str, months: i64, day: &str, now: i64) -> Result<String, StoreError>;
    async fn proof_get(&self, proof_no: &str) -> Result<Option<Proof>, StoreError>;
}

macro_rules! impl_record_store {
    ($store:ty) => {
        #[async_trait]
        impl RecordStore for $store {
            async fn person_id(&self, id_index: &str) -> Result<Option<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM ledger_persons WHERE id_index = $1").bind(id_index).fetch_optional(&self.pool).await?)
            }

            async fn person_entry(&self, id: Option<i64>, id_index: Option<&str>) -> Result<Option<PersonEntry>, StoreError> {
                let row = sqlx::query("SELECT id, id_index, id_sealed, name FROM ledger_persons WHERE id = $1 OR id_index = $2")
                    .bind(id.unwrap_or(-1))
                    .bind(id_index.unwrap_or(""))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| Ok(PersonEntry { id: r.try_get("id")?, id_index: r.try_get("id_index")?, id_sealed: r.try_get("id_sealed")?, name: r.try_get("name")? }))
                    .transpose()
                    .map_err(|e: sqlx::Error| StoreError::from(e))
            }

            async fn persons_named(&self, name: &str, limit: i64) -> Result<Vec<PersonEntry>, StoreError> {
                let rows = sqlx::query("SELECT id, id_index, id_sealed, name FROM ledger_persons WHERE name = $1 ORDER BY id LIMIT $2")
                    .bind(name)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| Ok(PersonEntry { id: r.try_get("id")?, id_index: r.try_get("id_index")?, id_sealed: r.try_get("id_sealed")?, name: r.try_get("name")? }))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn person_rows(&self, person_id: i64, from: &str, to: &str) -> Result<Vec<PersonRow>, StoreError> {
                let rows = sqlx::query(
                    "SELECT a.month, a.insurance, a.unit_id, u.name AS unit_name, a.base, a.employer, a.individual \
                     FROM ledger_assessments a JOIN ledger_units u ON u.id = a.unit_id \
                     WHERE a.unit_id IN (SELECT r.unit_id FROM ledger_relationships r WHERE r.person_id = $1) AND a.person_id = $1 \
                       AND a.month BETWEEN $2 AND $3 ORDER BY a.month, a.insurance, a.id",
                )
                .bind(person_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let name: String = r.try_get("insurance")?;
                    let Some(insurance) = Insurance::parse(&name) else { continue };
                    out.push(PersonRow {
                        month: r.try_get("month")?,
                        insurance,
                        unit_id: r.try_get("unit_id")?,
                        unit_name: r.try_get("unit_name")?,
                        base: r.try_get("base")?,
                        employer: r.try_get("employer")?,
                        individual: r.try_get("individual")?,
                    });
                }
                Ok(out)
            }

            async fn person_statements(&self, person_id: i64, from: &str, to: &str) -> Result<Vec<(i64, String, i64, i64)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT s.unit_id, s.month, s.due, s.paid FROM ledger_statements s \
                     WHERE s.month BETWEEN $2 AND $3 AND s.unit_id IN (SELECT DISTINCT unit_id FROM ledger_relationships WHERE person_id = $1) \
                     ORDER BY s.month",
                )
                .bind(person_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("unit_id")?, r.try_get("month")?, r.try_get("due")?, r.try_get("paid")?)))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn person_relationships(&self, person_id: i64) -> Result<Vec<PersonRelationship>, StoreError> {
                let rows = sqlx::query(
                    "SELECT r.insurance, u.name AS unit_name, r.start_month, r.end_month, r.status FROM ledger_relationships r \
                     JOIN ledger_units u ON u.id = r.unit_id WHERE r.person_id = $1 ORDER BY r.start_month, r.id",
                )
                .bind(person_id)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let name: String = r.try_get("insurance")?;
                    let Some(insurance) = Insurance::parse(&name) else { continue };
                    out.push(PersonRelationship {
                        insurance,
                        unit_name: r.try_get("unit_name")?,
                        start_month: r.try_get("start_month")?,
                        end_month: r.try_get("end_month")?,
                        status: r.try_get("status")?,
                    });
                }
                Ok(out)
            }

            async fn person_credits(&self, person_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
                let rows = sqlx::query("SELECT month, amount FROM ledger_account_credits WHERE person_id = $1 ORDER BY month, id")
                    .bind(person_id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|r| Ok((r.try_get("month")?, r.try_get("amount")?))).collect::<Result<_, sqlx::Error>>().map_err(StoreError::from)
            }

            async fn unit_roster(&self, unit_id: i64) -> Result<Vec<RosterRow>, StoreError> {
                let rows = sqlx::query(
                    "SELECT p.id AS person_id, p.id_index, p.id_sealed, p.name, r.insurance, r.start_month FROM ledger_relationships r \
                     JOIN ledger_persons p ON p.id = r.person_id WHERE r.unit_id = $1 AND r.status <> 'ended' ORDER BY p.id, r.insurance",
                )
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let name: String = r.try_get("insurance")?;
                    let Some(insurance) = Insurance::parse(&name) else { continue };
                    out.push(RosterRow {
                        person_id: r.try_get("person_id")?,
                        id_index: r.try_get("id_index")?,
                        id_sealed: r.try_get("id_sealed")?,
                        name: r.try_get("name")?,
                        insurance,
                        start_month: r.try_get("start_month")?,
                    });
                }
                Ok(out)
            }

            async fn month_people(&self, unit_id: i64, month: &str) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(DISTINCT person_id) FROM ledger_assessments WHERE unit_id = $1 AND month = $2")
                    .bind(unit_id)
                    .bind(month)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn proof_issue(&self, person_id: i64, from: &str, to: &str, months: i64, day: &str, now: i64) -> Result<String, StoreError> {
                let mut tx = self.begin_write().await?;
                let seq: i64 = sqlx::query_scalar(
                    "INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
                )
                .bind(format!("proof:{day}"))
                .fetch_one(&mut *tx)
                .await?;
                let proof_no = format!("ZM{day}{seq:06}");
                sqlx::query("INSERT INTO ledger_proofs (proof_no, person_id, from_month, to_month, months, issued_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(&proof_no)
                    .bind(person_id)
                    .bind(from)
                    .bind(to)
                    .bind(months)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(proof_no)
            }

            async fn proof_get(&self, proof_no: &str) -> Result<Option<Proof>, StoreError> {
                let row = sqlx::query("SELECT proof_no, from_month, to_month, months, issued_at FROM ledger_proofs WHERE proof_no = $1")
                    .bind(proof_no)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| {
                    Ok(Proof {
                        proof_no: r.try_get("proof_no")?,
                        from_month: r.try_get("from_month")?,
                        to_month: r.try_get("to_month")?,
                        months: r.try_get("months")?,
                        issued_at: r.try_get("issued_at")?,
                    })
                })
                .transpose()
                .map_err(|e: sqlx::Error| StoreError::from(e))
            }
        }
    };
}

impl_record_store!(SqliteStore);
impl_record_store!(PgStore);
