//! Server-side checks per kind of filing, beyond the shared rules: the ones that need the
//! records (duplicates) or outside services (real-name checks, with the registration flow).
//! Each check says which kinds it applies to; the ingest runs every one that applies.

use std::sync::Arc;

use app::api::sync::FilingKind;
use app::domain::{FieldErrors, Issue};
use async_trait::async_trait;

use crate::store::Store;

/// What a check needs to see.
pub struct CheckInput<'a> {
    pub kind: FilingKind,
    pub client_id: &'a str,
    pub payload: &'a str,
    /// The blind index of the filing's subject, if it has one.
    pub subject_index: Option<&'a str>,
    pub store: &'a dyn Store,
}

/// A check's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// Refused for good (until the person changes the form).
    Reject(FieldErrors),
    /// Undecided now: a service this check needs is unavailable.
    Retry(Issue),
}

#[async_trait]
pub trait FilingCheck: Send + Sync {
    fn applies_to(&self, kind: FilingKind) -> bool;
    async fn check(&self, input: &CheckInput<'_>) -> Verdict;
}

/// The checks the server runs, in order; the first verdict other than `Pass` decides.
pub type Checks = Arc<Vec<Arc<dyn FilingCheck>>>;

/// The checks of this release.
pub fn default_checks() -> Checks {
    Arc::new(vec![Arc::new(DuplicateEnrolment)])
}

/// 重复参保: a person is enrolled once; a second enrolment filing for the same ID number is
/// refused with a message naming the field.
pub struct DuplicateEnrolment;

#[async_trait]
impl FilingCheck for DuplicateEnrolment {
    fn applies_to(&self, kind: FilingKind) -> bool {
        kind == FilingKind::Enrolment
    }

    async fn check(&self, input: &CheckInput<'_>) -> Verdict {
        let Some(subject) = input.subject_index else { return Verdict::Pass };
        match input.store.subject_taken(input.kind.as_str(), subject, input.client_id).await {
            Ok(false) => Verdict::Pass,
            Ok(true) => {
                let mut e = FieldErrors::default();
                e.error(
                    "id_number",
                    Issue::new("enrolment.duplicate", "该人员已办理参保登记，不能重复参保", "This person is already enrolled; enrolling twice is not allowed"),
                );
                Verdict::Reject(e)
            }
            Err(error) => {
                tracing::error!(%error, "duplicate check: store unavailable");
                Verdict::Retry(unavailable())
            }
        }
    }
}

pub fn unavailable() -> Issue {
    Issue::new("unavailable", "服务暂时不可用，将自动重试", "The service is unavailable for now; it will be retried automatically")
}
