//! A report on screen: the first rows as they print and the totals over all of them.

use app::api::reports::{PreviewColumn, ReportPreview, PREVIEW_ROWS};
use app::domain::Fen;

use super::{Cell, Filter, Kind, Report, Sink};

#[derive(Default)]
pub struct PreviewSink {
    pub preview: Option<ReportPreview>,
}

fn shown(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Fen(f) => Fen(*f).yuan(),
        })
        .collect()
}

impl Sink for PreviewSink {
    fn header(&mut self, report: Report, filter: &Filter) -> std::io::Result<()> {
        let (zh, en) = report.title();
        self.preview = Some(ReportPreview {
            title_zh: zh.into(),
            title_en: en.into(),
            period: format!("{} – {}", filter.from, filter.to),
            columns: report.columns().iter().map(|c| PreviewColumn { zh: c.zh.into(), en: c.en.into(), number: c.kind != Kind::Text }).collect(),
            rows: Vec::new(),
            totals: Vec::new(),
            count: 0,
        });
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        if let Some(p) = self.preview.as_mut() {
            p.count += 1;
            if p.rows.len() < PREVIEW_ROWS {
                p.rows.push(shown(cells));
            }
        }
        Ok(())
    }

    fn finish(&mut self, totals: &[Cell]) -> std::io::Result<()> {
        if let Some(p) = self.preview.as_mut() {
            p.totals = shown(totals);
        }
        Ok(())
    }
}
