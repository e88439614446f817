//! `shebao-server check`: one JSON object per value or row, exit 0 only when all are valid.

use std::process::Command;

fn check(args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_shebao-server")).arg("check").args(args).output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (out.status.code().unwrap(), lines)
}

#[test]
fn a_valid_value_exits_zero_with_its_normal_form() {
    let (status, lines) = check(&["id-number", " 61010462092769０ "]);
    assert_eq!(status, 0);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["normalized"], "610104196209276908");
    assert_eq!(lines[0]["warnings"][0]["code"], "id_number.upgraded");
    assert_eq!(lines[0]["errors"], serde_json::json!([]));
}

#[test]
fn an_invalid_value_exits_one_with_the_forms_message() {
    let (status, lines) = check(&["credit-code", "9144030071526726XH"]);
    assert_eq!(status, 1);
    assert_eq!(lines[0]["valid"], false);
    assert_eq!(lines[0]["normalized"], serde_json::Value::Null);
    let error = &lines[0]["errors"][0];
    assert_eq!(error["code"], "credit_code.checksum");
    let same = app::domain::CreditCode::parse("9144030071526726XH").unwrap_err();
    assert_eq!(error["message"], same.zh.as_ref());
    assert_eq!(error["message_en"], same.en.as_ref());
}

#[test]
fn a_csv_reports_every_row_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "\u{feff}name,id_number,mobile\n王小明,320102199003071239,13800138000\n\"张3\",110101199003078671,1\n",
    )
    .unwrap();
    let (status, lines) = check(&["people", file.to_str().unwrap()]);
    assert_eq!(status, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0]["row"].as_i64(), lines[0]["valid"].as_bool()), (Some(2), Some(true)));
    assert_eq!(lines[1]["row"], 3);
    let codes: Vec<&str> = lines[1]["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["name.digits", "id_number.checksum", "mobile.format"]);
    assert_eq!(lines[1]["errors"][0]["field"], "name");

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "name,id_number\n王小明,320102199003071239\n").unwrap();
    assert_eq!(check(&["people", good.to_str().unwrap()]).0, 0);
}

#[test]
fn a_csv_without_the_needed_columns_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("units.csv");
    std::fs::write(&file, "name\nx\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shebao-server")).args(["check", "employers"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unit_name"));
}

#[test]
fn the_statutory_calculations_answer_from_the_command_line() {
    let (status, lines) = check(&["retirement", "--born", "1967-05", "--category", "male"]);
    assert_eq!((status, lines[0]["statutory_age"]["zh"].as_str(), lines[0]["retirement_month"].as_str()), (0, Some("60岁8个月"), Some("2028-01")));
    let (status, lines) = check(&["retirement", "--born", "1975-03", "--category", "female-50"]);
    assert_eq!((status, lines[0]["retirement_month"].as_str()), (0, Some("2025-05")));
    let (status, lines) = check(&["pension", "--base", "12049", "--index", "0.8", "--years", "30", "--balance", "139000", "--age-months", "720"]);
    assert_eq!((status, lines[0]["total_fen"].as_i64(), lines[0]["annuity_months"].as_str()), (0, Some(425_323), Some("139.0")));
    let (status, lines) = check(&["unemployment", "--months-contributed", "60", "--carried", "10"]);
    assert_eq!((status, lines[0]["months"].as_u64()), (0, Some(24)));
    let (status, lines) = check(&["injury", "--grade", "7", "--wage", "3000", "--average", "6000"]);
    assert_eq!((status, lines[0]["lump_sum_fen"].as_i64()), (0, Some(4_680_000)));
    // A bad argument is answered per field, exit 1.
    let (status, lines) = check(&["injury", "--grade", "0", "--wage", "3000", "--average", "6000"]);
    assert_eq!((status, lines[0]["errors"][0]["code"].as_str()), (1, Some("injury.grade")));
}

#[test]
fn the_calculations_use_the_policy_file_given() {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("../data/policy.json")).unwrap();
    v["work_injury_benefits"]["lump_sum_months"][6] = 14.into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let (status, lines) = check(&["injury", "--grade", "7", "--wage", "3000", "--average", "6000", "--policy-file", file.to_str().unwrap()]);
    assert_eq!((status, lines[0]["lump_sum_fen"].as_i64()), (0, Some(14 * 360_000)));
}
