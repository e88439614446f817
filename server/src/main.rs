//! `shebao-server`: read the configuration, open the store, serve.

use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await.map(|()| None),
        Command::Registry(args) => server::cli::registry::run(&args).await.map(|ok| (!ok).then(|| ExitCode::from(1))),
        Command::Ledger(args) => server::cli::ledger::run(&args).await.map(|ok| (!ok).then(|| ExitCode::from(1))),
        Command::Report(args) => server::cli::report::run(&args).await.map(|()| None),
        Command::Staff(args) => server::cli::staff::run(&args).await.map(|()| None),
        Command::Key(args) => server::cli::key::run(&args).map(|()| None),
        Command::LoginBench(args) => server::cli::login_bench::run(&args).await.map(|()| None),
        Command::ReviewBench(args) => server::cli::review_bench::run(&args).await.map(|()| None),
        Command::LedgerBench(args) => server::cli::ledger_bench::run(&args).await.map(|()| None),
        Command::ReportBench(args) => server::cli::report_bench::run(&args).await.map(|()| None),
        Command::PensionBench(args) => server::cli::pension_bench::run(&args).await.map(|()| None),
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
    let result = match result {
        Ok(Some(code)) => return code,
        Ok(None) => Ok(()),
        Err(e) => Err(e),
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
    if let Some(why) = server::serve::refuse_to_start(&args) {
        anyhow::bail!(why);
    }
    let (store, vault) = server::serve::open_store(&args.store).await?;
    server::serve::run(&args, store, vault).await
}
