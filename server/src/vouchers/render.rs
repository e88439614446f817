//! What a voucher says about its filing: the summary (ID numbers masked) and the office.

use app::api::sync::FilingKind;
use app::domain::forms::{base_declaration, employer, enrolment, injury_report, medical_claim, newborn, pension_certification, person_change, personal, separation, unemployment, unit_change};
use app::domain::{divisions, Date, IdNumber, MobileNumber};

pub(super) fn kind_name(kind: &str) -> &'static str {
    match FilingKind::parse(kind) {
        Some(FilingKind::PersonalRegistration) => "个人用户注册 Personal registration",
        Some(FilingKind::EmployerRegistration) => "单位用户注册 Employer registration",
        Some(FilingKind::Enrolment) => "参保登记 Enrolment",
        Some(FilingKind::BaseDeclaration) => "缴费基数申报 Contribution base declaration",
        Some(FilingKind::Separation) => "人员减员 Separation",
        Some(FilingKind::PensionCertification) => "养老待遇资格认证（协助） Assisted pension certification",
        Some(FilingKind::InjuryReport) => "工伤事故申报 Work accident report",
        Some(FilingKind::Unemployment) => "失业登记 Unemployment registration",
        Some(FilingKind::MedicalClaim) => "医疗费用报销 Medical expense claim",
        Some(FilingKind::Newborn) => "新生儿参保 Newborn enrolment",
        Some(FilingKind::PersonChange) => "个人信息变更 Change of details",
        Some(FilingKind::UnitChange) => "单位信息变更 Change of the unit's details",
        None => "业务 Filing",
    }
}

fn masked_id(s: &str, today: Date) -> String {
    IdNumber::mask(s, today)
}

fn region_name(code: &str) -> Option<String> {
    code.parse().ok().and_then(divisions::full_name)
}

/// What the voucher lists about a filing (labels in both languages), ID numbers masked; and
/// the division whose office handles it.
pub(super) fn summary(kind: &str, payload: &[u8], today: Date) -> (Vec<(&'static str, String)>, Option<u32>) {
    let text = String::from_utf8_lossy(payload);
    match FilingKind::parse(kind) {
        Some(FilingKind::PersonalRegistration) => match serde_json::from_str::<personal::PersonalRegistrationDraft>(&text) {
            Ok(d) => {
                let region = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let mobile = MobileNumber::parse(&d.mobile).map(|c| c.value.masked()).unwrap_or_default();
                (vec![("姓名 Name", d.name), ("身份证号 ID number", masked_id(&d.id_number, today)), ("手机号码 Mobile", mobile)], region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::EmployerRegistration) => match serde_json::from_str::<employer::EmployerRegistrationDraft>(&text) {
            Ok(d) => {
                let region = app::domain::CreditCode::parse(&d.credit_code).ok().map(|c| c.value.division());
                let rows = vec![
                    ("单位名称 Unit", d.unit_name),
                    ("统一社会信用代码 Credit code", d.credit_code),
                    ("经办人 Handler", d.handler_name),
                    ("经办人身份证号 Handler's ID", masked_id(&d.handler_id, today)),
                ];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::Enrolment) => match serde_json::from_str::<enrolment::EnrolmentDraft>(&text) {
            Ok(d) => {
                let rows = vec![
                    ("姓名 Name", d.name),
                    ("身份证号 ID number", masked_id(&d.id_number, today)),
                    ("参保地 Insured in", region_name(&d.region).unwrap_or_default()),
                    ("起始月份 From", d.start_month),
                    ("月缴费基数 Monthly base (元)", d.monthly_base),
                    ("险种 Insurances", d.insurances.iter().map(|i| i.zh()).collect::<Vec<_>>().join("、")),
                ];
                (rows, d.region.parse().ok())
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::BaseDeclaration) => match serde_json::from_str::<base_declaration::BaseDeclarationDraft>(&text) {
            Ok(d) => {
                let rows = vec![
                    ("统一社会信用代码 Credit code", d.credit_code),
                    ("地区 Region", region_name(&d.region).unwrap_or_default()),
                    ("生效月份 From", d.effective_month),
                    ("人数 People", d.rows.len().to_string()),
                ];
                (rows, d.region.parse().ok())
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::Separation) => match serde_json::from_str::<separation::SeparationDraft>(&text) {
            Ok(d) => {
                let reason = separation::Reason::parse(&d.reason).map(|r| format!("{} {}", r.zh(), r.en())).unwrap_or_default();
                let insurances: Vec<&str> = d.insurances.iter().map(|i| i.zh()).collect();
                let rows = vec![
                    ("统一社会信用代码 Credit code", d.credit_code.clone()),
                    ("姓名 Name", d.name),
                    ("公民身份号码 ID number", masked_id(&d.id_number, today)),
                    ("险种 Insurances", insurances.join("、")),
                    ("最后参保月份 Last month", d.last_month),
                    ("离职日期 Job ended on", d.left_on),
                    ("减员原因 Reason", reason),
                ];
                (rows, app::domain::CreditCode::parse(&d.credit_code).ok().map(|c| c.value.division()))
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::PensionCertification) => match serde_json::from_str::<pension_certification::CertificationDraft>(&text) {
            Ok(d) => {
                let id = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let rows = vec![("姓名 Name", d.name), ("公民身份号码 ID number", masked_id(&d.id_number, today)), ("认证日期 Seen on", d.seen_on)];
                (rows, id)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::InjuryReport) => match serde_json::from_str::<injury_report::InjuryReportDraft>(&text) {
            Ok(d) => {
                let region = app::domain::CreditCode::parse(&d.credit_code).ok().map(|c| c.value.division());
                let id = masked_id(&d.id_number, today);
                let rows = vec![("受伤职工 Injured", d.name), ("公民身份号码 ID number", id), ("事故时间 Accident", format!("{} {}", d.accident_on, d.accident_at)), ("事故地点 Place", d.place)];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::Unemployment) => match serde_json::from_str::<unemployment::UnemploymentDraft>(&text) {
            Ok(d) => {
                let region = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let cause = unemployment::Cause::parse(&d.cause).map(|c| format!("{} {}", c.zh(), c.en())).unwrap_or_default();
                let rows = vec![("姓名 Name", d.name), ("公民身份号码 ID number", masked_id(&d.id_number, today)), ("离职日期 Job ended", d.left_on), ("失业原因 Reason", cause)];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::Newborn) => match serde_json::from_str::<newborn::NewbornDraft>(&text) {
            Ok(d) => {
                let region = d.region.parse().ok();
                let cert = d.birth_cert.trim();
                let rows = vec![
                    ("新生儿 Child", d.child_name),
                    ("出生日期 Born", d.birth_date),
                    // The certificate's letter and last two digits: enough to tell two children apart.
                    ("出生医学证明 Birth certificate", format!("{}*******{}", cert.chars().next().unwrap_or('*'), cert.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect::<String>())),
                    ("监护人 Guardian", d.guardian_name),
                    ("监护人身份号码 Guardian's ID number", masked_id(&d.guardian_id_number, today)),
                ];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::PersonChange) => match serde_json::from_str::<person_change::PersonChangeDraft>(&text) {
            Ok(d) => {
                let region = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let mut rows = vec![("姓名 Name", d.name), ("公民身份号码 ID number", masked_id(&d.id_number, today))];
                // What changed; the mobile masked like every number on a voucher.
                if let Ok(m) = MobileNumber::parse(&d.mobile) {
                    rows.push(("手机号码 Mobile", m.value.masked()));
                }
                if !d.household_division.trim().is_empty() {
                    rows.push(("户籍地址 Household address", "已变更 Changed".into()));
                }
                if !d.contact_division.trim().is_empty() {
                    rows.push(("联系地址 Contact address", "已变更 Changed".into()));
                }
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::UnitChange) => match serde_json::from_str::<unit_change::UnitChangeDraft>(&text) {
            Ok(d) => {
                let mut rows = Vec::new();
                if !d.address.trim().is_empty() {
                    rows.push(("单位地址 Address", "已变更 Changed".into()));
                }
                if !d.contact_name.trim().is_empty() {
                    rows.push(("联系人 Contact person", d.contact_name));
                }
                if let Ok(m) = MobileNumber::parse(&d.contact_mobile) {
                    rows.push(("联系人手机号 Contact's mobile", m.value.masked()));
                }
                (rows, d.region.parse().ok())
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::MedicalClaim) => match serde_json::from_str::<medical_claim::MedicalClaimDraft>(&text) {
            Ok(d) => {
                let region = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let claimed: i64 = d.receipts.iter().filter_map(|r| app::domain::Fen::parse_yuan(r).ok()).map(|f| f.value.0).sum();
                let rows = vec![
                    ("姓名 Name", d.name),
                    ("公民身份号码 ID number", masked_id(&d.id_number, today)),
                    ("住院 Stay", format!("{} – {}", d.admitted_on, d.discharged_on)),
                    ("票据 Receipts", format!("{} 张，合计 {} 元", d.receipts.len(), app::domain::Fen(claimed).yuan())),
                    ("票据号码 Receipt numbers", d.receipt_numbers.join("、")),
                ];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        None => (Vec::new(), None),
    }
}

/// The handling office: the county's (or city's) social insurance agency.
pub(crate) fn office(region: Option<u32>) -> String {
    region
        .and_then(divisions::full_name)
        .map(|n| format!("{n}社会保险经办机构"))
        .unwrap_or_else(|| "社会保险经办机构".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_are_named_after_their_division() {
        assert_eq!(office(Some(320102)), "江苏省南京市玄武区社会保险经办机构");
        assert_eq!(office(None), "社会保险经办机构");
    }
}
