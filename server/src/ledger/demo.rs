//! The demo history that `registry seed` adds after the demo people: eight units across Jiangsu,
//! the first working-age insured demo people enrolled in them (in all four insurances) from
//! July 2024 on, every month since assessed, and paid — except the latest month of two units
//! (one partly paid, one not at all), so arrears show too. A person who registers as one of
//! them sees records at once. Running it again adds nothing (relationships are open already,
//! assessments are a no-op, payment references are taken once).

use app::domain::credit_code::{check_char, org_check_char};
use app::domain::ledger::Month;
use app::domain::policy::{Insurance, PolicyTable};
use app::domain::pension::policy::steps_of;
use app::domain::pension::{month_at, Category};
use app::domain::{Date, IdNumber, Sex};

use super::payment_store::Payment;
use super::relationships::{Enrol, NewPerson};
use super::units::NewUnit;
use super::{monthly, Cx};
use crate::http::Internal;
use crate::registry::demo::{Demo, DemoPerson};
use crate::vault::{bound, purpose};

/// How many demo people get a history (the first working-age insured ones).
pub const INSURED: u64 = 1_000;

/// The demo units: name, division, work-injury industry class.
const UNITS: [(&str, u32, i64); 8] = [
    ("南京玄武示范科技有限公司", 320102, 1),
    ("苏州吴中示范精密制造有限公司", 320506, 3),
    ("无锡梁溪示范物流有限公司", 320213, 2),
    ("常州新北示范建设工程有限公司", 320411, 5),
    ("南通通州示范纺织有限公司", 320612, 4),
    ("徐州泉山示范矿业有限公司", 320311, 8),
    ("扬州广陵示范餐饮有限公司", 321002, 2),
    ("盐城亭湖示范农业发展有限公司", 320902, 3),
];

/// The first month of the demo history (the first month the shipped base limits cover).
pub const FIRST_MONTH: Month = Month { year: 2024, month: 7 };

/// Demo unit `n`'s credit code: a valid one, `91` + its division + a body unique to `n`.
pub fn unit_code(n: usize) -> String {
    let (_, division, _) = UNITS[n % UNITS.len()];
    let body = format!("{:08}", 60_000_000 + n);
    let mut s = format!("91{division:06}{body}");
    s.push(char::from(org_check_char(body.as_bytes())));
    s.push(char::from(check_char(s.as_bytes())));
    s
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoReport {
    pub units: u64,
    pub people: u64,
    pub months: u64,
    pub rows: u64,
    pub payments: u64,
}

/// A deterministic monthly base for demo person `i`: 5,000–19,900 元, and now and then one
/// below the floor (the assessment shows the clamp).
fn base_of(i: u64) -> i64 {
    if i % 17 == 3 {
        return 300_000;
    }
    500_000 + ((i * 7_919) % 150) as i64 * 10_000
}

/// The demo person's ID number if the seed gives them a history: insured in the registry and
/// of working age.
pub fn with_history(p: &DemoPerson, today: Date, table: &PolicyTable) -> Option<IdNumber> {
    let id = IdNumber::parse(&p.id_number, today).ok()?.value;
    let age = id.birth_date().age_on(today);
    // Below the statutory age under the 2025 reform (a woman's earlier one, a worker's post).
    let birth = Month::of(id.birth_date());
    let category = if id.sex() == Sex::Male { Category::Male } else { Category::Female50 };
    let working = steps_of(&table.retirement, category).is_none_or(|s| Month::of(today) < month_at(birth, s.age(birth)));
    (p.status == "insured" && age >= 18 && working).then_some(id)
}

/// Adds the demo history for demo people `0..count` (at most [`INSURED`] of them insured).
pub async fn seed(cx: &Cx, count: u64, today: Date) -> Result<DemoReport, Internal> {
    let now = app::api::ssr::now_ms();
    let mut report = DemoReport::default();
    let mut units = Vec::with_capacity(UNITS.len());
    for (n, (name, region, class)) in UNITS.iter().enumerate() {
        let code = unit_code(n);
        let unit = NewUnit {
            credit_index: cx.vault.blind_index(purpose::CREDIT_CODE, &code),
            credit_code: code,
            name: (*name).to_owned(),
            region: i64::from(*region),
            industry_class: Some(*class),
        };
        units.push(cx.store.unit_ensure(&unit, None, "demo", now).await?);
        report.units += 1;
    }
    let last = Month::from_index(Month::of(today).index() - 1).unwrap_or(FIRST_MONTH);
    if last < FIRST_MONTH {
        return Ok(report);
    }
    let demo = Demo::new();
    for i in 0..count {
        if report.people >= INSURED {
            break;
        }
        let p = demo.person(i);
        let Some(id) = with_history(&p, today, &cx.table) else { continue };
        let id_index = cx.vault.blind_index(purpose::ID_NUMBER, id.as_str());
        let start = if i % 5 == 4 { Month { year: 2025, month: 3 } } else { FIRST_MONTH };
        let e = Enrol {
            unit_id: units[(i % units.len() as u64) as usize],
            person: NewPerson {
                id_sealed: cx.vault.seal(&bound::ledger_person(&id_index), id.as_str().as_bytes()),
                id_index,
                name: p.name.clone(),
            },
            // The person is insured where the unit is, as an employer's enrolment has it.
            region: i64::from(UNITS[(i % UNITS.len() as u64) as usize].1),
            start_month: start.min(last).to_string(),
            insurances: Insurance::ALL.to_vec(),
            base: base_of(i),
            actor: None,
        };
        cx.store.enrol_direct(&e, now).await?;
        report.people += 1;
    }
    let mut payments = Vec::new();
    for month in FIRST_MONTH.through(last) {
        let run = monthly::assess(cx, month, None, None).await?;
        report.months += 1;
        report.rows += run.regular + run.adjustments;
        for (n, unit) in units.iter().enumerate() {
            let Some(s) = cx.store.statement(*unit, &month.to_string()).await? else { continue };
            let owed = s.due - s.paid;
            let amount = match (month == last, n) {
                (true, 7) => 0,
                (true, 6) => owed / 2,
                _ => owed,
            };
            if amount <= 0 {
                continue;
            }
            let next = month.next();
            let paid_on = Date::new(next.year, next.month, 15).filter(|d| *d <= today).unwrap_or(today);
            payments.push(Payment {
                line: payments.len() as u64 + 1,
                unit_id: *unit,
                month: month.to_string(),
                amount,
                reference: format!("DEMO-{}-{month}-{amount}", unit_code(n)),
                paid_on: paid_on.iso(),
            });
        }
    }
    let sha = crate::vault::hex_sha256(format!("demo payments up to {last}").as_bytes());
    if let Ok(done) = cx.store.import_payments(&payments, &sha, None, now).await? {
        report.payments = done.taken;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_units_have_valid_codes_in_known_divisions() {
        for (n, unit) in UNITS.iter().enumerate() {
            let code = app::domain::CreditCode::parse(&unit_code(n)).unwrap().value;
            assert_eq!(code.division(), unit.1);
            assert!(app::domain::divisions::is_known(unit.1));
        }
    }
}
