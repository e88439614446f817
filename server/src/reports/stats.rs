//! 数据统计与分析: the agency's charts, drawn by [`super::svg`] from the reports' grouped
//! queries — insured persons over the months, assessed against collected contributions with the
//! arrears, cases filed per day, and the open cases by age. Scoped like the reports (a region's
//! staff see their region; a region asked for drills down into it). Each chart names the report
//! whose table holds its figures.

use std::collections::BTreeMap;

use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use app::domain::pension::certification::{standing, CertificationPolicy, Standing};
use app::domain::Date;

use super::store::ReportStore;
use super::svg::{Chart, Series, Shape, Unit};
use super::{insurance_zh, produce::insured_by_month, Filter};
use crate::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 参保人数: insured persons per month and insurance.
    Insured,
    /// 核定与到账: assessed, collected and in arrears per month.
    Money,
    /// 每日受理: cases filed per day.
    Cases,
    /// 待办时长: open cases by how long they have waited.
    CaseAge,
    /// 认证覆盖: pensioners by where their yearly certification stands today.
    Certification,
}

/// The longest run of days the daily chart draws (the period's last days).
pub const DAYS: i64 = 92;
const EMPTY: &str = "暂无数据 / No data";

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Insured, Kind::Money, Kind::Cases, Kind::CaseAge, Kind::Certification];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Insured => "insured",
            Kind::Money => "money",
            Kind::Cases => "cases",
            Kind::CaseAge => "case_age",
            Kind::Certification => "certification",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The chart `kind` for `f`, as of `today` (China's date); `p`: the certification's period and
/// grace.
pub async fn chart(store: &dyn ReportStore, kind: Kind, f: &Filter, today: Date, p: &CertificationPolicy) -> Result<Chart, StoreError> {
    let months: Vec<String> = f.from.through(f.to).map(|m| m.to_string()).collect();
    Ok(match kind {
        Kind::Insured => insured(&store.report_insured(f).await?, f.from, f.to),
        Kind::Money => money(&store.stats_money(f).await?, &months),
        Kind::Cases => {
            let (first, last) = days(f, today);
            cases(&store.stats_cases_by_day(f, &first.iso(), &last.iso()).await?, first, last)
        }
        Kind::CaseAge => ages(&store.stats_open_cases(f).await?, today),
        Kind::Certification => coverage(&store.stats_certified(f).await?, today, p),
    })
}

/// Insured persons per insurance and month (the regions added up), from the relationships'
/// groups (参保统计 has them per region).
pub fn insured(groups: &[super::store::InsuredGroup], from: Month, to: Month) -> Chart {
    let mut per: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for ((_, insurance), counts) in insured_by_month(groups, from, to) {
        let sums = per.entry(insurance).or_insert_with(|| vec![0; counts.len()]);
        sums.iter_mut().zip(counts).for_each(|(s, c)| *s += c);
    }
    let series = Insurance::ALL
        .iter()
        .filter_map(|i| per.remove(i.code()).map(|values| Series { name: insurance_zh(i.code()), values }))
        .collect();
    Chart {
        title: "参保人数（按月） · Insured persons by month".into(),
        labels: from.through(to).map(|m| m.to_string()).collect(),
        series,
        unit: Unit::Count,
        shape: Shape::Lines,
        empty: EMPTY,
    }
}

/// Per month: (month, assessed, collected, in arrears), where arrears add up each unit-month's
/// unpaid part (an overpaid month does not offset another unit's debt).
pub fn money(rows: &[(String, i64, i64, i64)], months: &[String]) -> Chart {
    let at: BTreeMap<&str, &(String, i64, i64, i64)> = rows.iter().map(|r| (r.0.as_str(), r)).collect();
    let column = |pick: fn(&(String, i64, i64, i64)) -> i64| months.iter().map(|m| at.get(m.as_str()).map_or(0, |r| pick(r))).collect();
    Chart {
        title: "核定与到账（按月） · Assessed, collected and arrears".into(),
        labels: months.to_vec(),
        series: vec![
            Series { name: "核定 Assessed".into(), values: column(|r| r.1) },
            Series { name: "到账 Collected".into(), values: column(|r| r.2) },
            Series { name: "欠费 Arrears".into(), values: column(|r| r.3) },
        ],
        unit: Unit::Fen,
        shape: Shape::Lines,
        empty: EMPTY,
    }
}

/// The days drawn: the period's last [`DAYS`] days, ending at its last day or today, whichever
/// comes first; none (`first` after `last`) for a period that has not begun.
pub fn days(f: &Filter, today: Date) -> (Date, Date) {
    let end_of_period = f.to.next().first_day().days_since_epoch() - 1;
    let last = end_of_period.min(today.days_since_epoch());
    let first = (last - DAYS + 1).max(f.from.first_day().days_since_epoch());
    (Date::from_days_since_epoch(first), Date::from_days_since_epoch(last))
}

/// Cases filed per day, `first..=last`, days without any included.
pub fn cases(rows: &[(String, i64)], first: Date, last: Date) -> Chart {
    let at: BTreeMap<&str, i64> = rows.iter().map(|(d, n)| (d.as_str(), *n)).collect();
    let range = first.days_since_epoch()..=last.days_since_epoch();
    let dates: Vec<String> = range.map(|d| Date::from_days_since_epoch(d).iso()).collect();
    Chart {
        title: format!("每日受理件数 · Cases filed per day ({} – {})", first.iso(), last.iso()),
        series: vec![Series { name: "受理 Filed".into(), values: dates.iter().map(|d| at.get(d.as_str()).copied().unwrap_or(0)).collect() }],
        labels: dates.iter().map(|d| d[5..].to_owned()).collect(),
        unit: Unit::Count,
        shape: Shape::Bars,
        empty: EMPTY,
    }
}

/// How long the open cases have waited, in days since filed: 0–2, 3–7, 8–15, 16–30, over 30.
pub const AGES: [(i64, i64, &str); 5] = [(0, 2, "0–2天"), (3, 7, "3–7天"), (8, 15, "8–15天"), (16, 30, "16–30天"), (31, i64::MAX, "30天以上")];

pub fn ages(rows: &[(String, i64)], today: Date) -> Chart {
    let mut counts = [0i64; AGES.len()];
    for (day, n) in rows {
        let Some(filed) = Date::parse_iso(day) else { continue };
        let waited = (today.days_since_epoch() - filed.days_since_epoch()).max(0);
        if let Some(i) = AGES.iter().position(|(lo, hi, _)| (*lo..=*hi).contains(&waited)) {
            counts[i] += n;
        }
    }
    Chart {
        title: format!("待办案件等候时长 · Open cases by days waiting (as of {})", today.iso()),
        labels: AGES.iter().map(|a| a.2.to_owned()).collect(),
        series: vec![Series { name: "待办 Open".into(), values: counts.to_vec() }],
        unit: Unit::Count,
        shape: Shape::Bars,
        empty: EMPTY,
    }
}

/// Pensioners (approved claims) by where their certification stands on `today` — 已认证, 待认证
/// (within the reminder's days, or the grace), 已暂停 — from the count per day last certified;
/// the title says the coverage: the share not suspended, in tenths of a percent, rounded down.
pub fn coverage(rows: &[(String, i64)], today: Date, p: &CertificationPolicy) -> Chart {
    let mut counts = [0i64; 3];
    for (day, n) in rows {
        let Some(last) = Date::parse_iso(day) else { continue };
        let i = match standing(last, today, p) {
            Standing::Certified { .. } => 0,
            Standing::Due { .. } => 1,
            Standing::Suspended { .. } => 2,
        };
        counts[i] += n;
    }
    let total: i64 = counts.iter().sum();
    let permille = if total == 0 { 0 } else { (counts[0] + counts[1]) * 1000 / total };
    Chart {
        title: format!("养老待遇资格认证覆盖 {}.{}% · Certification coverage (as of {})", permille / 10, permille % 10, today.iso()),
        labels: vec!["已认证 Certified".into(), "待认证 Due".into(), "已暂停 Suspended".into()],
        series: vec![Series { name: "领取人 Pensioners".into(), values: counts.to_vec() }],
        unit: Unit::Count,
        shape: Shape::Bars,
        empty: EMPTY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::store::InsuredGroup;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn insured_adds_the_regions_up_per_insurance() {
        let g = |region, insurance: &str, start: &str, end: Option<&str>, count| InsuredGroup {
            region,
            insurance: insurance.into(),
            start_month: start.into(),
            end_month: end.map(Into::into),
            count,
        };
        let groups = [g(320102, "pension", "2026-01", None, 2), g(320583, "pension", "2026-02", Some("2026-02"), 1), g(320102, "medical", "2025-06", None, 1)];
        let c = insured(&groups, m("2026-01"), m("2026-03"));
        assert_eq!(c.labels, ["2026-01", "2026-02", "2026-03"]);
        let by: Vec<(&str, &[i64])> = c.series.iter().map(|s| (s.name.as_str(), s.values.as_slice())).collect();
        assert_eq!(by, [("养老保险", &[2, 3, 2][..]), ("医疗保险", &[1, 1, 1][..])]);
    }

    #[test]
    fn money_fills_months_without_rows() {
        let months: Vec<String> = ["2026-01", "2026-02"].map(String::from).to_vec();
        let c = money(&[("2026-02".into(), 10_000, 6_000, 4_000)], &months);
        assert_eq!(c.series.iter().map(|s| s.values.clone()).collect::<Vec<_>>(), [vec![0, 10_000], vec![0, 6_000], vec![0, 4_000]]);
    }

    #[test]
    fn days_end_at_the_period_or_today() {
        let f = Filter { from: m("2026-01"), to: m("2026-12"), unit: None, region: (0, i64::MAX), person: None };
        let today = Date::new(2026, 12, 4).unwrap();
        let (first, last) = days(&f, today);
        assert_eq!((first.iso().as_str(), last.iso().as_str()), ("2026-09-04", "2026-12-04"));
        let june = Filter { from: m("2026-06"), to: m("2026-06"), ..f };
        let (first, last) = days(&june, today);
        assert_eq!((first.iso().as_str(), last.iso().as_str()), ("2026-06-01", "2026-06-30"));
        let c = cases(&[("2026-06-03".into(), 4)], first, last);
        assert_eq!((c.labels.len(), c.series[0].values[2], c.labels[2].as_str()), (30, 4, "06-03"));
        // A period still to come draws no day (not today's, which lies outside it).
        let later = Filter { from: m("2027-01"), to: m("2027-02"), ..f };
        let (first, last) = days(&later, today);
        assert!(first > last);
        assert!(super::super::svg::render(&cases(&[("2026-12-04".into(), 9)], first, last)).contains("暂无数据"));
    }

    #[test]
    fn coverage_counts_each_standing_and_the_share_not_suspended() {
        let p = CertificationPolicy { every_months: 12, remind_days: 30, grace_days: 30, confirmed: false, source: String::new() };
        let today = Date::new(2026, 12, 4).unwrap();
        // A month ago: certified; 11 months and 10 days ago: due in 20 days; 13 months ago: in
        // the grace, still due; 14 months ago: suspended.
        let rows = [("2026-11-04".into(), 5), ("2025-12-24".into(), 2), ("2025-11-04".into(), 1), ("2025-10-04".into(), 3)];
        let c = coverage(&rows, today, &p);
        assert_eq!(c.series[0].values, [5, 3, 3]);
        assert!(c.title.starts_with("养老待遇资格认证覆盖 72.7%"), "{}", c.title);
        assert!(coverage(&[], today, &p).title.contains(" 0.0%"));
    }

    #[test]
    fn ages_count_days_waited_into_their_band() {
        let today = Date::new(2026, 12, 4).unwrap();
        let rows = [("2026-12-04".into(), 1), ("2026-12-02".into(), 2), ("2026-12-01".into(), 1), ("2026-11-04".into(), 1), ("2026-11-03".into(), 5)];
        assert_eq!(ages(&rows, today).series[0].values, [3, 1, 0, 1, 5]);
    }
}
