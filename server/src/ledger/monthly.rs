//! The monthly run: assess every unit insured in a month (or one unit), [`UNITS_PER_TRANSACTION`]
//! units at a time, each group in one transaction ([`super::AssessmentStore::assess_units`]), so a
//! run stopped half-way — a crash, a kill — is finished by running it again, and a finished one is
//! a no-op.

use std::collections::HashMap;

use app::domain::ledger::{IndustryClass, Month};

use super::run::{rows, Context};
use super::Cx;
use crate::http::Internal;

/// Units assessed in one transaction: fewer commits (each an `fsync` on SQLite), while a group of
/// units of a few hundred people each stays a few thousand rows, so a kill loses little.
pub const UNITS_PER_TRANSACTION: usize = 32;

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunReport {
    pub month: String,
    pub units: u64,
    pub regular: u64,
    pub adjustments: u64,
    /// Σ of the rows written now, in fen.
    pub employer: i64,
    pub individual: i64,
    /// Relationships left unassessed: `(unit credit code, relationship id, issue code)`.
    pub skipped: Vec<(String, i64, String)>,
}

/// Assesses `month` for `unit` (an id), or for every unit insured in it.
pub async fn assess(cx: &Cx, month: Month, unit: Option<i64>, actor: Option<i64>) -> Result<RunReport, Internal> {
    let m = month.to_string();
    let units = match unit {
        Some(u) => vec![u],
        None => cx.store.units_insured_in(&m).await?,
    };
    let mut report = RunReport { month: m.clone(), ..Default::default() };
    for group in units.chunks(UNITS_PER_TRANSACTION) {
        let mut known = HashMap::with_capacity(group.len());
        for &id in group {
            if let Some(unit) = cx.store.unit_get(id).await? {
                let class = unit.industry_class.and_then(|c| u8::try_from(c).ok()).and_then(IndustryClass::new);
                known.insert(id, (class, unit.credit_code));
            }
        }
        let ids: Vec<i64> = group.iter().copied().filter(|id| known.contains_key(id)).collect();
        let rules = |unit: i64, inputs: &[super::assessments::Input]| {
            let class = known.get(&unit).and_then(|(c, _)| *c);
            rows(inputs, &Context { month, class, table: &cx.table, ledger: &cx.policy })
        };
        let done = cx.store.assess_units(&ids, &m, &rules, actor, app::api::ssr::now_ms()).await?;
        for (id, done) in ids.iter().zip(done) {
            report.units += 1;
            for r in &done.rows {
                match r.kind {
                    super::assessments::RowKind::Regular => report.regular += 1,
                    super::assessments::RowKind::Adjustment => report.adjustments += 1,
                }
                report.employer += r.employer;
                report.individual += r.individual;
            }
            let code = known.get(id).map(|(_, c)| c.clone()).unwrap_or_default();
            report.skipped.extend(done.skipped.into_iter().map(|(rel, issue)| (code.clone(), rel, issue)));
        }
    }
    Ok(report)
}
