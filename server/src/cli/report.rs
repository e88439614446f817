//! `shebao-server report NAME [--unit CODE] [--person ID] [--region R] --from YYYY-MM --to YYYY-MM --format
//! xlsx|csv|html --out FILE`: any report without the app (for scheduled jobs). The command runs with
//! the store's own access, so it sees every unit and region; the file is written whole or not at
//! all. Prints what it wrote (JSON).

use std::path::PathBuf;

use app::domain::ledger::Month;
use app::domain::{divisions, CreditCode, Date};
use clap::{Args, ValueEnum};

use crate::config::StoreArgs;
use crate::employers::review::region_range;
use crate::reports::file::{produce_to_path, Format};
use crate::reports::{filter, Report, Scope};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportName {
    /// 单位缴费核定单 (needs --unit).
    UnitStatement,
    /// 参保人员花名册.
    Roster,
    /// 欠费明细.
    Arrears,
    /// 参保统计: insured persons by region × insurance × month.
    InsuredStats,
    /// 业务办理统计: cases by kind, status, operator and month.
    CaseStats,
    /// 待遇发放明细: every benefit paid, by month and person.
    BenefitPayments,
    /// 个人参保缴费证明 (needs --person).
    PersonRecord,
}

impl From<ReportName> for Report {
    fn from(n: ReportName) -> Report {
        match n {
            ReportName::UnitStatement => Report::UnitStatement,
            ReportName::Roster => Report::Roster,
            ReportName::Arrears => Report::Arrears,
            ReportName::InsuredStats => Report::InsuredStats,
            ReportName::CaseStats => Report::CaseStats,
            ReportName::BenefitPayments => Report::BenefitPayments,
            ReportName::PersonRecord => Report::PersonRecord,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileFormat {
    Xlsx,
    Csv,
    /// A page to print.
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(value_enum)]
    pub name: ReportName,
    /// The person's ID number (person-record).
    #[arg(long)]
    pub person: Option<String>,
    /// One unit's credit code.
    #[arg(long)]
    pub unit: Option<String>,
    /// A division code (a province, city or county: the whole of it).
    #[arg(long)]
    pub region: Option<u32>,
    /// `YYYY-MM`.
    #[arg(long)]
    pub from: String,
    /// `YYYY-MM`.
    #[arg(long)]
    pub to: String,
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: FileFormat,
    #[arg(long)]
    pub out: PathBuf,
}

fn month(s: &str) -> anyhow::Result<Month> {
    Month::parse(s).ok_or_else(|| anyhow::anyhow!("`{s}` is not a month (YYYY-MM)"))
}

pub async fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let report = Report::from(args.name);
    let unit = match &args.unit {
        Some(code) => {
            let code = CreditCode::parse(code).map_err(|e| anyhow::anyhow!("{code}: {}", e.en))?.value;
            let unit = store.unit_by_code(code.as_str()).await?.ok_or_else(|| anyhow::anyhow!("no unit {} in the ledger", code.as_str()))?;
            Some((unit.id, unit.region))
        }
        None => None,
    };
    if let Some(r) = args.region {
        anyhow::ensure!(divisions::is_known(r), "{r} is not a known division");
    }
    let mut f = filter(report, Scope::All, month(&args.from)?, month(&args.to)?, unit, args.region.map(region_range)).map_err(|r| anyhow::anyhow!("{}", r.en))?;
    if report.needs_person() {
        let id = args.person.as_deref().ok_or_else(|| anyhow::anyhow!("person-record needs --person ID_NUMBER"))?;
        let id = app::domain::IdNumber::parse(id, Date::china_from_unix_ms(crate::store::now_ms())).map_err(|e| anyhow::anyhow!("{id}: {}", e.en))?.value;
        let index = vault.blind_index(crate::vault::purpose::ID_NUMBER, id.as_str());
        f.person = Some(store.person_id(&index).await?.ok_or_else(|| anyhow::anyhow!("no such person in the ledger"))?);
    }
    let format = match args.format {
        FileFormat::Xlsx => Format::Xlsx,
        FileFormat::Csv => Format::Csv,
        FileFormat::Html => Format::Html,
    };
    let today = Date::china_from_unix_ms(crate::store::now_ms());
    let started = std::time::Instant::now();
    let rows = produce_to_path(store.as_ref(), &vault, report, &f, format, today, &args.out).await?;
    println!(
        "{}",
        serde_json::json!({
            "report": report.code(),
            "rows": rows,
            "out": args.out.display().to_string(),
            "bytes": std::fs::metadata(&args.out)?.len(),
            "seconds": started.elapsed().as_secs_f64(),
        })
    );
    Ok(())
}
