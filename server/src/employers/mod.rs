//! Employers and their registration: the filing that applies (单位用户注册, [`filing`]), the
//! agency's review desk ([`review`]), the applicant's 审核进度查询 and mobile proof
//! ([`applicant`]), and the applications with their history ([`store`]).

pub mod applicant;
pub mod filing;
pub mod review;
pub mod store;

use std::sync::Arc;

use app::api::review::ReviewForm;
use app::domain::forms::employer::EmployerRegistrationDraft;

pub use self::store::{Application, ApplicationEvent, ApplicationStore, Moved, NewApplication, QueueFilter, Transition};
use crate::filings::FilingStore;
use crate::http::Internal;
use crate::uploads::UploadStore;

/// The queries employers' registration needs.
pub trait Db: ApplicationStore + FilingStore + UploadStore + crate::accounts::Db {}
impl<T: ApplicationStore + FilingStore + UploadStore + crate::accounts::Db + ?Sized> Db for T {}

/// What the employer endpoints reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    /// Codes, passwords and the throttle work as for any account.
    pub accounts: crate::accounts::Cx,
}

impl Cx {
    /// What the applicant entered (without the password and the code), from the stored filing.
    pub async fn form_of(&self, client_id: &str) -> Result<Option<ReviewForm>, Internal> {
        let Some(sealed) = self.store.filing_payload(client_id).await? else { return Ok(None) };
        let text = self.accounts.vault.open(&crate::vault::bound::filing_payload(client_id), &sealed)?;
        let d: EmployerRegistrationDraft = serde_json::from_slice(&text).map_err(|e| Internal::Unreadable(e.to_string()))?;
        Ok(Some(ReviewForm {
            unit_name: d.unit_name,
            credit_code: d.credit_code,
            legal_rep_id: d.legal_rep_id,
            handler_name: d.handler_name,
            handler_id: d.handler_id,
            handler_mobile: d.handler_mobile,
            handler_email: d.handler_email,
        }))
    }
}
