//! What every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use app::domain::policy::PolicyTable;

use crate::accounts::Accounts;
use crate::ingest::checks::{default_checks, Checks};
use crate::store::Store;
use crate::vault::Vault;

/// The policy table shipped with the server (`server/data/policy.json`), used when no
/// `--policy-file` is given.
pub const SHIPPED_POLICY: &str = include_str!("../data/policy.json");

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Base limits, rates, retirement ages: data, loaded at start.
    pub policy: Arc<PolicyTable>,
    /// Seals personal data at rest.
    pub vault: Vault,
    /// The server-side checks per kind of filing.
    pub checks: Checks,
    /// The built site served at `/`.
    pub site_dir: PathBuf,
    /// Whether the server speaks TLS itself (cookies get `Secure`, responses HSTS).
    pub tls: bool,
    /// Development mode (developer-only pages).
    pub dev: bool,
    /// Real-name checks, SMS, password hashing, cookie policy.
    pub accounts: Accounts,
}

impl AppState {
    /// A state with the shipped policy, the default checks and the given key.
    pub fn new(store: Arc<dyn Store>, site_dir: PathBuf, vault: Vault) -> Self {
        let policy = PolicyTable::from_json(SHIPPED_POLICY).expect("the shipped policy table is valid (tested)");
        let accounts = Accounts::local(store.clone(), vault.clone());
        Self { store, policy: Arc::new(policy), vault, checks: default_checks(), site_dir, tls: false, dev: false, accounts }
    }

    /// What server functions get as context.
    pub fn services(&self) -> app::api::ssr::Services {
        app::api::ssr::Services { policy: self.policy.clone() }
    }
}
