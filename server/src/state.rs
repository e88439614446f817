//! What the server runs with: the one [`Store`] — every capability's queries on one database —
//! and the [`AppState`] the router holds. Each capability reaches only its own part of it
//! through `FromRef` (its `Cx`), so no capability imports this module.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use app::domain::benefits::BenefitPolicy;
use app::domain::ledger::LedgerPolicy;
use app::domain::pension::PensionPolicy;
use app::domain::policy::PolicyTable;
use axum::extract::FromRef;

use crate::accounts::Accounts;
use crate::http::headers::Hsts;
use crate::http::site::SiteDir;
use crate::http::Forwarding;
use crate::store::{MetaStore, PgStore, SqliteStore, StoreError};
use crate::vault::Vault;
use crate::{accounts, employers, injuries, intake, ledger, medical, notices, office, pensions, registry, reports, unemployment, uploads, vouchers};

/// The policy table shipped with the server (`server/data/policy.json`), used when no
/// `--policy-file` is given.
pub const SHIPPED_POLICY: &str = include_str!("../data/policy.json");

/// Everything the server keeps: each capability's queries together. Implemented by
/// [`SqliteStore`] and [`PgStore`].
pub trait Store: MetaStore + registry::Db + intake::Db + vouchers::Db + uploads::Db + office::Db + reports::http::Db + notices::NoticeStore + pensions::Db + unemployment::Db + medical::Db {}
impl<T: MetaStore + registry::Db + intake::Db + vouchers::Db + uploads::Db + office::Db + reports::http::Db + notices::NoticeStore + pensions::Db + unemployment::Db + medical::Db + ?Sized> Store for T {}

/// Opens the store named by `database_url` (`postgres://…` or `sqlite://…`), or the embedded
/// SQLite database under `data_dir`, and brings its schema up to date.
pub async fn open_store(database_url: Option<&str>, data_dir: &Path) -> Result<Arc<dyn Store>, StoreError> {
    let store: Arc<dyn Store> = match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Arc::new(PgStore::connect(url).await?),
        Some(url) if url.starts_with("sqlite:") => Arc::new(SqliteStore::connect_url(url).await?),
        Some(other) => {
            let scheme = other.split(':').next().unwrap_or("");
            return Err(StoreError::Config(format!("unsupported DATABASE_URL scheme `{scheme}`")));
        }
        None => Arc::new(SqliteStore::open_dir(data_dir).await?),
    };
    Ok(store)
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Base limits, rates, retirement ages: data, loaded at start.
    pub policy: Arc<PolicyTable>,
    /// The ledger's figures from the same file: industry-class rates, interest, late fee.
    pub ledger: Arc<LedgerPolicy>,
    /// The pension rules' figures (the retirement-age reform, 计发月数).
    pub pension: Arc<PensionPolicy>,
    /// The unemployment and work-injury benefits' figures.
    pub benefits: Arc<BenefitPolicy>,
    /// Seals personal data at rest.
    pub vault: Vault,
    /// The built site served at `/`.
    pub site_dir: PathBuf,
    /// Whether the server speaks TLS itself (cookies get `Secure`, responses HSTS).
    pub tls: bool,
    /// Development mode (developer-only pages).
    pub dev: bool,
    /// The browser reaches the site over HTTPS (our own TLS or a proxy's): HSTS, and https links.
    pub https: bool,
    /// Real-name checks, SMS, password hashing, cookie policy.
    pub accounts: Accounts,
    /// 人脸识别 for 本人认证: the development stand-in until `serve` sets the service.
    pub face: Arc<dyn pensions::face::FaceCheck>,
}

impl AppState {
    /// A state with the shipped policy and the given key.
    pub fn new(store: Arc<dyn Store>, site_dir: PathBuf, vault: Vault) -> Self {
        let policy = PolicyTable::from_json(SHIPPED_POLICY).expect("the shipped policy table is valid (tested)");
        let ledger = LedgerPolicy::from_json(SHIPPED_POLICY).expect("the shipped ledger policy is valid (tested)");
        let pension = PensionPolicy::from_json(SHIPPED_POLICY).expect("the shipped pension policy is valid (tested)");
        let benefits = BenefitPolicy::from_json(SHIPPED_POLICY).expect("the shipped benefit policy is valid (tested)");
        let accounts = Accounts::local(store.clone(), vault.clone());
        Self { store, policy: Arc::new(policy), ledger: Arc::new(ledger), pension: Arc::new(pension), benefits: Arc::new(benefits), vault, site_dir, tls: false, dev: false, https: false, accounts, face: Arc::new(pensions::face::DevFace) }
    }

    /// What server functions get as context.
    pub fn services(&self) -> app::api::ssr::Services {
        app::api::ssr::Services { policy: self.policy.clone() }
    }

    /// A capability's part of the state: `state.cx::<accounts::Cx>()`.
    pub fn cx<T: FromRef<AppState>>(&self) -> T {
        T::from_ref(self)
    }
}

impl FromRef<AppState> for accounts::Cx {
    fn from_ref(s: &AppState) -> Self {
        accounts::Cx { store: s.store.clone(), vault: s.vault.clone(), policy: s.policy.clone(), services: s.accounts.clone() }
    }
}

impl FromRef<AppState> for employers::Cx {
    fn from_ref(s: &AppState) -> Self {
        employers::Cx { store: s.store.clone(), accounts: s.cx() }
    }
}

impl FromRef<AppState> for intake::Cx {
    fn from_ref(s: &AppState) -> Self {
        intake::Cx { store: s.store.clone(), accounts: s.cx(), ledger: s.cx() }
    }
}

impl FromRef<AppState> for ledger::Cx {
    fn from_ref(s: &AppState) -> Self {
        ledger::Cx {
            store: s.store.clone(),
            vault: s.vault.clone(),
            table: s.policy.clone(),
            policy: s.ledger.clone(),
            pension: s.pension.clone(),
            benefits: s.benefits.clone(),
            https: s.https || s.accounts.cookies.secure,
        }
    }
}

impl FromRef<AppState> for office::Cx {
    fn from_ref(s: &AppState) -> Self {
        office::Cx { store: s.store.clone(), ledger: s.cx() }
    }
}

impl FromRef<AppState> for injuries::Cx {
    fn from_ref(s: &AppState) -> Self {
        injuries::Cx { store: s.store.clone(), ledger: s.cx() }
    }
}

impl FromRef<AppState> for unemployment::Cx {
    fn from_ref(s: &AppState) -> Self {
        unemployment::Cx { store: s.store.clone(), ledger: s.cx() }
    }
}

impl FromRef<AppState> for medical::Cx {
    fn from_ref(s: &AppState) -> Self {
        medical::Cx { store: s.store.clone() }
    }
}

impl FromRef<AppState> for pensions::Cx {
    fn from_ref(s: &AppState) -> Self {
        pensions::Cx { store: s.store.clone(), office: office::Cx::from_ref(s), face: s.face.clone() }
    }
}

impl FromRef<AppState> for reports::http::Cx {
    fn from_ref(s: &AppState) -> Self {
        reports::http::Cx { store: s.store.clone(), vault: s.vault.clone(), pension: s.pension.clone() }
    }
}

impl FromRef<AppState> for notices::http::Cx {
    fn from_ref(s: &AppState) -> Self {
        notices::http::Cx { store: s.store.clone() }
    }
}

impl FromRef<AppState> for uploads::Cx {
    fn from_ref(s: &AppState) -> Self {
        uploads::Cx { store: s.store.clone(), vault: s.vault.clone() }
    }
}

impl FromRef<AppState> for vouchers::Cx {
    fn from_ref(s: &AppState) -> Self {
        vouchers::Cx { store: s.store.clone(), vault: s.vault.clone(), https: s.https || s.accounts.cookies.secure }
    }
}

impl FromRef<AppState> for Forwarding {
    fn from_ref(s: &AppState) -> Self {
        s.accounts.forwarding
    }
}

impl FromRef<AppState> for SiteDir {
    fn from_ref(s: &AppState) -> Self {
        SiteDir(s.site_dir.clone())
    }
}

impl FromRef<AppState> for Hsts {
    fn from_ref(s: &AppState) -> Self {
        Hsts(s.tls || s.https)
    }
}
