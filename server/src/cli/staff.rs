//! `shebao-server staff create`: staff accounts (field workers, reviewers, operators, supervisors, admins — and
//! employer handlers created by the agency). The password is read from standard input (one
//! line) so it never appears in the shell history or the process list.

use std::io::BufRead;

use app::api::auth::Role;
use app::domain::password::Personal;
use app::domain::{Date, IdNumber, MobileNumber, Password, PersonName};
use clap::{Args, Subcommand, ValueEnum};

use crate::accounts::ACTIVE;
use crate::config::StoreArgs;
use crate::store::AuditEntry;

#[derive(Debug, Args)]
pub struct StaffArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(subcommand)]
    pub what: StaffCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StaffRole {
    FieldWorker,
    Reviewer,
    Operator,
    Supervisor,
    Admin,
    EmployerHandler,
}

impl From<StaffRole> for Role {
    fn from(r: StaffRole) -> Role {
        match r {
            StaffRole::FieldWorker => Role::FieldWorker,
            StaffRole::Reviewer => Role::Reviewer,
            StaffRole::Operator => Role::Operator,
            StaffRole::Supervisor => Role::Supervisor,
            StaffRole::Admin => Role::Admin,
            StaffRole::EmployerHandler => Role::EmployerHandler,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Creates an account; the password is read from standard input.
    Create {
        #[arg(long, value_enum)]
        role: StaffRole,
        #[arg(long)]
        name: String,
        #[arg(long)]
        id_number: String,
        #[arg(long)]
        mobile: String,
        /// The region a member of staff works for (a division code): their reports and
        /// statistics show that region only. Without it: the central office, every region.
        #[arg(long)]
        region: Option<u32>,
    },
}

pub async fn run(args: &StaffArgs) -> anyhow::Result<()> {
    let StaffCommand::Create { role, name, id_number, mobile, region } = &args.what;
    if let Some(r) = region {
        anyhow::ensure!(app::domain::divisions::is_known(*r), "{r} is not a known division");
        anyhow::ensure!(!matches!(role, StaffRole::EmployerHandler), "a unit's account has no region: it sees its own unit");
    }
    let today = Date::china_from_unix_ms(crate::store::now_ms());
    let fail = |what: &str, e: app::domain::Issue| anyhow::anyhow!("{what}: {} ({})", e.zh, e.en);
    let name = PersonName::parse(name).map_err(|e| fail("name", e))?.value;
    let id = IdNumber::parse(id_number, today).map_err(|e| fail("id number", e))?.value;
    let mobile = MobileNumber::parse(mobile).map_err(|e| fail("mobile", e))?.value;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let me = Personal { birth: Some(id.birth_date()), id_number: Some(id.as_str()), mobile: Some(mobile.as_str()) };
    let password = Password::parse(line.trim_end_matches(['\r', '\n']), &me).map_err(|e| fail("password", e))?.value;
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let role = Role::from(*role);
    let hash = crate::accounts::passwords::Hasher::new(cores).hash(password.expose()).await;
    let account = crate::accounts::account_record(&vault, role, ACTIVE, &id, &name, &mobile, None, hash, None);
    let audit = AuditEntry {
        actor_role: Some("operator".into()),
        action: "account.staff_create".into(),
        detail: Some(format!("role={}", role.as_str())),
        ..Default::default()
    };
    match store.account_create(&account, &audit, crate::store::now_ms()).await? {
        Some(id) => {
            if let Some(r) = region {
                store.staff_set_region(id, i64::from(*r)).await.map_err(|e| anyhow::anyhow!("account {id} was created but its region was not set ({e}): until it is, the account sees every region"))?;
            }
            eprintln!("created {} account {id} for {}{}", role.as_str(), name.as_str(), region.map(|r| format!(" (region {r})")).unwrap_or_default());
            Ok(())
        }
        None => anyhow::bail!("an account with this ID number exists already"),
    }
}
