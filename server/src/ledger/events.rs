//! The ledger's history: every change is an event — who (`None`: the system), when, what, and
//! why — written in the transaction of the change it records; never updated, never deleted.

/// One change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    pub actor: Option<i64>,
    /// e.g. `unit.create`, `enrol`, `separate`, `bases.declare`, `assess`, `payments.import`.
    pub action: &'static str,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub month: Option<String>,
    /// What changed and why, as JSON without personal data.
    pub detail: String,
}

/// `insert_event!(&mut *tx, &event, now)` evaluates to `Result<_, sqlx::Error>`.
macro_rules! insert_event {
    ($conn:expr, $e:expr, $now:expr) => {{
        let e: &$crate::ledger::events::Event = $e;
        sqlx::query("INSERT INTO ledger_events (at, actor, action, unit_id, person_id, month, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind($now)
            .bind(e.actor)
            .bind(e.action)
            .bind(e.unit_id)
            .bind(e.person_id)
            .bind(e.month.clone())
            .bind(e.detail.clone())
            .execute($conn)
            .await
    }};
}
pub(crate) use insert_event;
