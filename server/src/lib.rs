//! Shebao's server as a library: the binary in `main.rs` only reads its configuration and
//! calls into here, and tests build the same router without a socket.
//!
//! The modules, from the bottom up (a module uses only those above it in this list; the test
//! `tests/architecture.rs` holds the server to it):
//! - plumbing: `vault` (sealing, blind indexes), `store` (the two databases, the audit log),
//!   `config`, `telemetry`, `http` (refusals, extractors, headers, the built site);
//! - capabilities, each with its handlers and its queries: `registry`, `accounts`, `uploads`,
//!   `filings`, `employers`, `registration`, `ledger`, `office`, `reports`, `notices`, `vouchers`, `admin`, `intake`;
//! - the assembly: `state` (the one store, the shared state), `housekeeping`, `router`, `dev`,
//!   `serve`, `cli`.

pub mod vault;
pub mod store;
pub mod config;
pub mod telemetry;
pub mod http;

pub mod registry;
pub mod accounts;
pub mod uploads;
pub mod filings;
pub mod employers;
pub mod registration;
pub mod ledger;
pub mod office;
pub mod injuries;
pub mod unemployment;
pub mod medical;
pub mod pensions;
pub mod reports;
pub mod notices;
pub mod vouchers;
pub mod admin;
pub mod intake;

pub mod state;
pub mod housekeeping;
pub mod router;
pub mod dev;
pub mod serve;
pub mod cli;

pub use router::app;
pub use state::{AppState, Store};
