//! 审核 — the agency's review of an employer registration: its states and what may happen in
//! each, the materials and the common reasons for sending one back, and an application's age in
//! working days (the seeds promise a decision within 1–3 working days).
//!
//! submitted → in review → approved | rejected; a rejected application is fixed and sent again
//! as a new version (linked to the old one), which starts at submitted.

use serde::{Deserialize, Serialize};

use super::{text, Date, Issue};

/// Where an application is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Submitted,
    InReview,
    Rejected,
    Approved,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Submitted, Status::InReview, Status::Rejected, Status::Approved];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::Rejected => "rejected",
            Status::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// (zh, en) for screens.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Status::Submitted => ("已提交，待审核", "Submitted, waiting for review"),
            Status::InReview => ("审核中", "In review"),
            Status::Rejected => ("审核未通过", "Not approved"),
            Status::Approved => ("审核通过", "Approved"),
        }
    }

    /// Waiting for the agency (what the queue shows by default).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Submitted | Status::InReview)
    }
}

/// What a reviewer does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Takes it up (审核中).
    Open,
    Approve,
    Reject,
}

/// The state an `action` leads to from `status`, or why it cannot happen.
///
/// ```
/// use app::domain::review::{next, Action, Status};
/// assert_eq!(next(Status::Submitted, Action::Open), Ok(Status::InReview));
/// assert_eq!(next(Status::InReview, Action::Reject), Ok(Status::Rejected));
/// assert!(next(Status::Approved, Action::Reject).is_err());
/// ```
pub fn next(status: Status, action: Action) -> Result<Status, Issue> {
    match (status, action) {
        (Status::Submitted, Action::Open) => Ok(Status::InReview),
        (Status::InReview, Action::Approve) => Ok(Status::Approved),
        (Status::InReview, Action::Reject) => Ok(Status::Rejected),
        (Status::InReview, Action::Open) => Err(Issue::new("review.already_open", "该申请已在审核中", "This application is already in review")),
        (Status::Submitted, _) => Err(Issue::new("review.not_open", "请先开始审核该申请", "Take the application up for review first")),
        (Status::Approved | Status::Rejected, _) => Err(Issue::new(
            "review.decided",
            "该申请已有审核结论；如需修改，请由申请单位重新提交",
            "This application has been decided; a change needs a new submission from the employer",
        )),
    }
}

/// The scanned materials an employer registration carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    /// 营业执照或事业单位法人登记证（加盖公章）.
    Licence,
    /// 法定代表人身份证复印件（加盖公章）.
    LegalRepId,
    /// 经办人身份证复印件（加盖公章）.
    HandlerId,
    /// 单位授权委托书（法定代表人签字并加盖公章）.
    Authorisation,
}

impl Material {
    pub const ALL: [Material; 4] = [Material::Licence, Material::LegalRepId, Material::HandlerId, Material::Authorisation];

    pub fn as_str(self) -> &'static str {
        match self {
            Material::Licence => "licence",
            Material::LegalRepId => "legal_rep_id",
            Material::HandlerId => "handler_id",
            Material::Authorisation => "authorisation",
        }
    }

    pub fn parse(s: &str) -> Option<Material> {
        Material::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// (zh, en): what the slot asks for.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Material::Licence => ("营业执照或事业单位法人登记证（加盖公章）", "Business licence or institution certificate (stamped)"),
            Material::LegalRepId => ("法定代表人身份证复印件（加盖公章）", "Legal representative's ID copy (stamped)"),
            Material::HandlerId => ("经办人身份证复印件（加盖公章）", "Handler's ID copy (stamped)"),
            Material::Authorisation => ("单位授权委托书（法定代表人签字并加盖公章）", "Authorisation letter (signed by the legal representative, stamped)"),
        }
    }
}

/// The reasons reviewers give most, so the applicant gets the same words for the same fault.
/// `other` needs a note.
pub const REASONS: &[(&str, &str, &str)] = &[
    ("unclear", "材料不清晰，请重新拍摄或扫描", "The image is not clear; photograph or scan it again"),
    ("incomplete", "材料不完整（缺页或被遮挡）", "Part of the document is missing or covered"),
    ("no_stamp", "未加盖单位公章", "The unit's stamp is missing"),
    ("no_signature", "未经法定代表人签字", "The legal representative's signature is missing"),
    ("mismatch", "材料与填写的信息不一致", "The document does not match what was entered"),
    ("expired", "证件已过期", "The document has expired"),
    ("wrong_value", "填写的信息有误", "What was entered is not right"),
    ("other", "其他原因（见说明）", "Another reason (see the note)"),
    ("superseded", "本单位的另一份注册申请已审核通过，本申请不再办理", "Another registration of this unit was approved; this one is closed"),
];

/// What a reason is about: a field of the form, or a material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Target {
    Field(String),
    Material(Material),
}

/// One reason for sending an application back, as the reviewer gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub target: Target,
    /// One of [`REASONS`].
    pub code: String,
    /// Free text (required with `other`).
    #[serde(default)]
    pub note: String,
}

impl Reason {
    /// The words the applicant sees: the common reason, then the reviewer's note.
    pub fn issue(&self) -> Issue {
        let (zh, en) = REASONS.iter().find(|r| r.0 == self.code).map_or(("", ""), |r| (r.1, r.2));
        let join = |base: &str, note: &str| match (base.is_empty(), note.is_empty()) {
            (_, true) => base.to_owned(),
            (true, false) => note.to_owned(),
            (false, false) => format!("{base}：{note}"),
        };
        Issue { code: format!("review.{}", self.code).into(), zh: join(zh, &self.note).into(), en: join(en, &self.note).into() }
    }
}

/// Longest note a reviewer may write.
pub const NOTE_MAX_CHARS: usize = 200;

/// Checks a rejection: at least one reason, each with a known code and target field, notes
/// short and plain, `other` explained. `fields` are the form's field names.
pub fn check_rejection(reasons: &[Reason], fields: &[&str]) -> Result<Vec<Reason>, Issue> {
    if reasons.is_empty() {
        return Err(Issue::new("review.no_reason", "退回时请至少给出一条原因", "Give at least one reason for sending it back"));
    }
    let mut out = Vec::with_capacity(reasons.len());
    for r in reasons {
        if !REASONS.iter().any(|known| known.0 == r.code) {
            return Err(Issue::new("review.unknown_reason", "请从列表中选择原因", "Choose a reason from the list"));
        }
        if let Target::Field(f) = &r.target {
            if !fields.contains(&f.as_str()) {
                return Err(Issue::new("review.unknown_field", "原因指向的栏目不存在", "The reason names a field the form does not have"));
            }
        }
        let note = text::squeeze(&r.note);
        if note.chars().count() > NOTE_MAX_CHARS || text::has_markup_or_control(&note) {
            return Err(Issue::new(
                "review.note",
                "说明最多 200 个字，且不含特殊符号",
                "A note has at most 200 characters and no special symbols",
            ));
        }
        if r.code == "other" && note.is_empty() {
            return Err(Issue::new("review.note_required", "选择“其他原因”时请写明说明", "Explain “another reason” in the note"));
        }
        out.push(Reason { target: r.target.clone(), code: r.code.clone(), note });
    }
    Ok(out)
}

/// Working days (Monday to Friday) after `from` up to and including `to`: 0 on the day of
/// submission, 1 on the next working day. Public holidays are not known here; the agency's
/// calendar would refine it.
///
/// ```
/// use app::domain::{review::working_days_between, Date};
/// let friday = Date::new(2026, 11, 20).unwrap();
/// assert_eq!(working_days_between(friday, Date::new(2026, 11, 22).unwrap()), 0, "the weekend");
/// assert_eq!(working_days_between(friday, Date::new(2026, 11, 23).unwrap()), 1, "Monday");
/// ```
pub fn working_days_between(from: Date, to: Date) -> u32 {
    let (a, b) = (from.days_since_epoch(), to.days_since_epoch());
    if b <= a {
        return 0;
    }
    // Whole weeks, then the remaining days one by one (at most six).
    let span = b - a;
    let mut count = (span / 7) * 5;
    let mut weekday = i64::from(from.weekday());
    for _ in 0..span % 7 {
        weekday = weekday % 7 + 1;
        count += i64::from(weekday <= 5);
    }
    count as u32
}

/// The seeds promise a decision within 3 working days.
pub const DUE_WORKING_DAYS: u32 = 3;

/// Still open after more than [`DUE_WORKING_DAYS`] working days: the queue flags it.
pub fn is_overdue(status: Status, submitted: Date, today: Date) -> bool {
    status.is_open() && working_days_between(submitted, today) > DUE_WORKING_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn every_transition() {
        for from in Status::ALL {
            for action in [Action::Open, Action::Approve, Action::Reject] {
                let allowed = matches!(
                    (from, action),
                    (Status::Submitted, Action::Open) | (Status::InReview, Action::Approve) | (Status::InReview, Action::Reject)
                );
                assert_eq!(next(from, action).is_ok(), allowed, "{from:?} {action:?}");
            }
        }
        assert_eq!(next(Status::Approved, Action::Approve).unwrap_err().code, "review.decided");
    }

    #[test]
    fn working_days_skip_weekends() {
        let monday = d(2026, 11, 23);
        assert_eq!(working_days_between(monday, monday), 0);
        assert_eq!(working_days_between(monday, d(2026, 11, 27)), 4, "to Friday");
        assert_eq!(working_days_between(monday, d(2026, 11, 29)), 4, "to Sunday");
        assert_eq!(working_days_between(monday, d(2026, 11, 30)), 5, "a week");
        assert_eq!(working_days_between(d(2026, 11, 21), d(2026, 11, 23)), 1, "Saturday to Monday");
        assert_eq!(working_days_between(monday, d(2026, 11, 1)), 0, "backwards");
        // Against counting day by day, over every start weekday and spans up to 30 days.
        for start in 0..7 {
            let from = d(2026, 11, 23 + start);
            for span in 0..30 {
                let to_days = from.days_since_epoch() + span;
                let naive = (1..=span).filter(|k| ((from.days_since_epoch() + k + 3).rem_euclid(7) + 1) <= 5).count() as u32;
                let to = Date::from_days_since_epoch(to_days);
                assert_eq!(working_days_between(from, to), naive, "{from} + {span}");
            }
        }
    }

    #[test]
    fn overdue_after_three_working_days_while_open() {
        let thursday = d(2026, 11, 19);
        assert!(!is_overdue(Status::Submitted, thursday, d(2026, 11, 24)), "Fri, Mon, Tue: 3");
        assert!(is_overdue(Status::InReview, thursday, d(2026, 11, 25)), "Wednesday: 4");
        assert!(!is_overdue(Status::Rejected, thursday, d(2026, 12, 25)), "decided");
    }

    #[test]
    fn rejections_need_known_reasons_and_explained_others() {
        let fields = ["unit_name", "credit_code"];
        let reason = |target, code: &str, note: &str| Reason { target, code: code.into(), note: note.into() };
        assert_eq!(check_rejection(&[], &fields).unwrap_err().code, "review.no_reason");
        let licence = Target::Material(Material::Licence);
        assert!(check_rejection(&[reason(licence.clone(), "unclear", "")], &fields).is_ok());
        assert_eq!(check_rejection(&[reason(licence.clone(), "bogus", "")], &fields).unwrap_err().code, "review.unknown_reason");
        assert_eq!(check_rejection(&[reason(licence.clone(), "other", "  ")], &fields).unwrap_err().code, "review.note_required");
        assert_eq!(check_rejection(&[reason(Target::Field("nope".into()), "wrong_value", "")], &fields).unwrap_err().code, "review.unknown_field");
        assert_eq!(check_rejection(&[reason(licence.clone(), "other", &"长".repeat(201))], &fields).unwrap_err().code, "review.note");
        let ok = check_rejection(&[reason(licence, "other", " 公章  模糊 ")], &fields).unwrap();
        assert_eq!(ok[0].note, "公章 模糊");
        assert_eq!(ok[0].issue().zh, "其他原因（见说明）：公章 模糊");
    }
}
