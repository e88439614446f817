//! The work-injury award by disability grade (工伤保险条例 第35–37条): 本人工资 within its band
//! of the area's average wage (第64条), the 一次性伤残补助金 and, for grades 1–6, the monthly
//! 伤残津贴 — never below the local minimum wage of the month it is for ([`topped_up`]: the
//! fund makes up the difference for grades 1–4, 第35条; the unit for grades 5–6, 第36条) — and
//! the 生活护理费 of a person found to need care ([`care_fee`], 第34条).

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

/// A month's 伤残津贴: the `allowance` worked out from 本人工资, or the month's local minimum
/// wage when that is more.
pub fn topped_up(allowance: Fen, minimum: Option<Fen>) -> Fen {
    minimum.map_or(allowance, |m| allowance.max(m))
}

/// How much help in daily life the 劳动能力鉴定委员会 found an injured person needs, which sets
/// the 生活护理费 (第34条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Care {
    /// 生活完全不能自理.
    Full,
    /// 生活大部分不能自理.
    Most,
    /// 生活部分不能自理.
    Part,
}

impl Care {
    pub const ALL: [Care; 3] = [Care::Full, Care::Most, Care::Part];

    pub fn code(self) -> &'static str {
        match self {
            Care::Full => "full",
            Care::Most => "most",
            Care::Part => "part",
        }
    }

    pub fn parse(code: &str) -> Option<Care> {
        Care::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The care an assessment asks for: none when `code` is empty, else one of the codes; the
    /// refusal both the back office and the `check` command give for anything else.
    ///
    /// ```
    /// use app::domain::benefits::injury::Care;
    /// assert_eq!(Care::asked(" "), Ok(None));
    /// assert_eq!(Care::asked("part"), Ok(Some(Care::Part)));
    /// assert_eq!(Care::asked("some").unwrap_err().code, "injury.care");
    /// ```
    pub fn asked(code: &str) -> Result<Option<Care>, Issue> {
        match code.trim() {
            "" => Ok(None),
            code => Care::parse(code)
                .map(Some)
                .ok_or_else(|| Issue::new("injury.care", "生活护理等级应为完全、大部分或部分不能自理", "The care level is full, most or part")),
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Care::Full => "生活完全不能自理",
            Care::Most => "生活大部分不能自理",
            Care::Part => "生活部分不能自理",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Care::Full => "cannot look after themselves at all",
            Care::Most => "cannot look after themselves for the most part",
            Care::Part => "cannot look after themselves in part",
        }
    }
}

/// The monthly 生活护理费 for `care`: the area's average monthly wage of the year before the
/// accident × the level's percent, half up, with its line of working.
///
/// ```
/// use app::domain::benefits::{injury::{care_fee, Care}, BenefitPolicy};
/// use app::domain::Fen;
/// let p = BenefitPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// // 第34条: 50 % / 40 % / 30 % of an average of 6,000.01 yuan.
/// let fees: Vec<Fen> = Care::ALL.iter().map(|c| care_fee(*c, Fen(600_001), &p.work_injury_benefits).amount.unwrap()).collect();
/// assert_eq!(fees, vec![Fen(300_001), Fen(240_000), Fen(180_000)]);
/// ```
pub fn care_fee(care: Care, average: Fen, p: &InjuryPolicy) -> Line {
    let pct = p.care_percent[match care {
        Care::Full => 0,
        Care::Most => 1,
        Care::Part => 2,
    }];
    let fee = percent(average, pct);
    Line {
        zh: format!("生活护理费（{}）= 平均工资 {} 元 × {pct}% = {} 元/月，由工伤保险基金按月支付（工伤保险条例 第34条）", care.zh(), average.yuan(), fee.yuan()),
        en: format!("Care allowance (the person {}) = average wage {} × {pct} % = {} yuan a month, paid by the fund (art. 34)", care.en(), average.yuan(), fee.yuan()),
        amount: Some(fee),
    }
}

/// The award for `grade` (1–10), the injured person's average monthly contribution wage `wage`,
/// the area's average monthly wage `average` and the local minimum wage now (`None`: the policy
/// data has none, and the working says the floor was not applied).
///
/// ```
/// use app::domain::benefits::{injury::award, BenefitPolicy};
/// use app::domain::Fen;
/// let p = BenefitPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// // DOMAIN-LEDGER's vector: grade 7, wage 3,000, average 6,000 → 3,600 × 13 = 46,800.
/// let a = award(7, Fen(300_000), Fen(600_000), None, &p.work_injury_benefits).unwrap();
/// assert_eq!((a.wage, a.lump_sum, a.monthly_allowance), (Fen(360_000), Fen(4_680_000), None));
/// ```
pub fn award(grade: u8, wage: Fen, average: Fen, minimum: Option<Fen>, p: &InjuryPolicy) -> Result<Award, Issue> {
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
        let (payer_zh, payer_en) = if grade <= 4 { ("工伤保险基金", "the fund") } else { ("用人单位", "the unit") };
        let article = if grade <= 4 { 35 } else { 36 };
        let Some(m) = minimum else {
            working.push(Line {
                zh: "政策数据中没有当地最低工资标准：未按最低工资补足".into(),
                en: "The policy data has no local minimum wage: no top-up applied".into(),
                amount: None,
            });
            return a;
        };
        let paid = topped_up(a, Some(m));
        working.push(if paid > a {
            Line {
                zh: format!("低于当地最低工资标准 {} 元，由{payer_zh}补足差额 {} 元（工伤保险条例 第{article}条），按月随当月标准", m.yuan(), Fen(paid.0 - a.0).yuan()),
                en: format!("Below the local minimum wage {} yuan: {payer_en} makes up the {} (art. {article}), month by month at that month's figure", m.yuan(), Fen(paid.0 - a.0).yuan()),
                amount: Some(paid),
            }
        } else {
            Line {
                zh: format!("不低于当地最低工资标准 {} 元（低于时按月补足，工伤保险条例 第{article}条）", m.yuan()),
                en: format!("Not below the local minimum wage {} yuan (topped up month by month if it is, art. {article})", m.yuan()),
                amount: None,
            }
        });
        paid
    });
    Ok(Award { wage: clamped, lump_sum, monthly_allowance, working })
}
