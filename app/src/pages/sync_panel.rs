//! `/sync` — the sync panel: the network, what waits, the last successful sync, every filing's
//! state with retry, export of what is unsent, and the device's storage.

use leptos::prelude::*;

use crate::components::filing_status::state_text;
use crate::components::Link;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::{db, export};
use crate::pages::kind_text;
use crate::routes::Route;
use crate::state::{clock, use_network, use_storage, use_outbox, Reachability};
use crate::sync_plan::ItemState;

/// `12.3 MB`, in integer arithmetic (float formatting costs ~8 KB of wasm).
fn megabytes(bytes: u64) -> String {
    let tenths = bytes * 10 / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_outbox();
    let net = use_network();
    let storage = use_storage();
    sync.refresh();
    leptos::task::spawn_local(async move { storage.refresh().await });
    let export = move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(db) = db::shared().await {
                if let Ok((text, _)) = export::unsent_json(&db).await {
                    let _ = export::download(&format!("shebao-unsent-{}.json", js_sys::Date::now() as i64), &text);
                }
            }
        });
    };
    view! {
        <main class="page sync-page">
            <h1>{tr(strings::SYNC_TITLE)}</h1>
            <section class="card">
                <dl class="facts">
                    <dt>{tr(strings::SYNC_NETWORK)}</dt>
                    <dd>{move || i18n.t(if net.state() == Reachability::Online { strings::NET_ONLINE } else { strings::NET_OFFLINE })}</dd>
                    <dt>{tr(strings::SYNC_WAITING_COUNT)}</dt>
                    <dd data-testid="unsent">{move || sync.unsent()}</dd>
                    <dt>{tr(strings::SYNC_LAST_OK)}</dt>
                    <dd>{move || sync.last_success().map(clock::format_ms).unwrap_or_else(|| i18n.t(strings::SYNC_NEVER).to_owned())}</dd>
                </dl>
                <button type="button" class="btn btn-wide" data-testid="sync-now" disabled=move || sync.running() on:click=move |_| sync.everything_now()>
                    {move || i18n.t(if sync.running() { strings::SYNC_RUNNING } else { strings::SYNC_NOW })}
                </button>
            </section>
            <Show when=move || sync.items().is_empty()>
                <p class="empty">{tr(strings::SYNC_EMPTY)}</p>
            </Show>
            <ul class="list" data-testid="outbox">
                {move || sync.items().into_iter().map(|item| {
                        let retry_id = item.client_id.clone();
                        let can_retry = matches!(item.state, ItemState::Retrying | ItemState::Waiting);
                        view! {
                            <li class=format!("list-item status-{}", item.state.as_str()) data-state=item.state.as_str()>
                                <Link href=Route::form(item.kind, &item.draft_id).href() class="list-main">
                                    <span class="list-title">{item.title.clone()}</span>
                                    <span class="list-sub">{tr(kind_text(item.kind))}" · "{tr(state_text(item.state))}</span>
                                    {item.receipt_no.clone().map(|no| view! { <span class="list-sub">{tr(strings::SYNC_RECEIPT)}" "{no}</span> })}
                                    {(item.state == ItemState::Retrying).then(|| view! {
                                        <span class="list-sub">{tr(strings::SYNC_NEXT_TRY)}" "{clock::format_ms(item.next_attempt_at)}</span>
                                    })}
                                    {item.last_error.clone().map(|e| view! { <span class="list-sub list-error">{move || i18n.issue(&e)}</span> })}
                                    {item.review.clone().map(|r| {
                                        let (zh, en) = r.status.label();
                                        let returned = r.status == crate::domain::review::Status::Rejected;
                                        view! { <span class="list-sub" class:list-error=returned data-review=r.status.as_str()>{tr(strings::CASE_REVIEW)}" "{tr(crate::i18n::Text { zh, en })}</span> }
                                    })}
                                </Link>
                                {can_retry.then(|| view! {
                                    <button type="button" class="btn btn-small btn-secondary" on:click=move |_| sync.retry(retry_id.clone())>{tr(strings::SYNC_RETRY)}</button>
                                })}
                            </li>
                        }
                }).collect_view()}
            </ul>
            <Show when=move || sync.unsent() != 0>
                <button type="button" class="btn btn-secondary btn-wide" data-testid="export" on:click=export>{tr(strings::SYNC_EXPORT)}</button>
            </Show>
            <section class="card">
                <h2>{tr(strings::STORAGE_TITLE)}</h2>
                <p>{move || i18n.t(if storage.persisted() == Some(true) { strings::STORAGE_PERSISTED } else { strings::STORAGE_NOT_PERSISTED })}</p>
                {move || storage.estimate().map(|(used, quota)| view! {
                    <p>{tr(strings::STORAGE_USED)}": "{megabytes(used)}" / "{megabytes(quota)}</p>
                    <progress max=quota.to_string() value=used.to_string()></progress>
                })}
            </section>
        </main>
    }
}
