//! The work-injury award by disability grade (工伤保险条例 第35–37条): 本人工资 within its band
//! of the area's average wage (第64条), the 一次性伤残补助金 and, for grades 1–6, the monthly
//! 伤残津贴.

use super::InjuryPolicy;
use crate::domain::ledger::{Line, Working};
use crate::domain::{Fen, Issue};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    /// 本人工资 after the clamp.
    pub wage: Fen,
    pub lump_sum: Fen,
    /// `None` for grades 7–10.
    pub monthly_allowance: Option<Fen>,
    pub working: Working,
}

/// `amount × percent / 100`, half up.
fn percent(amount: Fen, percent: u16) -> Fen {
    Fen((i128::from(amount.0) * i128::from(percent) * 2 + 100) as i64 / 200)
}

/// The award for `grade` (1–10), the injured person's average monthly contribution wage `wage`
/// and the area's average monthly wage `average`.
///
/// ```
/// use app::domain::benefits::{injury::award, BenefitPolicy};
/// use app::domain::Fen;
/// let p = BenefitPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// // DOMAIN-LEDGER's vector: grade 7, wage 3,000, average 6,000 → 3,600 × 13 = 46,800.
/// let a = award(7, Fen(300_000), Fen(600_000), &p.work_injury_benefits).unwrap();
/// assert_eq!((a.wage, a.lump_sum, a.monthly_allowance), (Fen(360_000), Fen(4_680_000), None));
/// ```
pub fn award(grade: u8, wage: Fen, average: Fen, p: &InjuryPolicy) -> Result<Award, Issue> {
    let Some(months) = usize::from(grade).checked_sub(1).and_then(|i| p.lump_sum_months.get(i)) else {
        return Err(Issue::new("injury.grade", "伤残等级应为 1 至 10 级", "The disability grade is 1 to 10"));
    };
    if wage.0 <= 0 || average.0 <= 0 {
        return Err(Issue::new("injury.wage", "本人工资和平均工资应大于零", "The wage and the average wage must be above zero"));
    }
    let (floor, ceiling) = (percent(average, p.wage_floor_percent), percent(average, p.wage_ceiling_percent));
    let clamped = wage.max(floor).min(ceiling);
    let mut working = vec![Line {
        zh: if clamped == wage {
            format!("本人工资 {} 元，在平均工资 {} 元的 {}%–{}%（{}–{} 元）之内", wage.yuan(), average.yuan(), p.wage_floor_percent, p.wage_ceiling_percent, floor.yuan(), ceiling.yuan())
        } else {
            format!("本人工资 {} 元，按平均工资 {} 元的 {}%–{}% 计为 {} 元", wage.yuan(), average.yuan(), p.wage_floor_percent, p.wage_ceiling_percent, clamped.yuan())
        },
        en: if clamped == wage {
            format!("Wage {} yuan, within {} %–{} % of the average {} ({}–{})", wage.yuan(), p.wage_floor_percent, p.wage_ceiling_percent, average.yuan(), floor.yuan(), ceiling.yuan())
        } else {
            format!("Wage {} yuan, taken as {} ({} %–{} % of the average {})", wage.yuan(), clamped.yuan(), p.wage_floor_percent, p.wage_ceiling_percent, average.yuan())
        },
        amount: Some(clamped),
    }];
    let lump_sum = Fen(clamped.0 * i64::from(*months));
    working.push(Line {
        zh: format!("一次性伤残补助金 = {} 元 × {months} 个月（{grade} 级）= {} 元", clamped.yuan(), lump_sum.yuan()),
        en: format!("Lump sum = {} × {months} months (grade {grade}) = {} yuan", clamped.yuan(), lump_sum.yuan()),
        amount: Some(lump_sum),
    });
    let monthly_allowance = p.allowance_percent.get(usize::from(grade) - 1).map(|pct| {
        let a = percent(clamped, *pct);
        working.push(Line {
            zh: format!("伤残津贴 = {} 元 × {pct}% = {} 元/月", clamped.yuan(), a.yuan()),
            en: format!("Disability allowance = {} × {pct} % = {} yuan a month", clamped.yuan(), a.yuan()),
            amount: Some(a),
        });
        a
    });
    Ok(Award { wage: clamped, lump_sum, monthly_allowance, working })
}
