//! Importing registry records from a CSV (`name,id_number[,status][,mobile]`, header required;
//! sex, birth date and region come from the ID number). Every row is checked by the domain rules;
//! bad rows are reported with their line number and reason and are not imported, the good
//! ones are, in batches of one transaction each.

use std::io::Read;

use app::domain::{Date, IdNumber, Issue, MobileNumber, PersonName};

use super::{person, STATUSES};
use super::{RegistryPerson, RegistryStore};
use crate::store::StoreError;
use crate::vault::Vault;

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BadRow {
    /// The spreadsheet line (the header is line 1).
    pub line: u64,
    pub field: String,
    pub code: String,
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub imported: u64,
    pub bad: Vec<BadRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the CSV cannot be read: {0}")]
    Csv(#[from] csv::Error),
    #[error("the header has no `{0}` column (it needs name, id_number and may have status)")]
    MissingColumn(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const BATCH: usize = 5_000;

/// A bad row of any imported file, as it is reported.
pub fn bad(line: u64, field: &str, issue: &Issue) -> BadRow {
    BadRow { line, field: field.into(), code: issue.code.to_string(), message: issue.zh.to_string(), message_en: issue.en.to_string() }
}

/// Checks one row; the person to store, or why not.
fn row(name: &str, id: &str, status: &str, mobile: &str, today: Date, vault: &Vault, line: u64) -> Result<RegistryPerson, BadRow> {
    let id = IdNumber::parse(id, today).map_err(|i| bad(line, "id_number", &i))?.value;
    let name = PersonName::parse(name).map_err(|i| bad(line, "name", &i))?.value;
    let status = if status.trim().is_empty() { "insured" } else { status.trim() };
    if !STATUSES.contains(&status) {
        let issue = Issue::new("registry.status", "参保状态应为 insured、suspended 或 uninsured", "The status must be insured, suspended or uninsured");
        return Err(bad(line, "status", &issue));
    }
    let mobile = match mobile.trim() {
        "" => None,
        m => Some(MobileNumber::parse(m).map_err(|i| bad(line, "mobile", &i))?.value),
    };
    Ok(person(vault, &id, &name, status, mobile.as_ref()))
}

/// Imports `csv` into the store.
pub async fn import(store: &dyn RegistryStore, vault: &Vault, csv: impl Read, today: Date, now: i64) -> Result<Report, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv);
    let headers: Vec<String> = reader.headers()?.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_owned()).collect();
    let col = |name: &'static str| headers.iter().position(|h| h == name);
    let name_col = col("name").ok_or(ImportError::MissingColumn("name"))?;
    let id_col = col("id_number").ok_or(ImportError::MissingColumn("id_number"))?;
    let status_col = col("status");
    let mobile_col = col("mobile");
    let mut report = Report::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut seen = std::collections::HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let record = record?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        match row(get(Some(name_col)), get(Some(id_col)), get(status_col), get(mobile_col), today, vault, line) {
            Ok(p) => {
                if let Some(first) = seen.insert(p.id_index.clone(), line) {
                    let zh = format!("身份证号与第 {first} 行重复");
                    let en = format!("The ID number repeats line {first}");
                    report.bad.push(BadRow { line, field: "id_number".into(), code: "registry.duplicate".into(), message: zh, message_en: en });
                    continue;
                }
                batch.push(p);
            }
            Err(b) => report.bad.push(b),
        }
        if batch.len() == BATCH {
            store.registry_put(&batch, now).await?;
            report.imported += batch.len() as u64;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.registry_put(&batch, now).await?;
        report.imported += batch.len() as u64;
    }
    Ok(report)
}
