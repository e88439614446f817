//! `shebao-server ledger …`: the monthly assessment, the collection's payment files, a person's
//! records, and the units' industry classes — what the agency runs at its desk or from cron.

use std::path::PathBuf;

use app::domain::ledger::{IndustryClass, Month};
use app::domain::{CreditCode, Date, IdNumber};
use clap::{Args, Subcommand};

use crate::config::StoreArgs;
use crate::ledger::{monthly, payments, records, Cx};
use crate::vault::purpose;

#[derive(Debug, Args)]
pub struct LedgerArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The policy data file (default: the one shipped with the server).
    #[arg(long)]
    pub policy_file: Option<PathBuf>,
    #[command(subcommand)]
    pub what: LedgerCommand,
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Assesses a month (核定) for every insured unit, or one: prints what was written (JSON).
    /// Running it again writes nothing; a changed base is written as an adjustment (补差).
    Assess {
        /// `YYYY-MM`.
        #[arg(long)]
        month: String,
        /// One unit's credit code.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Imports the tax bureau's collection records (CSV or JSON), all rows or none: prints the
    /// result (JSON); exit status 1 if the file was refused.
    ImportPayments { file: PathBuf },
    /// A person's records: one JSON object per month and insurance.
    Records {
        #[arg(long)]
        id_number: String,
        /// `YYYY-MM`.
        #[arg(long)]
        from: String,
        /// `YYYY-MM`.
        #[arg(long)]
        to: String,
    },
    /// Sets a unit's work-injury industry class (1–8).
    UnitClass { credit_code: String, class: i64 },
    /// Checks that the ledger's sums agree: the statements with their rows, the paid totals
    /// with the payments, no relationship-month assessed twice, no reference taken twice.
    /// Prints them (JSON); exit status 1 if they do not agree.
    Check,
    /// Creates a unit the agency registers itself (one that registers online is created when
    /// its registration is approved); an existing unit is left as it is.
    AddUnit {
        #[arg(long)]
        credit_code: String,
        #[arg(long)]
        name: String,
        /// The six-digit division code.
        #[arg(long)]
        region: u32,
        /// The work-injury industry class (1–8).
        #[arg(long)]
        class: Option<i64>,
    },
    /// Enrols a person in a unit from a month without a filing — the agency's migration of
    /// people insured in an older system (历史参保数据迁移); refused if the person holds one of
    /// the insurances open already.
    Enrol {
        #[arg(long)]
        id_number: String,
        #[arg(long)]
        name: String,
        /// The unit's credit code (the unit is in the ledger).
        #[arg(long)]
        credit_code: String,
        /// The first month insured, `YYYY-MM`.
        #[arg(long)]
        month: String,
        /// The declared monthly base, in yuan.
        #[arg(long)]
        base: String,
        /// Comma-separated: pension, medical, unemployment, work_injury.
        #[arg(long, default_value = "pension,medical")]
        insurances: String,
    },
}

fn month(s: &str) -> anyhow::Result<Month> {
    Month::parse(s).ok_or_else(|| anyhow::anyhow!("`{s}` is not a month (YYYY-MM)"))
}

fn unit_code(s: &str) -> anyhow::Result<CreditCode> {
    CreditCode::parse(s).map(|c| c.value).map_err(|e| anyhow::anyhow!("{}: {}", s, e.en))
}

/// Runs the command; `Ok(false)` when a payment file was refused.
pub async fn run(args: &LedgerArgs) -> anyhow::Result<bool> {
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let text = match &args.policy_file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?,
        None => crate::state::SHIPPED_POLICY.to_owned(),
    };
    let cx = Cx::for_cli(store.clone(), vault.clone(), &text).map_err(anyhow::Error::msg)?;
    let now = crate::store::now_ms();
    let today = Date::china_from_unix_ms(now);
    match &args.what {
        LedgerCommand::Assess { month: m, unit } => {
            let unit = match unit {
                Some(code) => {
                    let code = unit_code(code)?;
                    Some(cx.store.unit_by_code(code.as_str()).await?.ok_or_else(|| anyhow::anyhow!("no unit {} in the ledger", code.as_str()))?.id)
                }
                None => None,
            };
            let report = monthly::assess(&cx, month(m)?, unit, None).await?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(true)
        }
        LedgerCommand::ImportPayments { file } => {
            let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let report = payments::import(cx.store.as_ref(), &bytes, today, None, now).await?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(matches!(report, payments::Report::Imported(_)))
        }
        LedgerCommand::Records { id_number, from, to } => {
            let id = IdNumber::parse(id_number, today).map_err(|e| anyhow::anyhow!("{}", e.en))?.value;
            let (from, to) = (month(from)?, month(to)?);
            anyhow::ensure!(from <= to, "--from is after --to");
            let r = records::of_person(&cx, &vault.blind_index(purpose::ID_NUMBER, id.as_str()), from, to, now).await?;
            for m in &r.months {
                println!("{}", serde_json::to_string(m)?);
            }
            Ok(true)
        }
        LedgerCommand::UnitClass { credit_code, class } => {
            anyhow::ensure!(u8::try_from(*class).ok().and_then(IndustryClass::new).is_some(), "the industry class is 1 to 8");
            let code = unit_code(credit_code)?;
            let unit = cx.store.unit_by_code(code.as_str()).await?.ok_or_else(|| anyhow::anyhow!("no unit {} in the ledger", code.as_str()))?;
            cx.store.unit_set_class(unit.id, *class, None, now).await?;
            eprintln!("{}: industry class {class}", unit.name);
            Ok(true)
        }
        LedgerCommand::Check => {
            let sums = cx.store.sums().await?;
            println!("{}", serde_json::to_string(&sums)?);
            Ok(sums.agree())
        }
        LedgerCommand::AddUnit { credit_code, name, region, class } => {
            let code = unit_code(credit_code)?;
            anyhow::ensure!(app::domain::divisions::is_known(*region), "{region} is not a known division");
            anyhow::ensure!(class.is_none_or(|c| u8::try_from(c).ok().and_then(IndustryClass::new).is_some()), "the industry class is 1 to 8");
            let name = app::domain::text::squeeze(name);
            anyhow::ensure!(!app::domain::text::has_markup_or_control(&name), "the name has markup or control characters");
            anyhow::ensure!(!name.is_empty() && name.chars().count() <= 100, "the name is 1 to 100 characters");
            let unit = crate::ledger::NewUnit {
                credit_index: vault.blind_index(purpose::CREDIT_CODE, code.as_str()),
                credit_code: code.as_str().to_owned(),
                name,
                region: i64::from(*region),
                industry_class: *class,
            };
            let id = cx.store.unit_ensure(&unit, None, "agency entry", now).await?;
            eprintln!("unit {id}: {}", unit.credit_code);
            Ok(true)
        }
        LedgerCommand::Enrol { id_number, name, credit_code, month: m, base, insurances } => {
            let id = IdNumber::parse(id_number, today).map_err(|e| anyhow::anyhow!("{}", e.en))?.value;
            let name = app::domain::text::squeeze(name);
            anyhow::ensure!(!name.is_empty() && name.chars().count() <= 50 && !app::domain::text::has_markup_or_control(&name), "the name is 1 to 50 plain characters");
            let code = unit_code(credit_code)?;
            let unit = cx.store.unit_by_code(code.as_str()).await?.ok_or_else(|| anyhow::anyhow!("no unit {} in the ledger", code.as_str()))?;
            let start = month(m)?;
            let base = app::domain::Fen::parse_yuan(base).map_err(|e| anyhow::anyhow!("--base: {}", e.en))?.value;
            let insurances = insurances
                .split(',')
                .map(|c| app::domain::policy::Insurance::parse(c.trim()).ok_or_else(|| anyhow::anyhow!("`{c}` is not an insurance")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let id_index = vault.blind_index(purpose::ID_NUMBER, id.as_str());
            let e = crate::ledger::relationships::Enrol {
                unit_id: unit.id,
                person: crate::ledger::relationships::NewPerson {
                    id_sealed: vault.seal(&crate::vault::bound::ledger_person(&id_index), id.as_str().as_bytes()),
                    id_index,
                    name,
                },
                region: unit.region,
                start_month: start.to_string(),
                insurances,
                base: base.0,
                actor: None,
            };
            if let Some(taken) = cx.store.enrol_direct(&e, now).await? {
                anyhow::bail!("the person holds {} open already", taken.code());
            }
            eprintln!("enrolled in {} from {start}", unit.name);
            Ok(true)
        }
    }
}
