//! The benefit rules at their boundaries (`shared/DOMAIN-LEDGER.md` (e) and (f)).

use super::injury::award;
use super::unemployment::months_granted;
use super::*;
use crate::domain::Fen;

const SHIPPED: &str = include_str!("../../../../server/data/policy.json");

fn p() -> BenefitPolicy {
    BenefitPolicy::from_json(SHIPPED).unwrap()
}

#[test]
fn unemployment_months_step_at_one_five_and_ten_years() {
    let p = p();
    let months = |n| months_granted(n, 0, &p.unemployment);
    for (contributed, granted) in [(0, 0), (11, 0), (12, 12), (59, 12), (60, 18), (119, 18), (120, 24), (480, 24)] {
        assert_eq!(months(contributed).months, granted, "{contributed} months contributed");
    }
    assert!(!months(11).eligible && months(12).eligible);
}

#[test]
fn unused_months_are_carried_and_capped_at_24() {
    let p = p();
    let g = months_granted(24, 5, &p.unemployment);
    assert_eq!((g.earned, g.months), (12, 17));
    assert!(g.working[1].zh.contains("5 个月"), "{:?}", g.working);
    assert_eq!(months_granted(130, 6, &p.unemployment).months, 24, "24 + 6 capped");
    assert_eq!(months_granted(60, 6, &p.unemployment).months, 24, "18 + 6 is exactly the cap");
    // Under a year of new contributions: no new months; the unused ones remain.
    let g = months_granted(6, 9, &p.unemployment);
    assert_eq!((g.eligible, g.earned, g.months), (false, 0, 9));
}

#[test]
fn lump_sums_for_every_grade_with_the_wage_clamped() {
    let p = p().work_injury_benefits;
    let average = Fen(600_000);
    // A wage below 60 % of the average counts as 3,600; above 300 % as 18,000.
    let low: Vec<i64> = (1..=10).map(|g| award(g, Fen(300_000), average, &p).unwrap().lump_sum.0).collect();
    assert_eq!(low, [27, 25, 23, 21, 18, 16, 13, 11, 9, 7].map(|m| 360_000 * m));
    let high = award(1, Fen(5_000_000), average, &p).unwrap();
    assert_eq!((high.wage, high.lump_sum, high.monthly_allowance), (Fen(1_800_000), Fen(48_600_000), Some(Fen(1_620_000))));
    let inside = award(5, Fen(700_033), average, &p).unwrap();
    assert_eq!((inside.wage, inside.monthly_allowance), (Fen(700_033), Some(Fen(490_023))), "70 % of 7,000.33, half up");
    assert_eq!(award(6, Fen(700_000), average, &p).unwrap().monthly_allowance, Some(Fen(420_000)));
    assert_eq!(award(7, Fen(700_000), average, &p).unwrap().monthly_allowance, None);
    assert!(inside.working[0].zh.contains("之内") && award(8, Fen(300_000), average, &p).unwrap().working[0].zh.contains("计为 3,600.00"));
}

#[test]
fn a_grade_or_wage_out_of_range_is_refused() {
    let p = p().work_injury_benefits;
    assert_eq!(award(0, Fen(1), Fen(1), &p).unwrap_err().code, "injury.grade");
    assert_eq!(award(11, Fen(1), Fen(1), &p).unwrap_err().code, "injury.grade");
    assert_eq!(award(3, Fen(0), Fen(600_000), &p).unwrap_err().code, "injury.wage");
}

#[test]
fn figures_that_cannot_be_right_are_refused() {
    let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
    v["unemployment"]["durations"][2]["months"] = 30.into();
    assert!(BenefitPolicy::from_json(&v.to_string()).is_err(), "above the cap");
    let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
    v["work_injury_benefits"]["lump_sum_months"].as_array_mut().unwrap().pop();
    assert!(BenefitPolicy::from_json(&v.to_string()).is_err(), "nine grades");
}
