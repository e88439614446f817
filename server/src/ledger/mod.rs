//! The insurance ledger — the system of record of who is insured in what, for which months,
//! what was assessed and what was paid:
//!
//! - [`units`] (参保单位) and [`relationships`] (参保关系, opened by an enrolment, ended by a
//!   separation, with the declared bases);
//! - the filings that feed it: [`enrolment`] (人员新增), [`separation`] (人员减员), [`base`]
//!   (缴费基数申报), each checked
//!   for who may file it for which unit ([`unit_of`]);
//! - [`assessments`] (核定 rows and statements) computed by the rules in [`run`];
//! - [`payments`] (到账, imported from the tax bureau's collection) and personal accounts;
//! - [`records`]: what a person, a unit and the agency read back;
//! - [`events`]: the append-only history of every change.
//!
//! The arithmetic is the shared domain's (`app::domain::ledger`); nothing here is a float.

pub mod assessments;
pub mod base;
pub mod bench_store;
pub mod demo;
pub mod enrolment;
pub mod events;
pub mod http;
pub mod monthly;
pub mod payment_store;
pub mod payments;
pub mod record_store;
pub mod records;
pub mod relationships;
pub mod run;
pub mod separation;
pub mod unit_of;
pub mod units;

use std::sync::Arc;

use app::domain::benefits::BenefitPolicy;
use app::domain::ledger::LedgerPolicy;
use app::domain::pension::PensionPolicy;
use app::domain::policy::PolicyTable;

pub use self::assessments::AssessmentStore;
pub use self::payment_store::PaymentStore;
pub use self::record_store::RecordStore;
pub use self::relationships::{Enrol, RelationshipStore, Separate, Separated};
pub use self::units::{NewUnit, Unit, UnitStore};

/// The queries the ledger needs.
pub trait Db: UnitStore + RelationshipStore + AssessmentStore + PaymentStore + RecordStore + bench_store::BenchStore {}
impl<T: UnitStore + RelationshipStore + AssessmentStore + PaymentStore + RecordStore + bench_store::BenchStore + ?Sized> Db for T {}

/// What the ledger reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub vault: crate::vault::Vault,
    pub table: Arc<PolicyTable>,
    pub policy: Arc<LedgerPolicy>,
    /// The pension rules' figures.
    pub pension: Arc<PensionPolicy>,
    /// The unemployment and work-injury benefits' figures.
    pub benefits: Arc<BenefitPolicy>,
    /// The browser reaches the site over HTTPS (for the proof's QR code link).
    pub https: bool,
}

impl Cx {
    /// For the command line: the store, the key, and the policy data file's text.
    pub fn for_cli(store: Arc<dyn Db>, vault: crate::vault::Vault, policy: &str) -> Result<Cx, String> {
        Ok(Cx {
            store,
            vault,
            table: Arc::new(PolicyTable::from_json(policy)?),
            policy: Arc::new(LedgerPolicy::from_json(policy)?),
            pension: Arc::new(PensionPolicy::from_json(policy)?),
            benefits: Arc::new(BenefitPolicy::from_json(policy)?),
            https: false,
        })
    }
}
