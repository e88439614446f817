//! 参保登记 (人员新增) before it is stored: 重复参保 — a person is enrolled once; a second
//! enrolment filing for the same ID number is refused with a message naming the field.

use crate::filings::{FilingStore, Verdict};
use crate::http::Internal;
use app::domain::Issue;

/// `subject` is the blind index of the filing's ID number.
pub async fn check(store: &dyn FilingStore, subject: &str, client_id: &str) -> Result<Verdict, Internal> {
    Ok(if store.subject_taken(app::api::sync::FilingKind::Enrolment.as_str(), subject, client_id).await? {
        Verdict::reject(
            "id_number",
            Issue::new("enrolment.duplicate", "该人员已办理参保登记，不能重复参保", "This person is already enrolled; enrolling twice is not allowed"),
        )
    } else {
        Verdict::Pass
    })
}
