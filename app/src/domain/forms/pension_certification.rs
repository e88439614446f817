//! 养老待遇资格认证 assisted by a field worker (协助认证): at a visit, often in a village without
//! signal, the worker picks the pensioner from the due list kept on the phone, reads the ID
//! number off the pensioner's card, takes a photo of the pensioner (the filing's
//! [`PHOTO_SLOT`] attachment) and attests having seen them. The filing syncs later; the server
//! checks the ID number against the claim's person, and an operator confirms it before it
//! counts as a certification.

use serde::{Deserialize, Serialize};

use super::{check_day, days_before, Context};
use crate::domain::{Date, FieldErrors, IdNumber, Issue, PersonName, Valid};

pub mod field {
    pub const CLAIM: &str = "claim";
    pub const NAME: &str = "name";
    pub const ID_NUMBER: &str = "id_number";
    pub const SEEN_ON: &str = "seen_on";
    pub const ATTEST: &str = "attest";
}

/// The attachment slot of the pensioner's photo, taken at the visit.
pub const PHOTO_SLOT: &str = "face";

/// How many days back a visit may be filed (a worker weeks in the villages).
pub const MAX_DAYS_BACK: i64 = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationDraft {
    /// The pension claim's number, from the due list.
    pub claim: String,
    pub name: String,
    /// As read off the pensioner's card at the visit.
    pub id_number: String,
    /// `YYYY-MM-DD`: the day of the visit.
    pub seen_on: String,
    /// The worker attests having seen the pensioner in person.
    #[serde(default)]
    pub attest: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssistedCertification {
    pub claim: i64,
    pub name: PersonName,
    pub id_number: IdNumber,
    pub seen_on: Date,
}

/// Validates the form: a claim from the list, the ID number, a visit day neither in the future
/// nor more than [`MAX_DAYS_BACK`] days ago, and the attestation.
pub fn validate(d: &CertificationDraft, ctx: &Context) -> Result<Valid<AssistedCertification>, FieldErrors> {
    let mut e = FieldErrors::default();
    let claim = match d.claim.trim() {
        "" => {
            e.error(field::CLAIM, Issue::new("certification.pick", "请从待认证名单中选择一位领取人", "Pick a pensioner from the due list"));
            None
        }
        text => match text.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.error(field::CLAIM, Issue::new("certification.claim", "待遇编号不正确，请重新从名单中选择", "The claim number is wrong: pick the pensioner from the list again"));
                None
            }
        },
    };
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let seen_on = check_day(
        &mut e,
        field::SEEN_ON,
        &d.seen_on,
        (ctx.today, Issue::new("certification.future", "认证日期不能晚于今天", "The visit cannot be after today")),
        Some((days_before(ctx.today, MAX_DAYS_BACK), Issue::new("certification.stale", "认证日期距今超过60天，请重新上门认证", "The visit is more than 60 days ago: visit again"))),
    );
    if !d.attest {
        e.error(field::ATTEST, Issue::new("certification.attest", "请确认您已当面核实领取人本人", "Confirm that you saw the pensioner in person"));
    }
    e.finish(|| Some(AssistedCertification { claim: claim?, name: name?, id_number: id_number?, seen_on: seen_on? }))
}

/// Whether the ID number typed ends as the due list's masked number does (`3201**********1234`):
/// the device's quick check that the card is the listed person's; the server checks the whole
/// number.
///
/// ```
/// use app::domain::forms::pension_certification::matches_masked;
/// assert!(matches_masked("11010519491231002x", "1101**********002X"));
/// assert!(!matches_masked("110105194912310038", "1101**********002X"));
/// assert!(matches_masked("", "1101**********002X"), "nothing typed yet: nothing to say");
/// ```
pub fn matches_masked(typed: &str, masked: &str) -> bool {
    let typed: String = typed.trim().to_uppercase();
    if typed.len() != 18 || masked.len() != 18 {
        return true;
    }
    typed[..4] == masked[..4] && typed[14..] == masked[14..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { today: Date::new(2026, 12, 4).unwrap(), policy: None }
    }

    fn draft() -> CertificationDraft {
        CertificationDraft { claim: "7".into(), name: "张三".into(), id_number: "11010519491231002X".into(), seen_on: "2026-12-03".into(), attest: true }
    }

    #[test]
    fn a_complete_visit_passes() {
        let v = validate(&draft(), &ctx()).unwrap().value;
        assert_eq!((v.claim, v.seen_on), (7, Date::new(2026, 12, 3).unwrap()));
    }

    #[test]
    fn each_gap_names_its_field() {
        for (d, field) in [
            (CertificationDraft { claim: String::new(), ..draft() }, field::CLAIM),
            (CertificationDraft { claim: "-3".into(), ..draft() }, field::CLAIM),
            (CertificationDraft { id_number: "110105194912310021".into(), ..draft() }, field::ID_NUMBER),
            (CertificationDraft { seen_on: "2026-12-05".into(), ..draft() }, field::SEEN_ON),
            (CertificationDraft { seen_on: "2026-10-04".into(), ..draft() }, field::SEEN_ON),
            (CertificationDraft { attest: false, ..draft() }, field::ATTEST),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(field), "{field}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{field}: only its own issue: {errors:?}");
        }
        assert!(validate(&CertificationDraft { seen_on: "2026-10-05".into(), ..draft() }, &ctx()).is_ok(), "60 days back still counts");
    }
}
