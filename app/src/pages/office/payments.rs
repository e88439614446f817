//! `/office/payments` — 到账导入: an operator picks the tax bureau's collection file, the server
//! checks every line and keeps it for confirmation (or lists the bad lines, keeping nothing); a
//! supervisor other than the submitter confirms it into the ledger or returns it with a reason.
//! Below, the base adjustments (基数调整) under the same four eyes.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::auth::Role;
use super::adjust::AdjustmentList;
use crate::api::office::{BaseAdjustment, BatchDecision, BatchStatus, PaymentBatch, PaymentFile};
use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::{clock, use_account, use_network};

fn status_text(s: BatchStatus) -> Text {
    match s {
        BatchStatus::Pending => strings::OFFICE_PENDING,
        BatchStatus::Applied => strings::OFFICE_APPLIED,
        BatchStatus::Returned => strings::OFFICE_RETURNED,
    }
}

/// The picked file's name and text.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<(String, String)> {
    let file = input.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?.as_string()?;
    Some((file.name(), text))
}

#[component]
pub fn Payments() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let supervisor = move || account.role() == Some(Role::Supervisor);
    let batches = RwSignal::new(Vec::<PaymentBatch>::new());
    let problem = RwSignal::new(None::<Issue>);
    let lines = RwSignal::new(Vec::<Issue>::new());
    let busy = RwSignal::new(false);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<PaymentBatch>>(endpoints::OFFICE_PAYMENTS.path).await {
                Ok(list) => batches.set(list),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    reload();
    let adjustments = RwSignal::new(Vec::<BaseAdjustment>::new());
    let reload_adjustments = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<BaseAdjustment>>(endpoints::OFFICE_ADJUSTMENTS.path).await {
                Ok(list) => adjustments.set(list),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    reload_adjustments();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(input) = file_input.get_untracked() else { return };
        busy.set(true);
        problem.set(None);
        lines.set(Vec::new());
        leptos::task::spawn_local(async move {
            if let Some((file_name, content)) = read_file(input).await {
                match client::post_form::<_, PaymentBatch>(endpoints::OFFICE_PAYMENTS_SUBMIT.path, &PaymentFile { file_name, content }, net).await {
                    client::FormAnswer::Done(_) => reload(),
                    client::FormAnswer::Refused(r) => {
                        problem.set(Some(r.message()));
                        lines.set(r.fields.errors.get("content").cloned().unwrap_or_default());
                    }
                    client::FormAnswer::Failed(e) => problem.set(Some(e.to_issue())),
                }
            }
            busy.set(false);
        });
    };
    let decide = move |id: i64, approve: bool, reason: String| {
        problem.set(None);
        lines.set(Vec::new());
        let path = endpoints::OFFICE_PAYMENT_DECISION.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_form::<_, PaymentBatch>(&path, &BatchDecision { approve, reason }, net).await {
                client::FormAnswer::Done(_) => reload(),
                client::FormAnswer::Refused(r) => {
                    problem.set(Some(r.message()));
                    lines.set(r.fields.errors.values().flatten().cloned().collect());
                }
                client::FormAnswer::Failed(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <main class="page office">
            {super::to_workbench()}
            <h1>{tr(strings::OFFICE_PAYMENTS)}</h1>
            <form class="card" on:submit=submit>
                <label class="field">
                    <span>{tr(strings::OFFICE_FILE)}</span>
                    <input type="file" accept=".csv,.json,text/csv,application/json" data-testid="payment-file" node_ref=file_input/>
                </label>
                <button type="submit" class="btn" data-testid="payment-submit" disabled=move || busy.get()>{tr(strings::OFFICE_SUBMIT)}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            <ul class="field-errors" data-testid="bad-lines">
                {move || lines.get().into_iter().map(|l| view! { <li>{i18n.issue(&l)}</li> }).collect_view()}
            </ul>
            <h2>{tr(strings::OFFICE_BATCHES)}</h2>
            <Show when=supervisor>
                <p class="field-hint">{tr(strings::OFFICE_OWN_FILE)}</p>
            </Show>
            <ul class="list" data-testid="batches">
                {move || batches.get().into_iter().map(|b| {
                    let reason = RwSignal::new(String::new());
                    let pending = b.status == BatchStatus::Pending;
                    let id = b.id;
                    view! {
                        <li class="list-item" data-status=format!("{:?}", b.status).to_lowercase()>
                            <span class="list-title">{b.file_name.clone()}" · "{tr(status_text(b.status))}</span>
                            <span class="list-sub">
                                {b.rows}" "{tr(strings::OFFICE_ROWS)}" · "{b.total.yuan()}" "{tr(strings::YUAN)}
                                " · "{tr(strings::OFFICE_SUBMITTED_BY)}" #"{b.submitted_by}" "{clock::format_ms(b.submitted_at)}
                                {b.decided_by.map(|d| view! { " · "{tr(strings::OFFICE_DECIDED_BY)}" #"{d} })}
                                {b.taken.map(|t| view! { " · "{tr(strings::OFFICE_TAKEN)}" "{t} })}
                                {b.already.filter(|a| *a > 0).map(|a| view! { " · "{tr(strings::OFFICE_ALREADY)}" "{a} })}
                            </span>
                            {b.reason.clone().map(|r| view! { <span class="list-sub">{tr(strings::OFFICE_RETURN_REASON)}": "{r}</span> })}
                            <a class="list-sub" data-testid="batch-voucher" href=endpoints::VOUCHER_PAYMENT.with(&[&id.to_string()]) target="_blank" rel="noopener">{tr(strings::VOUCHER_PRINT)}</a>
                            <Show when=move || pending && supervisor()>
                                <div class="actions">
                                    <button type="button" class="btn" data-testid="confirm" on:click=move |_| decide(id, true, String::new())>{tr(strings::OFFICE_CONFIRM)}</button>
                                    <input type="text" data-testid="return-reason" aria-label=move || i18n.t(strings::OFFICE_RETURN_REASON)
                                        placeholder=move || i18n.t(strings::OFFICE_RETURN_REASON)
                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                                    <button type="button" class="btn btn-secondary" data-testid="return" on:click=move |_| decide(id, false, reason.get_untracked())>{tr(strings::OFFICE_RETURN)}</button>
                                </div>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>{tr(strings::OFFICE_ADJUSTMENTS)}</h2>
            <AdjustmentList list=adjustments.into() changed=reload_adjustments/>
        </main>
    }
}
