//! Where a submitted filing is: its state, the server's receipt (or, until then, a provisional
//! one made on the device), the next attempt and the last error in plain words, and what the
//! person can do: retry now, or fix and submit again (a new, linked version).

use leptos::prelude::*;

use crate::domain::review::{Reason, Target};
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

/// The label of a field of the ledger's forms (enrolment, separation, base declaration), by
/// the name a reason gives it.
pub fn case_field_label(name: &str) -> Option<Text> {
    Some(match name {
        "name" => strings::FIELD_NAME,
        "id_number" => strings::FIELD_ID_NUMBER,
        "mobile" => strings::FIELD_MOBILE_OPTIONAL,
        "credit_code" => strings::FIELD_CREDIT_CODE,
        "region" => strings::FIELD_REGION,
        "start_month" => strings::FIELD_START_MONTH,
        "monthly_base" => strings::FIELD_MONTHLY_BASE,
        "insurances" => strings::FIELD_INSURANCES,
        "last_month" => strings::FIELD_LAST_MONTH,
        "reason" => strings::FIELD_REASON,
        "effective_month" => strings::FIELD_EFFECTIVE_MONTH,
        "rows" => strings::BASE_ROWS,
        "accident_on" => strings::FIELD_ACCIDENT_ON,
        "accident_at" => strings::FIELD_ACCIDENT_AT,
        "place" => strings::FIELD_ACCIDENT_PLACE,
        "account" => strings::FIELD_ACCIDENT_ACCOUNT,
        "institution" => strings::FIELD_INSTITUTION,
        "left_on" => strings::FIELD_LEFT_ON,
        "cause" => strings::FIELD_CAUSE,
        "statement" => strings::FIELD_STATEMENT,
        _ => return None,
    })
}

/// A reason as a line: the field it is on, then what the agency said.
pub fn reason_line(r: &Reason) -> impl IntoView {
    let i18n = use_i18n();
    let label = match &r.target {
        Target::Field(f) => case_field_label(f),
        Target::Material(_) => None,
    };
    let issue = r.issue();
    view! { <li>{label.map(|l| view! { <strong>{tr(l)}</strong>": " })}{move || i18n.issue(&issue)}</li> }
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
                {item.review.clone().map(|r| {
                    let (zh, en) = r.status.label();
                    view! {
                        <dt>{tr(strings::CASE_REVIEW)}</dt>
                        <dd data-testid="review-status" data-review=r.status.as_str()>{tr(Text { zh, en })}</dd>
                    }
                })}
                {item.last_error.clone().map(|e| view! {
                    <dt>{tr(strings::SYNC_LAST_ERROR)}</dt>
                    <dd>{move || i18n.issue(&e)}</dd>
                })}
            </dl>
            {matches!(state, ItemState::Retrying | ItemState::Waiting).then(|| view! {
                <button type="button" class="btn btn-small" on:click=move |_| sync.retry(id.clone())>{tr(strings::SYNC_RETRY)}</button>
            })}
            {item.returned().then(|| view! {
                <p class="field-error">{tr(strings::CASE_RETURNED)}</p>
                <ul class="reasons" data-testid="returned-reasons">
                    {item.review.iter().flat_map(|r| r.reasons.iter()).map(reason_line).collect_view()}
                </ul>
            })}
            {((state == ItemState::NeedsAttention && item.errors.is_some()) || item.returned()).then(|| view! {
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
