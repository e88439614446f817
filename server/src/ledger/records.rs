//! What people read back from the ledger, assembled from the stores with the shared rules:
//! a person's records with their account ([`of_person`]), a unit's roster ([`roster`]) and a
//! month's statement ([`statement`]).

use std::collections::BTreeMap;

use app::api::ledger::{MonthRecord, Records, Relationship, Roster, RosterPerson, StatementView};
use app::domain::ledger::account::balance;
use app::domain::ledger::{arrears, Month, RowAmounts, Standing, Totals};
use app::domain::{Date, Fen, IdNumber};

use super::record_store::PersonRow;
use super::{Cx, Unit};
use crate::http::Internal;
use crate::vault::bound;

/// (month, insurance, unit id).
type MonthKey = (String, app::domain::policy::Insurance, i64);
/// (unit name, last base, employer, individual).
type MonthSum = (String, i64, i64, i64);

/// The person's records from `from` to `to`, and their account at the end of `to`. A person the
/// ledger does not know has empty records (never an error: it says nothing about anyone).
pub async fn of_person(cx: &Cx, id_index: &str, from: Month, to: Month, now: i64) -> Result<Records, Internal> {
    let empty = |account| Records {
        from,
        to,
        months: Vec::new(),
        employer_total: Fen(0),
        individual_total: Fen(0),
        relationships: Vec::new(),
        account,
        as_of: now,
    };
    let Some(person) = cx.store.person_id(id_index).await? else {
        return Ok(empty(balance(&[], to, &cx.policy)));
    };
    let (f, t) = (from.to_string(), to.to_string());
    let statements = cx.store.person_statements(person, &f, &t).await?;
    let mut records = empty(balance(&[], to, &cx.policy));
    records.months = month_records(&cx.store.person_rows(person, &f, &t).await?, &statements);
    records.employer_total = Fen(records.months.iter().map(|m| m.employer.0).sum());
    records.individual_total = Fen(records.months.iter().map(|m| m.individual.0).sum());
    records.relationships = cx
        .store
        .person_relationships(person)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(Relationship {
                insurance: r.insurance,
                unit: r.unit_name,
                start_month: Month::parse(&r.start_month)?,
                end_month: r.end_month.as_deref().and_then(Month::parse),
                status: r.status,
            })
        })
        .collect();
    let credits: Vec<(Month, Fen)> =
        cx.store.person_credits(person).await?.into_iter().filter_map(|(m, a)| Some((Month::parse(&m)?, Fen(a)))).collect();
    records.account = balance(&credits, to, &cx.policy);
    Ok(records)
}

/// A person's rows as months: each (month, insurance, unit) once, with the last base set and
/// the sums of its rows (a 补差 adds to its month); a month assessed then reversed is left out;
/// paid when the unit's statement of that month (`statements`: unit, month, due, paid) is.
/// 我的社保, the back office's person page and the 个人参保缴费证明 report all read it so.
pub fn month_records(rows: &[PersonRow], statements: &[(i64, String, i64, i64)]) -> Vec<MonthRecord> {
    let paid: BTreeMap<(i64, &str), (i64, i64)> = statements.iter().map(|(u, m, due, paid)| ((*u, m.as_str()), (*due, *paid))).collect();
    let mut grouped: BTreeMap<MonthKey, MonthSum> = BTreeMap::new();
    for r in rows {
        let g = grouped.entry((r.month.clone(), r.insurance, r.unit_id)).or_insert((r.unit_name.clone(), 0, 0, 0));
        if r.base > 0 {
            g.1 = r.base;
        }
        g.2 += r.employer;
        g.3 += r.individual;
    }
    grouped
        .into_iter()
        .filter(|(_, (_, _, employer, individual))| *employer != 0 || *individual != 0)
        .filter_map(|((month, insurance, unit_id), (unit, base, employer, individual))| {
            let settled = paid.get(&(unit_id, month.as_str())).is_some_and(|(due, paid)| *due > 0 && paid >= due);
            Some(MonthRecord { month: Month::parse(&month)?, insurance, unit, base: Fen(base), employer: Fen(employer), individual: Fen(individual), paid: settled })
        })
        .collect()
}

/// The unit's people with an open relationship, ID numbers masked.
pub async fn roster(cx: &Cx, unit: &Unit, today: Date) -> Result<Roster, Internal> {
    let mut people: Vec<RosterPerson> = Vec::new();
    let mut last: Option<i64> = None;
    for r in cx.store.unit_roster(unit.id).await? {
        let Some(start) = Month::parse(&r.start_month) else { continue };
        if last == Some(r.person_id) {
            if let Some(p) = people.last_mut() {
                p.insurances.push(r.insurance);
                p.start_month = p.start_month.min(start);
            }
            continue;
        }
        last = Some(r.person_id);
        let id = cx.vault.open(&bound::ledger_person(&r.id_index), &r.id_sealed)?;
        let id = String::from_utf8(id).map_err(|_| Internal::Unreadable("a ledger person's ID number".into()))?;
        let masked = IdNumber::mask(&id, today);
        people.push(RosterPerson { name: r.name, id_number: masked, insurances: vec![r.insurance], start_month: start });
    }
    Ok(Roster { unit: unit.name.clone(), people })
}

/// The unit's 核定单 for `month`: totals per insurance, what was paid, and arrears with their
/// late fee as of `today`.
pub async fn statement(cx: &Cx, unit: &Unit, month: Month, today: Date) -> Result<StatementView, Internal> {
    let m = month.to_string();
    let rows: Vec<RowAmounts> = cx
        .store
        .month_rows(unit.id, &m)
        .await?
        .into_iter()
        .map(|r| RowAmounts { insurance: r.insurance, employer: Fen(r.employer), individual: Fen(r.individual) })
        .collect();
    let totals = Totals::of(&rows);
    let paid = Fen(cx.store.statement(unit.id, &m).await?.map_or(0, |s| s.paid));
    let due = totals.due();
    Ok(StatementView {
        unit: unit.name.clone(),
        month,
        by_insurance: totals.by_insurance,
        due,
        paid,
        standing: Standing::of(due, paid),
        arrears: arrears(month, due, paid, today, &cx.policy),
        people: u32::try_from(cx.store.month_people(unit.id, &m).await?).unwrap_or(u32::MAX),
    })
}
