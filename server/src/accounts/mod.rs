//! Accounts: who may sign in and how — the real-name check, SMS codes, passwords, sessions with
//! CSRF protection, roles and the access table's guard, login throttling; and the endpoints of
//! a signed-in person (login, logout, who am I, first-login addresses) and of password
//! recovery. Becoming a user (registration) is `registration`; an employer's application is
//! `employers`.

pub mod access;
pub mod codes;
pub mod email;
pub mod guards;
pub mod identity;
pub mod passwords;
pub mod session;
pub mod sms;
pub mod store;
pub mod throttle;

mod login;
mod mobile_change;
mod password_change;
mod profile;
mod reset;

use std::sync::Arc;

use app::api::auth::Role;
use app::domain::policy::PolicyTable;
use app::domain::{Date, IdNumber, MobileNumber, PersonName};

pub use self::guards::{CodeRecord, Failures, GuardStore};
use self::identity::{IdentityCheck, RegistryStandIn, Remembered};
pub use self::login::{login, logout, logout_all, me, me_of, signed_in};
pub use self::mobile_change::{change_mobile, old_number_notice};
pub use self::password_change::{change_password, confirm_password, PASSWORD_NOTICE};
use self::passwords::Hasher;
pub use self::profile::{my_profile, profile};
pub use self::reset::reset;
use self::session::CookiePolicy;
use self::sms::{DevGateway, SmsGateway};
pub use self::store::{Account, AccountStore, NewAccount, Session};
use crate::http::{Forwarding, Internal};
use crate::registry::RegistryStore;
use crate::store::{AuditStore, StoreError};
use crate::vault::{bound, purpose, Vault};

/// Account status: can log in.
pub const ACTIVE: &str = "active";
/// Account status: registered (by a field worker, or offline) but the phone is not verified.
pub const PENDING_PHONE: &str = "pending_phone";
/// An employer account whose registration the agency has not approved yet.
pub const PENDING_REVIEW: &str = "pending_review";

/// The queries accounts need.
pub trait Db: AccountStore + GuardStore + AuditStore + RegistryStore + Send + Sync + 'static {}
impl<T: AccountStore + GuardStore + AuditStore + RegistryStore + Send + Sync + 'static + ?Sized> Db for T {}

/// Whether an account is the agency's (field worker, reviewer, operator, supervisor,
/// administrator).
pub fn is_staff(a: &Account) -> bool {
    Role::parse(&a.role).is_some_and(Role::is_staff)
}

/// What the account endpoints reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub vault: Vault,
    pub policy: Arc<PolicyTable>,
    pub services: Accounts,
}

impl Cx {
    /// The account's mobile number.
    pub fn mobile_of(&self, a: &Account) -> Result<String, Internal> {
        text(self.vault.open(&bound::account_mobile(&a.id_index), &a.mobile_sealed)?)
    }

    /// The account's identifier (an ID number, a unit's credit code).
    pub fn id_of(&self, a: &Account) -> Result<String, Internal> {
        text(self.vault.open(&bound::account_id(&a.id_index), &a.id_sealed)?)
    }

    /// The account of an ID number, if there is one.
    pub async fn account_of(&self, id: &IdNumber) -> Result<Option<Account>, StoreError> {
        self.store.account_by_id_index(&self.vault.blind_index(purpose::ID_NUMBER, id.as_str())).await
    }
}

fn text(bytes: Vec<u8>) -> Result<String, Internal> {
    String::from_utf8(bytes).map_err(|e| Internal::Unreadable(e.to_string()))
}

/// Self-service changes of one account (addresses, password, mobile, 退出所有设备) an hour: far
/// above what a person needs, and a bound on what a stolen session can do in a hurry.
pub const SELF_SERVICE_PER_HOUR: i64 = 30;

/// Counts one self-service change of `account_id`, or refuses with when to try again.
pub async fn self_service_quota(cx: &Cx, account_id: i64, now: i64) -> Result<(), crate::http::Refusal> {
    use crate::http::quota;
    quota::take(cx.store.as_ref(), &format!("account-self:{account_id}"), quota::HOUR_MS, SELF_SERVICE_PER_HOUR, now).await
}

/// Today in China.
pub fn today(now: i64) -> Date {
    Date::china_from_unix_ms(now)
}

/// The account services a server runs with.
#[derive(Clone)]
pub struct Accounts {
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityCheck>,
    pub sms: Arc<dyn SmsGateway>,
    /// The development gateway, when it is the one in use (its messages show at `/dev/sms`).
    pub dev_sms: Option<Arc<DevGateway>>,
    /// E-mail for password recovery; `None`: recovery by e-mail is not offered.
    pub email: Option<Arc<dyn email::EmailGateway>>,
    pub cookies: CookiePolicy,
    /// Client addresses from `X-Forwarded-For`.
    pub forwarding: Forwarding,
}

impl Accounts {
    /// The registry table standing in for the carriers' real-name check, the development SMS
    /// gateway (which keeps the development e-mail too), plain-HTTP cookies, and as many concurrent password hashes as there are cores.
    pub fn local(registry: Arc<dyn crate::registry::Db>, vault: Vault) -> Self {
        let dev = Arc::new(DevGateway::default());
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let stand_in = Arc::new(RegistryStandIn { store: registry, vault: vault.clone() });
        Self {
            hasher: Hasher::new(cores),
            identity: Arc::new(Remembered::new(stand_in, vault)),
            sms: dev.clone(),
            email: Some(Arc::new(email::DevMailbox(dev.clone()))),
            dev_sms: Some(dev),
            cookies: CookiePolicy { secure: false },
            forwarding: Forwarding::default(),
        }
    }
}

/// An account as stored: identifiers sealed, with their blind indexes. Used by registration
/// (online, assisted, from the outbox) and by the staff command alike.
#[allow(clippy::too_many_arguments)]
pub fn account_record(
    vault: &Vault,
    role: Role,
    status: &str,
    id: &IdNumber,
    name: &PersonName,
    mobile: &MobileNumber,
    email: Option<String>,
    password_hash: String,
    registered_by: Option<i64>,
) -> NewAccount {
    let id_index = vault.blind_index(purpose::ID_NUMBER, id.as_str());
    NewAccount {
        role: role.as_str().into(),
        status: status.into(),
        id_sealed: vault.seal(&bound::account_id(&id_index), id.as_str().as_bytes()),
        mobile_sealed: vault.seal(&bound::account_mobile(&id_index), mobile.as_str().as_bytes()),
        id_index,
        name: name.as_str().into(),
        mobile_index: vault.blind_index(purpose::MOBILE, mobile.as_str()),
        email,
        password_hash,
        registered_by,
        expires_at: None,
    }
}
