//! 通知公告 on the wire: what the app shows and keeps on the device, and who reads which.

use serde::{Deserialize, Serialize};

use super::auth::Role;
use crate::domain::forms::notice::Audience;
use crate::domain::Date;

/// A published notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub title: String,
    /// Paragraphs separated by line breaks; shown as text.
    pub body: String,
    pub audience: Audience,
    pub valid_from: Date,
    pub valid_to: Date,
    /// Unix milliseconds.
    pub published_at: i64,
    /// Withdrawn by an administrator (only the administrators' list shows these).
    #[serde(default)]
    pub withdrawn: bool,
}

/// The audiences a caller with `role` (`None`: nobody signed in) reads: everyone's notices and
/// those for their own kind of account.
///
/// ```
/// use app::api::notices::audiences;
/// use app::api::auth::Role;
/// use app::domain::forms::notice::Audience;
/// assert_eq!(audiences(None), vec![Audience::All]);
/// assert_eq!(audiences(Some(Role::Resident)), vec![Audience::All, Audience::Residents]);
/// assert_eq!(audiences(Some(Role::EmployerHandler)), vec![Audience::All, Audience::Units]);
/// assert_eq!(audiences(Some(Role::FieldWorker)), vec![Audience::All, Audience::Staff]);
/// ```
pub fn audiences(role: Option<Role>) -> Vec<Audience> {
    let own = match role {
        None => None,
        Some(Role::Resident) => Some(Audience::Residents),
        Some(Role::EmployerHandler) => Some(Audience::Units),
        Some(_) => Some(Audience::Staff),
    };
    std::iter::once(Audience::All).chain(own).collect()
}
