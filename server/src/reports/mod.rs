//! 报表: the agency's reports, each a fixed template with parameters (a period, a unit, a
//! region), produced page by page from the store into a [`Sink`] — CSV ([`csv_out`]) or XLSX
//! ([`xlsx_out`]) or a page to print ([`html_out`]) — so a large one is never held whole in memory; a totals row closes each.
//!
//! Who reads what ([`Scope`]): a unit its own, a member of staff with a region that region, an
//! admin (or staff without a region: the agency's central office) everything. The command line
//! (`shebao-server report`) and the download endpoint ([`http`]) produce the same files.
//!
//! Money stays integer fen up to the file: CSV prints it as exact yuan text, XLSX as a number
//! of yuan with two decimals (a spreadsheet cell is a binary float; the value written is the
//! nearest one to the exact amount, and it rounds back to the same fen).

pub mod csv_out;
pub mod file;
pub mod html_out;
pub mod http;
pub mod preview;
pub mod produce;
pub mod stats;
pub mod store;
pub mod svg;
pub mod xlsx_out;

use app::api::reports::REPORTS;
use app::domain::ledger::Month;

pub use self::produce::produce;
pub use self::store::ReportStore;

/// The reports there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// 单位缴费核定单: a unit's assessed rows by month, person and insurance.
    UnitStatement,
    /// 参保人员花名册: who is insured in what, at which unit, in the period.
    Roster,
    /// 欠费明细: unit-months assessed and not paid in full.
    Arrears,
    /// 参保统计: insured persons by region × insurance × month.
    InsuredStats,
    /// 业务办理统计: cases by kind, status, operator and month.
    CaseStats,
    /// 待遇发放明细: the benefits paid, by month and person — 基本养老金, 失业保险金, 伤残津贴, 一次性伤残补助金 and 医疗费用报销.
    BenefitPayments,
    /// 个人参保缴费证明: one person's months — insurance, unit, base, what each side owed, and
    /// whether the unit's month was paid (`Filter::person`).
    PersonRecord,
}

/// What a column holds; numbers are written as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Count,
    /// Integer fen, shown as yuan.
    Fen,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: Kind,
    /// Summed in the totals row (a base is not: its sum means nothing).
    pub summed: bool,
}

const fn col(zh: &'static str, en: &'static str, kind: Kind) -> Column {
    Column { zh, en, kind, summed: !matches!(kind, Kind::Text) }
}

/// Money that is not added up.
const fn unsummed(zh: &'static str, en: &'static str) -> Column {
    Column { zh, en, kind: Kind::Fen, summed: false }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(i64),
    Fen(i64),
}

impl Report {
    pub const ALL: [Report; 7] =
        [Report::UnitStatement, Report::Roster, Report::Arrears, Report::InsuredStats, Report::CaseStats, Report::BenefitPayments, Report::PersonRecord];

    /// The name on the command line and in the address (the app's list, in [`Report::ALL`]'s
    /// order).
    pub fn code(self) -> &'static str {
        REPORTS[self as usize].0
    }

    pub fn parse(s: &str) -> Option<Report> {
        Report::ALL.into_iter().find(|r| r.code() == s)
    }

    /// The title, Chinese then English.
    pub fn title(self) -> (&'static str, &'static str) {
        let (_, zh, en) = REPORTS[self as usize];
        (zh, en)
    }

    /// Whether it is about one unit (and needs one named).
    pub fn needs_unit(self) -> bool {
        matches!(self, Report::UnitStatement)
    }

    /// Whether it is about one person (named by their ID number).
    pub fn needs_person(self) -> bool {
        matches!(self, Report::PersonRecord)
    }

    /// Whether a unit may read it (about itself).
    pub fn for_units(self) -> bool {
        matches!(self, Report::UnitStatement | Report::Roster | Report::Arrears)
    }

    pub fn columns(self) -> &'static [Column] {
        use Kind::*;
        match self {
            Report::UnitStatement => {
                const C: &[Column] = &[
                col("费款所属期", "Month", Text),
                col("姓名", "Name", Text),
                col("身份证号", "ID number", Text),
                col("险种", "Insurance", Text),
                col("类别", "Kind", Text),
                unsummed("缴费基数", "Base"),
                col("单位缴费", "Employer", Fen),
                col("个人缴费", "Individual", Fen),
                col("合计", "Total", Fen),
            ];
                C
            }
            Report::Roster => {
                const C: &[Column] = &[
                col("统一社会信用代码", "Credit code", Text),
                col("单位名称", "Unit", Text),
                col("姓名", "Name", Text),
                col("身份证号", "ID number", Text),
                col("险种", "Insurance", Text),
                col("参保起始月", "From", Text),
                col("参保终止月", "To", Text),
                col("参保状态", "Status", Text),
            ];
                C
            }
            Report::Arrears => {
                const C: &[Column] = &[
                col("统一社会信用代码", "Credit code", Text),
                col("单位名称", "Unit", Text),
                col("行政区划", "Region", Text),
                col("费款所属期", "Month", Text),
                col("应缴", "Due", Fen),
                col("已缴", "Paid", Fen),
                col("欠费", "Owed", Fen),
            ];
                C
            }
            Report::InsuredStats => {
                const C: &[Column] = &[
                col("行政区划代码", "Region code", Text),
                col("行政区划", "Region", Text),
                col("险种", "Insurance", Text),
                col("月份", "Month", Text),
                col("参保人数", "Insured persons", Count),
            ];
                C
            }
            Report::CaseStats => {
                const C: &[Column] = &[
                col("月份", "Month", Text),
                col("业务类型", "Kind", Text),
                col("状态", "Status", Text),
                col("经办人", "Operator", Text),
                col("件数", "Cases", Count),
            ];
                C
            }
            Report::PersonRecord => {
                const C: &[Column] = &[
                col("费款所属期", "Month", Text),
                col("险种", "Insurance", Text),
                col("参保单位", "Unit", Text),
                unsummed("缴费基数", "Base"),
                col("单位缴纳", "Employer", Fen),
                col("个人缴纳", "Individual", Fen),
                col("到账情况", "Paid", Text),
            ];
                C
            }
            Report::BenefitPayments => {
                const C: &[Column] = &[
                col("发放月份", "Month", Text),
                col("姓名", "Name", Text),
                col("身份证号", "ID number", Text),
                col("待遇类型", "Benefit", Text),
                col("行政区划", "Region", Text),
                col("发放金额", "Amount", Fen),
            ];
                C
            }
        }
    }
}

/// The rows a reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A unit's own account: that unit.
    Unit(i64),
    /// Staff of a region: units and persons insured there (a division code's range).
    Region(i64, i64),
    All,
}

/// What a report is asked for, once checked against the scope: the rows it selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub from: Month,
    pub to: Month,
    pub unit: Option<i64>,
    /// A division code's range, both ends included.
    pub region: (i64, i64),
    /// The person of a [`Report::needs_person`] report (the ledger's id), set by the caller
    /// once it has found them.
    pub person: Option<i64>,
}

/// Why a report cannot be produced as asked (said to the reader, Chinese and English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn refused(code: &'static str, zh: &'static str, en: &'static str) -> Refused {
    Refused { code, zh, en }
}

/// The longest period one report covers (30 years of months).
pub const MAX_MONTHS: i32 = 360;

/// Checks what is asked against who asks: `unit` is the named unit with its region.
pub fn filter(report: Report, scope: Scope, from: Month, to: Month, unit: Option<(i64, i64)>, region: Option<(i64, i64)>) -> Result<Filter, Refused> {
    if from > to {
        return Err(refused("report.period", "起始月不能晚于终止月", "The first month is after the last"));
    }
    if to.index() - from.index() >= MAX_MONTHS {
        return Err(refused("report.period_long", "一次最多统计 360 个月", "A report covers at most 360 months"));
    }
    if report.needs_unit() && unit.is_none() && !matches!(scope, Scope::Unit(_)) {
        return Err(refused("report.unit_needed", "请指定单位", "Name the unit"));
    }
    let out_of_scope = refused("report.scope", "无权查看该范围的报表", "This report is outside what you may see");
    let (unit, region) = match scope {
        Scope::Unit(own) => {
            if !report.for_units() || unit.is_some_and(|(id, _)| id != own) || region.is_some() {
                return Err(out_of_scope);
            }
            (Some(own), (0, i64::MAX))
        }
        Scope::Region(lo, hi) => {
            if unit.is_some_and(|(_, r)| r < lo || r > hi) || region.is_some_and(|(a, b)| a < lo || b > hi) {
                return Err(out_of_scope);
            }
            (unit.map(|(id, _)| id), region.unwrap_or((lo, hi)))
        }
        Scope::All => (unit.map(|(id, _)| id), region.unwrap_or((0, i64::MAX))),
    };
    Ok(Filter { from, to, unit, region, person: None })
}

/// Where a report's rows go, in order: the header once, the rows, the totals once.
pub trait Sink: Send {
    fn header(&mut self, report: Report, filter: &Filter) -> std::io::Result<()>;
    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()>;
    fn finish(&mut self, totals: &[Cell]) -> std::io::Result<()>;
}

/// An insurance's name, Chinese.
pub fn insurance_zh(code: &str) -> String {
    app::domain::policy::Insurance::parse(code).map_or_else(|| code.to_owned(), |i| i.zh().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn a_unit_reads_only_its_own() {
        let f = filter(Report::Roster, Scope::Unit(7), m("2026-01"), m("2026-03"), None, None).unwrap();
        assert_eq!(f.unit, Some(7));
        assert_eq!(filter(Report::Roster, Scope::Unit(7), m("2026-01"), m("2026-03"), Some((8, 110101)), None).unwrap_err().code, "report.scope");
        assert_eq!(filter(Report::InsuredStats, Scope::Unit(7), m("2026-01"), m("2026-03"), None, None).unwrap_err().code, "report.scope");
        assert_eq!(filter(Report::Arrears, Scope::Unit(7), m("2026-01"), m("2026-03"), None, Some((110000, 119999))).unwrap_err().code, "report.scope");
    }

    #[test]
    fn staff_of_a_region_read_only_that_region() {
        let s = Scope::Region(110100, 110199);
        assert_eq!(filter(Report::InsuredStats, s, m("2026-01"), m("2026-01"), None, None).unwrap().region, (110100, 110199));
        assert_eq!(filter(Report::InsuredStats, s, m("2026-01"), m("2026-01"), None, Some((110101, 110101))).unwrap().region, (110101, 110101));
        assert!(filter(Report::InsuredStats, s, m("2026-01"), m("2026-01"), None, Some((110000, 119999))).is_err());
        assert!(filter(Report::UnitStatement, s, m("2026-01"), m("2026-01"), Some((3, 120101)), None).is_err());
        assert_eq!(filter(Report::UnitStatement, s, m("2026-01"), m("2026-01"), Some((3, 110102)), None).unwrap().unit, Some(3));
        assert_eq!(filter(Report::UnitStatement, Scope::All, m("2026-01"), m("2026-01"), None, None).unwrap_err().code, "report.unit_needed");
    }

    #[test]
    fn the_period_is_checked() {
        assert_eq!(filter(Report::Arrears, Scope::All, m("2026-02"), m("2026-01"), None, None).unwrap_err().code, "report.period");
        assert!(filter(Report::Arrears, Scope::All, m("1997-01"), m("2026-12"), None, None).is_ok());
        assert_eq!(filter(Report::Arrears, Scope::All, m("1996-12"), m("2026-12"), None, None).unwrap_err().code, "report.period_long");
    }

    #[test]
    fn codes_round_trip() {
        for r in Report::ALL {
            assert_eq!(Report::parse(r.code()), Some(r));
        }
        assert!(Report::ALL.iter().enumerate().all(|(i, r)| *r as usize == i), "ALL is in the app list's order");
        assert_eq!(Report::parse("nope"), None);
    }
}
