//! 通知公告: what an administrator publishes — a title, a body, who it is for and the days it
//! shows. The back office checks it as typed; the server checks it again before storing it.

use serde::{Deserialize, Serialize};

use crate::domain::policy::PolicyTable;
use crate::domain::{divisions, Date, FieldErrors, Issue, Valid, REQUIRED};

pub mod field {
    pub const TITLE: &str = "title";
    pub const BODY: &str = "body";
    pub const AUDIENCE: &str = "audience";
    pub const VALID_FROM: &str = "valid_from";
    pub const VALID_TO: &str = "valid_to";
}

/// The longest title, in characters (one line on a phone at two lines' wrap).
pub const TITLE_MAX: usize = 60;
/// The longest body, in characters.
pub const BODY_MAX: usize = 4000;
/// The longest a notice may show, in days.
pub const SPAN_MAX_DAYS: i64 = 731;

/// Who a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone who opens the app, signed in or not.
    All,
    /// Residents (个人).
    Residents,
    /// Units' accounts (单位).
    Units,
    /// The agency's staff.
    Staff,
}

impl Audience {
    pub const ALL: [Audience; 4] = [Audience::All, Audience::Residents, Audience::Units, Audience::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::All => "all",
            Audience::Residents => "residents",
            Audience::Units => "units",
            Audience::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// The form as typed (the request body of `NOTICE_PUBLISH`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDraft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// An [`Audience`] code.
    #[serde(default)]
    pub audience: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_from: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_to: String,
}

/// A notice fit to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFields {
    pub title: String,
    /// Paragraphs separated by line breaks; shown as text, never as markup.
    pub body: String,
    pub audience: Audience,
    pub valid_from: Date,
    pub valid_to: Date,
}

const TITLE_LENGTH: Issue = Issue::new("notice.title_length", "标题请控制在 60 个字以内", "Keep the title within 60 characters");
const BODY_LENGTH: Issue = Issue::new("notice.body_length", "正文请控制在 4000 个字以内", "Keep the body within 4,000 characters");
const CONTROL: Issue = Issue::new("notice.control", "含有无法显示的字符，请删除", "Remove the characters that cannot be shown");
const AUDIENCE: Issue = Issue::new("notice.audience", "请选择通知对象", "Choose who the notice is for");
const DATE: Issue = Issue::new("notice.date", "请按“年-月-日”（如 2027-01-01）填写日期", "Give the date as YYYY-MM-DD");
const ORDER: Issue = Issue::new("notice.order", "截止日期不能早于开始日期", "The last day cannot come before the first");
const PAST: Issue = Issue::new("notice.past", "截止日期已过，通知不会显示", "The last day has passed: nobody would see the notice");
const SPAN: Issue = Issue::new("notice.span", "显示期限最长两年", "A notice shows for two years at most");

/// Text without control characters other than line breaks and tabs.
fn printable(s: &str, multiline: bool) -> bool {
    s.chars().all(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t')))
}

fn text(e: &mut FieldErrors, field: &str, input: &str, max: usize, too_long: Issue, multiline: bool) -> Option<String> {
    let value = input.trim().replace("\r\n", "\n");
    let issue = if value.is_empty() {
        REQUIRED
    } else if value.chars().count() > max {
        too_long
    } else if !printable(&value, multiline) {
        CONTROL
    } else {
        return Some(value);
    };
    e.error(field, issue);
    None
}

/// Validates a notice on `today` (in China).
///
/// ```
/// use app::domain::forms::notice::*;
/// use app::domain::Date;
/// let today = Date::new(2027, 1, 5).unwrap();
/// let d = NoticeDraft { title: "2027 年缴费基数上下限".into(), body: "下限 4,494 元，上限 22,470 元。".into(),
///     audience: "all".into(), valid_from: "2027-01-01".into(), valid_to: "2027-12-31".into() };
/// let ok = validate(&d, today).unwrap().value;
/// assert_eq!((ok.audience, ok.valid_to), (Audience::All, Date::new(2027, 12, 31).unwrap()));
/// let late = NoticeDraft { valid_to: "2027-01-04".into(), ..d.clone() };
/// assert_eq!(validate(&late, today).unwrap_err().error_of(field::VALID_TO).unwrap().code, "notice.past");
/// ```
pub fn validate(d: &NoticeDraft, today: Date) -> Result<Valid<NoticeFields>, FieldErrors> {
    let mut e = FieldErrors::default();
    let title = text(&mut e, field::TITLE, &d.title, TITLE_MAX, TITLE_LENGTH, false);
    let body = text(&mut e, field::BODY, &d.body, BODY_MAX, BODY_LENGTH, true);
    let audience = Audience::parse(d.audience.trim());
    if audience.is_none() {
        e.error(field::AUDIENCE, AUDIENCE);
    }
    let mut date = |field: &str, s: &str| {
        let parsed = Date::parse_iso(&crate::domain::text::to_half_width(s.trim()));
        if parsed.is_none() {
            e.error(field, if s.trim().is_empty() { REQUIRED } else { DATE });
        }
        parsed
    };
    let from = date(field::VALID_FROM, &d.valid_from);
    let to = date(field::VALID_TO, &d.valid_to);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            e.error(field::VALID_TO, ORDER);
        } else if to < today {
            e.error(field::VALID_TO, PAST);
        } else if to.days_since_epoch() - from.days_since_epoch() > SPAN_MAX_DAYS {
            e.error(field::VALID_TO, SPAN);
        }
    }
    e.finish(|| Some(NoticeFields { title: title?, body: body?, audience: audience?, valid_from: from?, valid_to: to? }))
}

/// A notice announcing the base limits in force on `today` (a policy change announced with the
/// figures of the policy data, each with its source), for an administrator to check and publish;
/// `None` when the data holds none in force.
pub fn base_limits_draft(policy: &PolicyTable, today: Date) -> Option<NoticeDraft> {
    let current: Vec<_> = policy.base_limits.iter().filter(|l| l.from <= today && l.to.is_none_or(|to| today <= to)).collect();
    if current.is_empty() {
        return None;
    }
    let lines: Vec<String> = current
        .iter()
        .map(|l| {
            let region = divisions::full_name(l.region).unwrap_or_else(|| l.region.to_string());
            format!("{region}：自 {} 起，月缴费基数下限 {} 元，上限 {} 元。（依据：{}）", l.from.iso(), l.min.yuan(), l.max.yuan(), l.source)
        })
        .collect();
    let to = Date::new(today.year, 12, 31)?;
    Some(NoticeDraft {
        title: format!("{} 年社会保险缴费基数上下限", today.year),
        body: format!("{}\n低于下限的按下限申报，高于上限的按上限申报。（政策参数版本 {}）", lines.join("\n"), policy.version),
        audience: Audience::All.as_str().to_owned(),
        valid_from: today.iso(),
        valid_to: to.iso(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2027, 3, 1).unwrap()
    }

    fn draft() -> NoticeDraft {
        NoticeDraft { title: "春节期间服务时间".into(), body: "2月10日至17日暂停窗口服务。\r\n线上业务照常办理。".into(), audience: "residents".into(), valid_from: "2027-02-01".into(), valid_to: "2027-03-01".into() }
    }

    #[test]
    fn a_good_notice_is_trimmed_and_its_line_breaks_kept() {
        let n = validate(&draft(), today()).unwrap().value;
        assert_eq!(n.body, "2月10日至17日暂停窗口服务。\n线上业务照常办理。");
        assert_eq!(n.audience, Audience::Residents);
    }

    #[test]
    fn each_field_says_what_is_wrong() {
        let d = NoticeDraft { title: "标".repeat(61), body: " ".into(), audience: "everyone".into(), valid_from: "2027/02/30".into(), valid_to: String::new() };
        let e = validate(&d, today()).unwrap_err();
        assert_eq!(e.error_of(field::TITLE).unwrap().code, "notice.title_length");
        assert_eq!(e.error_of(field::BODY).unwrap().code, REQUIRED.code);
        assert_eq!(e.error_of(field::AUDIENCE).unwrap().code, "notice.audience");
        assert_eq!(e.error_of(field::VALID_FROM).unwrap().code, "notice.date");
        assert_eq!(e.error_of(field::VALID_TO).unwrap().code, REQUIRED.code);
    }

    #[test]
    fn control_characters_are_refused_but_a_title_of_exactly_the_limit_is_not() {
        let bell = NoticeDraft { title: "通知\u{7}".into(), ..draft() };
        assert_eq!(validate(&bell, today()).unwrap_err().error_of(field::TITLE).unwrap().code, "notice.control");
        let tab_in_title = NoticeDraft { title: "通知\t公告".into(), ..draft() };
        assert!(validate(&tab_in_title, today()).is_err());
        let full = NoticeDraft { title: "标".repeat(TITLE_MAX), ..draft() };
        assert!(validate(&full, today()).is_ok());
    }

    #[test]
    fn the_period_is_ordered_not_over_and_at_most_two_years() {
        let reversed = NoticeDraft { valid_from: "2027-03-02".into(), valid_to: "2027-03-01".into(), ..draft() };
        assert_eq!(validate(&reversed, today()).unwrap_err().error_of(field::VALID_TO).unwrap().code, "notice.order");
        let over = NoticeDraft { valid_to: "2027-02-28".into(), ..draft() };
        assert_eq!(validate(&over, today()).unwrap_err().error_of(field::VALID_TO).unwrap().code, "notice.past");
        let last_day_is_today = NoticeDraft { valid_to: "2027-03-01".into(), ..draft() };
        assert!(validate(&last_day_is_today, today()).is_ok());
        let long = NoticeDraft { valid_from: "2027-01-01".into(), valid_to: "2029-01-02".into(), ..draft() };
        assert_eq!(validate(&long, today()).unwrap_err().error_of(field::VALID_TO).unwrap().code, "notice.span");
        let two_years = NoticeDraft { valid_from: "2027-01-01".into(), valid_to: "2029-01-01".into(), ..draft() };
        assert!(validate(&two_years, today()).is_ok());
    }

    #[test]
    fn the_base_limits_in_force_draft_a_notice_that_passes_its_own_rules() {
        let policy = PolicyTable::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
        let today = Date::new(2026, 12, 4).unwrap();
        let d = base_limits_draft(&policy, today).unwrap();
        let limit = policy.base_limit(320000, today).unwrap();
        assert!(d.body.contains(&limit.min.yuan()) && d.body.contains(&limit.max.yuan()), "{}", d.body);
        assert!(d.body.contains(&policy.version));
        assert_eq!(d.valid_to, "2026-12-31");
        assert!(validate(&d, today).is_ok(), "{:?}", validate(&d, today).unwrap_err().codes());
        // Before any limit starts, nothing to announce.
        assert!(base_limits_draft(&policy, Date::new(2000, 1, 1).unwrap()).is_none());
    }
}
