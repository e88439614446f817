//! `shebao-server report` through the binary: the demo ledger's 参保统计 as XLSX (numbers in
//! the cells, a totals row equal to the rows' sum), the arrears as CSV, and what it refuses —
//! a statement without a unit, a month that is not one — with nothing written.

use std::process::Command;

use calamine::{Data, Reader, Xlsx};

const KEY: &str = "0101010101010101010101010101010101010101010101010101010101010101\
0202020202020202020202020202020202020202020202020202020202020202";

fn server(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shebao-server"))
        .args(args)
        .env("SHEBAO_DATA_DIR", dir)
        .env("SHEBAO_KEY", KEY)
        .env_remove("DATABASE_URL")
        .env_remove("SHEBAO_KEY_FILE")
        .output()
        .unwrap()
}

#[test]
fn reports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = server(dir.path(), &["registry", "seed", "--count", "200"]);
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));

    let out = dir.path().join("insured.xlsx");
    let made = server(dir.path(), &["report", "insured-stats", "--from", "2024-07", "--to", "2024-12", "--format", "xlsx", "--out", out.to_str().unwrap()]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let said: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    assert_eq!(said["report"], "insured-stats");
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().skip(4).collect();
    assert_eq!(rows.len() as u64, said["rows"].as_u64().unwrap() + 1, "the rows and the totals");
    let count = |r: &[Data]| match r[4] {
        Data::Float(n) => n as i64,
        ref other => panic!("a number, not {other:?}"),
    };
    let (body, total) = rows.split_at(rows.len() - 1);
    assert!(body.iter().map(|r| count(r)).sum::<i64>() > 0, "the demo ledger insures people since July 2024");
    assert_eq!(count(total[0]), body.iter().map(|r| count(r)).sum::<i64>());

    let csv = dir.path().join("arrears.csv");
    let made = server(dir.path(), &["report", "arrears", "--from", "2024-07", "--to", "2024-12", "--format", "csv", "--out", csv.to_str().unwrap()]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("\u{feff}统一社会信用代码 Credit code,"));

    let refused = dir.path().join("refused.xlsx");
    for args in [
        vec!["report", "unit-statement", "--from", "2024-07", "--to", "2024-12", "--out"],
        vec!["report", "arrears", "--from", "2024-13", "--to", "2024-12", "--out"],
    ] {
        let mut args = args.clone();
        args.push(refused.to_str().unwrap());
        let out = server(dir.path(), &args);
        assert!(!out.status.success());
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
        assert!(!refused.exists(), "nothing written when refused");
    }
}
