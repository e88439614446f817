//! `shebao-server check`: the domain rules from the command line, for operators preparing data.
//! One JSON object per value or CSV row on stdout:
//! `{"input", "valid", "normalized", "errors": [{"code", "message", "message_en"}], "warnings": […]}`;
//! exit status 0 when everything is valid, 1 otherwise. The same rules and messages as the forms.
//! `retirement`, `pension`, `unemployment` and `injury` answer the statutory calculations
//! ([`check_pension`], [`check_benefits`]).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use app::domain::benefits::BenefitPolicy;
use app::domain::pension::PensionPolicy;
use app::domain::{self, Checked, Date, Issue};

use super::{check_benefits, check_pension};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(subcommand)]
    pub what: What,
    /// The policy figures for the statutory calculations (JSON); default: the shipped copy.
    #[arg(long, global = true, env = "SHEBAO_POLICY_FILE")]
    pub policy_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// A resident ID number (18 digits, or a legacy 15-digit one).
    IdNumber { value: String },
    /// A unified social credit code.
    CreditCode { value: String },
    /// A mainland mobile number.
    Mobile { value: String },
    /// An email address.
    Email { value: String },
    /// A person's name as on the ID.
    Name { value: String },
    /// A CSV of people: columns name, id_number, and optionally mobile, email.
    People { file: PathBuf },
    /// A CSV of employers: columns unit_name, credit_code, and optionally legal_rep_id,
    /// handler_name, handler_id, handler_mobile, handler_email.
    Employers { file: PathBuf },
    /// The statutory retirement age under the 2025 reform, its month, the flexible window and
    /// the minimum contribution months.
    Retirement {
        /// The birth month, YYYY-MM.
        #[arg(long)]
        born: String,
        /// male, female-50 or female-55 (the original retirement age of a woman's post).
        #[arg(long)]
        category: String,
    },
    /// The monthly pension: 基础养老金 and 个人账户养老金 with the 计发月数 used, in fen.
    Pension {
        /// The province's 计发基数, yuan a month.
        #[arg(long)]
        base: String,
        /// The average 缴费工资指数, e.g. 0.8.
        #[arg(long)]
        index: String,
        /// Years of contributions (whole months: 30.5 is 366).
        #[arg(long)]
        years: String,
        /// The personal account's balance, yuan.
        #[arg(long)]
        balance: String,
        /// The age at retirement in months (60 years 6 months: 726).
        #[arg(long)]
        age_months: String,
    },
    /// The months of 失业保险金 a spell grants, with those left from the last one.
    Unemployment {
        /// Cumulative months of unemployment contributions since the last spell.
        #[arg(long)]
        months_contributed: String,
        /// Months granted in the last spell and not drawn.
        #[arg(long, default_value = "0")]
        carried: String,
    },
    /// The work-injury award: 本人工资 after the clamp, 一次性伤残补助金 and 伤残津贴, in fen.
    Injury {
        /// The disability grade, 1 to 10.
        #[arg(long)]
        grade: String,
        /// The person's average monthly contribution wage of the 12 months before, yuan.
        #[arg(long)]
        wage: String,
        /// The area's average monthly wage, yuan.
        #[arg(long)]
        average: String,
        /// The local monthly minimum wage the 伤残津贴 is topped up to, yuan (left out: none).
        #[arg(long)]
        minimum: Option<String>,
        /// The care the 劳动能力鉴定 found the person needs: full, most or part (生活护理费, 第34条).
        #[arg(long)]
        care: Option<String>,
    },
}

/// Runs the check; `Ok(true)` when every value was valid.
pub fn run(args: &CheckArgs, out: &mut impl Write) -> anyhow::Result<bool> {
    let today = Date::china_from_unix_ms(app::api::ssr::now_ms());
    let single = |column: &str, value: &str| row_report(json!(value), &[(column.to_owned(), value.to_owned())], today);
    let (lines, all_valid) = match &args.what {
        What::IdNumber { value } => one(single("id_number", value)),
        What::CreditCode { value } => one(single("credit_code", value)),
        What::Mobile { value } => one(single("mobile", value)),
        What::Email { value } => one(single("email", value)),
        What::Name { value } => one(single("name", value)),
        What::People { file } => csv_rows(file, &["name", "id_number"], today)?,
        What::Employers { file } => csv_rows(file, &["unit_name", "credit_code"], today)?,
        What::Retirement { born, category } => one(check_pension::retirement(born, category, &pension_policy(args)?)),
        What::Pension { base, index, years, balance, age_months } => {
            let input = check_pension::PensionInput { base, index, years, balance, age_months };
            one(check_pension::pension(&input, &pension_policy(args)?))
        }
        What::Unemployment { months_contributed, carried } => one(check_benefits::unemployment(months_contributed, carried, &benefit_policy(args)?)),
        What::Injury { grade, wage, average, minimum, care } => {
            one(check_benefits::injury(grade, wage, average, minimum.as_deref(), care.as_deref(), &benefit_policy(args)?))
        }
    };
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(all_valid)
}

fn policy_text(args: &CheckArgs) -> anyhow::Result<String> {
    Ok(match &args.policy_file {
        Some(file) => std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?,
        None => crate::state::SHIPPED_POLICY.to_owned(),
    })
}

fn pension_policy(args: &CheckArgs) -> anyhow::Result<PensionPolicy> {
    PensionPolicy::from_json(&policy_text(args)?).map_err(anyhow::Error::msg)
}

fn benefit_policy(args: &CheckArgs) -> anyhow::Result<BenefitPolicy> {
    BenefitPolicy::from_json(&policy_text(args)?).map_err(anyhow::Error::msg)
}

fn one(line: Value) -> (Vec<Value>, bool) {
    let valid = line["valid"] == json!(true);
    (vec![line], valid)
}

/// Which rule a column name means.
fn check_column(column: &str, value: &str, today: Date) -> Option<Result<Checked<String>, Issue>> {
    Some(match column {
        "id_number" | "legal_rep_id" | "handler_id" => map(domain::IdNumber::parse(value, today), |id| id.as_str().to_owned()),
        "credit_code" => map(domain::CreditCode::parse(value), |c| c.as_str().to_owned()),
        "mobile" | "handler_mobile" => map(domain::MobileNumber::parse(value), |m| m.as_str().to_owned()),
        "email" | "handler_email" => {
            if value.trim().is_empty() {
                return Some(Ok(Checked::clean(String::new())));
            }
            map(domain::Email::parse(value), |e| e.as_str().to_owned())
        }
        "name" | "handler_name" => map(domain::PersonName::parse(value), |n| n.as_str().to_owned()),
        "unit_name" => map(domain::UnitName::parse(value), |n| n.as_str().to_owned()),
        _ => return None,
    })
}

fn map<T>(r: Result<Checked<T>, Issue>, f: impl Fn(&T) -> String) -> Result<Checked<String>, Issue> {
    r.map(|c| Checked { value: f(&c.value), warnings: c.warnings })
}

fn issue_json(column: Option<&str>, issue: &Issue) -> Value {
    let mut v = json!({ "code": issue.code, "message": issue.zh, "message_en": issue.en });
    if let Some(c) = column {
        v["field"] = json!(c);
    }
    v
}

/// The report of one value or row. A single value's `normalized` is a string; a row's an object.
fn row_report(input: Value, cells: &[(String, String)], today: Date) -> Value {
    let single = cells.len() == 1 && input.is_string();
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let mut normalized = BTreeMap::new();
    for (column, value) in cells {
        let field = (!single).then_some(column.as_str());
        match check_column(column, value, today) {
            None => {
                normalized.insert(column.clone(), json!(value));
            }
            Some(Ok(checked)) => {
                warnings.extend(checked.warnings.iter().map(|w| issue_json(field, w)));
                normalized.insert(column.clone(), json!(checked.value));
            }
            Some(Err(issue)) => errors.push(issue_json(field, &issue)),
        }
    }
    let valid = errors.is_empty();
    let normalized = if !valid {
        Value::Null
    } else if single {
        normalized.into_values().next().unwrap_or(Value::Null)
    } else {
        json!(normalized)
    };
    json!({ "input": input, "valid": valid, "normalized": normalized, "errors": errors, "warnings": warnings })
}

fn csv_rows(file: &PathBuf, required: &[&str], today: Date) -> anyhow::Result<(Vec<Value>, bool)> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::None).flexible(false).from_path(file)?;
    let headers: Vec<String> =
        reader.headers()?.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_owned()).collect();
    for column in required {
        if !headers.iter().any(|h| h == column) {
            anyhow::bail!("{}: the header has no `{column}` column (it has: {})", file.display(), headers.join(", "));
        }
    }
    let mut lines = Vec::new();
    let mut all_valid = true;
    for (n, record) in reader.records().enumerate() {
        let record = record?;
        let cells: Vec<(String, String)> = headers.iter().cloned().zip(record.iter().map(str::to_owned)).collect();
        let input: serde_json::Map<String, Value> = cells.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let mut line = row_report(Value::Object(input), &cells, today);
        line["row"] = json!(n + 2); // spreadsheet line number: the header is line 1
        all_valid &= line["valid"] == json!(true);
        lines.push(line);
    }
    Ok((lines, all_valid))
}
