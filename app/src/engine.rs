//! The shared state's background work — the device store (IndexedDB), the sync engine, the
//! kept policy table and sign-in, and the server's JSON — in the wasm module the public bundle's
//! other screens share (`split.rs`: the common module), not in the shell. The state itself (signals the status bar and the home screen read) stays in the main module; what
//! fills it arrives a moment after the first paint, from the service worker's cache once
//! installed. The home screen and the status bar work without it.
//!
//! Work is asked for as a [`Job`] with [`spawn`]. Until the module has loaded, jobs wait in order.
//! A module that could not be fetched (a first visit whose link dropped before the service worker
//! stored it) is fetched again with the next job asked for — and every return of the server
//! brings some (the policy table, the sign-in and the outbox are refreshed then) — so there is
//! no fetch loop while the link is down; the waiting jobs run once it arrives.
//! Code in the main module must reach the device store only through here: a direct call would
//! pull the store, serde and the JSON plumbing back into what a first visit downloads (the shell
//! budget in `xtask/src/size.rs` catches it).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::api::auth::Me;
use crate::offline::drafts::DraftRecord;
use crate::split::{load, NotDownloaded};
use crate::state::{Account, Network, Policy, Sync};
use crate::sync_plan::Scope;

/// Background work, with the state it fills.
pub enum Job {
    /// At start: the last success, purge of deleted drafts past their undo, the outbox, a pass.
    SyncStart(Sync),
    /// Sync passes from `scope`, and every pass asked for meanwhile.
    SyncPasses(Sync, Scope),
    /// The outbox items again from the device store.
    SyncReload(Sync),
    /// One item due again at once.
    SyncRetry(Sync, String),
    /// The policy table the device kept.
    PolicyLoad(Policy),
    /// The policy table from the server, kept when it changed.
    PolicyRefresh(Policy, Network),
    /// Who the device last knew to be signed in.
    AccountLoad(Account),
    /// Remembers the signed-in person (or that nobody is) for offline use.
    AccountKeep(Option<Me>),
    /// Asks the server whether the session still holds.
    AccountRefresh(Account),
    /// Ends the session on the server, then on the device.
    Logout(Account),
    /// The newest draft still being edited, for the home screen's "continue" card.
    LatestDraft(RwSignal<Option<DraftRecord>>),
}

type Work = Pin<Box<dyn Future<Output = ()>>>;

/// The work of a job (runs in the common module).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(common, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_common))
)]
fn work(job: Job) -> Result<Work, NotDownloaded> {
    Ok(match job {
        Job::SyncStart(sync) => Box::pin(sync.start_up()),
        Job::SyncPasses(sync, scope) => Box::pin(sync.passes(scope)),
        Job::SyncReload(sync) => Box::pin(async move { sync.reload().await }),
        Job::SyncRetry(sync, client_id) => Box::pin(async move { sync.make_due(&client_id).await }),
        Job::PolicyLoad(policy) => Box::pin(crate::state::policy::load(policy)),
        Job::PolicyRefresh(policy, net) => Box::pin(crate::state::policy::refresh(policy, net)),
        Job::AccountLoad(account) => Box::pin(crate::state::account::load(account)),
        Job::AccountKeep(me) => Box::pin(async move { crate::state::account::keep(me.as_ref()).await }),
        Job::AccountRefresh(account) => Box::pin(crate::state::account::refresh(account)),
        Job::Logout(account) => Box::pin(crate::state::account::logout(account)),
        Job::LatestDraft(latest) => Box::pin(latest_draft(latest)),
    })
}

async fn latest_draft(latest: RwSignal<Option<DraftRecord>>) {
    use crate::offline::{db, drafts};
    if let Ok(db) = db::shared().await {
        if let Ok(list) = drafts::list(&db).await {
            // The home screen may have been left meanwhile.
            let _ = latest.try_set(list.into_iter().find(DraftRecord::is_editable));
        }
    }
}

#[derive(Default)]
struct Engine {
    loaded: bool,
    loading: bool,
    waiting: Vec<Job>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::default();
}

/// Runs `job` in the background: now if the common module is loaded, else once it is.
pub fn spawn(job: Job) {
    let ready = ENGINE.with_borrow_mut(|e| {
        if !e.loaded {
            e.waiting.push(job);
            return None;
        }
        Some(job)
    });
    match ready {
        Some(job) => run(job),
        None => start(),
    }
}

fn run(job: Job) {
    leptos::task::spawn_local(async move {
        // Loaded already, so this cannot fail to fetch.
        if let Ok(work) = load!(work(job)) {
            work.await;
        }
    });
}

/// Fetches the common module (unless it is loaded or being fetched), then runs what waited.
/// The app calls it at start, so the fetch goes beside the first paint, not before it.
pub fn start() {
    let start = ENGINE.with_borrow_mut(|e| {
        let start = !e.loaded && !e.loading;
        e.loading |= start;
        start
    });
    if !start {
        return;
    }
    leptos::task::spawn_local(async {
        #[cfg(feature = "split")]
        let loaded = load_common().await.is_ok();
        #[cfg(not(feature = "split"))]
        let loaded = true;
        let waiting = ENGINE.with_borrow_mut(|e| {
            e.loading = false;
            e.loaded = loaded;
            if loaded { std::mem::take(&mut e.waiting) } else { Vec::new() }
        });
        for job in waiting {
            run(job);
        }
    });
}
