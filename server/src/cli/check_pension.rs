//! `check retirement` and `check pension`: the pension's statutory calculations from the command
//! line, so that an operator or an auditor can verify a figure without the app. The same shared
//! functions and policy data as the back office; one JSON object each, with the working.

use app::domain::ledger::{Month, Working};
use app::domain::pension::{account_pension, annuity_tenths, basic_pension, minimum_months, retirement_month, statutory_age, window, Age, Category, PensionPolicy};
use app::domain::{Fen, Issue};
use serde_json::{json, Value};

pub(super) fn refused(input: Value, issues: Vec<(&str, Issue)>) -> Value {
    let errors: Vec<Value> = issues.iter().map(|(field, i)| json!({ "field": field, "code": i.code, "message": i.zh, "message_en": i.en })).collect();
    json!({ "input": input, "valid": false, "errors": errors })
}

pub(super) fn working(w: &Working) -> Value {
    json!(w.iter().map(|l| json!({ "zh": l.zh, "en": l.en, "amount_fen": l.amount.map(|a| a.0) })).collect::<Vec<_>>())
}

/// The statutory retirement age and month of someone born in `born` (YYYY-MM), the flexible
/// window, and the minimum contribution that applies in the year the age is reached.
pub fn retirement(born: &str, category: &str, p: &PensionPolicy) -> Value {
    let input = json!({ "born": born, "category": category });
    let mut issues = Vec::new();
    let birth = Month::parse(born.trim());
    if birth.is_none() {
        issues.push(("born", Issue::new("born.format", "出生年月应为 YYYY-MM，如 1966-10", "The birth month is YYYY-MM, e.g. 1966-10")));
    }
    let c = Category::parse(category);
    if c.is_none() {
        issues.push(("category", Issue::new("pension.category", "类别应为 male、female-50 或 female-55", "The category is male, female-50 or female-55")));
    }
    let (Some(birth), Some(c)) = (birth, c) else { return refused(input, issues) };
    let age = statutory_age(birth, c, p);
    let (month, mut w) = retirement_month(birth, c, p);
    let flexible = window(birth, c, p);
    let minimum = minimum_months(month.year, p);
    w.push(app::domain::ledger::Line {
        zh: format!("{} 年达到法定退休年龄：最低缴费 {minimum} 个月（{}）", month.year, years_zh(minimum)),
        en: format!("Statutory age reached in {}: at least {minimum} months of contributions", month.year),
        amount: None,
    });
    json!({
        "input": input,
        "valid": true,
        "category": c.code(),
        "statutory_age": { "years": age.years(), "months": age.months(), "zh": age.zh(), "en": age.to_string() },
        "retirement_month": month.to_string(),
        "earliest": flexible.earliest.to_string(),
        "latest": flexible.latest.to_string(),
        "minimum_months": minimum,
        "minimum_years": format!("{}.{}", minimum / 12, minimum % 12 * 10 / 12),
        "working": working(&w),
        "source": p.reform.source,
        "confirmed": p.reform.confirmed,
    })
}

fn years_zh(months: u16) -> String {
    if months.is_multiple_of(12) { format!("{} 年", months / 12) } else { format!("{} 年 {} 个月", months / 12, months % 12) }
}

/// A decimal `s` with at most `places` decimals, scaled to an integer (`0.8`, 4 → 8,000).
fn scaled(s: &str, places: u32) -> Option<u64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !digits(whole) || frac.len() > places as usize || !digits(frac) {
        return None;
    }
    let frac_value = if frac.is_empty() { 0 } else { frac.parse::<u64>().ok()? * 10u64.pow(places - frac.len() as u32) };
    Some(whole.parse::<u64>().ok()? * 10u64.pow(places) + frac_value)
}

pub struct PensionInput<'a> {
    pub base: &'a str,
    pub index: &'a str,
    pub years: &'a str,
    pub balance: &'a str,
    pub age_months: &'a str,
}

/// 基础养老金 and 个人账户养老金 for a 计发基数 `base` (yuan), an average 缴费指数 `index`
/// (e.g. `0.8`), `years` of contributions (whole months: `30.5` is 366 months), an account
/// `balance` (yuan) and the age at retirement in months; each part and the total in fen.
pub fn pension(i: &PensionInput, p: &PensionPolicy) -> Value {
    let input = json!({ "base": i.base, "index": i.index, "years": i.years, "balance": i.balance, "age_months": i.age_months });
    let mut issues = Vec::new();
    let base = Fen::parse_yuan(i.base).map(|c| c.value).map_err(|e| issues.push(("base", e))).ok();
    let index = scaled(i.index, 4).and_then(|z| u32::try_from(z).ok()).filter(|z| *z <= 30_000);
    if index.is_none() {
        issues.push(("index", Issue::new("pension.index", "平均缴费指数应为 0 至 3 之间的小数，最多四位小数，如 0.8", "The average index is a decimal from 0 to 3, at most four places, e.g. 0.8")));
    }
    // Years to months: only whole months are counted.
    let months = scaled(i.years, 2).map(|h| h * 12).filter(|m| m % 100 == 0).and_then(|m| u16::try_from(m / 100).ok()).filter(|m| *m <= 12 * 70);
    if months.is_none() {
        issues.push(("years", Issue::new("pension.years", "缴费年限应为整月数对应的年数（如 30 或 30.5），不超过 70 年", "Years must come to whole months (e.g. 30 or 30.5), at most 70")));
    }
    let balance = Fen::parse_yuan(i.balance).map(|c| c.value).map_err(|e| issues.push(("balance", e))).ok();
    let age = i.age_months.trim().parse::<u16>().ok().map(Age);
    let tenths = age.and_then(|a| annuity_tenths(a, p));
    if tenths.is_none() {
        let (lo, hi) = (p.annuity_months.by_age.first().map_or(0, |r| r.0), p.annuity_months.by_age.last().map_or(0, |r| r.0));
        issues.push(("age_months", Issue::formatted(
            "pension.age",
            format!("退休年龄应为月数（如 60 岁 6 个月为 726），在计发月数表的 {lo} 至 {hi} 岁之间"),
            format!("The age at retirement is in months (60 years 6 months is 726), within the table's {lo} to {hi} years"),
        )));
    }
    let (Some(base), Some(index), Some(months), Some(balance), Some(age), Some(tenths)) = (base, index, months, balance, age, tenths) else {
        return refused(input, issues);
    };
    let (basic, mut w) = basic_pension(base, index, months);
    let (account, account_working) = account_pension(balance, tenths);
    w.extend(account_working);
    let total = Fen(basic.0 + account.0);
    w.push(app::domain::ledger::Line {
        zh: format!("合计 = {} + {} = {} 元/月", basic.yuan(), account.yuan(), total.yuan()),
        en: format!("Total = {} + {} = {} yuan a month", basic.yuan(), account.yuan(), total.yuan()),
        amount: Some(total),
    });
    json!({
        "input": input,
        "valid": true,
        "basic_fen": basic.0,
        "account_fen": account.0,
        "total_fen": total.0,
        "months": months,
        "age": { "years": age.years(), "months": age.months(), "zh": age.zh() },
        "annuity_months": format!("{}.{}", tenths / 10, tenths % 10),
        "working": working(&w),
        "source": p.annuity_months.source,
        "interpolation": p.annuity_months.interpolation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PensionPolicy {
        PensionPolicy::from_json(crate::state::SHIPPED_POLICY).unwrap()
    }

    #[test]
    fn retirement_answers_the_reform() {
        let v = retirement("1967-05", "male", &p());
        assert_eq!(v["valid"], true);
        assert_eq!(v["statutory_age"]["zh"], "60岁8个月");
        assert_eq!(v["retirement_month"], "2028-01");
        assert_eq!(v["minimum_months"], 180);
        let v = retirement("1975-03", "female-50", &p());
        assert_eq!(v["statutory_age"]["months"], 2);
        assert_eq!(v["retirement_month"], "2025-05");
        // 61 years 6 months, reached in 2032: 15 years and three steps of six months.
        let v = retirement("1970-11", "male", &p());
        assert_eq!((v["retirement_month"].as_str(), v["minimum_months"].as_u64(), v["minimum_years"].as_str()), (Some("2032-05"), Some(198), Some("16.5")));
        let v = retirement("1966-13", "female", &p());
        assert_eq!(v["valid"], false);
        let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["born", "category"]);
    }

    #[test]
    fn pension_answers_both_parts_in_fen() {
        let i = PensionInput { base: "12049", index: "0.8", years: "30", balance: "139000", age_months: "720" };
        let v = pension(&i, &p());
        assert_eq!(v["valid"], true, "{v}");
        assert_eq!((v["basic_fen"].as_i64(), v["account_fen"].as_i64(), v["total_fen"].as_i64()), (Some(325_323), Some(100_000), Some(425_323)));
        assert_eq!(v["annuity_months"], "139.0");
        let i = PensionInput { age_months: "721", years: "30.5", ..i };
        let v = pension(&i, &p());
        assert_eq!((v["annuity_months"].as_str(), v["months"].as_u64()), (Some("138.4"), Some(366)));
        let bad = PensionInput { base: "x", index: "4", years: "30.1", balance: "-1", age_months: "400" };
        let v = pension(&bad, &p());
        assert_eq!(v["valid"], false);
        assert_eq!(v["errors"].as_array().unwrap().len(), 5, "{v}");
    }
}
