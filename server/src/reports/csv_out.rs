//! A report as CSV: UTF-8 with a byte-order mark (so a spreadsheet opens the Chinese right), one
//! header row naming each column in Chinese and English, the rows, the totals row. Money is
//! exact yuan text (`1234.56`), counts are integers.

use std::io::Write;

use app::domain::Fen;

use super::{Cell, Filter, Report, Sink};

pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write + Send> CsvSink<W> {
    pub fn new(mut w: W) -> std::io::Result<Self> {
        w.write_all("\u{feff}".as_bytes())?;
        Ok(CsvSink { out: csv::Writer::from_writer(w) })
    }

    /// The writer, flushed.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }

    fn record(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        let fields = cells.iter().map(|c| match c {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Fen(f) => Fen(*f).decimal(),
        });
        self.out.write_record(fields).map_err(std::io::Error::other)
    }
}

impl<W: Write + Send> Sink for CsvSink<W> {
    fn header(&mut self, report: Report, _filter: &Filter) -> std::io::Result<()> {
        self.out.write_record(report.columns().iter().map(|c| format!("{} {}", c.zh, c.en))).map_err(std::io::Error::other)
    }

    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.record(cells)
    }

    fn finish(&mut self, totals: &[Cell]) -> std::io::Result<()> {
        self.record(totals)?;
        self.out.flush()
    }
}
