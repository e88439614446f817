//! What an operator reads of a case, worked out afresh each time from the stored filing: its
//! fields, its checks — data accuracy by the same shared rules the device ran, compliance by
//! the ledger's own checks as the ledger stands now (重复参保, the relationship to end, the
//! unit's people) — and the preview of its effect (which relationships open or end, from which
//! month, what each month it changes comes to at the rates in force then, with the working). The approval applies
//! exactly the [`Effect`] worked out here.

use app::api::auth::Role;
use app::api::cases::{reason_fields, CaseCheck, CaseField, EffectLine};
use app::api::sync::FilingKind;
use app::domain::forms::injury_report::DECISION_DAYS;
use app::domain::forms::Context;
use app::domain::ledger::{assess, IndustryClass, Month};
use app::domain::policy::Insurance;
use app::domain::{CreditCode, Date, Issue};

use super::case_store::{Case, Effect};
use super::Cx;
use crate::accounts::session::Principal;
use crate::filings::{ValidFiling, Verdict};
use crate::http::Internal;
use crate::ledger;

/// A case examined.
pub struct Examined {
    pub fields: Vec<CaseField>,
    pub checks: Vec<CaseCheck>,
    pub lines: Vec<EffectLine>,
    /// What approving applies, when every check passed.
    pub effect: Option<Effect>,
}

fn check(group: &str, zh: &str, en: &str, issue: Option<Issue>, field: Option<String>) -> CaseCheck {
    CaseCheck { group: group.into(), zh: zh.into(), en: en.into(), issue, field }
}

/// A field's value as entered, for reading.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| match i.as_str().and_then(Insurance::parse) {
                Some(ins) => ins.zh().to_owned(),
                None => i.as_str().map_or_else(|| i.to_string(), str::to_owned),
            })
            .collect::<Vec<_>>()
            .join("、"),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The checks and the effect of `case`, as `by` would approve it now.
pub async fn examine(cx: &Cx, case: &Case, by: &Principal, today: Date) -> Result<Examined, Internal> {
    let kind = FilingKind::parse(&case.kind).ok_or_else(|| Internal::Unreadable(format!("case kind {}", case.kind)))?;
    let sealed = cx.store.filing_payload(&case.client_id).await?.ok_or_else(|| Internal::Unreadable("a case without its filing".into()))?;
    let text = cx.ledger.vault.open(&crate::vault::bound::filing_payload(&case.client_id), &sealed)?;
    let text = String::from_utf8(text).map_err(|e| Internal::Unreadable(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let mut fields: Vec<CaseField> =
        reason_fields(kind).iter().map(|name| CaseField { name: (*name).to_owned(), value: json.get(*name).map(shown).unwrap_or_default() }).collect();
    if let Some(rows) = json.get("rows").and_then(|r| r.as_array()) {
        if let Some(f) = fields.iter_mut().find(|f| f.name == "rows") {
            f.value = rows
                .iter()
                .map(|r| format!("{} {} {}", shown(&r["name"]), shown(&r["id_number"]), shown(&r["monthly_base"])))
                .collect::<Vec<_>>()
                .join("；");
        }
    }
    // A claim's receipts: each its own field (a return names the receipt), those filed only,
    // each shown with its number.
    if let Some(receipts) = json.get("receipts").and_then(|r| r.as_array()) {
        let numbers = json.get("receipt_numbers").and_then(|r| r.as_array());
        fields.retain_mut(|f| match app::domain::forms::medical_claim::RECEIPTS.iter().position(|n| *n == f.name) {
            Some(i) => receipts
                .get(i)
                .map(|v| {
                    f.value = match numbers.and_then(|n| n.get(i)).map(shown) {
                        Some(number) => format!("{number} · {}", shown(v)),
                        None => shown(v),
                    }
                })
                .is_some(),
            None => true,
        });
    }
    let ctx = Context { today, policy: Some(&cx.ledger.table) };
    let mut checks = Vec::new();
    let valid = match ValidFiling::parse(kind, &text, &ctx) {
        Ok(v) => {
            checks.push(check("accuracy", "数据准确性（与填报端相同的校验规则）", "Data accuracy (the rules the device ran)", None, None));
            v
        }
        Err(errors) => {
            for (field, issues) in &errors.errors {
                for issue in issues {
                    checks.push(check("accuracy", "数据准确性", "Data accuracy", Some(issue.clone()), Some(field.clone())));
                }
            }
            return Ok(Examined { fields, checks, lines: Vec::new(), effect: None });
        }
    };
    let unit = match case.unit_id {
        Some(id) => Some(cx.store.unit_get(id).await?.ok_or_else(|| Internal::Unreadable("a case without its unit".into()))?),
        None => None,
    };
    let code = unit.as_ref().and_then(|u| CreditCode::parse(&u.credit_code).ok()).map(|c| c.value);
    let class = unit.as_ref().and_then(|u| u.industry_class).and_then(|c| u8::try_from(c).ok()).and_then(IndustryClass::new);
    let store = cx.store.as_ref() as &dyn ledger::Db;
    let vault = &cx.ledger.vault;
    let refused = |v: Verdict| match v {
        Verdict::Reject(errors) => errors.errors.into_iter().find_map(|(field, issues)| Some((field, issues.into_iter().next()?))),
        Verdict::Retry(issue) => Some(("form".to_owned(), issue)),
        Verdict::Pass => None,
    };
    let mut lines = Vec::new();
    let effect = match valid {
        ValidFiling::Enrolment(mut e) => {
            e.credit_code = e.credit_code.or(code);
            match ledger::enrolment::check(store, vault, &e, Some(by)).await? {
                Ok(enrol) => {
                    checks.push(check("compliance", "重复参保：该人员在所选险种没有其他参保关系", "Duplicate insurance: no other relationship in these insurances", None, None));
                    checks.push(check("compliance", "缴费基数上下限、参保年龄", "Base limits and age rules", None, None));
                    // The first month, then each month up to this one (a back-dated start: the
                    // next assessment run assesses them all).
                    let start = Month::of(e.start_month);
                    for ins in &enrol.insurances {
                        for m in start.through(start.max(Month::of(today))) {
                            let action = if m == start { "open" } else { "month" };
                            lines.push(month_line(cx, action, e.name.as_str(), *ins, e.monthly_base, e.region, m, class));
                        }
                    }
                    Some(Effect::Enrol(enrol))
                }
                Err(v) => {
                    let (field, issue) = refused(v).unzip();
                    checks.push(check("compliance", "重复参保", "Duplicate insurance", issue, field));
                    None
                }
            }
        }
        ValidFiling::Separation(mut s) => {
            s.credit_code = s.credit_code.or(code);
            match ledger::separation::check(store, vault, &s, Some(by)).await? {
                Ok(end) => {
                    checks.push(check("compliance", "该人员在本单位的参保关系存在且可终止", "The relationships with this unit exist and can end", None, None));
                    // The notice's timing goes with the first line (it is one for the filing).
                    let mut timing = separation_timing(&s, Date::parse_iso(&case.submitted_on).unwrap_or(today));
                    for ins in &end.insurances {
                        lines.push(EffectLine::unassessed("end", Some(*ins), s.name.as_str().to_owned(), end.last_month.clone(), std::mem::take(&mut timing)));
                    }
                    Some(Effect::Separate(end))
                }
                Err(v) => {
                    let (field, issue) = refused(v).unzip();
                    checks.push(check("compliance", "参保关系", "Relationships", issue, field));
                    None
                }
            }
        }
        ValidFiling::BaseDeclaration(d) => match ledger::base::check(store, vault, &d, Some(by)).await? {
            Ok(unit_id) => {
                checks.push(check("compliance", "申报人员均为本单位参保人员，基数在上下限内", "Every row is the unit's, each base within the limits", None, None));
                // Each row: what a month of each insurance the person holds at the unit comes to
                // at the declared base (months already assessed get the difference as 补差).
                let month = Month::of(d.effective_month);
                for r in &d.rows {
                    let held = store.open_relationships(&vault.blind_index(crate::vault::purpose::ID_NUMBER, r.id_number.as_str())).await?;
                    for ins in held.iter().filter(|o| o.unit_id == unit_id).map(|o| o.insurance) {
                        lines.push(month_line(cx, "base", r.name.as_str(), ins, r.monthly_base, d.region, month, class));
                    }
                }
                let (year, rows) = ledger::base::rows(vault, &d);
                Some(Effect::Bases { unit_id, year, rows, actor: by.account.id })
            }
            Err(v) => {
                let (field, issue) = refused(v).unzip();
                checks.push(check("compliance", "申报人员", "The rows' people", issue, field));
                None
            }
        },
        ValidFiling::InjuryReport(mut r) => {
            r.credit_code = r.credit_code.or(code);
            let reported_on = Date::parse_iso(&case.submitted_on).unwrap_or(today);
            match crate::injuries::report::check(store, vault, &r, None, Some(by), reported_on).await? {
                Ok((mut recognise, _)) => {
                    recognise.by_person = own_application(cx, case, &recognise.id_index).await?;
                    checks.push(check("compliance", "事故发生时该职工在本单位参加工伤保险", "Insured in work injury with this unit when the accident happened", None, None));
                    lines.push(EffectLine::unassessed("recognise", Some(Insurance::WorkInjury), r.name.as_str().to_owned(), r.accident_on.iso(), injury_timing(&recognise)));
                    Some(Effect::Recognise(recognise))
                }
                Err(v) => {
                    let (field, issue) = refused(v).unzip();
                    checks.push(check("compliance", "工伤保险参保关系", "Work-injury insurance", issue, field));
                    None
                }
            }
        }
        ValidFiling::Unemployment(u) => {
            let registered_on = Date::parse_iso(&case.submitted_on).unwrap_or(today);
            let now = app::api::ssr::now_ms();
            match crate::unemployment::register::check(&cx.ledger, cx.store.as_ref(), &u, Some(by), None, registered_on, now).await? {
                Ok(found) => {
                    checks.push(check("compliance", "失业保险已由单位减员终止，且未在任何单位参保", "Unemployment insurance ended by the unit and open nowhere", None, None));
                    checks.push(check("compliance", "失业前累计缴费满一年（或有前次未领完的月数）", "A year of contributions (or months left from the last spell)", None, None));
                    let line = |zh: String, en: String| app::domain::ledger::Line { zh, en, amount: None };
                    let reason = found.ended.reason.as_deref().and_then(app::domain::forms::separation::Reason::parse);
                    let mut working = vec![
                        line(
                            format!("原单位 {}，减员原因：{}；本人申报：{}", found.ended.unit_name, reason.map_or("—", |r| r.zh()), u.cause.zh()),
                            format!("Last unit {}, separation reason: {}; the person says: {}", found.ended.unit_name, reason.map_or("—", |r| r.en()), u.cause.en()),
                        ),
                        line(format!("离职日期 {}，失业登记日期 {}", u.left_on.iso(), registered_on.iso()), format!("Job ended {}, registered {}", u.left_on.iso(), registered_on.iso())),
                        app::domain::benefits::unemployment::left_on_check(u.left_on, found.ended.left_on.as_deref().and_then(Date::parse_iso)),
                    ];
                    working.extend(found.register.working.iter().cloned());
                    lines.push(EffectLine::unassessed("unemploy", Some(Insurance::Unemployment), u.name.as_str().to_owned(), found.register.first_month.to_string(), working));
                    Some(Effect::Unemploy(found.register))
                }
                Err(v) => {
                    let (field, issue) = refused(v).unzip();
                    checks.push(check("compliance", "失业保险金领取条件", "Unemployment benefit conditions", issue, field));
                    None
                }
            }
        }
        ValidFiling::MedicalClaim(c) => match crate::medical::claim::check(&cx.ledger, cx.store.as_ref(), &c, crate::medical::Asker::Desk, None).await? {
            Ok(found) => {
                checks.push(check("compliance", "出院当月参加医疗保险", "Insured in medical insurance in the month of discharge", None, None));
                let line = |zh: String, en: String| app::domain::ledger::Line { zh, en, amount: None };
                let mut working = vec![line(
                    format!("{}，{} 入院，{} 出院；票据 {} 张", c.hospital, c.admitted_on.iso(), c.discharged_on.iso(), c.receipts.len()),
                    format!("{}, admitted {}, discharged {}; {} receipts", c.hospital, c.admitted_on.iso(), c.discharged_on.iso(), c.receipts.len()),
                )];
                working.extend(found.claim.working.iter().cloned());
                lines.push(EffectLine::unassessed("reimburse", Some(Insurance::Medical), c.name.as_str().to_owned(), c.discharged_on.iso(), working));
                Some(Effect::Reimburse(found.claim))
            }
            Err(v) => {
                let (field, issue) = refused(v).unzip();
                checks.push(check("compliance", "医疗费用报销条件", "Medical claim conditions", issue, field));
                None
            }
        },
        ValidFiling::Newborn(n) => match crate::medical::newborn::check(&cx.ledger, cx.store.as_ref(), &n, crate::medical::Asker::Desk, Date::parse_iso(&case.submitted_on).unwrap_or(today)).await? {
            Ok(enrol) => {
                checks.push(check("compliance", "该孩子尚未参保（按出生医学证明和身份号码查重）", "The child is not enrolled yet (by birth certificate and ID number)", None, None));
                lines.push(EffectLine::unassessed("newborn", Some(Insurance::Medical), n.child_name.as_str().to_owned(), enrol.first_month.clone(), enrol.working.clone()));
                Some(Effect::Newborn(enrol))
            }
            Err(v) => {
                let (field, issue) = refused(v).unzip();
                checks.push(check("compliance", "新生儿参保条件", "Newborn enrolment conditions", issue, field));
                None
            }
        },
        ValidFiling::PersonChange(c) => match crate::office::person_change::check(store, vault, &c, crate::medical::Asker::Desk).await? {
            Ok((person_id, index)) => {
                checks.push(check("compliance", "身份证号码与姓名对应的参保记录", "An insurance record under this ID number and name", None, None));
                let (change, working) = crate::office::person_change::change(cx.store.as_ref(), vault, person_id, &index, &c).await?;
                lines.push(EffectLine::unassessed("details", None, c.name.as_str().to_owned(), case.submitted_on.clone(), working));
                Some(Effect::Details(change))
            }
            Err(v) => {
                let (field, issue) = refused(v).unzip();
                checks.push(check("compliance", "参保记录", "The insurance record", issue, field));
                None
            }
        },
        ValidFiling::UnitChange(mut c) => {
            c.credit_code = c.credit_code.or(code);
            match crate::office::unit_change::check(store, vault, &c, Some(by)).await? {
                Ok(unit) => {
                    checks.push(check("compliance", "单位为参保单位", "A unit of the ledger", None, None));
                    let (change, working) = crate::office::unit_change::change(cx.store.as_ref(), vault, unit.id, &c).await?;
                    lines.push(EffectLine::unassessed("unit_details", None, unit.name.clone(), case.submitted_on.clone(), working));
                    Some(Effect::UnitDetails { unit_id: unit.id, change })
                }
                Err(v) => {
                    let (field, issue) = refused(v).unzip();
                    checks.push(check("compliance", "参保单位", "The unit", issue, field));
                    None
                }
            }
        }
        ValidFiling::PersonalRegistration(_) | ValidFiling::EmployerRegistration(_) | ValidFiling::PensionCertification(_) => None,
    };
    Ok(Examined { fields, checks, lines, effect })
}

/// Whether the injured person filed the case themselves (工伤保险条例 第17条 第2款): its sender
/// is a resident's account under the injured person's ID number.
async fn own_application(cx: &Cx, case: &Case, id_index: &str) -> Result<bool, Internal> {
    let Some(sender) = case.submitted_by else { return Ok(false) };
    Ok(cx.store.account_by_id(sender).await?.is_some_and(|a| a.role == Role::Resident.as_str() && a.id_index == id_index))
}

/// When the accident happened and when the unit reported it (or the person applied): in time,
/// or how late; and the day the decision is due.
fn injury_timing(r: &crate::injuries::report::Recognise) -> Vec<app::domain::ledger::Line> {
    let line = |zh: String, en: String| app::domain::ledger::Line { zh, en, amount: None };
    let (by_zh, by_en) = if r.by_person { ("职工本人申请日期", "applied for by the injured person on") } else { ("单位申报日期", "reported on") };
    let mut out = vec![line(
        format!("事故日期 {}，{by_zh} {}", r.accident_on.iso(), r.reported_on.iso()),
        format!("Accident on {}, {by_en} {}", r.accident_on.iso(), r.reported_on.iso()),
    )];
    let days = r.reported_on.days_since_epoch() - r.accident_on.days_since_epoch();
    out.push(if r.by_person {
        line(
            format!("职工本人申请工伤认定（单位未申报时，事故之日起一年内，第17条第2款）；距事故 {days} 天"),
            format!("The injured person's own application (when the unit has not applied, within a year of the accident, art. 17(2)); {days} days after the accident"),
        )
    } else if r.late_days > 0 {
        line(
            format!("超过30日申报时限 {} 天（迟报：认定时审查迟报原因）", r.late_days),
            format!("{} days past the 30 days the unit had (late: examine why before recognising)", r.late_days),
        )
    } else {
        line("在事故之日起30日内申报".into(), "Reported within 30 days of the accident".into())
    });
    let decide_by = Date::from_days_since_epoch(r.reported_on.days_since_epoch() + DECISION_DAYS);
    out.push(line(
        format!("认定决定时限：申请之日起{DECISION_DAYS}日内，即 {} 前（第20条；事实清楚、无争议的15日内）", decide_by.iso()),
        format!("The decision is due within {DECISION_DAYS} days of the application, by {} (art. 20; 15 days for a clear, undisputed case)", decide_by.iso()),
    ));
    out
}

/// When the employment ended and when the unit told the agency, against the 15 days of
/// 社会保险法 第50条 (owed for a person left without a job: not on retirement, death or a
/// transfer). A late notice does not stop the case: the operator sees it and reviews why.
fn separation_timing(s: &app::domain::forms::separation::Separation, filed_on: Date) -> Vec<app::domain::ledger::Line> {
    use app::domain::forms::separation::{notice_late_days, NOTICE_DAYS};
    let line = |zh: String, en: String| app::domain::ledger::Line { zh, en, amount: None };
    let mut out = vec![line(
        format!("离职日期 {}，单位申报日期 {}", s.left_on.iso(), filed_on.iso()),
        format!("Job ended on {}, filed by the unit on {}", s.left_on.iso(), filed_on.iso()),
    )];
    out.push(match (s.reason.leaves_unemployed(), notice_late_days(s.left_on, filed_on)) {
        (false, _) => line(
            format!("减员原因为{}：不适用失业人员名单{NOTICE_DAYS}日告知时限（社会保险法 第50条）", s.reason.zh()),
            format!("Reason {}: the {NOTICE_DAYS}-day notice of the unemployed (art. 50) does not apply", s.reason.en()),
        ),
        (true, Some(late)) => line(
            format!("超过离职之日起{NOTICE_DAYS}日告知时限 {late} 天（社会保险法 第50条：逾期告知，审查原因）"),
            format!("{late} days past the {NOTICE_DAYS} days the unit had (art. 50: told late, review why)"),
        ),
        (true, None) => line(format!("在离职之日起{NOTICE_DAYS}日内告知"), format!("Told within {NOTICE_DAYS} days of the job's end")),
    });
    out
}

/// One month of one insurance of a person as the case would assess it (`action`: `open` for
/// a relationship's first month, `month` for a later one, `base` at a declared base).
#[allow(clippy::too_many_arguments)]
fn month_line(cx: &Cx, action: &str, person: &str, ins: Insurance, base: app::domain::Fen, region: u32, month: Month, class: Option<IndustryClass>) -> EffectLine {
    let mut line = EffectLine {
        action: action.into(),
        insurance: Some(ins),
        person: person.to_owned(),
        month: month.to_string(),
        base: Some(base),
        employer: None,
        individual: None,
        working: Vec::new(),
        issue: None,
    };
    match assess(base, region, ins, month.first_day(), class, &cx.ledger.table, &cx.ledger.policy) {
        Ok(a) => {
            line.base = Some(a.figures.base);
            line.employer = Some(a.figures.employer);
            line.individual = Some(a.figures.individual);
            line.working = a.working;
        }
        Err(issue) => line.issue = Some(issue),
    }
    line
}
