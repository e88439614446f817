//! The monthly run: assess every unit insured in a month (or one unit), each unit-month in its
//! own transaction ([`super::AssessmentStore::assess_month`]), so a run stopped half-way — a
//! crash, a kill — is finished by running it again, and a finished one is a no-op.

use app::domain::ledger::{IndustryClass, Month};

use super::run::{rows, Context};
use super::Cx;
use crate::http::Internal;

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
    for id in units {
        let Some(unit) = cx.store.unit_get(id).await? else { continue };
        let class = unit.industry_class.and_then(|c| u8::try_from(c).ok()).and_then(IndustryClass::new);
        let rules_cx = Context { month, class, table: &cx.table, ledger: &cx.policy };
        let rules = |inputs: &[super::assessments::Input]| rows(inputs, &rules_cx);
        let done = cx.store.assess_month(id, &m, &rules, actor, app::api::ssr::now_ms()).await?;
        report.units += 1;
        for r in &done.rows {
            match r.kind {
                super::assessments::RowKind::Regular => report.regular += 1,
                super::assessments::RowKind::Adjustment => report.adjustments += 1,
            }
            report.employer += r.employer;
            report.individual += r.individual;
        }
        report.skipped.extend(done.skipped.into_iter().map(|(rel, code)| (unit.credit_code.clone(), rel, code)));
    }
    Ok(report)
}
