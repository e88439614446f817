//! Reusable pieces of the interface.

pub mod consent;
pub mod division_picker;
pub mod field;
pub mod filing_status;
pub mod id_number_field;
pub mod link;
pub mod photo_slot;
pub mod send_code;
pub mod status_bar;
pub mod sync_badge;
pub mod update_banner;

pub use consent::Consent;
pub use division_picker::DivisionPicker;
pub use field::{FieldIssues, InputKind, TextField};
pub use filing_status::FilingStatus;
pub use id_number_field::IdNumberField;
pub use link::Link;
pub use photo_slot::PhotoSlot;
pub use send_code::SendCode;
pub use status_bar::StatusBar;
pub use sync_badge::SyncBadge;
pub use update_banner::UpdateBanner;
