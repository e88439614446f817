//! 信息变更 of a unit at the counter, stored: its name, address and contact person beside the
//! ledger's unit row. One transaction writes the change, a ledger event with the before and after
//! (the contact's mobile masked there; sealed in the row, bound to the unit) and the audit entry.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{AuditEntry, PgStore, SqliteStore, StoreError};

/// A unit's address and contact as the back office shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitContact {
    pub address: Option<String>,
    pub contact_name: Option<String>,
    pub contact_mobile_masked: Option<String>,
}

/// What changes (`None`: stays as it is).
#[derive(Debug, Clone, Default)]
pub struct UnitChange {
    pub name: Option<String>,
    /// The full address (division names and street).
    pub address: Option<String>,
    pub contact_name: Option<String>,
    /// Sealed, and masked to show.
    pub contact_mobile: Option<(Vec<u8>, String)>,
}

#[async_trait]
pub trait UnitDetailStore: Send + Sync {
    async fn unit_contact(&self, id: i64) -> Result<Option<UnitContact>, StoreError>;
    /// `Ok(false)`: no such unit (nothing written).
    async fn unit_change(&self, id: i64, c: &UnitChange, actor: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// The unit's changes (`unit.details` and `unit.industry_class` events: at, actor, action,
    /// detail), newest first.
    async fn unit_history(&self, id: i64, limit: i64) -> Result<Vec<(i64, Option<i64>, String, String)>, StoreError>;
}

/// Sets a unit's details inside a caller's transaction (the counter's own, or a case's approval):
/// the row, a ledger event with the before and after, the audit entry. `false` when there is no
/// such unit (the caller rolls back).
macro_rules! change_unit {
    ($tx:expr, $id:expr, $c:expr, $actor:expr, $audit:expr, $now:expr) => {{
        let (id, c, actor, audit, now): (i64, &$crate::office::unit_store::UnitChange, i64, &$crate::store::AuditEntry, i64) = ($id, $c, $actor, $audit, $now);
        async {
            let Some(before) = sqlx::query("SELECT name, address, contact_name, contact_mobile_masked FROM ledger_units WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *$tx)
                .await?
            else {
                return Ok::<bool, $crate::store::StoreError>(false);
            };
            let was = |col: &str| sqlx::Row::try_get::<Option<String>, _>(&before, col);
            let before_json = serde_json::json!({
                "name": was("name")?, "address": was("address")?, "contact_name": was("contact_name")?, "contact_mobile": was("contact_mobile_masked")?,
            });
            sqlx::query(
                "UPDATE ledger_units SET name = COALESCE($1, name), address = COALESCE($2, address), contact_name = COALESCE($3, contact_name), \
                 contact_mobile_sealed = COALESCE($4, contact_mobile_sealed), contact_mobile_masked = COALESCE($5, contact_mobile_masked) WHERE id = $6",
            )
            .bind(&c.name)
            .bind(&c.address)
            .bind(&c.contact_name)
            .bind(c.contact_mobile.as_ref().map(|(sealed, _)| sealed.clone()))
            .bind(c.contact_mobile.as_ref().map(|(_, masked)| masked.clone()))
            .bind(id)
            .execute(&mut *$tx)
            .await?;
            let after = serde_json::json!({
                "name": c.name, "address": c.address, "contact_name": c.contact_name, "contact_mobile": c.contact_mobile.as_ref().map(|(_, m)| m),
            });
            let detail = serde_json::json!({ "before": before_json, "after": after }).to_string();
            $crate::ledger::events::insert_event!(&mut *$tx, &$crate::ledger::events::Event { actor: Some(actor), action: "unit.details", unit_id: Some(id), detail, ..Default::default() }, now)?;
            $crate::store::insert_audit!(&mut *$tx, audit, now)?;
            Ok::<bool, $crate::store::StoreError>(true)
        }
        .await
    }};
}
pub(crate) use change_unit;

macro_rules! impl_unit_detail_store {
    ($store:ty) => {
        #[async_trait]
        impl UnitDetailStore for $store {
            async fn unit_contact(&self, id: i64) -> Result<Option<UnitContact>, StoreError> {
                let row = sqlx::query("SELECT address, contact_name, contact_mobile_masked FROM ledger_units WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
                Ok(match row {
                    Some(r) => Some(UnitContact { address: r.try_get("address")?, contact_name: r.try_get("contact_name")?, contact_mobile_masked: r.try_get("contact_mobile_masked")? }),
                    None => None,
                })
            }

            async fn unit_change(&self, id: i64, c: &UnitChange, actor: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                if !change_unit!(&mut *tx, id, c, actor, audit, now)? {
                    tx.rollback().await?;
                    return Ok(false);
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn unit_history(&self, id: i64, limit: i64) -> Result<Vec<(i64, Option<i64>, String, String)>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT at, actor, action, detail FROM ledger_events WHERE unit_id = $1 AND action IN ('unit.details', 'unit.industry_class') \
                     ORDER BY id DESC LIMIT $2",
                )
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}

impl_unit_detail_store!(SqliteStore);
impl_unit_detail_store!(PgStore);
