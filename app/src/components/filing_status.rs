//! Where a submitted filing is: its state, the server's receipt (or, until then, a provisional
//! one made on the device), the next attempt and the last error in plain words, and what the
//! person can do: retry now, or fix and submit again (a new, linked version).

use leptos::prelude::*;

use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::db;
use crate::offline::drafts::{self, DraftRecord};
use crate::routes::Route;
use crate::state::{clock, use_router, use_outbox};
use crate::sync_plan::{ItemState, OutboxItem};

pub fn state_text(state: ItemState) -> Text {
    match state {
        ItemState::Waiting => strings::STATE_WAITING,
        ItemState::Sending => strings::STATE_SENDING,
        ItemState::Accepted => strings::STATE_ACCEPTED,
        ItemState::NeedsAttention => strings::STATE_NEEDS_ATTENTION,
        ItemState::Retrying => strings::STATE_RETRYING,
    }
}

/// Opens a new draft made from `item` — its content and materials, linked to it as its next
/// version — to fix and submit again.
pub fn fix_and_resubmit(item: OutboxItem, router: crate::state::Router) {
    leptos::task::spawn_local(async move {
        let Ok(db) = db::shared().await else { return };
        let mut draft = DraftRecord::new(item.kind, item.payload.clone(), js_sys::Date::now() as i64);
        draft.title = item.title.clone();
        draft.attachments = item.attachments.clone();
        draft.version_of = Some(item.client_id.clone());
        if drafts::save(&db, &draft).await.is_ok() {
            router.navigate(&Route::form(item.kind, &draft.id).href());
        }
    });
}

#[component]
pub fn FilingStatus(item: OutboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_outbox();
    let router = use_router();
    let state = item.state;
    let id = item.client_id.clone();
    let fix = {
        let item = item.clone();
        move |_| fix_and_resubmit(item.clone(), router)
    };
    view! {
        <section class=format!("card status status-{}", state.as_str()) data-testid="filing-status" data-state=state.as_str()>
            <h2>{tr(state_text(state))}</h2>
            <dl class="facts">
                {match &item.receipt_no {
                    Some(no) => view! {
                        <dt>{tr(strings::SYNC_RECEIPT)}</dt>
                        <dd data-testid="receipt">{no.clone()}</dd>
                    }.into_any(),
                    None => view! {
                        <dt class="wide">{tr(strings::PROVISIONAL_RECEIPT)}</dt>
                        <dt>{tr(strings::CLIENT_ID)}</dt>
                        <dd class="mono">{item.client_id.clone()}</dd>
                        <dt>{tr(strings::CONTENT_HASH)}</dt>
                        <dd class="mono">{item.content_hash.chars().take(16).collect::<String>()}</dd>
                    }.into_any(),
                }}
                <dt>{tr(strings::SUBMITTED_AT)}</dt>
                <dd>{clock::format_ms(item.created_at)}</dd>
                {(state == ItemState::Retrying).then(|| view! {
                    <dt>{tr(strings::SYNC_NEXT_TRY)}</dt>
                    <dd>{clock::format_ms(item.next_attempt_at)}</dd>
                })}
                {item.last_error.clone().map(|e| view! {
                    <dt>{tr(strings::SYNC_LAST_ERROR)}</dt>
                    <dd>{move || i18n.issue(&e)}</dd>
                })}
            </dl>
            {matches!(state, ItemState::Retrying | ItemState::Waiting).then(|| view! {
                <button type="button" class="btn btn-small" on:click=move |_| sync.retry(id.clone())>{tr(strings::SYNC_RETRY)}</button>
            })}
            {(state == ItemState::NeedsAttention && item.errors.is_some()).then(|| view! {
                <button type="button" class="btn btn-small" data-testid="fix" on:click=fix>{tr(strings::FIX_AND_RESUBMIT)}</button>
            })}
            // The server's voucher (a page of its own, to print), once it has accepted the filing.
            {(state == ItemState::Accepted).then(|| view! {
                <a class="btn btn-small" data-testid="voucher" href=format!("/voucher/{}", item.client_id) target="_blank" rel="noopener">
                    {tr(strings::VOUCHER_PRINT)}
                </a>
            })}
        </section>
    }
}
