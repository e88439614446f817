//! 参保登记 (人员新增) before it is stored: who may send it — the unit's own approved account, or
//! an agency field worker on a unit's behalf; sent without a session (made offline, the session
//! ended meanwhile) it waits for the person to sign in again on that phone, never enrolls anyone
//! anonymously — and 重复参保: a person is enrolled once; a second enrolment filing for the same
//! ID number is refused with a message naming the field.

use app::api::auth::Role;
use app::domain::Issue;

use crate::accounts::session::Principal;
use crate::accounts::ACTIVE;
use crate::filings::{FilingStore, Verdict};
use crate::http::Internal;

/// `subject` is the blind index of the filing's ID number.
pub async fn check(store: &dyn FilingStore, subject: &str, client_id: &str, by: Option<&Principal>) -> Result<Verdict, Internal> {
    match by {
        None => {
            return Ok(Verdict::Retry(Issue::new(
                "enrolment.sign_in",
                "请以本单位账号登录后发送参保登记",
                "Sign in with the unit's account to send the enrolment",
            )))
        }
        Some(p) if p.role == Role::FieldWorker || (p.role == Role::EmployerHandler && p.account.status == ACTIVE) => {}
        Some(_) => {
            return Ok(Verdict::reject(
                "form",
                Issue::new("enrolment.not_employer", "参保登记须由单位账号办理", "An enrolment is filed by the unit's account"),
            ))
        }
    }
    Ok(if store.subject_taken(app::api::sync::FilingKind::Enrolment.as_str(), subject, client_id).await? {
        Verdict::reject(
            "id_number",
            Issue::new("enrolment.duplicate", "该人员已办理参保登记，不能重复参保", "This person is already enrolled; enrolling twice is not allowed"),
        )
    } else {
        Verdict::Pass
    })
}
