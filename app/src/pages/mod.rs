//! One route per file.

pub mod drafts;
pub mod enrolment;
pub mod home;
pub mod not_found;
pub mod settings;
pub mod sync;

pub use drafts::Drafts;
pub use enrolment::Enrolment;
pub use home::Home;
pub use not_found::NotFound;
pub use settings::Settings;
pub use sync::SyncPanel;

use crate::api::sync::FilingKind;
use crate::i18n::{strings, Text};

/// The name of a kind of filing.
pub fn kind_text(kind: FilingKind) -> Text {
    match kind {
        FilingKind::PersonalRegistration => strings::KIND_PERSONAL_REGISTRATION,
        FilingKind::EmployerRegistration => strings::KIND_EMPLOYER_REGISTRATION,
        FilingKind::Enrolment => strings::KIND_ENROLMENT,
        FilingKind::BaseDeclaration => strings::KIND_BASE_DECLARATION,
    }
}
