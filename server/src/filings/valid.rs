//! A filing's payload, parsed and validated once by the shared rules — exactly as the form did
//! on the device — into the typed value that every later step receives: the checks, the effect
//! of its kind, the ledger. Nothing after this reads the payload again.

use app::api::sync::FilingKind;
use app::domain::forms::base_declaration::{self, BaseDeclaration};
use app::domain::forms::employer::{self, EmployerRegistration};
use app::domain::forms::enrolment::{self, Enrolment};
use app::domain::forms::injury_report::{self, InjuryReport};
use app::domain::forms::medical_claim::{self, MedicalClaim};
use app::domain::forms::newborn::{self, Newborn};
use app::domain::forms::pension_certification::{self, AssistedCertification};
use app::domain::forms::person_change::{self, PersonChange};
use app::domain::forms::personal::{self, PersonalFiling};
use app::domain::forms::separation::{self, Separation};
use app::domain::forms::unemployment::{self, Unemployment};
use app::domain::forms::unit_change::{self, UnitChange};
use app::domain::forms::Context;
use app::domain::{FieldErrors, Issue};
use serde::de::DeserializeOwned;

/// A filing that passed the shared rules.
#[derive(Debug, Clone)]
pub enum ValidFiling {
    PersonalRegistration(PersonalFiling),
    EmployerRegistration(EmployerRegistration),
    Enrolment(Enrolment),
    BaseDeclaration(BaseDeclaration),
    Separation(Separation),
    PensionCertification(AssistedCertification),
    InjuryReport(InjuryReport),
    Unemployment(Unemployment),
    MedicalClaim(MedicalClaim),
    Newborn(Newborn),
    PersonChange(PersonChange),
    UnitChange(UnitChange),
}

fn parse<T: DeserializeOwned>(payload: &str) -> Result<T, FieldErrors> {
    serde_json::from_str(payload).map_err(|_| {
        let mut e = FieldErrors::default();
        e.error("form", Issue::new("payload.unreadable", "提交的内容无法识别，请更新应用后重试", "The filing could not be read; update the app and try again"));
        e
    })
}

impl ValidFiling {
    /// Parses and validates a payload of `kind`.
    pub fn parse(kind: FilingKind, payload: &str, ctx: &Context) -> Result<ValidFiling, FieldErrors> {
        Ok(match kind {
            FilingKind::PersonalRegistration => Self::PersonalRegistration(personal::validate_filing(&parse(payload)?, ctx)?.value),
            FilingKind::EmployerRegistration => Self::EmployerRegistration(employer::validate(&parse(payload)?, ctx)?.value),
            FilingKind::Enrolment => Self::Enrolment(enrolment::validate(&parse(payload)?, ctx)?.value),
            FilingKind::BaseDeclaration => Self::BaseDeclaration(base_declaration::validate(&parse(payload)?, ctx)?.value),
            FilingKind::Separation => Self::Separation(separation::validate(&parse(payload)?, ctx)?.value),
            FilingKind::PensionCertification => Self::PensionCertification(pension_certification::validate(&parse(payload)?, ctx)?.value),
            FilingKind::InjuryReport => Self::InjuryReport(injury_report::validate(&parse(payload)?, ctx)?.value),
            FilingKind::Unemployment => Self::Unemployment(unemployment::validate(&parse(payload)?, ctx)?.value),
            FilingKind::MedicalClaim => Self::MedicalClaim(medical_claim::validate(&parse(payload)?, ctx)?.value),
            FilingKind::Newborn => Self::Newborn(newborn::validate(&parse(payload)?, ctx)?.value),
            FilingKind::PersonChange => Self::PersonChange(person_change::validate(&parse(payload)?, ctx)?.value),
            FilingKind::UnitChange => Self::UnitChange(unit_change::validate(&parse(payload)?)?.value),
        })
    }

    pub fn kind(&self) -> FilingKind {
        match self {
            Self::PersonalRegistration(_) => FilingKind::PersonalRegistration,
            Self::EmployerRegistration(_) => FilingKind::EmployerRegistration,
            Self::Enrolment(_) => FilingKind::Enrolment,
            Self::BaseDeclaration(_) => FilingKind::BaseDeclaration,
            Self::Separation(_) => FilingKind::Separation,
            Self::PensionCertification(_) => FilingKind::PensionCertification,
            Self::InjuryReport(_) => FilingKind::InjuryReport,
            Self::Unemployment(_) => FilingKind::Unemployment,
            Self::MedicalClaim(_) => FilingKind::MedicalClaim,
            Self::Newborn(_) => FilingKind::Newborn,
            Self::PersonChange(_) => FilingKind::PersonChange,
            Self::UnitChange(_) => FilingKind::UnitChange,
        }
    }

    /// The filing's main identifier (ID number, credit code), for duplicate checks. Plain
    /// text: it is turned into a blind index before it is stored.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Self::PersonalRegistration(r) => Some(r.id_number.as_str()),
            Self::EmployerRegistration(r) => Some(r.credit_code.as_str()),
            Self::Enrolment(e) => Some(e.id_number.as_str()),
            Self::BaseDeclaration(_) => None,
            Self::Separation(s) => Some(s.id_number.as_str()),
            Self::PensionCertification(c) => Some(c.id_number.as_str()),
            Self::InjuryReport(r) => Some(r.id_number.as_str()),
            Self::Unemployment(u) => Some(u.id_number.as_str()),
            Self::MedicalClaim(c) => Some(c.id_number.as_str()),
            // The child: its birth certificate.
            Self::Newborn(n) => Some(n.birth_cert.as_str()),
            Self::PersonChange(c) => Some(c.id_number.as_str()),
            Self::UnitChange(c) => c.credit_code.as_ref().map(|c| c.as_str()),
        }
    }

    /// The division the filing belongs to (queues filter on it).
    pub fn region(&self) -> u32 {
        match self {
            Self::PersonalRegistration(r) => r.id_number.address_code(),
            Self::EmployerRegistration(r) => r.credit_code.division(),
            Self::Enrolment(e) => e.region,
            Self::BaseDeclaration(d) => d.region,
            // The unit's division when named, else where the person's ID was issued.
            Self::Separation(s) => s.credit_code.as_ref().map_or_else(|| s.id_number.address_code(), |c| c.division()),
            Self::PensionCertification(c) => c.id_number.address_code(),
            Self::InjuryReport(r) => r.credit_code.as_ref().map_or_else(|| r.id_number.address_code(), |c| c.division()),
            Self::Unemployment(u) => u.id_number.address_code(),
            Self::MedicalClaim(c) => c.id_number.address_code(),
            Self::Newborn(n) => n.region,
            Self::PersonChange(c) => c.id_number.address_code(),
            // The unit's division when named, else the new address's (the case takes the unit's).
            Self::UnitChange(c) => c.credit_code.as_ref().map_or_else(|| c.details.address.as_ref().map_or(0, |a| a.division), |c| c.division()),
        }
    }
}
