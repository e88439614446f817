//! Policy figures as data: contribution base limits and contribution rates per region,
//! insurance type and effective dates, and the statutory retirement ages with the pension's
//! figures. The server loads them from a data file (`server/data/policy.json`) and sends them
//! to the app, so a policy change is a data change, not a release.

use serde::{Deserialize, Serialize};

use super::pension::policy::{check_steps, Steps};
use super::pension::PensionPolicy;
use super::{BasisPoints, Date, Fen, Issue};

/// The four social insurances an employee is enrolled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Insurance {
    /// 养老保险
    Pension,
    /// 医疗保险 (maternity merged in)
    Medical,
    /// 失业保险
    Unemployment,
    /// 工伤保险
    WorkInjury,
}

impl Insurance {
    pub const ALL: [Insurance; 4] = [Insurance::Pension, Insurance::Medical, Insurance::Unemployment, Insurance::WorkInjury];

    /// The stable code: the JSON name (serde's `snake_case`) and the ledger's column value.
    ///
    /// ```
    /// use app::domain::policy::Insurance;
    /// for i in Insurance::ALL {
    ///     assert_eq!(serde_json::to_string(&i).unwrap(), format!("\"{}\"", i.code()));
    ///     assert_eq!(Insurance::parse(i.code()), Some(i));
    /// }
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Insurance::Pension => "pension",
            Insurance::Medical => "medical",
            Insurance::Unemployment => "unemployment",
            Insurance::WorkInjury => "work_injury",
        }
    }

    pub fn parse(code: &str) -> Option<Insurance> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Insurance::Pension => "养老保险",
            Insurance::Medical => "医疗保险",
            Insurance::Unemployment => "失业保险",
            Insurance::WorkInjury => "工伤保险",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Insurance::Pension => "pension insurance",
            Insurance::Medical => "medical insurance",
            Insurance::Unemployment => "unemployment insurance",
            Insurance::WorkInjury => "work-injury insurance",
        }
    }
}

/// The monthly contribution base's limits in a region over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseLimit {
    /// A division code; a province's limit covers every division under it.
    pub region: u32,
    pub from: Date,
    /// Inclusive; `None`: until replaced.
    pub to: Option<Date>,
    pub min: Fen,
    pub max: Fen,
    /// `false` until checked against the official notice.
    pub confirmed: bool,
    pub source: String,
}

/// Contribution rates of one insurance in a region over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub region: u32,
    pub insurance: Insurance,
    pub from: Date,
    pub to: Option<Date>,
    /// The employer's rate; a range where it depends on the industry class (work injury).
    pub employer_min: BasisPoints,
    pub employer_max: BasisPoints,
    /// `None` where the city sets it and the table does not know it yet.
    pub individual: Option<BasisPoints>,
    pub confirmed: bool,
    pub source: String,
}

/// A social insurance office the public can call or visit (联系我们). Names, addresses and hours
/// are as the office publishes them (in Chinese); the app shows them in either language as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// The division it serves: a province's office answers for every division under it.
    pub region: u32,
    pub name: String,
    pub address: String,
    /// Digits and hyphens only, as dialled (`12333`, `025-12333`).
    pub phone: String,
    pub hours: String,
    /// `false` until checked against the office's own publication.
    pub confirmed: bool,
    pub source: String,
}

/// The whole table, as shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyTable {
    /// Changes whenever the figures do; the app keeps the last one it received.
    pub version: String,
    pub note: String,
    pub base_limits: Vec<BaseLimit>,
    pub rates: Vec<Rate>,
    /// The statutory retirement ages: the 2025 reform's steps, copied on reading from the file's
    /// `pension.reform.steps` (the device needs no more of the pension's figures). Empty in a
    /// table a device kept from before they were sent: the form then leaves the rule to the server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retirement: Vec<Steps>,
    /// The offices to contact (联系我们); empty in a table kept from before they were sent.
    #[serde(default)]
    pub offices: Vec<Office>,
}

fn covers(region: u32, code: u32) -> bool {
    region == code || region == code / 100 * 100 || region == code / 10_000 * 10_000
}

/// How specific a region is for `code`: the county beats the city beats the province.
fn specificity(region: u32) -> u8 {
    if region.is_multiple_of(10_000) { 0 } else if region.is_multiple_of(100) { 1 } else { 2 }
}

fn in_force(from: Date, to: Option<Date>, on: Date) -> bool {
    from <= on && to.is_none_or(|t| on <= t)
}

impl PolicyTable {
    /// Parses and checks the JSON data file.
    pub fn from_json(json: &str) -> Result<PolicyTable, String> {
        let mut table: PolicyTable = serde_json::from_str(json).map_err(|e| format!("policy table: {e}"))?;
        table.retirement = PensionPolicy::from_json(json)?.reform.steps;
        table.check()?;
        Ok(table)
    }

    /// Internal consistency: limits ordered, periods ordered, no two rows for the same region
    /// (and insurance) in force on the same day.
    pub fn check(&self) -> Result<(), String> {
        for (i, l) in self.base_limits.iter().enumerate() {
            if l.min > l.max || l.to.is_some_and(|t| t < l.from) {
                return Err(format!("base limit #{i} for {}: min above max or period reversed", l.region));
            }
            for o in &self.base_limits[i + 1..] {
                if o.region == l.region && overlap(l.from, l.to, o.from, o.to) {
                    return Err(format!("base limits for {} overlap ({} and {})", l.region, l.from, o.from));
                }
            }
        }
        for (i, r) in self.rates.iter().enumerate() {
            if r.employer_min > r.employer_max || r.to.is_some_and(|t| t < r.from) {
                return Err(format!("rate #{i} for {}: range or period reversed", r.region));
            }
            for o in &self.rates[i + 1..] {
                if o.region == r.region && o.insurance == r.insurance && overlap(r.from, r.to, o.from, o.to) {
                    return Err(format!("rates for {} {:?} overlap", r.region, r.insurance));
                }
            }
        }
        for o in &self.offices {
            let dialable = !o.phone.is_empty() && o.phone.chars().all(|c| c.is_ascii_digit() || c == '-');
            if !dialable || !super::divisions::is_known(o.region) || o.name.trim().is_empty() {
                return Err(format!("office {:?}: unknown region {} or a phone not dialable", o.name, o.region));
            }
        }
        if self.retirement.is_empty() { Ok(()) } else { check_steps(&self.retirement) }
    }

    /// The offices to contact from `region`, the nearest first (the county's, the city's, the
    /// province's), then the rest in the file's order. `None`: every office in the file's order.
    pub fn offices_near(&self, region: Option<u32>) -> Vec<&Office> {
        let Some(region) = region else { return self.offices.iter().collect() };
        let distance = |o: &Office| if covers(o.region, region) { 2 - specificity(o.region) } else { 3 };
        // Four distances: a pass each keeps offices equally near in the file's order.
        (0..=3).flat_map(|d| self.offices.iter().filter(move |o| distance(o) == d)).collect()
    }

    /// The most specific base limit in force for `region` on `on`.
    pub fn base_limit(&self, region: u32, on: Date) -> Option<&BaseLimit> {
        self.base_limits
            .iter()
            .filter(|l| covers(l.region, region) && in_force(l.from, l.to, on))
            .max_by_key(|l| specificity(l.region))
    }

    /// The most specific rate in force.
    pub fn rate(&self, region: u32, insurance: Insurance, on: Date) -> Option<&Rate> {
        self.rates
            .iter()
            .filter(|r| r.insurance == insurance && covers(r.region, region) && in_force(r.from, r.to, on))
            .max_by_key(|r| specificity(r.region))
    }

    /// A monthly base outside the limits is an error that names them.
    ///
    /// ```
    /// use app::domain::{policy::PolicyTable, Date, Fen};
    /// let table = PolicyTable::from_json(include_str!("../../../server/data/policy.json")).unwrap();
    /// let on = Date::new(2025, 3, 1).unwrap();
    /// let issue = table.check_base(Fen(300_000), 320102, on).unwrap_err();
    /// assert!(issue.zh.contains("4,879.00") && issue.zh.contains("24,396.00"));
    /// assert!(table.check_base(Fen(600_000), 320102, on).is_ok());
    /// ```
    pub fn check_base(&self, base: Fen, region: u32, on: Date) -> Result<Option<Issue>, Issue> {
        let Some(limit) = self.base_limit(region, on) else {
            return Ok(Some(Issue::formatted(
                "base.no_policy",
                format!("{on} 时该地区的缴费基数上下限未知，将由经办机构审核"),
                format!("The base limits for this region on {on} are not known; the agency will check"),
            )));
        };
        if base < limit.min || base > limit.max {
            return Err(Issue::formatted(
                "base.out_of_range",
                format!("缴费基数应在 {} 元至 {} 元之间（每月）", limit.min.yuan(), limit.max.yuan()),
                format!("The monthly base must be between {} and {} yuan", limit.min.yuan(), limit.max.yuan()),
            ));
        }
        Ok(None)
    }
}

fn overlap(a_from: Date, a_to: Option<Date>, b_from: Date, b_to: Option<Date>) -> bool {
    a_to.is_none_or(|t| b_from <= t) && b_to.is_none_or(|t| a_from <= t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PolicyTable {
        PolicyTable::from_json(include_str!("../../../server/data/policy.json")).expect("the shipped table parses")
    }

    #[test]
    fn the_shipped_table_is_consistent_and_unconfirmed() {
        let t = shipped();
        assert!(!t.base_limits.is_empty() && !t.rates.is_empty());
        assert!(t.base_limits.iter().all(|l| !l.confirmed), "figures are to be confirmed");
        let on = Date::new(2025, 1, 15).unwrap();
        let pension = t.rate(320583, Insurance::Pension, on).unwrap();
        assert_eq!((pension.employer_min, pension.individual), (BasisPoints(1600), Some(BasisPoints(800))));
        let injury = t.rate(320102, Insurance::WorkInjury, on).unwrap();
        assert_eq!((injury.employer_min, injury.employer_max), (BasisPoints(20), BasisPoints(190)));
        assert!(t.base_limit(110105, on).is_none(), "no figures for Beijing are shipped");
    }

    #[test]
    fn offices_nearest_first_and_checked() {
        let t = shipped();
        assert!(t.offices.len() >= 2 && t.offices.iter().all(|o| !o.confirmed), "demo offices are to be confirmed");
        let names = |region| t.offices_near(region).iter().map(|o| o.region).collect::<Vec<_>>();
        // 昆山 (a county of 苏州): the county's window, the city's, the province's hotline, then the rest.
        assert_eq!(names(Some(320583)), vec![320583, 320500, 320000, 320100]);
        assert_eq!(names(Some(320102)), vec![320100, 320000, 320500, 320583]);
        assert_eq!(names(None), t.offices.iter().map(|o| o.region).collect::<Vec<_>>());
        let mut bad = t.clone();
        bad.offices[0].phone = "12333 转 1".into();
        assert!(bad.check().is_err(), "a phone that cannot be dialled");
        let mut bad = t.clone();
        bad.offices[0].region = 329999;
        assert!(bad.check().is_err(), "an unknown region");
    }

    #[test]
    fn the_most_specific_region_wins() {
        let mut t = shipped();
        let mut city = t.base_limits[0].clone();
        city.region = 320500;
        city.min = Fen(500_000);
        t.base_limits.push(city);
        let on = Date::new(2025, 1, 15).unwrap();
        assert_eq!(t.base_limit(320583, on).unwrap().min, Fen(500_000));
        assert_eq!(t.base_limit(320102, on).unwrap().min, Fen(487_900));
    }

    #[test]
    fn overlaps_are_refused() {
        let mut t = shipped();
        let again = t.base_limits[0].clone();
        t.base_limits.push(again);
        assert!(t.check().unwrap_err().contains("overlap"));
    }
}
