//! In the status bar: how many filings wait for the server, always visible; a tap opens the
//! sync panel.

use leptos::prelude::*;

use crate::components::Link;
use crate::i18n::{strings, tr};
use crate::routes::Route;
use crate::state::use_outbox;

#[component]
pub fn SyncBadge() -> impl IntoView {
    let sync = use_outbox();
    let class = move || {
        if sync.needs_attention() > 0 {
            "sync-badge sync-attention"
        } else if sync.unsent() > 0 {
            "sync-badge sync-waiting"
        } else {
            "sync-badge sync-clear"
        }
    };
    view! {
        <Link href=Route::Sync.href() class="sync-link" label=Signal::derive(tr(strings::SYNC_BADGE_LABEL))>
            <span class=class data-testid="sync-badge">
                <span aria-hidden="true">"⇅"</span>
                {move || match sync.unsent() {
                    0 => "✓".to_owned(),
                    n => n.to_string(),
                }}
            </span>
        </Link>
    }
}
