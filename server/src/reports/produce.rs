//! Produces a report into a sink: pages from the store, each row made into cells (ID numbers
//! opened and masked, codes named in Chinese), the totals summed as the rows pass.

use std::collections::BTreeMap;

use app::domain::ledger::Month;
use app::api::sync::FilingKind;
use app::domain::{divisions, review, Date, IdNumber};
use app::i18n::{kind_text, strings};

use super::store::{InsuredGroup, ReportStore};
use super::{insurance_zh, Cell, Filter, Kind, Report, Sink};
use crate::http::Internal;
use crate::vault::{bound, Vault};

/// Rows read from the store at a time.
pub const PAGE: i64 = 2_000;

/// What went wrong producing a report (the reader is told only that it failed).
#[derive(Debug, thiserror::Error)]
pub enum ProduceError {
    #[error(transparent)]
    Internal(#[from] Internal),
    #[error("writing the report: {0}")]
    Io(#[from] std::io::Error),
}

impl From<ProduceError> for Internal {
    fn from(e: ProduceError) -> Self {
        match e {
            ProduceError::Internal(i) => i,
            ProduceError::Io(e) => Internal::Unreadable(format!("writing a report: {e}")),
        }
    }
}

impl From<crate::store::StoreError> for ProduceError {
    fn from(e: crate::store::StoreError) -> Self {
        ProduceError::Internal(e.into())
    }
}

/// Sums the count and money columns of the rows passing through, and counts the rows.
struct Totals<'a> {
    sink: &'a mut dyn Sink,
    report: Report,
    sums: Vec<i64>,
    rows: u64,
}

impl Totals<'_> {
    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        for (sum, cell) in self.sums.iter_mut().zip(cells) {
            if let Cell::Count(n) | Cell::Fen(n) = cell {
                *sum += n;
            }
        }
        self.rows += 1;
        self.sink.row(cells)
    }

    fn finish(self) -> std::io::Result<u64> {
        let cells: Vec<Cell> = self
            .report
            .columns()
            .iter()
            .zip(&self.sums)
            .enumerate()
            .map(|(i, (c, sum))| match c.kind {
                Kind::Count if c.summed => Cell::Count(*sum),
                Kind::Fen if c.summed => Cell::Fen(*sum),
                _ if i == 0 => Cell::Text(format!("合计 Total（{} 行 rows）", self.rows)),
                _ => Cell::Text(String::new()),
            })
            .collect();
        self.sink.finish(&cells)?;
        Ok(self.rows)
    }
}

fn masked_id(vault: &Vault, id_index: &str, sealed: &[u8], today: Date) -> Result<String, Internal> {
    let id = vault.open(&bound::ledger_person(id_index), sealed)?;
    let id = String::from_utf8(id).map_err(|_| Internal::Unreadable("a ledger person's ID number".into()))?;
    Ok(IdNumber::mask(&id, today))
}

fn region_name(code: i64) -> String {
    u32::try_from(code).ok().and_then(divisions::full_name).unwrap_or_default()
}

/// A relationship's status as the app names it.
fn relationship_status(status: &str) -> &'static str {
    match status {
        "active" => strings::RECORDS_ACTIVE.zh,
        "suspended" => strings::RECORDS_SUSPENDED.zh,
        _ => strings::RECORDS_ENDED.zh,
    }
}

/// A case's kind and status as the app names them (the code itself if unknown).
fn case_kind(kind: &str) -> String {
    FilingKind::parse(kind).map_or_else(|| kind.to_owned(), |k| kind_text(k).zh.to_owned())
}

fn case_status(status: &str) -> String {
    review::Status::parse(status).map_or_else(|| status.to_owned(), |s| s.label().0.to_owned())
}

/// Writes `report` for `filter` into `sink`; returns the rows written (the totals row aside).
pub async fn produce(store: &dyn ReportStore, vault: &Vault, report: Report, filter: &Filter, today: Date, sink: &mut dyn Sink) -> Result<u64, ProduceError> {
    sink.header(report, filter)?;
    let mut t = Totals { sink, report, sums: vec![0; report.columns().len()], rows: 0 };
    match report {
        Report::UnitStatement => {
            let mut after = (String::new(), 0);
            loop {
                let page = store.report_statement(filter, (&after.0, after.1), PAGE).await?;
                for r in &page {
                    let kind = if r.kind == "regular" { "正常应缴" } else { "补差" };
                    t.row(&[
                        Cell::Text(r.month.clone()),
                        Cell::Text(r.name.clone()),
                        Cell::Text(masked_id(vault, &r.id_index, &r.id_sealed, today)?),
                        Cell::Text(insurance_zh(&r.insurance)),
                        Cell::Text(kind.into()),
                        Cell::Fen(r.base),
                        Cell::Fen(r.employer),
                        Cell::Fen(r.individual),
                        Cell::Fen(r.employer + r.individual),
                    ])?;
                }
                match page.last() {
                    Some(last) if page.len() as i64 == PAGE => after = (last.month.clone(), last.id),
                    _ => break,
                }
            }
        }
        Report::Roster => {
            let mut after = (-1, 0);
            loop {
                let page = store.report_roster(filter, after, PAGE).await?;
                for r in &page {
                    t.row(&[
                        Cell::Text(r.credit_code.clone()),
                        Cell::Text(r.unit_name.clone()),
                        Cell::Text(r.name.clone()),
                        Cell::Text(masked_id(vault, &r.id_index, &r.id_sealed, today)?),
                        Cell::Text(insurance_zh(&r.insurance)),
                        Cell::Text(r.start_month.clone()),
                        Cell::Text(r.end_month.clone().unwrap_or_default()),
                        Cell::Text(relationship_status(&r.status).to_owned()),
                    ])?;
                }
                match page.last() {
                    Some(last) if page.len() as i64 == PAGE => after = (last.unit_id, last.id),
                    _ => break,
                }
            }
        }
        Report::Arrears => {
            let mut after = (-1, String::new());
            loop {
                let page = store.report_arrears(filter, (after.0, &after.1), PAGE).await?;
                for r in &page {
                    t.row(&[
                        Cell::Text(r.credit_code.clone()),
                        Cell::Text(r.name.clone()),
                        Cell::Text(region_name(r.region)),
                        Cell::Text(r.month.clone()),
                        Cell::Fen(r.due),
                        Cell::Fen(r.paid),
                        Cell::Fen(r.due - r.paid),
                    ])?;
                }
                match page.last() {
                    Some(last) if page.len() as i64 == PAGE => after = (last.unit_id, last.month.clone()),
                    _ => break,
                }
            }
        }
        Report::InsuredStats => {
            let groups = store.report_insured(filter).await?;
            for ((region, insurance), counts) in insured_by_month(&groups, filter.from, filter.to) {
                for (month, n) in filter.from.through(filter.to).zip(counts) {
                    t.row(&[
                        Cell::Text(region.to_string()),
                        Cell::Text(region_name(region)),
                        Cell::Text(insurance_zh(&insurance)),
                        Cell::Text(month.to_string()),
                        Cell::Count(n),
                    ])?;
                }
            }
        }
        Report::BenefitPayments => {
            let mut after = (String::new(), String::new(), 0);
            loop {
                let page = store.report_benefits(filter, (&after.0, &after.1, after.2), PAGE).await?;
                for r in &page {
                    t.row(&[
                        Cell::Text(r.month.clone()),
                        Cell::Text(r.name.clone()),
                        Cell::Text(masked_id(vault, &r.id_index, &r.id_sealed, today)?),
                        Cell::Text(
                            match r.benefit.as_str() {
                                "unemployment" => "失业保险金",
                                "injury" => "伤残津贴",
                                "injury_lump" => "一次性伤残补助金",
                                "injury_care" => "生活护理费",
                                "medical" => "医疗费用报销",
                                _ => "基本养老金",
                            }
                            .into(),
                        ),
                        Cell::Text(region_name(r.region)),
                        Cell::Fen(r.amount),
                    ])?;
                }
                match page.last() {
                    Some(last) if page.len() as i64 == PAGE => after = (last.month.clone(), last.benefit.clone(), last.id),
                    _ => break,
                }
            }
        }
        Report::PersonRecord => {
            // The months as 我的社保 reads them (`ledger::records::month_records`).
            let rows = match filter.person {
                Some(person) => store.report_person(filter, person).await?,
                None => Vec::new(),
            };
            let statements: Vec<(i64, String, i64, i64)> = rows.iter().map(|r| (r.row.unit_id, r.row.month.clone(), r.due, r.paid)).collect();
            let person_rows: Vec<_> = rows.into_iter().map(|r| r.row).collect();
            for m in crate::ledger::records::month_records(&person_rows, &statements) {
                t.row(&[
                    Cell::Text(m.month.to_string()),
                    Cell::Text(m.insurance.zh().into()),
                    Cell::Text(m.unit),
                    Cell::Fen(m.base.0),
                    Cell::Fen(m.employer.0),
                    Cell::Fen(m.individual.0),
                    Cell::Text(if m.paid { "已到账" } else { "未到账" }.into()),
                ])?;
            }
        }
        Report::CaseStats => {
            for g in store.report_cases(filter).await? {
                t.row(&[
                    Cell::Text(g.month),
                    Cell::Text(case_kind(&g.kind)),
                    Cell::Text(case_status(&g.status)),
                    Cell::Text(g.operator.unwrap_or_else(|| "（未分派）".into())),
                    Cell::Count(g.count),
                ])?;
            }
        }
    }
    Ok(t.finish()?)
}

/// Each (region, insurance)'s insured count for every month `from..=to`: a relationship counts
/// in each month from its first to its last (or `to`, while open), both included.
pub fn insured_by_month(groups: &[InsuredGroup], from: Month, to: Month) -> BTreeMap<(i64, String), Vec<i64>> {
    let len = usize::try_from(to.index() - from.index() + 1).unwrap_or(0);
    let mut out: BTreeMap<(i64, String), Vec<i64>> = BTreeMap::new();
    for g in groups {
        let (Some(start), end) = (Month::parse(&g.start_month), g.end_month.as_deref().and_then(Month::parse)) else { continue };
        let first = start.max(from).index() - from.index();
        let last = end.unwrap_or(to).min(to).index() - from.index();
        if last < first {
            continue;
        }
        // A difference array: +n where it starts, −n after it ends; summed below.
        let diff = out.entry((g.region, g.insurance.clone())).or_insert_with(|| vec![0; len + 1]);
        diff[first as usize] += g.count;
        diff[last as usize + 1] -= g.count;
    }
    for counts in out.values_mut() {
        let mut running = 0;
        for c in counts.iter_mut() {
            running += *c;
            *c = running;
        }
        counts.truncate(len);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(region: i64, start: &str, end: Option<&str>, count: i64) -> InsuredGroup {
        InsuredGroup { region, insurance: "pension".into(), start_month: start.into(), end_month: end.map(Into::into), count }
    }

    #[test]
    fn a_relationship_counts_from_its_first_month_to_its_last() {
        let m = |s| Month::parse(s).unwrap();
        let groups = [g(1, "2025-11", None, 3), g(1, "2026-02", Some("2026-03"), 2), g(1, "2024-01", Some("2025-12"), 5), g(2, "2026-03", None, 1)];
        let by = insured_by_month(&groups, m("2026-01"), m("2026-04"));
        assert_eq!(by[&(1, "pension".into())], [3, 5, 5, 3]);
        assert_eq!(by[&(2, "pension".into())], [0, 0, 1, 1]);
        assert_eq!(by.len(), 2, "the one ended before the period counts nowhere");
    }
}
