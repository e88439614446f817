//! Shebao's server as a library: the binary in `main.rs` only reads its configuration and
//! calls into here, and tests build the same router without a socket.

pub mod accounts;
pub mod applicant;
pub mod cli;
pub mod config;
pub mod dev;
pub mod vault;
pub mod headers;
pub mod ingest;
pub mod registry;
pub mod review;
pub mod router;
pub mod serve;
pub mod site;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod uploads;
pub mod vouchers;

pub use router::app;
pub use state::AppState;
