//! Subcommands other than `serve`, one per file.

pub mod check;
