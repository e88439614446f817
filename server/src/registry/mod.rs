//! The insured-persons registry's contents: a deterministic demo population and CSV imports.
//! Every person goes in through [`person`], so the registry only ever holds ID numbers that
//! pass the domain rules, sealed, with their blind index.

pub mod demo;
pub mod import;
pub mod store;

use app::domain::{IdNumber, MobileNumber, PersonName, Sex};

pub use self::store::{RegistryPerson, RegistryStore};

/// The queries the registry needs (for a store shared between threads).
pub trait Db: RegistryStore + Send + Sync + 'static {}
impl<T: RegistryStore + Send + Sync + 'static + ?Sized> Db for T {}
use crate::vault::{purpose, Vault};

/// The statuses the registry knows.
pub const STATUSES: [&str; 3] = ["insured", "suspended", "uninsured"];

/// The registry row for a valid ID number and name, with the mobile number on record if known.
pub fn person(vault: &Vault, id: &IdNumber, name: &PersonName, status: &str, mobile: Option<&MobileNumber>) -> RegistryPerson {
    let birth = id.birth_date();
    let id_index = vault.blind_index(purpose::ID_NUMBER, id.as_str());
    RegistryPerson {
        id_sealed: vault.seal(&crate::vault::bound::registry_id(&id_index), id.as_str().as_bytes()),
        id_index,
        name: name.as_str().to_owned(),
        sex: match id.sex() {
            Sex::Male => "M",
            Sex::Female => "F",
        }
        .to_owned(),
        birth_date: format!("{:04}-{:02}-{:02}", birth.year, birth.month, birth.day),
        region: i64::from(id.address_code()),
        status: status.to_owned(),
        mobile_index: mobile.map(|m| vault.blind_index(purpose::MOBILE, m.as_str())),
    }
}
