//! Subcommands other than `serve`, one per file.

pub mod check;
pub mod login_bench;
pub mod registry;
pub mod staff;
