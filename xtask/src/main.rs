//! `cargo xtask <command>`: the project's build, run, test and measurement commands.
//!
//! Each command installs what it needs and is missing (the wasm target, the pinned
//! wasm-bindgen CLI, the npm tools, and for tests Chromium), so each works on a fresh machine.

mod bench;
mod bench_ledger;
mod build;
mod e2e;
mod run;
mod size;
mod test;
mod tools;
mod util;

const USAGE: &str = "usage: cargo xtask <command>

  build     build the deployable site into target/site
  run       build everything and start the server (embedded SQLite, demo data)
  test      run every test: native, browser (wasm-bindgen-test), end to end, size budget
  size      print the shell's bytes (raw / gzip / brotli) and check the budget
  bench     measure: sizes, the rules natively, typing/outbox/sync in Chromium
  setup     install the tools the other commands need";

fn main() -> std::process::ExitCode {
    match dispatch() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn dispatch() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("build") => build::site().map(|_| ()),
        Some("run") => run::run(rest),
        Some("test") => test::all(rest),
        Some("size") => size::report(true).map(|_| ()),
        Some("bench") => bench::all(rest),
        Some("setup") => tools::setup(true),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}
