//! The shared state's background work — the device store (IndexedDB), the sync engine, the
//! kept policy table and sign-in, and the server's JSON — in the wasm module the public bundle's
//! other screens share (`split.rs`: the common module), not in the shell. The state itself (signals the status bar and the home screen read) stays in the main module; what
//! fills it arrives a moment after the first paint, from the service worker's cache once
//! installed. The home screen and the status bar work without it.
//!
//! Every background operation is one line of [`background!`] below: the line makes its job, its
//! arm in the split function that runs it, and the method (or function) that asks for it — the
//! method lives on the state type it works for, so `state/*` calls `sync.refresh()` and never
//! names this module. Adding an operation is adding a line (and the async function it runs).
//! Until the module has loaded, jobs wait in order.
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
use crate::state::{Account, Network, Notices, Outbox, Policy};
use crate::sync_plan::Scope;

type Work = Pin<Box<dyn Future<Output = ()>>>;

/// Declares the background operations. Each `Variant: Owner::method(this, args…) => work;`
/// makes `Owner::method(&self, args…)` ask for `work` (an async expression of `this`, a copy of
/// the owner, and the args); each `Variant: function(args…) => work;` a free function here.
macro_rules! background {
    (
        methods { $( $(#[$mdoc:meta])* $mv:ident : $owner:ident :: $method:ident ( $this:pat $(, $marg:ident : $mty:ty)* ) => $mwork:expr ; )* }
        functions { $( $(#[$fdoc:meta])* $fv:ident : $fname:ident ( $($farg:ident : $fty:ty),* ) => $fwork:expr ; )* }
    ) => {
        /// Background work asked for, with what it needs (a method's job carries its owner even
        /// where the work does not read it).
        #[allow(dead_code)]
        enum Job {
            $( $mv($owner $(, $mty)*), )*
            $( $fv($($fty),*), )*
        }

        /// The work of a job (runs in the common module).
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split(common, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_common))
        )]
        fn work(job: Job) -> Result<Work, NotDownloaded> {
            Ok(match job {
                $( Job::$mv($this $(, $marg)*) => Box::pin($mwork), )*
                $( Job::$fv($($farg),*) => Box::pin($fwork), )*
            })
        }

        $(
            impl $owner {
                $(#[$mdoc])*
                pub(crate) fn $method(&self $(, $marg: $mty)*) {
                    spawn(Job::$mv(*self $(, $marg)*));
                }
            }
        )*

        $(
            $(#[$fdoc])*
            pub fn $fname($($farg: $fty),*) {
                spawn(Job::$fv($($farg),*));
            }
        )*
    };
}

background! {
    methods {
        /// At start: the last success, purge of deleted drafts past their undo, the outbox, a pass.
        SyncStart: Outbox::begin(outbox) => outbox.start_up();
        /// Outbox passes from `scope`, and every pass asked for meanwhile.
        SyncPasses: Outbox::run_passes(outbox, scope: Scope) => outbox.passes(scope);
        /// Reloads the items from the device store (after a submit, say).
        SyncReload: Outbox::refresh(outbox) => async move { outbox.reload().await };
        /// Makes an item due again at once (the "retry" button), then runs a pass.
        SyncRetry: Outbox::retry(outbox, client_id: String) => async move { outbox.make_due(&client_id).await };
        /// The policy table the device kept.
        PolicyLoad: Policy::load_kept(policy) => crate::state::policy::load(policy);
        /// The policy table from the server, kept when it changed.
        PolicyRefresh: Policy::refresh(policy, net: Network) => crate::state::policy::refresh(policy, net);
        /// The notices the device kept, and which were read here.
        NoticesLoad: Notices::load_kept(notices) => crate::state::notices::load(notices);
        /// The notices in force, from the server; kept for offline reading.
        NoticesRefresh: Notices::refresh(notices, net: Network) => crate::state::notices::refresh(notices, net);
        /// Remembers which notices were read.
        NoticesKeepRead: Notices::keep_read(notices) => crate::state::notices::keep_read(notices);
        /// Who the device last knew to be signed in.
        AccountLoad: Account::load_kept(account) => crate::state::account::load(account);
        /// Remembers the signed-in person (or that nobody is) for offline use.
        AccountKeep: Account::keep(_, me: Option<Me>) => async move { crate::state::account::keep(me.as_ref()).await };
        /// Asks the server (when it can be reached) whether the session still holds.
        AccountRefresh: Account::refresh(account) => crate::state::account::refresh(account);
        /// Ends the session: on the server, then on the device.
        Logout: Account::log_out(account) => crate::state::account::logout(account);
    }
    functions {
        /// The newest draft still being edited, for the home screen's "continue" card.
        LatestDraft: latest_draft(into: RwSignal<Option<DraftRecord>>) => fill_latest_draft(into);
    }
}

async fn fill_latest_draft(latest: RwSignal<Option<DraftRecord>>) {
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
fn spawn(job: Job) {
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
