//! Importing 到账: contributions are collected by the tax bureau, and the agency imports its
//! collection records — CSV (`credit_code,month,amount,reference,paid_on`, header required,
//! amount in 元 with up to two decimals) or JSON (an array of objects with the same keys; the
//! amount a string in 元: money never passes through a float). Every row is checked, and a bad
//! row refuses the whole file with each bad row's line and reason; nothing is half-imported.

use std::collections::HashMap;

use app::domain::ledger::Month;
use app::domain::{CreditCode, Date, Fen, Issue};

use super::payment_store::{Imported, Payment};
use crate::registry::import::{bad, BadRow};
use crate::store::StoreError;

/// The most rows one file may carry.
pub const MAX_ROWS: usize = 1_000_000;

/// One row as the file gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct RawPayment {
    #[serde(default)]
    pub credit_code: String,
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub paid_on: String,
}

/// What became of a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Report {
    Imported(Imported),
    /// Nothing was imported.
    Refused { bad: Vec<BadRow> },
}

const COLUMNS: [&str; 5] = ["credit_code", "month", "amount", "reference", "paid_on"];

/// Reads the file's rows with their line numbers; a file that cannot be read at all is one bad
/// row at line 1.
pub fn read(bytes: &[u8]) -> Result<Vec<(u64, RawPayment)>, BadRow> {
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable("文件不是 UTF-8 文本", "The file is not UTF-8 text"))?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        let rows: Vec<RawPayment> =
            serde_json::from_str(text).map_err(|e| unreadable(&format!("JSON 无法读取：{e}"), &format!("The JSON cannot be read: {e}")))?;
        return Ok(rows.into_iter().enumerate().map(|(i, r)| (i as u64 + 1, r)).collect());
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|_| unreadable("CSV 表头无法读取", "The CSV header cannot be read"))?.iter().map(|h| h.trim().to_owned()).collect();
    let mut at = [0usize; 5];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = headers.iter().position(|h| h == name).ok_or_else(|| {
            unreadable(&format!("表头缺少 {name} 列（需要 {}）", COLUMNS.join(",")), &format!("The header has no {name} column (it needs {})", COLUMNS.join(",")))
        })?;
    }
    let mut out = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let record = record.map_err(|e| unreadable(&format!("第 {line} 行无法读取：{e}"), &format!("Line {line} cannot be read: {e}")))?;
        let get = |i: usize| record.get(at[i]).unwrap_or("").trim().to_owned();
        out.push((line, RawPayment { credit_code: get(0), month: get(1), amount: get(2), reference: get(3), paid_on: get(4) }));
    }
    Ok(out)
}

fn unreadable(zh: &str, en: &str) -> BadRow {
    bad(1, "file", &Issue::formatted("payment.file", zh.to_owned(), en.to_owned()))
}

fn is_reference(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks one row (its unit not yet looked up): `(code, month, amount, paid_on)`.
fn check(line: u64, r: &RawPayment, today: Date) -> Result<(CreditCode, Month, Fen, Date), BadRow> {
    let code = CreditCode::parse(&r.credit_code).map_err(|i| bad(line, "credit_code", &i))?.value;
    let month = Month::parse(r.month.trim())
        .filter(|m| *m <= Month::of(today))
        .ok_or_else(|| bad(line, "month", &Issue::new("payment.month", "所属期应为 YYYY-MM，且不晚于本月", "The month is YYYY-MM, not after this month")))?;
    let amount = Fen::parse_yuan(&r.amount).map_err(|i| bad(line, "amount", &i))?.value;
    if amount.0 <= 0 {
        return Err(bad(line, "amount", &Issue::new("payment.amount", "金额应大于零", "The amount must be more than zero")));
    }
    if !is_reference(r.reference.trim()) {
        return Err(bad(line, "reference", &Issue::new("payment.reference", "缴款凭证号应为 1–64 位字母、数字、- 或 _", "The payment reference has 1 to 64 letters, digits, - or _")));
    }
    let paid_on = Date::parse_iso(r.paid_on.trim())
        .filter(|d| *d <= today && *d >= month.first_day())
        .ok_or_else(|| bad(line, "paid_on", &Issue::new("payment.paid_on", "到账日期应为 YYYY-MM-DD，不早于所属期、不晚于今天", "The date paid is YYYY-MM-DD, not before the month, not after today")))?;
    Ok((code, month, amount, paid_on))
}

/// Checks every row and finds its unit: the payments to take, or every bad row.
pub async fn resolve(store: &dyn super::Db, rows: &[(u64, RawPayment)], today: Date) -> Result<Result<Vec<Payment>, Vec<BadRow>>, StoreError> {
    let mut bad_rows = Vec::new();
    if rows.len() > MAX_ROWS {
        bad_rows.push(unreadable(&format!("一个文件最多 {MAX_ROWS} 行"), &format!("A file has at most {MAX_ROWS} rows")));
        return Ok(Err(bad_rows));
    }
    let mut units: HashMap<String, Option<i64>> = HashMap::new();
    let mut seen: HashMap<String, (u64, Payment)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, raw) in rows {
        let (code, month, amount, paid_on) = match check(*line, raw, today) {
            Ok(checked) => checked,
            Err(b) => {
                bad_rows.push(b);
                continue;
            }
        };
        let unit = match units.get(code.as_str()) {
            Some(u) => *u,
            None => {
                let u = store.unit_by_code(code.as_str()).await?.map(|u| u.id);
                units.insert(code.as_str().to_owned(), u);
                u
            }
        };
        let Some(unit_id) = unit else {
            bad_rows.push(bad(*line, "credit_code", &Issue::new("payment.unknown_unit", "台账中没有该单位", "The ledger has no such unit")));
            continue;
        };
        let p = Payment { line: *line, unit_id, month: month.to_string(), amount: amount.0, reference: raw.reference.trim().to_owned(), paid_on: paid_on.iso() };
        if let Some((first, earlier)) = seen.get(&p.reference) {
            if (Payment { line: *first, ..p.clone() }) != *earlier {
                let issue = Issue::formatted(
                    "payment.reference_repeated",
                    format!("缴款凭证号与第 {first} 行相同而内容不同"),
                    format!("The payment reference repeats line {first} with other content"),
                );
                bad_rows.push(bad(*line, "reference", &issue));
            }
            // The same payment twice in one file is taken once.
            continue;
        }
        seen.insert(p.reference.clone(), (*line, p.clone()));
        out.push(p);
    }
    Ok(if bad_rows.is_empty() { Ok(out) } else { Err(bad_rows) })
}

/// Imports a file, all or nothing.
pub async fn import(store: &dyn super::Db, bytes: &[u8], today: Date, actor: Option<i64>, now: i64) -> Result<Report, StoreError> {
    let rows = match read(bytes) {
        Ok(rows) => rows,
        Err(b) => return Ok(Report::Refused { bad: vec![b] }),
    };
    let payments = match resolve(store, &rows, today).await? {
        Ok(p) => p,
        Err(bad) => return Ok(Report::Refused { bad }),
    };
    let sha = crate::vault::hex_sha256(bytes);
    Ok(match store.import_payments(&payments, &sha, actor, now).await? {
        Ok(imported) => Report::Imported(imported),
        Err(lines) => Report::Refused {
            bad: lines
                .into_iter()
                .map(|line| {
                    bad(line, "reference", &Issue::new("payment.reference_taken", "该缴款凭证号已导入过，且内容不同", "This payment reference was imported before with other content"))
                })
                .collect(),
        },
    })
}
