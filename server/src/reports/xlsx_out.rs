//! A report as XLSX (rust_xlsxwriter in its constant-memory mode: each row goes to a temporary
//! file as it is written, so a large report is never held whole): a title and the parameters,
//! the header, the rows with numbers as numbers (money as yuan with two decimals), the totals in
//! bold; set up to print on A4 with the header repeated on every page. A report longer than a
//! sheet goes on in the next sheet.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Filter, Kind, Report, Sink};

/// The rows a sheet holds (Excel's limit).
const SHEET_ROWS: u32 = 1_048_576;
/// The header's row; data starts on the next.
const HEADER_ROW: u32 = 3;
/// Paper size 9: A4.
const A4: u8 = 9;

pub struct XlsxSink {
    book: Workbook,
    report: Option<Report>,
    subtitle: String,
    sheet: usize,
    row: u32,
    money: Format,
    count: Format,
    bold: Format,
    bold_money: Format,
}

fn io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl XlsxSink {
    /// A workbook whose temporary files go to `tmp`.
    pub fn new(tmp: &std::path::Path) -> std::io::Result<Self> {
        let mut book = Workbook::new();
        book.set_tempdir(tmp).map_err(io)?;
        Ok(XlsxSink {
            book,
            report: None,
            subtitle: String::new(),
            sheet: 0,
            row: 0,
            money: Format::new().set_num_format("#,##0.00"),
            count: Format::new().set_num_format("#,##0"),
            bold: Format::new().set_bold(),
            bold_money: Format::new().set_bold().set_num_format("#,##0.00"),
        })
    }

    /// Saves the workbook to `w`.
    pub fn save(mut self, w: impl Write + Send) -> std::io::Result<()> {
        self.book.save_to_writer(w).map_err(io)
    }

    fn sheet(&mut self) -> std::io::Result<&mut Worksheet> {
        self.book.worksheet_from_index(self.sheet).map_err(io)
    }

    /// A new sheet with the title, the parameters and the header.
    fn start_sheet(&mut self) -> std::io::Result<()> {
        let report = self.report.expect("the header comes first");
        let (zh, en) = report.title();
        let n = self.book.worksheets_mut().len();
        let sheet = self.book.add_worksheet_with_constant_memory().map_err(io)?;
        sheet.set_name(if n == 0 { zh.to_owned() } else { format!("{zh}（{}）", n + 1) }).map_err(io)?;
        sheet.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW).map_err(io)?;
        let bold = self.bold.clone();
        sheet.write_string_with_format(0, 0, format!("{zh} {en}"), &bold).map_err(io)?;
        sheet.write_string(1, 0, &self.subtitle).map_err(io)?;
        for (i, c) in report.columns().iter().enumerate() {
            let i = u16::try_from(i).map_err(std::io::Error::other)?;
            sheet.set_column_width(i, if c.kind == Kind::Text { 18 } else { 14 }).map_err(io)?;
            sheet.write_string_with_format(HEADER_ROW, i, format!("{}\n{}", c.zh, c.en), &bold).map_err(io)?;
        }
        self.sheet = n;
        self.row = HEADER_ROW + 1;
        Ok(())
    }

    fn write(&mut self, cells: &[Cell], total: bool) -> std::io::Result<()> {
        if self.row == SHEET_ROWS {
            self.start_sheet()?;
        }
        let (row, money, count, bold) = (self.row, if total { self.bold_money.clone() } else { self.money.clone() }, self.count.clone(), self.bold.clone());
        let sheet = self.sheet()?;
        for (i, c) in cells.iter().enumerate() {
            let i = u16::try_from(i).map_err(std::io::Error::other)?;
            match c {
                // Nothing in the cell (a blank, not an empty string).
                Cell::Text(s) if s.is_empty() => continue,
                Cell::Text(s) if total => sheet.write_string_with_format(row, i, s, &bold),
                Cell::Text(s) => sheet.write_string(row, i, s),
                // Exact below 2^53 fen (ninety trillion yuan): the nearest double to the amount.
                Cell::Fen(f) => sheet.write_number_with_format(row, i, *f as f64 / 100.0, &money),
                Cell::Count(n) => sheet.write_number_with_format(row, i, *n as f64, &count),
            }
            .map_err(io)?;
        }
        self.row += 1;
        Ok(())
    }
}

impl Sink for XlsxSink {
    fn header(&mut self, report: Report, filter: &Filter) -> std::io::Result<()> {
        self.report = Some(report);
        self.subtitle = format!("费款所属期 Period: {} – {}", filter.from, filter.to);
        self.start_sheet()
    }

    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.write(cells, false)
    }

    fn finish(&mut self, totals: &[Cell]) -> std::io::Result<()> {
        self.write(totals, true)
    }
}
