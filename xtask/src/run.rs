//! `cargo xtask run`: build the site and the server, then serve on loopback with the embedded
//! SQLite database under `./data`.

use std::process::Command;

use crate::util::{self, cargo, run as sh};
use crate::build;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    build::site()?;
    sh(cargo().args(["build", "--release", "--package", "server"]))?;
    let bin = util::target_dir().join("release/shebao-server");
    let mut cmd = Command::new(bin);
    cmd.arg("serve")
        .arg("--site-dir")
        .arg(util::site_dir())
        .arg("--data-dir")
        .arg(util::root().join("data"))
        .args(args);
    sh(&mut cmd)
}
