//! Subcommands other than `serve`, one per file.

pub mod check;
pub mod login_bench;
pub mod registry;
pub mod review_bench;
pub mod staff;
