//! 医疗费用报销 — what the fund pays back on a claim with receipts (e.g. care outside the local
//! network, paid by the person in full): per admission, the 起付线 (deductible) of the hospital's
//! level comes off first, the rest is paid at the level's ratio, and the fund pays at most the
//! yearly 最高支付限额 (cap) in a calendar year, less what it already paid this person that year
//! (社会保险法 第28条; 国发〔1998〕44号: the 统筹地区 sets deductible, ratios and cap).
//! From the second admission of a calendar year the deductible may be lower (the rule's
//! `repeat_deductible` share). Receipts are taken in the order filed: the deductible comes off
//! the first, the cap cuts the one it is reached on. Exact fen; each receipt's share is rounded half up (`Fen::times`).

use serde::{Deserialize, Serialize};

use crate::domain::ledger::{Line, Month, Working};
use crate::domain::{BasisPoints, Fen, Issue};

/// 医院等级: 一级, 二级, 三级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Level(pub u8);

impl Level {
    pub const ALL: [Level; 3] = [Level(1), Level(2), Level(3)];

    pub fn parse(s: &str) -> Option<Level> {
        Self::ALL.into_iter().find(|l| l.code() == s.trim())
    }

    pub fn code(self) -> &'static str {
        match self.0 {
            1 => "1",
            2 => "2",
            _ => "3",
        }
    }

    pub fn zh(self) -> &'static str {
        match self.0 {
            1 => "一级医院",
            2 => "二级医院",
            _ => "三级医院",
        }
    }

    pub fn en(self) -> &'static str {
        match self.0 {
            1 => "Level 1 hospital",
            2 => "Level 2 hospital",
            _ => "Level 3 hospital",
        }
    }
}

/// What one hospital level pays: the deductible per admission and the ratio above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelRule {
    pub level: Level,
    /// Fen per admission.
    pub deductible: i64,
    /// Basis points of the amount above the deductible.
    pub ratio: u32,
}

/// The reimbursement rules of a region from a month on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicalRule {
    /// A province's (`320000`) or a city's (`320100`) division code; a city's rule wins.
    pub region: u32,
    /// `YYYY-MM`.
    pub from: String,
    pub levels: Vec<LevelRule>,
    /// Fen the fund pays a person at most in a calendar year.
    pub yearly_cap: i64,
    /// Basis points of the level's deductible that a second or later admission of the same
    /// calendar year pays (a lower 起付线 for repeat admissions); none: every admission pays it
    /// whole.
    #[serde(default)]
    pub repeat_deductible: Option<u32>,
    pub confirmed: bool,
    pub source: String,
}

impl MedicalRule {
    pub fn level(&self, level: Level) -> Option<&LevelRule> {
        self.levels.iter().find(|l| l.level == level)
    }
}

/// The rule in force in `month` for a division: the city's if it has one, else the province's.
pub fn rule_for(rules: &[MedicalRule], region: u32, month: Month) -> Option<&MedicalRule> {
    let month = month.to_string();
    let latest = |code: u32| rules.iter().filter(|r| r.region == code && r.from <= month).max_by(|a, b| a.from.cmp(&b.from));
    latest(region / 100 * 100).or_else(|| latest(region / 10_000 * 10_000))
}

/// What a claim pays back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reimbursement {
    /// Each receipt's share, in the order filed.
    pub per_receipt: Vec<Fen>,
    pub total: Fen,
    /// The part of the deductible the claim used.
    pub deductible: Fen,
    /// Whether the yearly cap cut the claim.
    pub capped: bool,
    pub working: Working,
}

fn issue_no_level() -> Issue {
    Issue::new("medical.level", "本地尚未录入该等级医院的报销标准，请联系经办机构", "No reimbursement rule for this hospital level here yet: contact the agency")
}

/// The claim of `receipts` (fen each, in the order filed) at a hospital of `level`, when the
/// fund already paid this person `already` this year on `earlier` claims (admissions) of that
/// year: from the second admission the rule's `repeat_deductible` share of the deductible
/// applies.
///
/// ```
/// use app::domain::benefits::medical::{reimburse, Level, LevelRule, MedicalRule};
/// use app::domain::Fen;
/// let rule = MedicalRule {
///     region: 320000, from: "2024-01".into(), yearly_cap: 10_000_000, repeat_deductible: Some(5_000), confirmed: false, source: String::new(),
///     levels: vec![LevelRule { level: Level(3), deductible: 90_000, ratio: 8_500 }],
/// };
/// // 1,200 + 800 yuan at a level-3 hospital: 900 off the first, (300 + 800) × 85 % = 935.
/// let r = reimburse(&[Fen(120_000), Fen(80_000)], Level(3), Fen(0), 0, &rule).unwrap();
/// assert_eq!((r.per_receipt.clone(), r.total), (vec![Fen(25_500), Fen(68_000)], Fen(93_500)));
/// // The year's second admission: half the deductible, 450 off; (750 + 800) × 85 % = 1,317.50.
/// let again = reimburse(&[Fen(120_000), Fen(80_000)], Level(3), Fen(93_500), 1, &rule).unwrap();
/// assert_eq!(again.total, Fen(131_750));
/// ```
pub fn reimburse(receipts: &[Fen], level: Level, already: Fen, earlier: u32, rule: &MedicalRule) -> Result<Reimbursement, Issue> {
    let l = rule.level(level).ok_or_else(issue_no_level)?;
    let ratio = BasisPoints(l.ratio);
    let unconfirmed = if rule.confirmed { "" } else { "，标准待核实" };
    let mut working = vec![Line {
        zh: format!("{}：起付线 {} 元，起付线以上报销 {}（自 {} 起执行{unconfirmed}）", level.zh(), Fen(l.deductible).yuan(), ratio.percent(), rule.from),
        en: format!(
            "{}: deductible {} yuan, {} above it (in force from {}{})",
            level.en(),
            Fen(l.deductible).yuan(),
            ratio.percent(),
            rule.from,
            if rule.confirmed { "" } else { ", figures unconfirmed" }
        ),
        amount: None,
    }];
    let deductible = match rule.repeat_deductible {
        Some(share) if earlier > 0 => {
            let lower = Fen(l.deductible).times(BasisPoints(share));
            let n = earlier + 1;
            working.push(Line {
                zh: format!("本年度第 {n} 次住院：起付线按 {} 计，{} × {} = {} 元", BasisPoints(share).percent(), Fen(l.deductible).yuan(), BasisPoints(share).percent(), lower.yuan()),
                en: format!("Admission {n} this year: the deductible at {}, {} × {} = {} yuan", BasisPoints(share).percent(), Fen(l.deductible).yuan(), BasisPoints(share).percent(), lower.yuan()),
                amount: Some(lower),
            });
            lower.0
        }
        _ => l.deductible,
    };
    let mut cap_left = (rule.yearly_cap - already.0).max(0);
    working.push(Line {
        zh: format!("本年度已报销 {} 元，年度最高支付限额 {} 元，尚可报销 {} 元", already.yuan(), Fen(rule.yearly_cap).yuan(), Fen(cap_left).yuan()),
        en: format!("Reimbursed this year {} yuan; yearly cap {} yuan; {} yuan left", already.yuan(), Fen(rule.yearly_cap).yuan(), Fen(cap_left).yuan()),
        amount: Some(Fen(cap_left)),
    });
    let (mut deductible_left, mut per_receipt, mut capped) = (deductible, Vec::with_capacity(receipts.len()), false);
    for (i, amount) in receipts.iter().enumerate() {
        let n = i + 1;
        let off = amount.0.min(deductible_left).max(0);
        deductible_left -= off;
        let share = Fen(amount.0 - off).times(ratio);
        let paid = Fen(share.0.min(cap_left));
        cap_left -= paid.0;
        let cut = paid < share;
        capped |= cut;
        let mut zh = format!("票据 {n}：{} 元", amount.yuan());
        let mut en = format!("Receipt {n}: {} yuan", amount.yuan());
        if off > 0 {
            zh.push_str(&format!("，扣起付线 {} 元", Fen(off).yuan()));
            en.push_str(&format!(", less {} yuan of the deductible", Fen(off).yuan()));
        }
        zh.push_str(&format!("，{} × {} = {} 元", Fen(amount.0 - off).yuan(), ratio.percent(), share.yuan()));
        en.push_str(&format!(", {} × {} = {} yuan", Fen(amount.0 - off).yuan(), ratio.percent(), share.yuan()));
        if cut {
            zh.push_str(&format!("；达到年度最高支付限额，报销 {} 元", paid.yuan()));
            en.push_str(&format!("; the yearly cap is reached: {} yuan", paid.yuan()));
        }
        working.push(Line { zh, en, amount: Some(paid) });
        per_receipt.push(paid);
    }
    let total = Fen(per_receipt.iter().map(|f| f.0).sum());
    working.push(Line { zh: format!("本次报销合计 {} 元", total.yuan()), en: format!("Reimbursed on this claim: {} yuan", total.yuan()), amount: Some(total) });
    Ok(Reimbursement { per_receipt, total, deductible: Fen(deductible - deductible_left), capped, working })
}
