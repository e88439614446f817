//! The command line: `serve` and the other subcommands, one per file.

pub mod check;
pub mod check_benefits;
pub mod check_pension;
pub mod key;
pub mod ledger;
pub mod login_bench;
pub mod registry;
pub mod report;
pub mod report_bench;
pub mod review_bench;
pub mod ledger_bench;
pub mod pension_bench;
pub mod staff;

use clap::{Parser, Subcommand};

use crate::config::ServeArgs;

#[derive(Debug, Parser)]
#[command(name = "shebao-server", version, about = "Shebao (社保通) server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site and the API.
    Serve(ServeArgs),
    /// Check values or CSV rows against the domain rules (one JSON object per line).
    Check(check::CheckArgs),
    /// The insured-persons registry: seed a demo registry, import a CSV.
    Registry(registry::RegistryArgs),
    /// The insurance ledger: the monthly assessment, payment files, a person's records.
    Ledger(ledger::LedgerArgs),
    /// A report as XLSX or CSV (单位缴费核定单, 花名册, 欠费明细, 参保统计, 业务办理统计).
    Report(report::ReportArgs),
    /// The data key: `key generate FILE`.
    Key(key::KeyArgs),
    /// Staff accounts (field workers, reviewers, admins).
    Staff(staff::StaffArgs),
    /// Times logins: Argon2id with the server's parameters and concurrency bound (JSON).
    LoginBench(login_bench::LoginBenchArgs),
    /// Times the review queue with many applications in the store (JSON).
    ReviewBench(review_bench::ReviewBenchArgs),
    /// Times 参保统计 over many insured people and a large unit's statement as XLSX (JSON).
    ReportBench(report_bench::ReportBenchArgs),
    /// Times the monthly assessment, a payment import and a 30-year record query (JSON).
    LedgerBench(ledger_bench::LedgerBenchArgs),
    /// Times the housekeeping's run (payments, 暂停发放, reminders) over many pensioners (JSON).
    PensionBench(pension_bench::PensionBenchArgs),
}

