//! The domain rules, re-run on what arrived: each kind's payload is parsed into its draft and
//! validated exactly as the form did on the device.

use app::api::sync::FilingKind;
use app::domain::forms::{base_declaration, employer, enrolment, personal, Context};
use app::domain::{FieldErrors, Issue};
use serde::de::DeserializeOwned;

/// What the server needs to know of a valid filing beyond its payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The filing's main identifier (ID number, credit code), for duplicate checks. Plain
    /// text: it is turned into a blind index before it is stored.
    pub subject: Option<String>,
    /// The division the filing belongs to (review queues filter on it).
    pub region: Option<u32>,
}

fn parse<T: DeserializeOwned>(payload: &str) -> Result<T, FieldErrors> {
    serde_json::from_str(payload).map_err(|_| {
        let mut e = FieldErrors::default();
        e.error("form", Issue::new("payload.unreadable", "提交的内容无法识别，请更新应用后重试", "The filing could not be read; update the app and try again"));
        e
    })
}

/// Validates a payload of `kind`.
pub fn validate(kind: FilingKind, payload: &str, ctx: &Context) -> Result<Facts, FieldErrors> {
    match kind {
        FilingKind::PersonalRegistration => {
            let v = personal::validate(&parse(payload)?, ctx)?.value;
            let region = v.id_number.address_code();
            Ok(Facts { subject: Some(v.id_number.as_str().to_owned()), region: Some(region) })
        }
        FilingKind::EmployerRegistration => {
            let v = employer::validate(&parse(payload)?, ctx)?.value;
            Ok(Facts { subject: Some(v.credit_code.as_str().to_owned()), region: Some(v.credit_code.division()) })
        }
        FilingKind::Enrolment => {
            let v = enrolment::validate(&parse(payload)?, ctx)?.value;
            Ok(Facts { subject: Some(v.id_number.as_str().to_owned()), region: Some(v.region) })
        }
        FilingKind::BaseDeclaration => {
            let v = base_declaration::validate(&parse(payload)?, ctx)?.value;
            Ok(Facts { subject: None, region: Some(v.region) })
        }
    }
}
