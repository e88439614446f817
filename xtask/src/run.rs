//! `cargo xtask run`: build the site and the server, seed the demo registry (100,000 people)
//! if the registry is empty, then serve on loopback in development mode (SMS codes shown at
//! `/dev/sms`) with the embedded SQLite database under `./data`.

use std::process::Command;

use crate::util::{self, cargo, run as sh};
use crate::build;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    build::site()?;
    sh(cargo().args(["build", "--release", "--package", "server"]))?;
    let bin = util::target_dir().join("release/shebao-server");
    let data = util::root().join("data");
    let count = Command::new(&bin).arg("registry").arg("--data-dir").arg(&data).arg("count").output()?;
    if String::from_utf8_lossy(&count.stdout).trim() == "0" {
        println!("seeding the demo registry (100,000 people; once)…");
        sh(Command::new(&bin).arg("registry").arg("--data-dir").arg(&data).args(["seed", "--count", "100000"]))?;
    }
    let mut cmd = Command::new(bin);
    cmd.arg("serve")
        .arg("--dev")
        .arg("--site-dir")
        .arg(util::site_dir())
        .arg("--data-dir")
        .arg(util::root().join("data"))
        .args(args);
    sh(&mut cmd)
}
