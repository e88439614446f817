//! `shebao-server`: read the configuration, open the store, serve.

use std::process::ExitCode;

use clap::Parser;
use server::config::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Check(args) => {
            return match server::cli::check::run(&args, &mut std::io::stdout().lock()) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(error) => {
                    eprintln!("shebao-server: {error:#}");
                    ExitCode::from(2)
                }
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("shebao-server: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: server::config::ServeArgs) -> anyhow::Result<()> {
    server::telemetry::init(args.log_format);
    let url = args.database_url.as_deref().filter(|u| !u.trim().is_empty());
    let vault = server::serve::vault(&args, url.is_some_and(|u| u.starts_with("postgres")))?;
    let store = server::store::open(url, &args.data_dir).await?;
    server::serve::run(&args, store, vault).await
}
