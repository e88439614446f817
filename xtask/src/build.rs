//! `cargo xtask build`: the workspace → a deployable site in `target/site`.
//!
//! 1. the app to wasm with the size profile, twice: the public bundle and the staff bundle
//!    (the same app with the review desk and the audit log, loaded only on their addresses);
//! 2. the public bundle split at its split points (`app/src/split.rs`) into a main module,
//!    modules loaded on first use and the JavaScript that loads them (`__wasm_split.js`);
//! 3. wasm-bindgen (the CLI pinned to the crate's version) on each bundle's main module;
//! 4. `wasm-opt` (size passes, see [`WASM_OPT`]) from the npm package `binaryen`, on every module;
//! 5. the scripts minified (terser), every asset renamed with its content hash and every reference rewritten;
//! 6. the service worker's precache list written from the files actually produced;
//! 7. `.br` and `.gz` siblings for whatever compresses.

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
/// Only the public bundle is split: the staff bundle is small in use and opened on good links.
const BUNDLES: [(&str, &str); 2] = [("app", "csr,split"), ("staff", "csr,staff")];

/// The JavaScript module the splitter writes: it fetches and instantiates the split modules.
const SPLIT_LINK: &str = "__wasm_split.js";
/// Beside the split modules: each split group's modules (group → file stems), from the splitter.
const SPLIT_GROUPS: &str = "groups.json";
/// Where `public/boot.js` takes [`split_files`].
const SPLIT_FILES_MARKER: &str = "/*SPLIT_FILES*/{}";

/// Files of the staff bundle (`/staff-<hash>.js`, `.wasm`).
pub fn is_staff_file(served: &str) -> bool {
    served.starts_with("/staff-") || served.starts_with("/staff.")
}

/// Modules the public bundle loads on first use (`/split_<group>-<hash>.wasm`, and
/// `/chunk_<n>-<hash>.wasm` for code only split groups share): precached, but not part of what
/// a first visit downloads before the app starts.
pub fn is_split_module(served: &str) -> bool {
    served.ends_with(".wasm") && (served.starts_with("/split_") || served.starts_with("/chunk_"))
}

/// Files the app fetches only when a screen needs them: the split modules and the help
/// articles (`public/help/`, which the help screen fetches). Precached, not in the shell.
pub fn is_loaded_on_first_use(served: &str) -> bool {
    is_split_module(served) || served.starts_with("/help/")
}

/// Builds the whole site.
pub fn site() -> anyhow::Result<Site> {
    tools::setup(false)?;
    let staging = util::target_dir().join("site-build");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging)?;
    for (name, features) in BUNDLES {
        let split = features.contains("split");
        let mut wasm = compile_wasm(features, split)?;
        if split {
            wasm = split_wasm(&wasm, &staging.join("split"), name)?;
        }
        let mut bindgen = Command::new("wasm-bindgen");
        bindgen.args(["--target", "web", "--no-typescript", "--out-name", name, "--out-dir"]).arg(&staging);
        if split {
            // The split modules import the main module's functions by their linker names.
            bindgen.arg("--keep-lld-exports");
        }
        run(bindgen.arg(&wasm))?;
        wasm_opt(&staging.join(format!("{name}_bg.wasm")), &staging.join(format!("{name}_opt.wasm")))?;
    }
    for module in split_modules(&staging)? {
        wasm_opt(&module, &module)?;
    }
    let site = assemble(&staging, &util::site_dir())?;
    eprintln!("site written to {} ({} files precached)", site.dir.display(), site.precache.len());
    Ok(site)
}

/// The app compiled with `features`; both builds write the same file, so it is read before
/// the next one. A bundle to be split is linked with its relocations, which the splitter reads
/// (only the app crate gets the flag: the dependencies' artefacts stay shared).
fn compile_wasm(features: &str, relocations: bool) -> anyhow::Result<PathBuf> {
    let mut cmd = cargo();
    cmd.args([
        "rustc", "--package", "app", "--lib", "--features", features,
        "--target", "wasm32-unknown-unknown", "--profile", "wasm-release",
    ]);
    if relocations {
        cmd.args(["--", "-Clink-arg=--emit-relocs"]);
    }
    run(&mut cmd)?;
    Ok(util::target_dir().join("wasm32-unknown-unknown/wasm-release/app.wasm"))
}

/// Splits `wasm` at its split points into `dir`: the main module (returned; wasm-bindgen runs
/// on it), one module per split group and per code shared only by groups, and [`SPLIT_LINK`],
/// which imports the glue `./<name>.js` and fetches the modules beside itself.
fn split_wasm(wasm: &Path, dir: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let input = fs::read(wasm)?;
    let main = dir.join(format!("{name}.wasm"));
    let glue = format!("./{name}.js");
    let link = format!("./{SPLIT_LINK}");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = dir;
    opts.main_out_path = &main;
    opts.main_module = &glue;
    opts.link_name = &link;
    let out = wasm_split_cli_support::transform(opts).map_err(|e| anyhow::anyhow!("splitting {}: {e:?}", wasm.display()))?;
    eprintln!("split {} into the main module and {} more", wasm.display(), out.split_modules.len());
    let groups: BTreeMap<&String, &Vec<String>> = out.prefetch_map.iter().collect();
    fs::write(dir.join(SPLIT_GROUPS), serde_json::to_vec(&groups)?)?;
    Ok(main)
}

/// `public/boot.js`'s table of each split group's files, as served: what a first visit to one
/// of the group's screens fetches beside the main module. `{}` for a build without a split.
fn split_files(w: &Writer, staging: &Path) -> anyhow::Result<String> {
    let path = staging.join("split").join(SPLIT_GROUPS);
    if !path.is_file() {
        return Ok("{}".into());
    }
    let groups: BTreeMap<String, Vec<String>> = serde_json::from_slice(&fs::read(path)?)?;
    let mut served = BTreeMap::new();
    for (group, stems) in groups {
        let mut files = Vec::new();
        for stem in stems {
            let file = w.renames.get(&format!("/{stem}.wasm"));
            files.push(file.with_context(|| format!("split group {group} needs {stem}.wasm, which the build did not produce"))?.clone());
        }
        served.insert(group, files);
    }
    Ok(serde_json::to_string(&served)?)
}

/// The modules the splitter wrote (every `.wasm` in `staging/split` but the main one).
fn split_modules(staging: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = staging.join("split");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let main: Vec<String> = BUNDLES.iter().map(|(name, _)| format!("{name}.wasm")).collect();
    let mut modules: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .filter(|p| !main.iter().any(|m| p.ends_with(m)))
        .collect();
    modules.sort();
    Ok(modules)
}

fn wasm_opt(input: &Path, output: &Path) -> anyhow::Result<()> {
    run(Command::new(npm_bin("wasm-opt")).args(WASM_OPT).arg(input).arg("-o").arg(output))
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

/// A split bundle's scripts: each split module named by its content (and so named in the link
/// module), then the glue and the link module, which import each other, named by one hash of
/// the two.
fn split_scripts(w: &mut Writer, staging: &Path, name: &str, glue: &str, link: &str) -> anyhow::Result<()> {
    let mut link = link.to_owned();
    for module in split_modules(staging)? {
        let file = module.file_name().and_then(|f| f.to_str()).context("a split module's name")?.to_owned();
        let quoted = format!("\"./{file}\"");
        if !link.contains(&quoted) {
            bail!("{SPLIT_LINK} does not load {file}");
        }
        w.hashed(&format!("/{file}"), &fs::read(&module)?)?;
        let served = &w.renames[&format!("/{file}")];
        link = link.replace(&quoted, &format!("\".{served}\""));
    }
    let link = minify_module(&link)?;
    let hash = content_hash(format!("{glue}\0{link}").as_bytes());
    let (link_stem, _) = SPLIT_LINK.split_once('.').context("the link module's name")?;
    let (glue_served, link_served) = (format!("/{name}-{hash}.js"), format!("/{link_stem}-{hash}.js"));
    // Only the import statements: the glue also names `./__wasm_split.js` as the key of the
    // wasm's imports, which must stay the name the wasm module asks for.
    let cross = |text: &str, from: &str, to: &str| -> anyhow::Result<String> {
        let mut out = text.to_owned();
        for space in ["", " "] {
            out = out.replace(&format!("from{space}\"./{from}\""), &format!("from{space}\".{to}\""));
        }
        if out == text {
            bail!("a split bundle's script does not import ./{from}");
        }
        Ok(out)
    };
    w.write(&glue_served, cross(glue, SPLIT_LINK, &link_served)?.as_bytes())?;
    w.write(&link_served, cross(&link, &format!("{name}.js"), &glue_served)?.as_bytes())?;
    w.renames.insert(format!("/{name}.js"), glue_served.clone());
    w.hashed.extend([glue_served, link_served]);
    Ok(())
}

fn assemble(staging: &Path, out: &Path) -> anyhow::Result<Site> {
    let public = util::root().join("public");
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out)?;
    let mut w = Writer { out: out.to_path_buf(), renames: BTreeMap::new(), hashed: Vec::new() };

    for (name, _) in BUNDLES {
        w.hashed(&format!("/{name}.wasm"), &fs::read(staging.join(format!("{name}_opt.wasm")))?)?;
        let glue = minify_module(&fs::read_to_string(staging.join(format!("{name}.js")))?)?;
        let link = staging.join("split").join(SPLIT_LINK);
        if glue.contains(SPLIT_LINK) && link.is_file() {
            split_scripts(&mut w, staging, name, &glue, &fs::read_to_string(link)?)?;
        } else {
            w.hashed(&format!("/{name}.js"), glue.as_bytes())?;
        }
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
        } else if ext == "json" {
            // Data (the help articles): written without the source's indentation.
            let value: serde_json::Value = serde_json::from_slice(&fs::read(&file)?).with_context(|| format!("{logical} is not JSON"))?;
            w.hashed(&logical, serde_json::to_string(&value)?.as_bytes())?;
        } else {
            w.hashed(&logical, &fs::read(&file)?)?;
        }
    }
    // Scripts other than the worker (boot.js) name the glue and the wasm.
    for (logical, file) in later.iter().filter(|(l, _)| !STABLE.iter().any(|s| l.ends_with(s))) {
        let mut text = w.rewrite(&fs::read_to_string(file)?);
        if logical == "/boot.js" {
            if !text.contains(SPLIT_FILES_MARKER) {
                bail!("public/boot.js lost its {SPLIT_FILES_MARKER} marker");
            }
            text = text.replace(SPLIT_FILES_MARKER, &split_files(&w, staging)?);
        }
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
