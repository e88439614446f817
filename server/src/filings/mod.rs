//! Filings: what the outbox delivers, kept exactly once per client id with a receipt number
//! ([`store`]), and each payload validated once into a typed [`ValidFiling`] ([`valid`]).
//! Receiving a batch is `sync`; what each kind does once stored belongs to its capability.

pub mod store;
pub mod valid;

use app::domain::{FieldErrors, Issue};

pub use self::store::{FilingStore, NewFiling, Stored, StoredFiling};
pub use self::valid::ValidFiling;

/// What a kind's check decided about a filing before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// Refused for good (until the person changes the form).
    Reject(FieldErrors),
    /// Undecided now: a service the check needs is unavailable; send again later.
    Retry(Issue),
}

impl Verdict {
    /// A refusal of one field.
    pub fn reject(field: &str, issue: Issue) -> Verdict {
        let mut e = FieldErrors::default();
        e.error(field, issue);
        Verdict::Reject(e)
    }
}

/// The message of a check that could not run.
pub fn unavailable() -> Issue {
    Issue::new("unavailable", "服务暂时不可用，将自动重试", "The service is unavailable for now; it will be retried automatically")
}
