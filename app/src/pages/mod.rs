//! One route per file.

pub mod addresses;
pub mod assisted_certification;
pub mod audit_log;
pub mod base_declaration;
pub mod drafts;
pub mod employer_register;
pub mod employer_status;
pub mod enrolment;
pub mod forgot_password;
pub mod home;
pub mod injury_report;
pub mod login;
pub mod medical_claim;
pub mod my_pension;
pub mod my_injuries;
pub mod my_medical;
pub mod newborn;
pub mod person_change;
pub mod unit_change;
pub mod my_unemployment;
pub mod my_records;
pub mod not_found;
pub mod help;
pub mod notices;
pub mod notices_admin;
pub mod office;
pub(crate) mod online_form;
mod outbox_form;
pub mod reasons;
pub mod register;
pub mod review_application;
pub mod review_queue;
pub mod self_certify;
pub mod separation;
pub mod settings;
pub mod sync_panel;
pub mod set_password;
pub mod profile;
pub mod unemployment;
pub mod unit_business;
pub mod verify_phone;

pub use addresses::Addresses;
pub use assisted_certification::AssistedCertification;
pub use audit_log::AuditLog;
pub use base_declaration::BaseDeclaration;
pub use drafts::Drafts;
pub use employer_register::EmployerRegister;
pub use employer_status::EmployerStatus;
pub use enrolment::Enrolment;
pub use separation::Separation;
pub use injury_report::InjuryReport;
pub use medical_claim::MedicalClaim;
pub use newborn::Newborn;
pub use person_change::PersonChange;
pub use unit_change::UnitChange;
pub use unemployment::Unemployment;
pub use my_records::MyRecords;
pub use profile::Profile;
pub use unit_business::UnitBusiness;
pub use forgot_password::ForgotPassword;
pub use home::Home;
pub use login::{Legal, Login};
pub use not_found::NotFound;
pub use help::{Contact, HelpPage};
pub use notices::NoticesPage;
pub use notices_admin::AdminNotices;
pub use register::Register;
pub use review_application::ReviewApplication;
pub use review_queue::ReviewQueue;
pub use settings::Settings;
pub use sync_panel::SyncPanel;
pub use verify_phone::VerifyPhone;

use crate::i18n::{strings, Text};

/// The name of a role.
pub fn role_text(role: crate::api::auth::Role) -> Text {
    use crate::api::auth::Role;
    match role {
        Role::Resident => strings::ROLE_RESIDENT,
        Role::EmployerHandler => strings::ROLE_EMPLOYER,
        Role::FieldWorker => strings::ROLE_FIELD_WORKER,
        Role::Reviewer => strings::ROLE_REVIEWER,
        Role::Operator => strings::ROLE_OPERATOR,
        Role::Supervisor => strings::ROLE_SUPERVISOR,
        Role::Admin => strings::ROLE_ADMIN,
    }
}

pub use crate::i18n::kind_text;
