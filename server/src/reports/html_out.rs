//! A report as a page to print (A4, the stylesheet of every printed page): the title and the
//! period, then one table — its header repeated on each printed page by the browser — with
//! every row and the totals at its foot. No script.

use std::io::Write;

use app::domain::Fen;

use super::{Cell, Filter, Kind, Report, Sink};
use crate::http::html::esc;

pub struct HtmlSink<W: Write> {
    out: W,
    numbers: Vec<bool>,
}

impl<W: Write + Send> HtmlSink<W> {
    pub fn new(out: W) -> Self {
        HtmlSink { out, numbers: Vec::new() }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    fn cells(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.out.write_all(b"<tr>")?;
        for (c, number) in cells.iter().zip(&self.numbers) {
            let text = match c {
                Cell::Text(s) => esc(s),
                Cell::Count(n) => n.to_string(),
                Cell::Fen(f) => Fen(*f).yuan(),
            };
            write!(self.out, "{}{text}</td>", if *number { "<td class=\"n\">" } else { "<td>" })?;
        }
        self.out.write_all(b"</tr>")
    }
}

impl<W: Write + Send> Sink for HtmlSink<W> {
    fn header(&mut self, report: Report, filter: &Filter) -> std::io::Result<()> {
        let (zh, en) = report.title();
        self.numbers = report.columns().iter().map(|c| c.kind != Kind::Text).collect();
        write!(
            self.out,
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\"><title>{zh}</title>\
             <link rel=\"stylesheet\" href=\"/voucher.css\"></head><body>\
             <main class=\"voucher report\" data-testid=\"report\"><h1>{zh} <small>{en}</small></h1>\
             <p class=\"note\">费款所属期 Period: {} – {}</p><table class=\"records\"><thead><tr>",
            filter.from, filter.to
        )?;
        for c in report.columns() {
            write!(self.out, "<th>{}<br><small>{}</small></th>", c.zh, c.en)?;
        }
        self.out.write_all(b"</tr></thead><tbody>")
    }

    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.cells(cells)
    }

    fn finish(&mut self, totals: &[Cell]) -> std::io::Result<()> {
        self.out.write_all(b"</tbody><tfoot>")?;
        self.cells(totals)?;
        self.out.write_all(b"</tfoot></table></main></body></html>")?;
        self.out.flush()
    }
}
