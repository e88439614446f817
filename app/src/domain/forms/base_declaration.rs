//! 缴费基数申报 — a unit declares each employee's monthly contribution base from a month on.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{check_month, Context};
use crate::domain::{divisions, text, CreditCode, Date, Fen, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const CREDIT_CODE: &str = "credit_code";
    pub const REGION: &str = "region";
    pub const EFFECTIVE_MONTH: &str = "effective_month";
    pub const ROWS: &str = "rows";

    /// `rows.3.monthly_base`.
    pub fn row(index: usize, name: &str) -> String {
        format!("rows.{index}.{name}")
    }
}

/// The most rows one declaration carries (larger units declare in several).
pub const MAX_ROWS: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseRowDraft {
    pub id_number: String,
    pub name: String,
    pub monthly_base: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseDeclarationDraft {
    pub credit_code: String,
    pub region: String,
    /// `YYYY-MM`, the first month the bases apply to.
    pub effective_month: String,
    pub rows: Vec<BaseRowDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseRow {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub monthly_base: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseDeclaration {
    pub credit_code: CreditCode,
    pub region: u32,
    pub effective_month: Date,
    pub rows: Vec<BaseRow>,
}

/// Validates the declaration: every row's base within the region's limits for the month, and
/// no person declared twice.
pub fn validate(d: &BaseDeclarationDraft, ctx: &Context) -> Result<Valid<BaseDeclaration>, FieldErrors> {
    let mut e = FieldErrors::default();
    let credit_code = e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code));
    let region = text::identifier(&d.region).parse::<u32>().ok().filter(|c| divisions::is_known(*c));
    if region.is_none() {
        let issue = if d.region.trim().is_empty() { REQUIRED } else { Issue::new("region.unknown", "请从列表中选择参保地", "Choose the place of insurance from the list") };
        e.error(field::REGION, issue);
    }
    let month = check_month(&mut e, field::EFFECTIVE_MONTH, &d.effective_month, ctx.today, 12, 2);
    if d.rows.is_empty() {
        e.error(field::ROWS, Issue::new("rows.none", "请至少填写一名职工", "Add at least one employee"));
    } else if d.rows.len() > MAX_ROWS {
        e.error(field::ROWS, Issue::formatted("rows.too_many", format!("每次最多申报 {MAX_ROWS} 人"), format!("At most {MAX_ROWS} employees per declaration")));
    }
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(d.rows.len());
    for (i, row) in d.rows.iter().enumerate().take(MAX_ROWS) {
        let id = e.take(&field::row(i, "id_number"), IdNumber::parse(&row.id_number, ctx.today));
        if let Some(id) = &id {
            if !seen.insert(id.as_str().to_owned()) {
                e.error(field::row(i, "id_number"), Issue::new("rows.duplicate", "该职工在本次申报中重复出现", "This employee appears twice in the declaration"));
            }
        }
        let name = e.take(&field::row(i, "name"), PersonName::parse(&row.name));
        let base = e.take(&field::row(i, "monthly_base"), Fen::parse_yuan(&row.monthly_base));
        if let (Some(base), Some(region), Some(month), Some(policy)) = (base, region, month, ctx.policy) {
            match policy.check_base(base, region, month) {
                Ok(Some(warning)) => e.warn(field::row(i, "monthly_base"), warning),
                Ok(None) => {}
                Err(issue) => e.error(field::row(i, "monthly_base"), issue),
            }
        }
        if let (Some(id_number), Some(name), Some(monthly_base)) = (id, name, base) {
            rows.push(BaseRow { id_number, name, monthly_base });
        }
    }
    e.finish(|| {
        Some(BaseDeclaration { credit_code: credit_code?, region: region?, effective_month: month?, rows })
    })
}
