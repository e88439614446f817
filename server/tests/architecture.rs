//! The server's rooms and who may use whom: the top-level modules of `server/src` form no
//! import circle, and the HTTP plumbing and the database plumbing use no business capability.
//! Read from the source text (every `crate::name` a module writes), so a new `use` that closes
//! a circle fails here with the circle named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules named after `crate::` in `code` (comments skipped), including each
/// name of a `crate::{a, b::c}` group.
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // Top-level names of the group: split on commas outside nested braces.
                let (mut depth, mut name, mut at_start) = (0, String::new(), true);
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            found.extend((!name.is_empty()).then(|| std::mem::take(&mut name)));
                            at_start = true;
                        }
                        c if at_start && depth == 0 && (c.is_ascii_alphanumeric() || c == '_') => name.push(c),
                        c if c.is_whitespace() && name.is_empty() => {}
                        _ => at_start = false,
                    }
                }
                found.extend((!name.is_empty()).then_some(name));
            } else {
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.insert(name);
            }
        }
    }
    found
}

/// module → the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned();
        if module == "lib" || module == "main" {
            continue;
        }
        let code = std::fs::read_to_string(&file).unwrap();
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(uses(&code).into_iter().filter(|m| *m != module));
    }
    // `crate::AppState` and `crate::Store` are re-exports of `state`; `crate::app` of `router`.
    for deps in graph.values_mut() {
        for (alias, real) in [("AppState", "state"), ("Store", "state"), ("app", "router")] {
            if deps.remove(alias) {
                deps.insert(real.into());
            }
        }
    }
    graph
}

/// A circle through `from`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(graph: &BTreeMap<String, BTreeSet<String>>, at: &str, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> Option<Vec<String>> {
        for next in graph.get(at).into_iter().flatten() {
            if next == &path[0] {
                let mut c = path.clone();
                c.push(next.clone());
                return Some(c);
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if let Some(c) = walk(graph, next, path, seen) {
                    return Some(c);
                }
                path.pop();
            }
        }
        None
    }
    walk(graph, from, &mut vec![from.to_owned()], &mut BTreeSet::new())
}

#[test]
fn the_names_of_a_use_are_read() {
    assert_eq!(uses("use crate::{accounts, http::{body, Answer}, store::now_ms};"), ["accounts", "http", "store"].map(String::from).into());
    assert_eq!(uses("let x = crate::vault::hex_sha256(b); // crate::router"), ["vault"].map(String::from).into());
}

#[test]
fn the_server_has_no_import_circle() {
    let graph = graph();
    assert!(graph.len() > 15, "the modules were found: {:?}", graph.keys());
    for module in graph.keys() {
        if let Some(c) = circle(&graph, module) {
            panic!("import circle: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_plumbing_uses_no_capability() {
    let graph = graph();
    let plumbing = ["vault", "store", "config", "telemetry", "http"];
    for module in plumbing {
        let deps = &graph[module];
        let outside: Vec<&String> = deps.iter().filter(|d| !plumbing.contains(&d.as_str())).collect();
        assert!(outside.is_empty(), "{module} uses {outside:?}, which are not plumbing");
    }
}

#[test]
fn no_capability_reaches_for_the_whole_state() {
    let graph = graph();
    let assembly = ["state", "housekeeping", "router", "dev", "serve", "cli"];
    for (module, deps) in &graph {
        if assembly.contains(&module.as_str()) {
            continue;
        }
        let up: Vec<&String> = deps.iter().filter(|d| assembly.contains(&d.as_str())).collect();
        assert!(up.is_empty(), "{module} uses {up:?}: a capability reaches its part of the state through its own `Cx`");
    }
}
