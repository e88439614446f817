//! 参保单位: the units the ledger knows — an employer approved at the review desk, or one the
//! agency created — with the region and the work-injury industry class their assessment uses.

use async_trait::async_trait;
use sqlx::Row;

use super::events::{insert_event, Event};
use crate::store::{PgStore, SqliteStore, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    pub credit_code: String,
    pub credit_index: String,
    pub name: String,
    pub region: i64,
    /// 1–8; `None` until the agency sets it.
    pub industry_class: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub credit_code: String,
    pub credit_index: String,
    pub name: String,
    pub region: i64,
    pub industry_class: Option<i64>,
}

#[async_trait]
pub trait UnitStore: Send + Sync {
    /// The unit with this credit code, created if the ledger has none (with its event); its id.
    async fn unit_ensure(&self, u: &NewUnit, actor: Option<i64>, why: &str, now: i64) -> Result<i64, StoreError>;
    async fn unit_by_code(&self, credit_code: &str) -> Result<Option<Unit>, StoreError>;
    async fn unit_by_index(&self, credit_index: &str) -> Result<Option<Unit>, StoreError>;
    async fn unit_get(&self, id: i64) -> Result<Option<Unit>, StoreError>;
    /// The first `limit` units whose name contains `part`, by name.
    async fn units_named(&self, part: &str, limit: i64) -> Result<Vec<Unit>, StoreError>;
    /// Sets the industry class, with its event; `false` if no such unit.
    async fn unit_set_class(&self, id: i64, class: i64, actor: Option<i64>, now: i64) -> Result<bool, StoreError>;
    /// The ids of units with a relationship open in `month`, or assessed for it before (a
    /// relationship ended since may leave rows to reverse): the monthly run's list.
    async fn units_insured_in(&self, month: &str) -> Result<Vec<i64>, StoreError>;
}

/// `insert_unit!(&mut *tx, &unit, actor, why, now)`: the unit with this credit code, created
/// with its event if the ledger has none, inside the caller's transaction (an approval creates
/// the unit with the unit's account); evaluates to `Result<i64, sqlx::Error>`, its id.
macro_rules! insert_unit {
    ($tx:expr, $u:expr, $actor:expr, $why:expr, $now:expr) => {{
        async {
            let (u, actor, why, now): (&$crate::ledger::NewUnit, Option<i64>, &str, i64) = ($u, $actor, $why, $now);
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO ledger_units (credit_code, credit_index, name, region, industry_class, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (credit_code) DO NOTHING RETURNING id",
            )
            .bind(&u.credit_code)
            .bind(&u.credit_index)
            .bind(&u.name)
            .bind(u.region)
            .bind(u.industry_class)
            .bind(now)
            .fetch_optional(&mut *$tx)
            .await?;
            match id {
                Some(id) => {
                    let detail = serde_json::json!({ "why": why, "region": u.region, "industry_class": u.industry_class }).to_string();
                    let event = $crate::ledger::events::Event { actor, action: "unit.create", unit_id: Some(id), detail, ..Default::default() };
                    $crate::ledger::events::insert_event!(&mut *$tx, &event, now)?;
                    Ok::<i64, sqlx::Error>(id)
                }
                None => sqlx::query_scalar("SELECT id FROM ledger_units WHERE credit_code = $1").bind(&u.credit_code).fetch_one(&mut *$tx).await,
            }
        }
        .await
    }};
}
pub(crate) use insert_unit;

const COLUMNS: &str = "id, credit_code, credit_index, name, region, industry_class";

macro_rules! impl_unit_store {
    ($store:ty, $row:ty) => {
        fn unit(r: &$row) -> Result<Unit, sqlx::Error> {
            Ok(Unit {
                id: r.try_get("id")?,
                credit_code: r.try_get("credit_code")?,
                credit_index: r.try_get("credit_index")?,
                name: r.try_get("name")?,
                region: r.try_get("region")?,
                industry_class: r.try_get("industry_class")?,
            })
        }

        #[async_trait]
        impl UnitStore for $store {
            async fn unit_ensure(&self, u: &NewUnit, actor: Option<i64>, why: &str, now: i64) -> Result<i64, StoreError> {
                let mut tx = self.begin_write().await?;
                let id = insert_unit!(&mut *tx, u, actor, why, now)?;
                tx.commit().await?;
                Ok(id)
            }

            async fn unit_by_code(&self, credit_code: &str) -> Result<Option<Unit>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM ledger_units WHERE credit_code = $1")).bind(credit_code).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(unit).transpose()?)
            }

            async fn unit_by_index(&self, credit_index: &str) -> Result<Option<Unit>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM ledger_units WHERE credit_index = $1")).bind(credit_index).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(unit).transpose()?)
            }

            async fn unit_get(&self, id: i64) -> Result<Option<Unit>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM ledger_units WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(unit).transpose()?)
            }

            async fn units_named(&self, part: &str, limit: i64) -> Result<Vec<Unit>, StoreError> {
                let pattern = format!("%{}%", part.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM ledger_units WHERE name LIKE $1 ESCAPE '\\' ORDER BY name, id LIMIT $2"))
                    .bind(pattern)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(unit).collect::<Result<_, _>>()?)
            }

            async fn unit_set_class(&self, id: i64, class: i64, actor: Option<i64>, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let before: Option<Option<i64>> = sqlx::query_scalar("SELECT industry_class FROM ledger_units WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
                let Some(before) = before else {
                    tx.rollback().await?;
                    return Ok(false);
                };
                sqlx::query("UPDATE ledger_units SET industry_class = $1 WHERE id = $2").bind(class).bind(id).execute(&mut *tx).await?;
                let detail = serde_json::json!({ "from": before, "to": class }).to_string();
                insert_event!(&mut *tx, &Event { actor, action: "unit.industry_class", unit_id: Some(id), detail, ..Default::default() }, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn units_insured_in(&self, month: &str) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT unit_id FROM ledger_relationships WHERE start_month <= $1 AND (end_month IS NULL OR end_month >= $1) \
                     UNION SELECT unit_id FROM ledger_statements WHERE month = $1 AND assessed_at IS NOT NULL ORDER BY unit_id",
                )
                .bind(month)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}

mod sqlite_impl {
    use super::*;
    impl_unit_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}
mod pg_impl {
    use super::*;
    impl_unit_store!(PgStore, sqlx::postgres::PgRow);
}
