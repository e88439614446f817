//! Turns `data/divisions.csv` (the Ministry of Civil Affairs list, see divisions.SOURCE.txt)
//! into the compact form the domain module embeds: one line per division, the code as the
//! difference from the previous code, then the name (`110000北京市\n101东城区\n…`). Parents are
//! not stored: they follow from the code (see `domain/divisions.rs`). 80 KB of CSV becomes
//! 39.5 KB of text and ~15 KB brotli.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=data/divisions.csv");
    let csv = std::fs::read_to_string("data/divisions.csv").expect("data/divisions.csv");
    let mut out = String::with_capacity(40_000);
    let mut previous = 0u32;
    for (n, line) in csv.lines().enumerate().skip(1) {
        let mut cols = line.split(',');
        let code: u32 = cols
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("divisions.csv line {}: bad code", n + 1));
        let name = cols.next().unwrap_or_else(|| panic!("divisions.csv line {}: no name", n + 1));
        assert!(code > previous, "divisions.csv must be sorted by code (line {})", n + 1);
        assert!(!name.is_empty() && !name.contains('\n'), "divisions.csv line {}: bad name", n + 1);
        writeln!(out, "{}{}", code - previous, name).unwrap();
        previous = code;
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("divisions.txt");
    std::fs::write(dest, out).expect("writing divisions.txt");
}
