//! `shebao-server key generate FILE`: a fresh data key (128 hex digits, mode 0600), never written
//! over an existing file. `serve --key-file FILE` only ever reads it.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct KeyArgs {
    #[command(subcommand)]
    pub what: KeyCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Writes a new key to FILE (refuses if FILE exists). Back it up: without it the stored
    /// personal data cannot be read.
    Generate { file: PathBuf },
}

pub fn run(args: &KeyArgs) -> anyhow::Result<()> {
    match &args.what {
        KeyCommand::Generate { file } => {
            crate::vault::Vault::generate(file).map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!("wrote a new data key to {}; back it up apart from the database", file.display());
            Ok(())
        }
    }
}
