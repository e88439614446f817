//! 报表 on screen: what `GET REPORT?…&format=json` answers — the report's first rows as they
//! print (money as yuan, counts as digits), its totals over every row, and how many rows the
//! download holds. The same endpoint with `format=xlsx|csv` is the download.

use serde::{Deserialize, Serialize};

/// Rows shown on screen; the download holds them all.
pub const PREVIEW_ROWS: usize = 100;

/// The reports, by the name in the address, with their Chinese and English titles.
pub const REPORTS: [(&str, &str, &str); 7] = [
    ("unit-statement", "单位缴费核定单", "Unit contribution statement"),
    ("roster", "参保人员花名册", "Roster of insured persons"),
    ("arrears", "欠费明细", "Arrears"),
    ("insured-stats", "参保统计", "Insured persons by region, insurance and month"),
    ("case-stats", "业务办理统计", "Cases by kind, status, operator and month"),
    ("benefit-payments", "待遇发放明细", "Benefit payments"),
    ("person-record", "个人参保缴费证明", "Personal contribution record"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewColumn {
    pub zh: String,
    pub en: String,
    /// Right-aligned (money or a count).
    pub number: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPreview {
    pub title_zh: String,
    pub title_en: String,
    /// `YYYY-MM – YYYY-MM`.
    pub period: String,
    pub columns: Vec<PreviewColumn>,
    /// At most [`PREVIEW_ROWS`].
    pub rows: Vec<Vec<String>>,
    pub totals: Vec<String>,
    /// Every row of the report (the totals row aside).
    pub count: u64,
}
