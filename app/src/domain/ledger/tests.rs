//! Worked examples from DOMAIN-LEDGER.md and the properties every figure keeps.

use proptest::prelude::*;

use super::*;
use crate::domain::policy::{Insurance, PolicyTable};
use crate::domain::{BasisPoints, Date};

const SHIPPED: &str = include_str!("../../../../server/data/policy.json");

fn policy() -> (PolicyTable, LedgerPolicy) {
    (PolicyTable::from_json(SHIPPED).unwrap(), LedgerPolicy::from_json(SHIPPED).unwrap())
}

fn jan_2026() -> Date {
    Date::new(2026, 1, 1).unwrap()
}

fn pension(declared: i64) -> Assessment {
    let (table, ledger) = policy();
    assess(Fen(declared), 320102, Insurance::Pension, jan_2026(), None, &table, &ledger).unwrap()
}

#[test]
fn a_base_below_the_floor_is_raised_to_it_and_says_so() {
    let a = pension(300_000);
    assert_eq!(a.figures.base, Fen(487_900));
    assert_eq!(a.figures.clamp, Some(Clamp::Floor(Fen(487_900))));
    assert_eq!((a.figures.employer, a.figures.individual), (Fen(78_064), Fen(39_032))); // 780.64 / 390.32
    assert!(a.working.iter().any(|l| l.zh.contains("低于下限") && l.en.contains("floor")));
}

#[test]
fn a_base_above_the_ceiling_is_lowered_to_it_and_says_so() {
    let a = pension(3_000_000);
    assert_eq!(a.figures.clamp, Some(Clamp::Ceiling(Fen(2_439_600))));
    assert_eq!((a.figures.employer, a.figures.individual), (Fen(390_336), Fen(195_168))); // 3903.36 / 1951.68
}

#[test]
fn a_base_inside_the_band_is_taken_as_declared() {
    let a = pension(600_000);
    assert_eq!((a.figures.base, a.figures.clamp), (Fen(600_000), None));
}

#[test]
fn each_amount_is_rounded_half_up_to_the_fen_on_its_own() {
    let (table, ledger) = policy();
    // 4,879.01 × 0.5 % = 24.39505 → 24.40, for the employer and the individual alike.
    let a = assess(Fen(487_901), 320102, Insurance::Unemployment, jan_2026(), None, &table, &ledger).unwrap();
    assert_eq!((a.figures.employer, a.figures.individual), (Fen(2_440), Fen(2_440)));
}

#[test]
fn work_injury_is_by_industry_class_and_employer_only() {
    let (table, ledger) = policy();
    let class3 = IndustryClass::new(3);
    let a = assess(Fen(600_000), 320102, Insurance::WorkInjury, jan_2026(), class3, &table, &ledger).unwrap();
    assert_eq!((a.figures.employer_rate, a.figures.employer, a.figures.individual), (BasisPoints(70), Fen(4_200), Fen(0)));
    let missing = assess(Fen(600_000), 320102, Insurance::WorkInjury, jan_2026(), None, &table, &ledger).unwrap_err();
    assert_eq!(missing.code, "assessment.no_class");
    assert_eq!((IndustryClass::new(0), IndustryClass::new(9)), (None, None));
}

#[test]
fn a_month_without_policy_figures_is_refused_not_guessed() {
    let (table, ledger) = policy();
    let before = Date::new(2010, 1, 1).unwrap();
    let e = assess(Fen(600_000), 320102, Insurance::Pension, before, None, &table, &ledger).unwrap_err();
    assert_eq!(e.code, "assessment.no_policy");
    let elsewhere = assess(Fen(600_000), 110101, Insurance::Pension, jan_2026(), None, &table, &ledger).unwrap_err();
    assert_eq!(elsewhere.code, "assessment.no_policy");
}

#[test]
fn a_rate_left_as_a_range_is_refused_until_set() {
    let mut table = policy().0;
    let ledger = policy().1;
    let medical = table.rates.iter_mut().find(|r| r.insurance == Insurance::Medical).unwrap();
    medical.employer_max = BasisPoints(1_000);
    let e = assess(Fen(600_000), 320102, Insurance::Medical, jan_2026(), None, &table, &ledger).unwrap_err();
    assert_eq!(e.code, "assessment.rate_unsettled");
}

#[test]
fn late_fee_is_half_a_thousandth_a_day() {
    let ledger = policy().1;
    let (since, until) = (Date::new(2026, 3, 16).unwrap(), Date::new(2026, 4, 15).unwrap());
    let f = late_fee(Fen(1_000_000), since, until, &ledger);
    assert_eq!((f.days, f.fee), (30, Fen(15_000)));
    // Nothing is owed before the arrears begin.
    assert_eq!(late_fee(Fen(1_000_000), until, since, &ledger).fee, Fen(0));
}

#[test]
fn interest_follows_the_1997_formula() {
    let ledger = policy().1;
    let rate = ledger.interest(2024).unwrap();
    assert_eq!(rate.rate, BasisPoints(262));
    let y = year_end(Fen(1_000_000), Fen(480_000), rate.rate, &rate.source);
    // 10,000 × 1.0262 + 4,800 × (1 + 0.0262 × 1.083 / 2) = 10,262 + 4,868.10
    assert_eq!(y.end, Fen(1_513_010));
    assert!(y.working.last().unwrap().zh.contains("1.083"));
}

#[test]
fn the_shipped_interest_rates_are_the_agreed_values_not_the_known_wrong_ones() {
    let ledger = policy().1;
    let got: Vec<(u16, u32)> = (2016..=2024).map(|y| (y, ledger.interest(y).unwrap().rate.0)).collect();
    let agreed = [(2016, 831), (2017, 712), (2018, 829), (2019, 761), (2020, 604), (2021, 669), (2022, 612), (2023, 397), (2024, 262)];
    assert_eq!(got, agreed);
    assert!(ledger.interest_rates.iter().all(|r| !r.source.is_empty()));
    assert!(!ledger.interest(2025).unwrap().confirmed);
}

#[test]
fn a_policy_file_that_contradicts_itself_is_refused() {
    let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
    v["work_injury_classes"][0]["rates"][0] = 500.into();
    assert!(LedgerPolicy::from_json(&v.to_string()).is_err(), "class 1 dearer than class 2");
    let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
    let first = v["interest_rates"][0].clone();
    v["interest_rates"].as_array_mut().unwrap().push(first);
    assert!(LedgerPolicy::from_json(&v.to_string()).is_err(), "one year twice");
}

proptest! {
    #[test]
    fn the_base_always_lies_in_the_band(declared in 0i64..100_000_000) {
        let a = pension(declared);
        prop_assert!(a.figures.base >= Fen(487_900) && a.figures.base <= Fen(2_439_600));
        prop_assert_eq!(a.figures.clamp.is_none(), a.figures.base == Fen(declared));
    }

    #[test]
    fn an_amount_is_within_half_a_fen_of_the_exact_product(declared in 0i64..100_000_000) {
        let a = pension(declared);
        // |employer × 10,000 − base × rate| ≤ 5,000, i.e. at most half a fen off.
        let exact = i128::from(a.figures.base.0) * i128::from(a.figures.employer_rate.0);
        prop_assert!((i128::from(a.figures.employer.0) * 10_000 - exact).abs() <= 5_000);
        let exact = i128::from(a.figures.base.0) * i128::from(a.figures.individual_rate.0);
        prop_assert!((i128::from(a.figures.individual.0) * 10_000 - exact).abs() <= 5_000);
    }

    #[test]
    fn the_late_fee_grows_with_the_days_and_the_arrears(arrears in 0i64..1_000_000_000, days in 0i64..3_650, more in 0i64..400) {
        let ledger = policy().1;
        let since = Date::new(2020, 1, 1).unwrap();
        let at = |d: i64| Date::from_days_since_epoch(since.days_since_epoch() + d);
        let fee = late_fee(Fen(arrears), since, at(days), &ledger).fee;
        prop_assert!(late_fee(Fen(arrears), since, at(days + more), &ledger).fee >= fee);
        prop_assert!(late_fee(Fen(arrears + more), since, at(days), &ledger).fee >= fee);
    }

    #[test]
    fn interest_never_shrinks_an_account(start in 0i64..1_000_000_000, credits in 0i64..100_000_000, rate in 0u32..1_000) {
        let y = year_end(Fen(start), Fen(credits), BasisPoints(rate), "");
        prop_assert!(y.end.0 >= start + credits);
    }
}

#[test]
fn a_months_arrears_start_the_next_month_and_carry_the_late_fee() {
    let ledger = policy().1;
    let m = Month::parse("2026-03").unwrap();
    // 10,000 元 due, 4,000 paid: 6,000 owed from 2026-04-01; on 2026-04-11 that is 10 days.
    let a = arrears(m, Fen(1_000_000), Fen(400_000), Date::new(2026, 4, 11).unwrap(), &ledger).unwrap();
    assert_eq!((a.arrears, a.days, a.fee), (Fen(600_000), 10, Fen(3_000)));
    assert_eq!(arrears(m, Fen(1_000_000), Fen(1_000_000), Date::new(2026, 4, 11).unwrap(), &ledger), None);
    assert_eq!(Standing::of(Fen(100), Fen(0)), Standing::Unpaid);
    assert_eq!(Standing::of(Fen(100), Fen(50)), Standing::PartlyPaid);
    assert_eq!(Standing::of(Fen(100), Fen(100)), Standing::Paid);
    assert_eq!(Standing::of(Fen(100), Fen(150)), Standing::Overpaid);
}

fn any_insurance() -> impl Strategy<Value = Insurance> {
    prop::sample::select(Insurance::ALL.to_vec())
}

proptest! {
    #[test]
    fn a_statements_totals_are_the_sum_of_its_rows(
        rows in prop::collection::vec((any_insurance(), -1_000_000i64..10_000_000, -1_000_000i64..10_000_000), 0..60)
    ) {
        let rows: Vec<RowAmounts> = rows.into_iter().map(|(insurance, e, i)| RowAmounts { insurance, employer: Fen(e), individual: Fen(i) }).collect();
        let t = Totals::of(&rows);
        prop_assert_eq!(t.employer.0, rows.iter().map(|r| r.employer.0).sum::<i64>());
        prop_assert_eq!(t.individual.0, rows.iter().map(|r| r.individual.0).sum::<i64>());
        prop_assert_eq!(t.by_insurance.iter().map(|(_, e, i)| e.0 + i.0).sum::<i64>(), t.due().0);
        for (ins, e, _) in &t.by_insurance {
            prop_assert_eq!(e.0, rows.iter().filter(|r| r.insurance == *ins).map(|r| r.employer.0).sum::<i64>());
        }
    }

    #[test]
    fn months_count_and_print_as_they_read(y in 1900u16..2999, m in 1u8..=12, n in 0usize..40) {
        let first = Month::new(y, m).unwrap();
        prop_assert_eq!(Month::parse(&first.to_string()), Some(first));
        let last = first.through(Month::new(2999, 12).unwrap()).nth(n);
        if let Some(last) = last {
            prop_assert_eq!(first.through(last).count(), n + 1);
            prop_assert_eq!(last.index() - first.index(), n as i32);
            prop_assert_eq!(Month::from_index(last.index()), Some(last));
        }
    }
}
