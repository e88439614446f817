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

/// Why an account may not file a person's own business (失业登记, 医疗费用报销, 新生儿参保).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotFiler {
    /// Nobody signed in.
    SignIn,
    /// A resident filing for someone else.
    NotSelf,
    /// An account that neither is the person nor files for others (a unit, a supervisor).
    Role,
}

impl NotFiler {
    /// What the intake answers, with the kind's own `issue`: nobody signed in (a session that
    /// ended while the phone was offline) waits in the outbox until someone signs in again, as
    /// the unit forms do; the others are refused on `field`.
    pub fn verdict(self, field: &str, issue: Issue) -> Verdict {
        match self {
            NotFiler::SignIn => Verdict::Retry(issue),
            NotFiler::NotSelf | NotFiler::Role => Verdict::reject(field, issue),
        }
    }
}

/// Who may file a person's own business: the person themselves (the account's ID number's
/// blind index is `person_index`), or staff who file for others (field workers, operators).
pub fn files_for(by: Option<&crate::accounts::session::Principal>, person_index: &str) -> Result<(), NotFiler> {
    use app::api::auth::Role;
    match by {
        None => Err(NotFiler::SignIn),
        Some(p) if p.role == Role::Resident && p.account.id_index != person_index => Err(NotFiler::NotSelf),
        Some(p) if p.role != Role::Resident && !p.role.files_for_others() => Err(NotFiler::Role),
        Some(_) => Ok(()),
    }
}
