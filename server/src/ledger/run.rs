//! The monthly assessment as rules over what the store read ([`Input`]): each relationship of
//! the month gets its regular row once; when the figures change later (a new base, a corrected
//! rate, a relationship ended back in time) the difference becomes an adjustment row (补差). The
//! arithmetic is the shared domain's [`figures`] (the numbers of [`app::domain::ledger::assess`], without the working); this only decides which rows are missing.

use app::domain::ledger::{figures, Clamp, IndustryClass, LedgerPolicy, Month};
use app::domain::policy::PolicyTable;
use app::domain::Fen;

use super::assessments::{Computed, Input, NewRow, RowKind};

/// What a unit's month is assessed with.
pub struct Context<'a> {
    pub month: Month,
    pub class: Option<IndustryClass>,
    pub table: &'a PolicyTable,
    pub ledger: &'a LedgerPolicy,
}

/// The rows missing from the inputs.
pub fn rows(inputs: &[Input], cx: &Context) -> Computed {
    let mut out = Computed::default();
    for i in inputs {
        let target = if i.in_scope {
            let Some(declared) = i.declared else {
                out.skipped.push((i.relationship_id, "assessment.no_base".into()));
                continue;
            };
            let Ok(region) = u32::try_from(i.region) else {
                out.skipped.push((i.relationship_id, "assessment.no_policy".into()));
                continue;
            };
            match figures(Fen(declared), region, i.insurance, cx.month.first_day(), cx.class, cx.table, cx.ledger) {
                Ok(a) => NewRow {
                    relationship_id: i.relationship_id,
                    person_id: i.person_id,
                    insurance: i.insurance,
                    kind: RowKind::Regular,
                    declared,
                    base: a.base.0,
                    clamp: a.clamp.map(|c| match c {
                        Clamp::Floor(_) => "floor",
                        Clamp::Ceiling(_) => "ceiling",
                    }),
                    employer_rate: i64::from(a.employer_rate.0),
                    individual_rate: i64::from(a.individual_rate.0),
                    employer: a.employer.0,
                    individual: a.individual.0,
                },
                Err(issue) => {
                    out.skipped.push((i.relationship_id, issue.code.into_owned()));
                    continue;
                }
            }
        } else {
            // Ended before this month: what was assessed for it is reversed.
            NewRow {
                relationship_id: i.relationship_id,
                person_id: i.person_id,
                insurance: i.insurance,
                kind: RowKind::Adjustment,
                declared: 0,
                base: 0,
                clamp: None,
                employer_rate: 0,
                individual_rate: 0,
                employer: 0,
                individual: 0,
            }
        };
        if !i.has_regular && i.in_scope {
            out.rows.push(target);
            continue;
        }
        let (employer, individual) = (target.employer - i.employer, target.individual - i.individual);
        if employer != 0 || individual != 0 {
            out.rows.push(NewRow { kind: RowKind::Adjustment, employer, individual, ..target });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use app::domain::ledger::assess;
    use app::domain::policy::Insurance;
    use proptest::prelude::*;

    use super::*;

    fn policy() -> (PolicyTable, LedgerPolicy) {
        let json = include_str!("../../data/policy.json");
        (PolicyTable::from_json(json).unwrap(), LedgerPolicy::from_json(json).unwrap())
    }

    fn input(id: i64, declared: Option<i64>) -> Input {
        Input {
            relationship_id: id,
            person_id: id,
            insurance: Insurance::Pension,
            region: 320102,
            declared,
            in_scope: true,
            employer: 0,
            individual: 0,
            has_regular: false,
        }
    }

    /// What the store would read after writing `rows` for `inputs`.
    fn after(inputs: &[Input], rows: &[NewRow]) -> Vec<Input> {
        inputs
            .iter()
            .map(|i| {
                let mine = rows.iter().filter(|r| r.relationship_id == i.relationship_id);
                let (e, v, reg) = mine.fold((i.employer, i.individual, i.has_regular), |(e, v, reg), r| {
                    (e + r.employer, v + r.individual, reg || r.kind == RowKind::Regular)
                });
                Input { employer: e, individual: v, has_regular: reg, ..i.clone() }
            })
            .collect()
    }

    #[test]
    fn a_base_change_adds_the_difference_and_a_second_run_adds_nothing() {
        let (table, ledger) = policy();
        let cx = Context { month: Month::parse("2026-01").unwrap(), class: None, table: &table, ledger: &ledger };
        let first = rows(&[input(1, Some(600_000))], &cx);
        assert_eq!(first.rows.len(), 1);
        assert_eq!((first.rows[0].kind, first.rows[0].employer, first.rows[0].individual), (RowKind::Regular, 96_000, 48_000));
        let state = after(&[input(1, Some(600_000))], &first.rows);
        assert!(rows(&state, &cx).rows.is_empty(), "assessing twice is a no-op");
        // The base becomes 7,000: one adjustment of the difference, the regular row untouched.
        let changed: Vec<Input> = state.iter().map(|i| Input { declared: Some(700_000), ..i.clone() }).collect();
        let adj = rows(&changed, &cx);
        assert_eq!(adj.rows.len(), 1);
        assert_eq!((adj.rows[0].kind, adj.rows[0].employer, adj.rows[0].individual), (RowKind::Adjustment, 16_000, 8_000));
        assert!(rows(&after(&changed, &adj.rows), &cx).rows.is_empty());
    }

    #[test]
    fn an_ended_relationship_is_reversed_and_one_without_a_base_is_reported() {
        let (table, ledger) = policy();
        let cx = Context { month: Month::parse("2026-01").unwrap(), class: None, table: &table, ledger: &ledger };
        let ended = Input { in_scope: false, employer: 96_000, individual: 48_000, has_regular: true, ..input(1, Some(600_000)) };
        let c = rows(&[ended, input(2, None)], &cx);
        assert_eq!(c.rows.len(), 1);
        assert_eq!((c.rows[0].employer, c.rows[0].individual), (-96_000, -48_000));
        assert_eq!(c.skipped, vec![(2, "assessment.no_base".to_string())]);
    }

    #[test]
    fn work_injury_waits_for_the_units_class() {
        let (table, ledger) = policy();
        let month = Month::parse("2026-01").unwrap();
        let i = Input { insurance: Insurance::WorkInjury, ..input(1, Some(600_000)) };
        let none = rows(std::slice::from_ref(&i), &Context { month, class: None, table: &table, ledger: &ledger });
        assert_eq!(none.skipped, vec![(1, "assessment.no_class".to_string())]);
        let class = IndustryClass::new(3);
        let some = rows(&[i], &Context { month, class, table: &table, ledger: &ledger });
        assert_eq!((some.rows[0].employer, some.rows[0].individual), (4_200, 0));
    }

    proptest! {
        /// Whatever the bases and however often they change, running the rules to a fixed point
        /// leaves each relationship's rows summing to what its current base assesses to, and a
        /// run at the fixed point writes nothing.
        #[test]
        fn rows_always_sum_to_the_current_assessment(bases in prop::collection::vec(prop::collection::vec(100_000i64..5_000_000, 1..4), 1..8)) {
            let (table, ledger) = policy();
            let cx = Context { month: Month::parse("2026-01").unwrap(), class: None, table: &table, ledger: &ledger };
            let mut state: Vec<Input> = (0..bases.len() as i64).map(|id| input(id, None)).collect();
            let rounds = bases.iter().map(Vec::len).max().unwrap_or(0);
            for round in 0..rounds {
                for (i, b) in state.iter_mut().zip(&bases) {
                    i.declared = Some(b[round.min(b.len() - 1)]);
                }
                let c = rows(&state, &cx);
                state = after(&state, &c.rows);
                prop_assert!(rows(&state, &cx).rows.is_empty());
            }
            for (i, b) in state.iter().zip(&bases) {
                let a = assess(Fen(*b.last().unwrap()), 320102, Insurance::Pension, cx.month.first_day(), None, &table, &ledger).unwrap();
                prop_assert_eq!((i.employer, i.individual), (a.figures.employer.0, a.figures.individual.0));
            }
        }
    }
}
