//! `cargo xtask build`: the workspace → a deployable site in `target/site`.
//!
//! 1. the app to wasm with the size profile, twice: the public bundle and the staff bundle
//!    (the same app with the review desk and the audit log, loaded only on their addresses);
//! 2. wasm-bindgen (the CLI pinned to the crate's version);
//! 3. `wasm-opt` (size passes, see [`WASM_OPT`]) from the npm package `binaryen`;
//! 4. the scripts minified (terser), every asset renamed with its content hash and every reference rewritten;
//! 5. the service worker's precache list written from the files actually produced;
//! 6. `.br` and `.gz` siblings for whatever compresses.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

use crate::tools;
use crate::util::{self, cargo, npm_bin, run};

/// Names served as-is (revalidated on every visit); everything else gets a content hash.
const STABLE: &[&str] = &["index.html", "sw.js", "manifest.webmanifest"];
/// Sources in `public/` that are not part of the site.
const SOURCE_ONLY: &[&str] = &["py"];
/// Extensions worth precompressing.
const COMPRESSIBLE: &[&str] = &["html", "js", "css", "wasm", "webmanifest", "json", "svg", "txt"];

/// The built site.
pub struct Site {
    pub dir: PathBuf,
    /// URL paths the service worker precaches.
    pub precache: Vec<String>,
}

/// wasm-opt's passes, judged by the shell's brotli bytes (the public bundle, the same input,
/// 2026-11-23): `-Oz` alone 300,712 B; `-Oz --converge` (repeat until nothing shrinks)
/// 299,185 B; plus `--low-memory-unused` 297,814 B. The last lets wasm-opt fold constant
/// offsets into loads and stores, which is sound when the first 1 KiB of memory is never
/// addressed: rustc links wasm32 with the stack first (`__stack_pointer` starts at 1 MiB and
/// grows down, the data follows it), so only a stack already overflowed by ~1 MiB reaches it.
/// (`-Os --converge --low-memory-unused` was 1.4 KB smaller still; the issue asks for `-Oz`.)
const WASM_OPT: &[&str] = &["-Oz", "--converge", "--low-memory-unused"];

/// The two bundles: the public one (every phone) and the staff one (the same app with the
/// agency's screens, loaded only on their addresses; never precached, not in the shell).
const BUNDLES: [(&str, &str); 2] = [("app", "csr"), ("staff", "csr,staff")];

/// Files of the staff bundle (`/staff-<hash>.js`, `.wasm`).
pub fn is_staff_file(served: &str) -> bool {
    served.starts_with("/staff-") || served.starts_with("/staff.")
}

/// Builds the whole site.
pub fn site() -> anyhow::Result<Site> {
    tools::setup(false)?;
    let staging = util::target_dir().join("site-build");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging)?;
    for (name, features) in BUNDLES {
        let wasm = compile_wasm(features)?;
        run(Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", name, "--out-dir"])
            .arg(&staging)
            .arg(&wasm))?;
        run(Command::new(npm_bin("wasm-opt"))
            .args(WASM_OPT)
            .arg(staging.join(format!("{name}_bg.wasm")))
            .arg("-o")
            .arg(staging.join(format!("{name}_opt.wasm"))))?;
    }
    let site = assemble(&staging, &util::site_dir())?;
    eprintln!("site written to {} ({} files precached)", site.dir.display(), site.precache.len());
    Ok(site)
}

/// The app compiled with `features`; both builds write the same file, so it is read before
/// the next one.
fn compile_wasm(features: &str) -> anyhow::Result<PathBuf> {
    run(cargo().args([
        "build", "--package", "app", "--lib", "--features", features,
        "--target", "wasm32-unknown-unknown", "--profile", "wasm-release",
    ]))?;
    Ok(util::target_dir().join("wasm32-unknown-unknown/wasm-release/app.wasm"))
}

/// The site directory being written: logical path → served path.
struct Writer {
    out: PathBuf,
    renames: BTreeMap<String, String>,
    hashed: Vec<String>,
}

impl Writer {
    /// Writes `bytes` as `stem-<hash>.ext` and remembers the rename of `logical`.
    fn hashed(&mut self, logical: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let (dir, name) = logical.rsplit_once('/').unwrap_or(("", logical));
        let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
        let served = format!("{dir}/{stem}-{}.{ext}", content_hash(bytes));
        self.write(&served, bytes)?;
        self.renames.insert(logical.to_owned(), served.clone());
        self.hashed.push(served);
        Ok(())
    }

    fn write(&self, served: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.out.join(served.trim_start_matches('/'));
        fs::create_dir_all(path.parent().expect("a file under the site"))?;
        fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    /// `text` with every quoted reference to a renamed file pointing at its new name.
    fn rewrite(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (from, to) in &self.renames {
            for q in ['"', '\''] {
                text = text.replace(&format!("{q}{from}{q}"), &format!("{q}{to}{q}"));
            }
        }
        text
    }
}

fn assemble(staging: &Path, out: &Path) -> anyhow::Result<Site> {
    let public = util::root().join("public");
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out)?;
    let mut w = Writer { out: out.to_path_buf(), renames: BTreeMap::new(), hashed: Vec::new() };

    for (name, _) in BUNDLES {
        w.hashed(&format!("/{name}.wasm"), &fs::read(staging.join(format!("{name}_opt.wasm")))?)?;
        let glue = fs::read_to_string(staging.join(format!("{name}.js")))?;
        w.hashed(&format!("/{name}.js"), minify_module(&glue)?.as_bytes())?;
    }
    // Leaves first (styles, icons), then the files that name them.
    let mut later = Vec::new();
    for file in files_under(&public)? {
        let logical = format!("/{}", file.strip_prefix(&public)?.to_string_lossy().replace('\\', "/"));
        let ext = logical.rsplit('.').next().unwrap_or("");
        if SOURCE_ONLY.contains(&ext) {
            continue;
        }
        let name = logical.rsplit('/').next().unwrap_or("");
        if STABLE.contains(&name) || ext == "js" {
            later.push((logical, file));
        } else {
            w.hashed(&logical, &fs::read(&file)?)?;
        }
    }
    // Scripts other than the worker (boot.js) name the glue and the wasm.
    for (logical, file) in later.iter().filter(|(l, _)| !STABLE.iter().any(|s| l.ends_with(s))) {
        let text = w.rewrite(&fs::read_to_string(file)?);
        w.hashed(logical, minify_module(&text)?.as_bytes())?;
    }
    for name in ["manifest.webmanifest", "index.html"] {
        let text = w.rewrite(&fs::read_to_string(public.join(name))?);
        check_references(name, &text, out)?;
        w.write(&format!("/{name}"), text.as_bytes())?;
    }
    let mut precache = vec!["/index.html".to_owned(), "/manifest.webmanifest".to_owned()];
    precache.extend(w.hashed.iter().filter(|f| !is_staff_file(f)).cloned());
    precache.sort();
    let worker = service_worker(&fs::read_to_string(public.join("sw.js"))?, &precache, out)?;
    w.write("/sw.js", worker.as_bytes())?;
    for file in files_under(out)? {
        compress(&file)?;
    }
    Ok(Site { dir: out.to_path_buf(), precache })
}

/// An ES module minified by terser (pinned in `package.json`): wasm-bindgen's glue shrinks
/// from 9,244 to 7,327 bytes brotli (as `cargo xtask size` counts). Names the wasm imports are
/// looked up by are object keys, which terser keeps. The service worker stays as written (it
/// is small, and readable on a phone's inspector is worth more than its few hundred bytes).
fn minify_module(source: &str) -> anyhow::Result<String> {
    let mut child = Command::new(npm_bin("terser"))
        .args(["--module", "--compress", "--mangle"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("starting terser (npm ci installs it)")?;
    child.stdin.take().expect("piped stdin").write_all(source.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("terser failed on a script of {} bytes", source.len());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The worker with its precache list and a version that changes whenever any cached byte does.
fn service_worker(template: &str, precache: &[String], out: &Path) -> anyhow::Result<String> {
    let mut version = Sha256::new();
    for url in precache {
        version.update(url.as_bytes());
        version.update(fs::read(out.join(url.trim_start_matches('/')))?);
    }
    let version = hex(&version.finalize()[..8]);
    let list = serde_json::to_string(precache)?;
    let (list_marker, version_marker) = ("/*PRECACHE*/[]", "/*VERSION*/'dev'");
    if !template.contains(list_marker) || !template.contains(version_marker) {
        bail!("public/sw.js lost its {list_marker} / {version_marker} markers");
    }
    Ok(template.replace(list_marker, &list).replace(version_marker, &format!("'{version}'")))
}

/// Every quoted absolute path in `text` must exist in the site: a stale reference fails the
/// build rather than a phone.
fn check_references(name: &str, text: &str, out: &Path) -> anyhow::Result<()> {
    for part in text.split('"').skip(1).step_by(2) {
        let is_local_file = part.starts_with('/') && part.len() > 1 && part.contains('.') && !part.starts_with("//");
        if is_local_file && !out.join(part.trim_start_matches('/')).is_file() {
            bail!("{name} refers to {part}, which the build did not produce");
        }
    }
    Ok(())
}

fn compress(file: &Path) -> anyhow::Result<()> {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !COMPRESSIBLE.contains(&ext) {
        return Ok(());
    }
    let raw = fs::read(file)?;
    let gz = gzip(&raw)?;
    if gz.len() < raw.len() {
        fs::write(with_suffix(file, "gz"), gz)?;
    }
    let br = brotli(&raw)?;
    if br.len() < raw.len() {
        fs::write(with_suffix(file, "br"), br)?;
    }
    Ok(())
}

pub fn gzip(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(raw)?;
    Ok(enc.finish()?)
}

pub fn brotli(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The first 16 hex digits of the SHA-256 of `bytes` (the server recognises this shape as
/// immutable).
pub fn content_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes)[..8])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
