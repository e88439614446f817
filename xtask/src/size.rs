//! `cargo xtask size`: the shell's bytes — every file of the built site raw, gzip and brotli —
//! and the byte budgets CI holds: the shell (what a first visit downloads before the app
//! starts: everything but the modules loaded on first use) and everything the service worker
//! precaches (what a phone downloads to work offline).

use std::fs;

use anyhow::bail;

use crate::build::{brotli, files_under, gzip};
use crate::util;

/// Total brotli bytes of the shell. Moves only down, or up with the reason in the commit.
/// History: 150,000 (the bare shell, 98,735 measured) → 266,000 with the domain rules, the
/// device store, the sync engine and the first form (262,276 measured) → 289,000 with
/// personal registration, login and the account wire types (286,450 measured) → 308,000 with
/// verify-phone, forgot-password, the first-login addresses, assisted registration and the
/// device's signed-in state (306,640 measured) → 363,000 with employer registration (four
/// material slots, blur and resolution checks), 审核进度查询 and the review desk (361,477
/// measured) → 375,000 with the employer's SMS code and its later proof on 审核进度查询, the
/// queue's age range and the admins' audit log page (374,896 measured) → 343,000 with the
/// agency's screens moved to a separate staff bundle (342,538 measured) → 315,000 with Leptos's
/// component erasure on every wasm build (314,907 measured) → 327,000 with the employer's
/// 缴费基数申报 form (326,940 measured) → 325,600 with the outbox forms' shared plumbing in one
/// place (325,504 measured) → 317,600 with the fetch and IndexedDB plumbing no longer copied
/// per type, wasm-opt's `--converge --low-memory-unused`, terser on the scripts and
/// recompressed icons (317,514 measured) → 317,200 after the sync fixes (317,170 measured; the
/// code barely changed, brotli found a better fit) → 317,900 with the outbox forms waiting
/// for photos still being prepared before they can be submitted (317,825 measured); see the
/// commits. → 180,500 with the forms, the account screens and the drafts/sync/settings panels
/// in modules loaded on first use (180,485 measured; until then the shell was everything
/// precached, which is now held by its own budget below) → 180,900 with `boot.js` fetching a
/// split group's modules beside the main one on a first visit to its screens (180,830
/// measured) → 116,400 with the shared state's background work (the device store, the sync
/// engine, the kept policy and sign-in, the JSON plumbing; `app/src/engine.rs`) moved out of
/// the main module, and the account screens and panels joined to it in one common module
/// (116,311 measured) → 116,900 with the ledger's screens: the home screen's role tiles
/// (我的社保, 人员减员) and the new screens' texts, which live in the main module with every
/// text (116,879 measured) → 117,400 with 单位业务 (the unit's roster and statement: its tile,
/// route and texts; 117,380 measured) → 118,000 with 我的信息 and 长辈模式: their texts (in the
/// main module with every text), the home screen's link to the profile, and `boot.js` applying
/// elderly mode before the first paint (117,915 measured) → 118,100 with 手机号变更's texts
/// (118,018 measured) → 120,000 with the home screen's one-time offer of 长辈模式 to a person of
/// 60 or more (its card, `state/elder.rs`, `Me::senior`) and the texts of recovery by e-mail
/// (119,952 measured) → 120,100 after the review moved code between files with no new screen
/// (120,071 measured: the panics' file and line strings in the shell moved with it) → 120,500
/// with the back office: two roles (经办员, 复核员) and their names, the five `/office…`
/// addresses the router must know to hand them to the staff bundle, and the home screen's
/// tile for them (120,405 measured; the screens themselves are in the staff bundle) → 120,600
/// with 预览 on the device forms (its three texts and the sticky bar's style; 120,546 measured)
/// → 120,750 after the back office's person details, base adjustments and pension estimate,
/// which changed no public screen: the main module grew 136 bytes and its script 10; the new
/// texts and addresses are not in any public module (looked for in the built wasm), and the
/// cause was not found (120,704 measured). 122,750 with 通知公告 on the home screen: the unread
/// count and the newest title show from the first paint, offline too, so the notices' state
/// (one signal) and its card are in the shell — 1,975 bytes, of which the card is ~850; three
/// signals instead of one cost 850 more (122,708 measured). 122,950 with 帮助中心 and 数据统计:
/// their two home-screen tiles and addresses, and the policy table's offices (联系我们) in the
/// kept table's reader (122,925 measured). 123,050 with 待遇领取情况's certification line: the
/// card is in the common module, but wasm-split keeps 90 bytes of what it shares with the
/// shell in the main module (123,040 measured; which code was not found) → 123,070 after the
/// review mend of the pensions (a shared index formatter in the domain, a derive dropped):
/// 123,066 measured, 26 bytes not traced. 123,575 with 协助认证: a sixth filing kind in the
/// shell's routes and names, and the field worker's home tile (123,569 measured: the main module
/// +478, the shared chunk +534, the common module −750) → 123,395 after 本人认证 (123,389
/// measured: the main module −208) → 123,560 with 工伤事故申报: a seventh filing kind in the
/// shell's routes and names, and the unit's home tile (123,487 measured) → 123,515 with the
/// audit log's names of the four new actions, whose table the main module carries (123,513)
/// → 123,635 with 失业登记: an eighth filing kind in the shell's routes and names, and the home
/// tile for residents and staff who file for others (123,631 measured) → 123,690 with the
/// statutory stops of 失业保险金: the audit log's name of `unemployment.stop` in the table the
/// main module carries, and the stop reasons' names 我的社保 shows (123,688 measured) →
/// 124,100 with 医疗费用报销 and 新生儿参保: a ninth and a tenth filing kind in the shell's routes
/// and names, their home tiles, and their strings — wasm-split moves functions, not data, so
/// every text of the public bundle is in the main module's data (123,893–124,036 measured over
/// three builds of this work: moving twelve labels between files moved it by 143). The margin
/// is wider than before because the same commit measured 123,688 in one checkout and 123,704
/// in another (a clean clone at another path): a budget 2 bytes over one measurement failed CI
/// → 124,400, the code unchanged: a clean clone measured 123,938 where this checkout measured
/// 123,893–124,036, and the raw wasm differed by one byte while its brotli differed by 88 — the
/// checkout's path reaches the binary, so the margin is set to about 350 over the highest seen
/// → 124,600 with 个人信息变更 and 单位信息变更 from a phone: an eleventh and a twelfth filing
/// kind in the shell's routes and names, their home tiles and their titles (124,200 measured,
/// 124,081 before; the margin kept at about 400 for the checkout's path) → 124,800 with the due
/// list sealed on the phone: the key is forgotten at logout, which the shell does (124,400
/// measured) → 125,000 with a resident's own 工伤认定申请 (第17条 第2款): its home tile and
/// strings (124,623 measured; the margin back to about 400) → 125,100 with the 工伤 form's line
/// on who files it and when (124,721 measured; a clean clone measured 124,629 before it) → down
/// to 125,000 (124,513 measured by a clean clone and here, the same bytes).
pub const SHELL_BROTLI_BUDGET: u64 = 125_000;
/// Total brotli bytes of everything precached (the shell and the modules loaded on first use):
/// what a phone downloads, once per version, to work offline. Moves only down, or up with the
/// reason in the commit. History: 383,700 when the public bundle was first split (383,658
/// measured; 317,825 as one bundle: the modules compress apart, wasm-opt cannot optimise
/// across them, and each carries its own imports and exports) → 384,100 with the same
/// `boot.js` table (384,018 measured) → 378,300 with two modules loaded on first use instead of
/// three (the forms; everything else, the background work included), fewer boundaries to
/// cross (378,152–378,213 measured: the panics' line numbers move it) → 395,700 with the
/// ledger's first screens: the 人员减员 form with its shared rules, and 我的社保 (records,
/// the personal account with its working, the kept answer) with the wire types they read
/// (395,659 measured) → 404,500 with 单位业务 (the roster and the statement with its arrears,
/// late fee and working; 404,464 measured) → 416,000 with 我的信息 (the profile, 修改密码 with its
/// shared rules, 退出所有设备) and 长辈模式 in settings, with their styles (415,117 measured) →
/// 418,300 with 手机号变更 (its form and shared rules; 418,219 measured) → 421,000 with the
/// elderly-mode offer and recovery by e-mail on the 忘记密码 form (420,925 measured) → 421,600
/// with the back office: the shell's part (above), and 我的社保's and 单位业务's views made
/// functions the staff bundle shares (421,482 measured) → 422,800 with 预览 on every outbox form
/// (the frozen form and its confirm bar; 422,706 measured) → 428,900 with what the agency's
/// review made of a filing on the device: the outbox asking after its cases, the review state
/// and its reasons (the wire types' deserialisers), the returned filing's reasons on the status,
/// the sync panel and the fixing form's fields, the back office's styles (428,846 measured) →
/// 430,400 with the 2025 retirement-age reform on the device: the enrolment form's age rule by
/// birth month and category with its messages, and the reform's steps in the kept policy table
/// (430,305 measured; the whole pension policy sent instead cost 4,800 bytes). 439,300 with
/// 通知公告: the shell's share above, and in the common module the notices' screen and the
/// background work that fetches them and keeps them on the device (439,265 measured). 457,000
/// with 帮助中心 and 联系我们 offline: the help articles themselves (4,746 bytes of JSON, fetched
/// by the help screen), and in the common module the two screens and the search (13,000; the
/// search's first cut cost 2,500 more in Unicode case tables and two sorts, now gone)
/// (456,999 measured) → 458,000 with 单位业务's statement to download as Excel or print (two
/// links whose address follows the month: 918 bytes, 457,917 measured) → 462,800 with
/// 待遇领取情况 on 我的社保 (the card, its wire types and its copy kept for offline: 4,864
/// bytes in the common module, 462,781 measured; the shell stayed at 122,949) → 463,450 with
/// the certification's standing on that card (已认证至 / 待认证 / 已暂停, two strings: 463,442
/// measured) → 463,480 after the review mend (463,473 measured) → 480,850 with 协助认证, the
/// field worker's visit form with its due list (the forms module 87,585 → 104,668: about what
/// each of the other forms costs; loaded on the first form opened, 480,843 measured) → 482,830
/// with 本人认证 on 待遇领取情况 and the certification guide in 帮助中心 (482,825 measured: the
/// photo's preparation is now shared by the common module and the forms — the shared chunk
/// +3,198, the forms −4,098, the common module +2,735 — and the help file +327) → 492,020
/// with 工伤: the 工伤事故申报 form with its shared rules and two photo slots in the forms
/// module (105,503), 工伤待遇 on 我的社保 in the common module, and their strings (491,782
/// measured) → 491,945 with the audit log's names of the four new actions (491,941) → 498,800
/// with 失业登记: its form with the shared rules, five causes and a photo slot in the forms module
/// (108,618), 失业保险金 on 我的社保 in the common module, and their strings (498,794 measured)
/// → 499,610 with why a spell stopped on 我的社保 (the five statutory reasons) and the audit
/// log's new name (499,606 measured) → 515,650 with 医疗费用报销 (its form: six receipts, each an
/// amount and a photo slot, the hospital level) and 新生儿参保 (its form with the division
/// picker and the guardian) in the forms module, and 医疗保险 on 我的社保 (claims and children)
/// in the common module (515,174–515,534 measured; the margin as the shell's, for the same reason)
/// → 516,100, the public code unchanged: a clean clone measured 515,651 (CI failed by one byte)
/// where this checkout measures 515,413 — about 450 over the highest seen, for the same reason
/// → 518,800: the receipt numbers on 医疗费用报销 and the 工伤 payments on 我的社保 (a clean
/// clone measured 518,367) → 519,600: 人员减员's 离职日期 field and its 15-day notice (518,695
/// measured), then the seven forms' day checks written once (`forms::check_day`): the forms
/// module lost 939 raw bytes but brotli finds less repetition in it, +343 (a clean clone
/// measured 519,139; the margin as before, for the checkout's path) → 527,600 with 个人信息变更
/// (the mobile and the two addresses, each with its division picker) and 单位信息变更 (the
/// address and the contact) as outbox forms in the forms module, their shared rules and
/// strings, the shell's share above (527,088 measured, 519,136 before: 3,976 bytes a form) →
/// 532,700 with the field worker's due list sealed at rest (`offline/sealed.rs`: PBKDF2 and
/// AES-GCM through Web Crypto, the password step before the download and after a restart, its
/// strings; 532,247 measured, +5,159 — the async steps through `JsFuture` cost more than the
/// calls; a JS-side implementation could save some of it) → 533,200 with a resident's own
/// 工伤认定申请: the shell's share above and the form's late warning naming the person's year
/// (532,735 measured) → 533,400 with the 工伤 form's line on who files it and when (532,936
/// measured; a line shown to a resident only cost 1,951 — a `Show` on the account's role — so
/// the line is shown to all) → 536,100 with the stop of a work injury's monthly benefits on
/// 我的社保 (工伤保险条例 第42条: the month and the statute's reason; 535,493 measured, +2,526:
/// split_common +1,244 for the stop's field and line, split_forms +1,567 in brotli for 4 fewer
/// raw bytes — the compression moved; the same line as text in the status paragraph measured
/// 158 bytes more).
pub const PRECACHED_BROTLI_BUDGET: u64 = 536_100;
/// Where the product wants to be.
pub const SHELL_BROTLI_GOAL: u64 = 130_000;

pub struct Row {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Measures the site in `target/site` (built by `cargo xtask build`), prints the table and,
/// with `enforce`, fails when the shell or everything precached is over budget. The rows are
/// the shell's files, then `total` (the shell) and `precached` (brotli only).
pub fn report(enforce: bool) -> anyhow::Result<Vec<Row>> {
    let dir = util::site_dir();
    if !dir.join("index.html").is_file() {
        bail!("no site in {}; run `cargo xtask build` first", dir.display());
    }
    println!("{:<44} {:>10} {:>10} {:>10}", "shell file", "raw", "gzip -9", "brotli 11");
    let mut rows = Vec::new();
    let mut staff = 0;
    let mut later = 0;
    for file in files_under(&dir)? {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "br" || ext == "gz" {
            continue;
        }
        let raw = fs::read(&file)?;
        let path = format!("/{}", file.strip_prefix(&dir)?.to_string_lossy());
        // The staff bundle is not part of the shell: only the agency's screens load it.
        if crate::build::is_staff_file(&path) {
            staff += brotli(&raw)?.len().min(raw.len()) as u64;
            continue;
        }
        // A file without a smaller sibling is served as is: count it raw.
        let gzip = gzip(&raw)?.len().min(raw.len()) as u64;
        let brotli = brotli(&raw)?.len().min(raw.len()) as u64;
        if crate::build::is_loaded_on_first_use(&path) {
            later += brotli;
            println!("{:<44} {:>10} {:>10} {:>10}  (loaded on first use)", path, raw.len(), gzip, brotli);
            continue;
        }
        rows.push(Row { path, raw: raw.len() as u64, gzip, brotli });
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.brotli));
    let total = Row {
        path: "total".into(),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        brotli: rows.iter().map(|r| r.brotli).sum(),
    };
    for r in rows.iter().chain(std::iter::once(&total)) {
        println!("{:<44} {:>10} {:>10} {:>10}", r.path, r.raw, r.gzip, r.brotli);
    }
    if let Some(wasm) = rows.iter().find(|r| r.path.ends_with(".wasm")) {
        println!("wasm: {} bytes raw, {} brotli", wasm.raw, wasm.brotli);
    }
    println!(
        "shell brotli total: {} bytes (budget {SHELL_BROTLI_BUDGET}, goal {SHELL_BROTLI_GOAL})",
        total.brotli
    );
    let precached = total.brotli + later;
    println!("loaded on first use (precached): {later} bytes brotli");
    println!("everything precached: {precached} bytes brotli (budget {PRECACHED_BROTLI_BUDGET})");
    println!("staff bundle (review desk, audit log, back office; not in the shell): {staff} bytes brotli");
    if enforce && total.brotli > SHELL_BROTLI_BUDGET {
        bail!("the shell is {} bytes brotli, over the {SHELL_BROTLI_BUDGET}-byte budget", total.brotli);
    }
    if enforce && precached > PRECACHED_BROTLI_BUDGET {
        bail!("everything precached is {precached} bytes brotli, over the {PRECACHED_BROTLI_BUDGET}-byte budget");
    }
    rows.push(total);
    rows.push(Row { path: "precached".into(), raw: 0, gzip: 0, brotli: precached });
    Ok(rows)
}
