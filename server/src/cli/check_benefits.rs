//! `check unemployment` and `check injury`: the unemployment benefit's months and the
//! work-injury award from the command line, with the same shared functions and policy data as
//! the app; one JSON object each, with the working.

use app::domain::benefits::{injury, unemployment, BenefitPolicy};
use app::domain::{Fen, Issue};
use serde_json::{json, Value};

use super::check_pension::{refused, working};

fn months(s: &str) -> Option<u16> {
    s.trim().parse::<u16>().ok().filter(|m| *m <= 12 * 80)
}

/// The months granted for `contributed` months since the last spell and `carried` unused ones.
pub fn unemployment(contributed: &str, carried: &str, p: &BenefitPolicy) -> Value {
    let input = json!({ "months_contributed": contributed, "carried": carried });
    let (n, c) = (months(contributed), months(carried));
    let mut issues = Vec::new();
    if n.is_none() {
        issues.push(("months_contributed", Issue::new("unemployment.months", "缴费月数应为整数（月）", "The months contributed are a whole number")));
    }
    if c.is_none() {
        issues.push(("carried", Issue::new("unemployment.months", "前次未领月数应为整数（月）", "The carried months are a whole number")));
    }
    let (Some(n), Some(c)) = (n, c) else { return refused(input, issues) };
    let g = unemployment::months_granted(n, c, &p.unemployment);
    json!({
        "input": input,
        "valid": true,
        "eligible": g.eligible,
        "earned_months": g.earned,
        "months": g.months,
        "working": working(&g.working),
        "source": p.unemployment.source,
        "confirmed": p.unemployment.confirmed,
    })
}

/// The award for a disability `grade`, the person's `wage`, the area's `average` and, when
/// given, the local `minimum` wage the 伤残津贴 is topped up to (yuan) and the `care` the person
/// needs (`full`, `most`, `part`: the 生活护理费).
pub fn injury(grade: &str, wage: &str, average: &str, minimum: Option<&str>, care: Option<&str>, p: &BenefitPolicy) -> Value {
    let input = json!({ "grade": grade, "wage": wage, "average": average, "minimum": minimum, "care": care });
    let mut issues = Vec::new();
    let g = grade.trim().parse::<u8>().ok();
    if g.is_none() {
        issues.push(("grade", Issue::new("injury.grade", "伤残等级应为 1 至 10 级", "The disability grade is 1 to 10")));
    }
    let w = Fen::parse_yuan(wage).map(|c| c.value).map_err(|e| issues.push(("wage", e))).ok();
    let a = Fen::parse_yuan(average).map(|c| c.value).map_err(|e| issues.push(("average", e))).ok();
    let m = match minimum {
        None => Some(None),
        Some(m) => Fen::parse_yuan(m).map(|c| Some(c.value)).map_err(|e| issues.push(("minimum", e))).ok(),
    };
    let c = injury::Care::asked(care.unwrap_or_default()).map_err(|e| issues.push(("care", e))).ok();
    let (Some(g), Some(w), Some(a), Some(m), Some(c)) = (g, w, a, m, c) else { return refused(input, issues) };
    match injury::award(g, w, a, m, &p.work_injury_benefits) {
        Err(issue) => refused(input, vec![(if issue.code == "injury.grade" { "grade" } else { "wage" }, issue)]),
        Ok(mut award) => {
            let care = c.map(|c| injury::care_fee(c, a, &p.work_injury_benefits));
            let care_fee = care.as_ref().and_then(|l| l.amount).map(|f| f.0);
            award.working.extend(care);
            json!({
                "input": input,
                "valid": true,
                "wage_fen": award.wage.0,
                "lump_sum_fen": award.lump_sum.0,
                "monthly_allowance_fen": award.monthly_allowance.map(|f| f.0),
                "care_fee_fen": care_fee,
                "working": working(&award.working),
                "source": p.work_injury_benefits.source,
                "confirmed": p.work_injury_benefits.confirmed,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> BenefitPolicy {
        BenefitPolicy::from_json(crate::state::SHIPPED_POLICY).unwrap()
    }

    #[test]
    fn unemployment_answers_months() {
        let v = unemployment("60", "10", &p());
        assert_eq!((v["valid"].as_bool(), v["earned_months"].as_u64(), v["months"].as_u64()), (Some(true), Some(18), Some(24)));
        let v = unemployment("x", "-1", &p());
        assert_eq!(v["errors"].as_array().unwrap().len(), 2, "{v}");
    }

    #[test]
    fn injury_answers_the_vector() {
        let v = injury("7", "3000", "6000", None, None, &p());
        assert_eq!((v["wage_fen"].as_i64(), v["lump_sum_fen"].as_i64()), (Some(360_000), Some(4_680_000)));
        assert!(v["monthly_allowance_fen"].is_null() && v["care_fee_fen"].is_null());
        // 生活护理费: 40 % of the average 6,000, whatever the person's wage (第34条).
        let v = injury("7", "3000", "6000", None, Some("most"), &p());
        assert_eq!(v["care_fee_fen"].as_i64(), Some(240_000), "{v}");
        assert!(v["working"].to_string().contains("生活护理费"), "{v}");
        let v = injury("7", "3000", "6000", None, Some("some"), &p());
        assert_eq!(v["errors"][0]["field"].as_str(), Some("care"), "{v}");
        let v = injury("11", "3000", "6000", None, None, &p());
        assert_eq!((v["valid"].as_bool(), v["errors"][0]["field"].as_str()), (Some(false), Some("grade")));
        // Grade 4 at the floor: 75 % of 3,600 is 2,700, topped up to a minimum of 2,800.
        let v = injury("4", "3000", "6000", Some("2800"), None, &p());
        assert_eq!(v["monthly_allowance_fen"].as_i64(), Some(280_000), "{v}");
        let v = injury("4", "3000", "6000", Some("two"), None, &p());
        assert_eq!(v["errors"][0]["field"].as_str(), Some("minimum"), "{v}");
    }
}
