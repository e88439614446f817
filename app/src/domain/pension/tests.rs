//! The pension rules against the vectors of `shared/DOMAIN-LEDGER.md` (the reform's annexes, the
//! 计发月数 table, the basic pension's worked examples).

use proptest::prelude::*;

use super::*;

const SHIPPED: &str = include_str!("../../../../server/data/policy.json");

fn p() -> PensionPolicy {
    PensionPolicy::from_json(SHIPPED).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

#[test]
fn the_statutory_age_follows_the_annexes() {
    let p = p();
    let age = |birth: &str, c| statutory_age(m(birth), c, &p);
    // Men, 60 → 63: a month more every 4 months of cohort from 1965-01.
    assert_eq!(age("1964-12", Category::Male), Age(720));
    assert_eq!(age("1965-01", Category::Male), Age(721));
    assert_eq!(age("1965-04", Category::Male), Age(721));
    assert_eq!(age("1965-05", Category::Male), Age(722));
    assert_eq!(age("1967-05", Category::Male).zh(), "60岁8个月");
    assert_eq!(age("1976-12", Category::Male), Age(63 * 12));
    assert_eq!(age("1990-06", Category::Male), Age(63 * 12), "capped");
    // Women who retired at 55, 55 → 58.
    assert_eq!(age("1974-10", Category::Female55).zh(), "56岁3个月");
    assert_eq!(age("1981-12", Category::Female55), Age(58 * 12));
    // Women who retired at 50, 50 → 55: a month more every 2 months.
    assert_eq!(age("1975-03", Category::Female50), Age(602));
    assert_eq!(age("1984-12", Category::Female50), Age(55 * 12));
    assert_eq!(age("1974-12", Category::Female50), Age(600));
}

#[test]
fn the_retirement_month_is_the_birth_month_plus_the_age_with_its_working() {
    let p = p();
    let (month, working) = retirement_month(m("1967-05"), Category::Male, &p);
    assert_eq!(month, m("2028-01"));
    assert!(working.iter().any(|l| l.zh.contains("60岁8个月") && l.zh.contains("2028-01")), "{working:?}");
    assert_eq!(retirement_month(m("1964-12"), Category::Male, &p).0, m("2024-12"));
}

#[test]
fn the_flexible_window_never_goes_below_the_original_age() {
    let p = p();
    // 63 (born 1976-12): from 60 (three years early) to 66.
    let w = window(m("1976-12"), Category::Male, &p);
    assert_eq!((w.earliest, w.statutory, w.latest), (m("2036-12"), m("2039-12"), m("2042-12")));
    // 60岁8个月: early only back to 60, not 57岁8个月.
    let w = window(m("1967-05"), Category::Male, &p);
    assert_eq!((w.earliest, w.statutory, w.latest), (m("2027-05"), m("2028-01"), m("2031-01")));
}

#[test]
fn a_claim_needs_the_window_and_the_minimum_months_of_the_statutory_year() {
    let p = p();
    // Statutory in 2039-12: the minimum is 20 years then.
    assert!(may_retire(m("1976-12"), Category::Male, 240, m("2039-12"), &p).is_ok());
    assert_eq!(may_retire(m("1976-12"), Category::Male, 239, m("2039-12"), &p).unwrap_err().code, "pension.too_few_months");
    assert_eq!(may_retire(m("1976-12"), Category::Male, 240, m("2036-11"), &p).unwrap_err().code, "pension.outside_window");
    assert_eq!(may_retire(m("1976-12"), Category::Male, 240, m("2043-01"), &p).unwrap_err().code, "pension.outside_window");
    // Statutory in 2028: 15 years suffice.
    assert!(may_retire(m("1967-05"), Category::Male, 180, m("2028-01"), &p).is_ok());
}

#[test]
fn the_annuity_months_are_the_table_and_interpolate_by_month() {
    let p = p();
    assert_eq!([50, 55, 60, 63].map(|y| annuity_tenths(Age(y * 12), &p)), [Some(1950), Some(1700), Some(1390), Some(1170)]);
    assert_eq!(annuity_tenths(Age(60 * 12 + 8), &p), Some(1343), "139 − 7 × 8/12 = 134.33");
    assert_eq!(annuity_tenths(Age(70 * 12 + 1), &p), None, "beyond the table");
    assert_eq!(annuity_tenths(Age(39 * 12), &p), None);
}

#[test]
fn the_basic_pension_rounds_once_half_up() {
    let (amount, working) = basic_pension(Fen(1_204_900), 8_000, 360);
    assert_eq!(amount, Fen(325_323));
    assert!(working[0].zh.contains("0.8000") && working[0].zh.contains("30 年") && working[0].zh.contains("3,253.23"), "{working:?}");
    // Half a fen goes up: 1 fen × 1.0 × 1 year … is 0.12 fen → 0; 5 years of 1 yuan at index 1 → 5 fen.
    assert_eq!(basic_pension(Fen(100), 10_000, 60).0, Fen(5));
    assert_eq!(basic_pension(Fen(1_188_300), 10_000, 306).0.yuan(), "3,030.17", "25 years 6 months: 11,883 × 25.5 %");
}

#[test]
fn wrong_figures_are_refused_on_reading() {
    let refused = |json: String| PensionPolicy::from_json(&json).unwrap_err();
    assert!(refused(SHIPPED.replace("\"step_months\": 2", "\"step_months\": 0")).contains("zero"));
    assert!(refused(SHIPPED.replace("[61, 132], ", "")).contains("计发月数"));
    assert!(refused(SHIPPED.replace("[61, 132]", "[61, 140]")).contains("计发月数"));
    assert!(refused(SHIPPED.replace("\"category\": \"female_55\"", "\"category\": \"male\"")).contains("male are given 2 times"));
}

fn category(n: u8) -> Category {
    Category::ALL[usize::from(n % 3)]
}

proptest! {
    /// Born later, one never retires earlier nor at a lower age: the retirement month and the
    /// statutory age are monotone in the birth month, and the window holds the statutory month.
    #[test]
    fn the_retirement_month_is_monotone_in_the_birth_month(a in 0i32..1200, gap in 0i32..240, c in 0u8..3) {
        let (p, c) = (p(), category(c));
        let first = Month::from_index(Month::parse("1940-01").unwrap().index() + a).unwrap();
        let later = Month::from_index(first.index() + gap).unwrap();
        let (r1, _) = retirement_month(first, c, &p);
        let (r2, _) = retirement_month(later, c, &p);
        prop_assert!(r1 <= r2, "{first} retires {r1}, {later} retires {r2}");
        prop_assert!(statutory_age(first, c, &p) <= statutory_age(later, c, &p));
        let w = window(later, c, &p);
        prop_assert!(w.earliest <= w.statutory && w.statutory <= w.latest);
    }
}
