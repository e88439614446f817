//! `/review/{id}` — one employer registration for a reviewer: what was entered, the four
//! materials (full size on a tap), the history; take it up, approve, or send it back with a
//! reason per field or material from the common list, plus a note.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::review::{ApplicationView, Decision};
use crate::components::Link;
use crate::domain::review::{Action, Material, Reason, Status};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use crate::state::clock;

use super::employer_register::field_label;
use super::reasons::{ReasonRows, Row};
use super::review_queue::status_text;

const FIELDS: [&str; 7] = ["unit_name", "credit_code", "legal_rep_id", "handler_name", "handler_id", "handler_mobile", "handler_email"];

/// Every target a reason may name: `(value, label)`; materials as `material:licence`.
fn targets() -> Vec<(String, Text)> {
    let materials = Material::ALL.into_iter().map(|m| {
        let (zh, en) = m.label();
        (format!("material:{}", m.as_str()), Text { zh, en })
    });
    materials.chain(FIELDS.into_iter().filter_map(|f| field_label(f).map(|l| (format!("field:{f}"), l)))).collect()
}

#[component]
pub fn ReviewApplication(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let view_of = RwSignal::new(None::<ApplicationView>);
    let problem = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    let rows = RwSignal::new(Vec::<Row>::new());
    let load = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<ApplicationView>(&endpoints::REVIEW_APPLICATION.with(&[&id.to_string()])).await {
                Ok(v) => view_of.set(Some(v)),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
    let act = move |action: Action| {
        let reasons: Vec<Reason> = if action == Action::Reject { rows.get_untracked().iter().map(Row::reason).collect() } else { Vec::new() };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, ()>(&endpoints::REVIEW_DECISION.with(&[&id.to_string()]), &Decision { action, reasons }).await {
                Ok(()) => {
                    rows.set(Vec::new());
                    load();
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="page review-application">
            <Link href=Route::ReviewQueue.href() class="link">{tr(strings::NAV_REVIEW)}</Link>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || view_of.get().map(|v| {
                let status = v.status;
                view! {
                    <h1>{v.form.unit_name.clone()}</h1>
                    <section class="card" data-testid="application" data-status=status.as_str()>
                        <p><strong>{tr(status_text(status))}</strong>" · "{v.receipt_no.clone()}" · "{v.age_working_days}" "{tr(strings::REVIEW_AGE)}
                            {v.overdue.then(|| view! { " " <span class="badge badge-warn">{tr(strings::REVIEW_OVERDUE)}</span> })}
                        </p>
                        <p data-testid="mobile-state" data-verified=v.mobile_verified.to_string()>
                            {if v.mobile_verified {
                                view! { <span class="badge">{tr(strings::MOBILE_VERIFIED)}</span> }.into_any()
                            } else {
                                view! { <span class="badge badge-warn">{tr(strings::REVIEW_MOBILE_UNVERIFIED)}</span> }.into_any()
                            }}
                            " "
                            {match v.handler_identity.as_deref() {
                                Some("matched") => view! { <span class="badge" data-testid="handler-identity">{tr(strings::REVIEW_HANDLER_MATCHED)}</span> }.into_any(),
                                Some(_) => view! { <span class="badge badge-warn" data-testid="handler-identity">{tr(strings::REVIEW_HANDLER_UNMATCHED)}</span> }.into_any(),
                                None => ().into_any(),
                            }}
                        </p>
                        <dl class="facts">
                            {[
                                (strings::FIELD_CREDIT_CODE, v.form.credit_code.clone()),
                                (strings::FIELD_LEGAL_REP_ID, v.form.legal_rep_id.clone()),
                                (strings::FIELD_HANDLER_NAME, v.form.handler_name.clone()),
                                (strings::FIELD_HANDLER_ID, v.form.handler_id.clone()),
                                (strings::FIELD_HANDLER_MOBILE, v.form.handler_mobile.clone()),
                                (strings::FIELD_HANDLER_EMAIL, v.form.handler_email.clone()),
                            ].into_iter().map(|(label, value)| view! { <dt>{tr(label)}</dt><dd class="mono">{value}</dd> }).collect_view()}
                        </dl>
                    </section>
                    <section class="card">
                        <h2>{tr(strings::REVIEW_MATERIALS)}</h2>
                        {v.materials.iter().map(|m| {
                            let url = endpoints::REVIEW_MATERIAL.with(&[&id.to_string(), &m.slot]);
                            let label = Material::parse(&m.slot).map(|mat| { let (zh, en) = mat.label(); Text { zh, en } }).unwrap_or(strings::REVIEW_MATERIALS);
                            let image = m.mime.starts_with("image/");
                            view! {
                                <figure class="material" data-slot=m.slot.clone()>
                                    <figcaption>{tr(label)}</figcaption>
                                    {image.then(|| view! { <img src=url.clone() alt="" class="material-image"/> })}
                                    <a href=url target="_blank" rel="noopener" class="link">{tr(strings::REVIEW_OPEN_FULL)}</a>
                                </figure>
                            }
                        }).collect_view()}
                    </section>
                    <section class="card">
                        <h2>{tr(strings::STATUS_HISTORY)}</h2>
                        <ol class="history">
                            {v.history.iter().map(|h| view! { <li>{clock::format_ms(h.at)}" "{tr(status_text(h.status))}</li> }).collect_view()}
                        </ol>
                    </section>
                    {(status == Status::Submitted).then(|| view! {
                        <button type="button" class="btn btn-wide" data-testid="review-open" disabled=move || busy.get() on:click=move |_| act(Action::Open)>{tr(strings::REVIEW_OPEN)}</button>
                    })}
                    {(status == Status::InReview).then(|| view! {
                        <section class="card">
                            <ReasonRows rows=rows targets=targets() first="material:licence"/>
                            <button type="button" class="btn btn-wide btn-secondary" data-testid="review-reject"
                                disabled=move || busy.get() || rows.with(Vec::is_empty) on:click=move |_| act(Action::Reject)>{tr(strings::REVIEW_REJECT)}</button>
                            <button type="button" class="btn btn-wide" data-testid="review-approve" disabled=move || busy.get() on:click=move |_| act(Action::Approve)>{tr(strings::REVIEW_APPROVE)}</button>
                        </section>
                    })}
                }
            })}
        </main>
    }
}
