//! The benefit rules at their boundaries (`shared/DOMAIN-LEDGER.md` (e) and (f)).

use super::injury::{award, topped_up};
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
    let low: Vec<i64> = (1..=10).map(|g| award(g, Fen(300_000), average, None, &p).unwrap().lump_sum.0).collect();
    assert_eq!(low, [27, 25, 23, 21, 18, 16, 13, 11, 9, 7].map(|m| 360_000 * m));
    let high = award(1, Fen(5_000_000), average, None, &p).unwrap();
    assert_eq!((high.wage, high.lump_sum, high.monthly_allowance), (Fen(1_800_000), Fen(48_600_000), Some(Fen(1_620_000))));
    let inside = award(5, Fen(700_033), average, None, &p).unwrap();
    assert_eq!((inside.wage, inside.monthly_allowance), (Fen(700_033), Some(Fen(490_023))), "70 % of 7,000.33, half up");
    assert_eq!(award(6, Fen(700_000), average, None, &p).unwrap().monthly_allowance, Some(Fen(420_000)));
    assert_eq!(award(7, Fen(700_000), average, None, &p).unwrap().monthly_allowance, None);
    assert!(inside.working[0].zh.contains("之内") && award(8, Fen(300_000), average, None, &p).unwrap().working[0].zh.contains("计为 3,600.00"));
}

#[test]
fn an_allowance_below_the_minimum_wage_is_topped_up_by_whoever_pays_it() {
    let p = p().work_injury_benefits;
    let average = Fen(600_000);
    // Grade 4 at the floor: 75 % of 3,600 = 2,700; a minimum of 2,800 lifts it by 100, the
    // fund paying (第35条); grade 6 at 60 % = 2,160, the unit paying (第36条).
    let four = award(4, Fen(300_000), average, Some(Fen(280_000)), &p).unwrap();
    assert_eq!(four.monthly_allowance, Some(Fen(280_000)));
    let last = four.working.last().unwrap();
    assert!(last.zh.contains("工伤保险基金补足差额 100.00") && last.zh.contains("第35条") && last.amount == Some(Fen(280_000)), "{last:?}");
    let six = award(6, Fen(300_000), average, Some(Fen(280_000)), &p).unwrap();
    assert_eq!(six.monthly_allowance, Some(Fen(280_000)));
    assert!(six.working.last().unwrap().zh.contains("用人单位补足差额 640.00"), "{:?}", six.working);
    // Above the minimum nothing changes, and the working says it was compared; without a
    // figure it says none was applied; grades 7–10 have no allowance to top up.
    let above = award(4, Fen(300_000), average, Some(Fen(200_000)), &p).unwrap();
    assert_eq!(above.monthly_allowance, Some(Fen(270_000)));
    assert!(above.working.last().unwrap().zh.contains("不低于当地最低工资标准 2,000.00"));
    assert!(award(4, Fen(300_000), average, None, &p).unwrap().working.last().unwrap().zh.contains("未按最低工资补足"));
    assert_eq!(award(7, Fen(300_000), average, Some(Fen(9_000_000)), &p).unwrap().monthly_allowance, None);
    assert_eq!((topped_up(Fen(1), None), topped_up(Fen(5), Some(Fen(3))), topped_up(Fen(3), Some(Fen(5)))), (Fen(1), Fen(5), Fen(5)));
    // The policy data's figure is found for any division of the province, from its month on.
    let july = crate::domain::ledger::Month::new(2025, 9).unwrap();
    assert_eq!(p.minimum_wage(320102, july), None, "before its first month");
    assert_eq!(p.minimum_wage(320102, july.next()).map(|m| m.monthly), Some(249_000));
}

#[test]
fn a_grade_or_wage_out_of_range_is_refused() {
    let p = p().work_injury_benefits;
    assert_eq!(award(0, Fen(1), Fen(1), None, &p).unwrap_err().code, "injury.grade");
    assert_eq!(award(11, Fen(1), Fen(1), None, &p).unwrap_err().code, "injury.grade");
    assert_eq!(award(3, Fen(0), Fen(600_000), None, &p).unwrap_err().code, "injury.wage");
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

mod medical {
    use super::super::medical::{reimburse, rule_for, Level};
    use super::*;
    use crate::domain::ledger::Month;

    fn rule() -> super::super::medical::MedicalRule {
        let p = p();
        rule_for(&p.medical_reimbursement, 320_106, Month::new(2026, 12).unwrap()).expect("Jiangsu's rule covers Nanjing").clone()
    }

    #[test]
    fn the_deductible_comes_off_the_first_receipts() {
        let r = rule();
        // Level 2: 600 yuan off, 90 % of the rest. 400 + 500 yuan: 400 all deductible, 200 off the second.
        let c = reimburse(&[Fen(40_000), Fen(50_000)], Level(2), Fen(0), 0, &r).unwrap();
        assert_eq!(c.per_receipt, vec![Fen(0), Fen(27_000)], "(500 − 200) × 90 %");
        assert_eq!((c.total, c.deductible, c.capped), (Fen(27_000), Fen(60_000), false));
        // Below the deductible, nothing is paid and only what was spent is used of it.
        let small = reimburse(&[Fen(12_345)], Level(1), Fen(0), 0, &r).unwrap();
        assert_eq!((small.total, small.deductible), (Fen(0), Fen(12_345)));
    }

    #[test]
    fn the_ratio_is_the_hospital_levels() {
        let r = rule();
        let at = |level| reimburse(&[Fen(190_000)], Level(level), Fen(0), 0, &r).unwrap().total;
        // 1,900 yuan: level 1 (300, 95 %) 1,520; level 2 (600, 90 %) 1,170; level 3 (900, 85 %) 850.
        assert_eq!([at(1), at(2), at(3)], [Fen(152_000), Fen(117_000), Fen(85_000)]);
        // Half a fen rounds up: (1,000.01 − 900) × 85 % = 85.0085 → 85.01.
        assert_eq!(reimburse(&[Fen(100_001)], Level(3), Fen(0), 0, &r).unwrap().total, Fen(8_501));
    }

    #[test]
    fn the_yearly_cap_is_reached_mid_claim() {
        let r = rule();
        let cap = r.yearly_cap;
        // 2,000 yuan left of the cap; receipts pay 1,275 (2,400 at level 3) then 1,700, cut to 725, then nothing.
        let c = reimburse(&[Fen(240_000), Fen(200_000), Fen(50_000)], Level(3), Fen(cap - 200_000), 0, &r).unwrap();
        assert_eq!(c.per_receipt, vec![Fen(127_500), Fen(72_500), Fen(0)]);
        assert_eq!((c.total, c.capped), (Fen(200_000), true));
        assert!(c.working[3].zh.contains("达到年度最高支付限额"), "{:?}", c.working[3]);
        // Already at the cap: nothing, and the working says how much was left (none).
        let none = reimburse(&[Fen(500_000)], Level(1), Fen(cap), 0, &r).unwrap();
        assert_eq!(none.total, Fen(0));
        assert_eq!(none.working[1].amount, Some(Fen(0)));
        // The working's last line is the total.
        assert_eq!(c.working.last().unwrap().amount, Some(c.total));
    }

    #[test]
    fn a_repeat_admission_pays_the_lower_deductible() {
        let r = rule();
        let share = r.repeat_deductible.expect("the shipped rule has one");
        // The year's second (or later) admission: the level's deductible × the share.
        let first = reimburse(&[Fen(190_000)], Level(2), Fen(0), 0, &r).unwrap();
        let second = reimburse(&[Fen(190_000)], Level(2), first.total, 1, &r).unwrap();
        let third = reimburse(&[Fen(190_000)], Level(2), Fen(first.total.0 + second.total.0), 2, &r).unwrap();
        let lower = Fen(60_000).times(crate::domain::BasisPoints(share));
        assert_eq!((first.deductible, second.deductible, third.deductible), (Fen(60_000), lower, lower), "not lowered again");
        assert_eq!(second.total, Fen(190_000 - lower.0).times(crate::domain::BasisPoints(9_000)));
        assert!(second.working[1].zh.contains("本年度第 2 次住院") && third.working[1].zh.contains("第 3 次"), "{:?}", second.working);
        // Without the rule's share every admission pays the deductible whole.
        let plain = super::super::medical::MedicalRule { repeat_deductible: None, ..r };
        assert_eq!(reimburse(&[Fen(190_000)], Level(2), Fen(0), 3, &plain).unwrap().deductible, Fen(60_000));
    }

    #[test]
    fn a_level_without_a_rule_or_a_bad_rule_is_refused() {
        let mut r = rule();
        r.levels.retain(|l| l.level != Level(1));
        assert_eq!(reimburse(&[Fen(1)], Level(1), Fen(0), 0, &r).unwrap_err().code, "medical.level");
        let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
        v["medical_reimbursement"][0]["levels"][0]["ratio"] = serde_json::json!(10_001);
        assert!(BenefitPolicy::from_json(&v.to_string()).is_err(), "above 100 %");
        let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
        v["medical_reimbursement"][0]["repeat_deductible"] = serde_json::json!(10_001);
        assert!(BenefitPolicy::from_json(&v.to_string()).is_err(), "a repeat share above 100 %");
    }
}
