//! What crosses the wire: server functions (one per file) and their types. Server-only
//! helpers live behind `ssr` in [`ssr`].

#[cfg(feature = "csr")]
pub mod client;
mod error;
mod policy;
mod server_info;
pub mod admin;
pub mod auth;
pub mod cases;
pub mod endpoints;
pub mod injuries;
pub mod ledger;
pub mod medical;
pub mod notices;
pub mod office;
pub mod reports;
pub mod review;
pub mod sync;
pub mod unemployment;

pub use error::ApiError;
pub use policy::{get_policy, GetPolicy};
pub use server_info::{about_server, AboutServer, ServerInfo};

#[cfg(feature = "ssr")]
pub mod ssr;
