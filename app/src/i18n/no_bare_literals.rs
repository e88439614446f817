//! Keeps views honest: no Chinese text and no quoted text nodes or text attributes outside the
//! translation layer. A new view that forgets `tr()` fails here, natively, in milliseconds.

use std::path::{Path, PathBuf};

/// Folders that hold views; `i18n/` and `domain/` are where texts are allowed to live.
const VIEW_DIRS: &[&str] = &["pages", "components", "state"];
const VIEW_FILES: &[&str] = &["app.rs"];
/// Attributes whose value a person reads.
const TEXT_ATTRS: &[&str] = &["placeholder=", "title=", "aria-label=", "alt=", "label="];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Problems in one file's source, as `line: reason`.
fn problems(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if code.chars().any(is_cjk) {
            found.push(format!("{}: Chinese text outside i18n", n + 1));
        }
        // A text node in `view!` is a literal right after a tag's `>`: `<p>"hello"</p>`
        // (not after `=>` or `->`).
        let compact: String = code.split_whitespace().collect();
        for (pos, _) in compact.match_indices(">\"") {
            if pos > 0 && matches!(compact.as_bytes()[pos - 1], b'=' | b'-') {
                continue;
            }
            let literal = compact[pos + 2..].split('"').next().unwrap_or("");
            if literal.chars().any(char::is_alphabetic) {
                found.push(format!("{}: bare text node \"{literal}\"", n + 1));
            }
        }
        for attr in TEXT_ATTRS {
            if let Some(pos) = compact.find(&format!("{attr}\"")) {
                let literal = compact[pos + attr.len() + 1..].split('"').next().unwrap_or("");
                if literal.chars().any(char::is_alphabetic) {
                    found.push(format!("{}: bare {attr}\"{literal}\"", n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn views_have_no_bare_user_facing_literals() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in VIEW_DIRS {
        rust_files(&src.join(dir), &mut files);
    }
    files.extend(VIEW_FILES.iter().map(|f| src.join(f)));
    assert!(files.len() > 3, "the scan found no view files; did the layout move?");
    let mut report = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for p in problems(&text) {
            report.push(format!("{}:{p}", file.display()));
        }
    }
    assert!(report.is_empty(), "user-facing literals must go through i18n:\n{}", report.join("\n"));
}

#[test]
fn the_scanner_catches_what_it_claims_to() {
    assert_eq!(problems("view! { <p>\"Hello\"</p> }").len(), 1);
    assert_eq!(problems("view! { <p>\"提交\"</p> }").len(), 2);
    assert_eq!(problems("<input placeholder=\"Name\"/>").len(), 1);
    assert!(problems("<p class=\"big\">{tr(strings::APP_NAME)}</p>").is_empty());
    assert!(problems("<span>\" · \"</span>").is_empty());
    assert!(problems("// 注释 is fine").is_empty());
    assert!(problems("Reachability::Online => \"net net-online\",").is_empty());
    assert_eq!(problems("<b>\"ok\"</b><i>\"Two\"</i>").len(), 2);
}
