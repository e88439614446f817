//! A report written to a file, whole or not at all: produced into a temporary file beside it
//! and renamed into place only once complete (a failure leaves no half-written report).

use std::path::Path;

use app::domain::Date;

use super::csv_out::CsvSink;
use super::html_out::HtmlSink;
use super::produce::ProduceError;
use super::xlsx_out::XlsxSink;
use super::{produce, Filter, Report, ReportStore};
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    /// A page to print.
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// Produces the report into a temporary file in `dir` (removed when the returned handle drops)
/// and returns it with the rows written; read it through `reopen`.
pub async fn produce_to_temp(
    store: &dyn ReportStore,
    vault: &Vault,
    report: Report,
    filter: &Filter,
    format: Format,
    today: Date,
    dir: &Path,
) -> Result<(tempfile::NamedTempFile, u64), ProduceError> {
    let file = tempfile::NamedTempFile::new_in(dir)?;
    let rows = match format {
        Format::Csv => {
            let mut sink = CsvSink::new(std::io::BufWriter::new(file.reopen()?))?;
            let rows = produce(store, vault, report, filter, today, &mut sink).await?;
            sink.into_inner()?.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            rows
        }
        Format::Html => {
            let mut sink = HtmlSink::new(std::io::BufWriter::new(file.reopen()?));
            let rows = produce(store, vault, report, filter, today, &mut sink).await?;
            sink.into_inner().into_inner().map_err(|e| e.into_error())?.sync_all()?;
            rows
        }
        Format::Xlsx => {
            let mut sink = XlsxSink::new(dir)?;
            let rows = produce(store, vault, report, filter, today, &mut sink).await?;
            let out = file.reopen()?;
            // Zipping a large workbook is seconds of CPU: off the async threads.
            tokio::task::spawn_blocking(move || {
                let mut w = std::io::BufWriter::new(out);
                sink.save(&mut w)?;
                w.into_inner().map_err(|e| e.into_error())?.sync_all()
            })
            .await
            .map_err(std::io::Error::other)??;
            rows
        }
    };
    Ok((file, rows))
}

/// Produces the report into `out`, replacing it only when complete.
pub async fn produce_to_path(
    store: &dyn ReportStore,
    vault: &Vault,
    report: Report,
    filter: &Filter,
    format: Format,
    today: Date,
    out: &Path,
) -> Result<u64, ProduceError> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (file, rows) = produce_to_temp(store, vault, report, filter, format, today, dir).await?;
    file.persist(out).map_err(|e| e.error)?;
    Ok(rows)
}
