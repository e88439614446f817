//! `/office/cases/{id}` — one case (待办): what was filed, each check with its result (data
//! accuracy by the shared rules; compliance by the ledger as it stands), the preview of what
//! approving does to the ledger with each amount's working, the history; take it up, approve
//! (applied to the ledger; the voucher then says so) or send it back with a reason per field.

use leptos::prelude::*;

use crate::api::cases::{reason_fields, CaseDecision, CaseView};
use crate::api::{client, endpoints};
use crate::components::filing_status::{case_field_label, reason_line};
use crate::domain::review::{Action, Reason, Status};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::pages::kind_text;
use crate::pages::reasons::{ReasonRows, Row};
use crate::pages::review_queue::status_text;
use crate::state::clock;

use super::cases::insurance_text;

fn label(name: &str) -> Text {
    case_field_label(name).unwrap_or(Text { zh: "", en: "" })
}

#[component]
pub fn Case(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let case = RwSignal::new(None::<CaseView>);
    let problem = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    let rows = RwSignal::new(Vec::<Row>::new());
    let load = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<CaseView>(&endpoints::OFFICE_CASE.with(&[&id.to_string()])).await {
                Ok(v) => case.set(Some(v)),
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
            match client::post_json::<_, ()>(&endpoints::OFFICE_CASE_DECISION.with(&[&id.to_string()]), &CaseDecision { action, reasons }).await {
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
        <main class="page office">
            {super::to_workbench()}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || case.get().map(|v| {
                let status = v.status;
                let targets: Vec<(String, Text)> = reason_fields(v.kind).iter().map(|f| (format!("field:{f}"), label(f))).collect();
                let first = reason_fields(v.kind).first().map(|f| format!("field:{f}")).unwrap_or_default();
                let passed = v.checks.iter().all(|c| c.issue.is_none());
                view! {
                    <h1>{tr(kind_text(v.kind))}" · "{v.unit_name.clone()}</h1>
                    <section class="card" data-testid="case" data-status=status.as_str()>
                        <p><strong>{tr(status_text(status))}</strong>" · "{v.receipt_no.clone()}" · "{v.region_name.clone()}" · "
                            {clock::format_ms(v.submitted_at)}" · "{v.age_working_days}" "{tr(strings::REVIEW_AGE)}
                            {v.overdue.then(|| view! { " " <span class="badge badge-warn">{tr(strings::REVIEW_OVERDUE)}</span> })}
                        </p>
                        <dl class="facts" data-testid="case-fields">
                            {v.fields.iter().map(|f| view! { <dt>{tr(label(&f.name))}</dt><dd class="mono" data-field=f.name.clone()>{f.value.clone()}</dd> }).collect_view()}
                        </dl>
                        {(!v.attachments.is_empty()).then(|| view! {
                            <div class="case-photos" data-testid="case-photos">
                                {v.attachments.iter().map(|slot| view! {
                                    <img class="visit-photo" src=endpoints::OFFICE_CASE_FILE.with(&[&id.to_string(), slot]) alt=slot.clone() loading="lazy"/>
                                }).collect_view()}
                            </div>
                        })}
                        {v.version_of.map(|_| view! {
                            <p class="field-hint">{tr(strings::OFFICE_CASE_FIXES)}</p>
                            <ul class="reasons">{v.previous_reasons.iter().map(reason_line).collect_view()}</ul>
                        })}
                    </section>
                    <section class="card">
                        <h2>{tr(strings::OFFICE_CASE_CHECKS)}</h2>
                        <ul class="checks" data-testid="checks">
                            {v.checks.iter().map(|c| {
                                let name = Issue::formatted("case.check", c.zh.clone(), c.en.clone());
                                view! {
                                    <li data-passed=c.issue.is_none().to_string()>
                                        {if c.issue.is_none() { "✓ " } else { "✗ " }}{move || i18n.issue(&name)}
                                        {c.field.as_deref().map(|f| view! { " (" {tr(label(f))} ")" })}
                                        {c.issue.clone().map(|i| view! { <span class="field-error">": "{move || i18n.issue(&i)}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section class="card">
                        <h2>{tr(strings::OFFICE_CASE_EFFECT)}</h2>
                        <table class="table" data-testid="effect">
                            <tbody>
                                {v.effect.iter().map(|l| {
                                    let action = match l.action.as_str() { "open" => strings::OFFICE_EFFECT_OPEN, "month" => strings::OFFICE_EFFECT_MONTH, "end" => strings::OFFICE_EFFECT_END, "recognise" => strings::OFFICE_EFFECT_RECOGNISE, "unemploy" => strings::OFFICE_EFFECT_UNEMPLOY, "reimburse" => strings::OFFICE_EFFECT_REIMBURSE, "newborn" => strings::OFFICE_EFFECT_NEWBORN, "details" => strings::OFFICE_EFFECT_DETAILS, "unit_details" => strings::OFFICE_UNIT_DETAILS, _ => strings::OFFICE_EFFECT_BASE };
                                    view! {
                                        <tr data-action=l.action.clone()>
                                            <td>{tr(action)}</td>
                                            <td>{l.insurance.map(|i| tr(insurance_text(i)))}</td>
                                            <td>{l.person.clone()}</td>
                                            <td>{l.month.clone()}</td>
                                            <td>{l.base.map(|b| format!("{} ", b.yuan()))}</td>
                                            <td>{l.employer.map(|e| view! { {tr(strings::OFFICE_EMPLOYER_PART)}" "{e.yuan()} })}</td>
                                            <td>{l.individual.map(|e| view! { {tr(strings::OFFICE_INDIVIDUAL_PART)}" "{e.yuan()} })}</td>
                                            <td>
                                                {l.issue.clone().map(|i| view! { <span class="field-warning">{move || i18n.issue(&i)}</span> })}
                                                // A change of details (a person's or a unit's) is its lines, before → after: shown open.
                                                {(!l.working.is_empty()).then(|| view! {
                                                    <details open=l.action.ends_with("details")><summary>{tr(strings::OFFICE_WORKING)}</summary>
                                                        <ol>{l.working.iter().map(|w| {
                                                            let line = Issue::formatted("case.working", w.zh.clone(), w.en.clone());
                                                            view! { <li>{move || i18n.issue(&line)}</li> }
                                                        }).collect_view()}</ol>
                                                    </details>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                    <section class="card">
                        <h2>{tr(strings::STATUS_HISTORY)}</h2>
                        <ol class="history">
                            {v.history.iter().map(|h| view! { <li>{clock::format_ms(h.at)}" "{tr(status_text(h.status))}</li> }).collect_view()}
                        </ol>
                        {(status == Status::Rejected).then(|| view! { <ul class="reasons">{v.reasons.iter().map(reason_line).collect_view()}</ul> })}
                        {(status == Status::Approved).then(|| view! {
                            <a class="btn btn-secondary" data-testid="case-voucher" href=format!("/voucher/{}", v.client_id) target="_blank" rel="noopener">{tr(strings::VOUCHER_PRINT)}</a>
                        })}
                    </section>
                    {v.own.then(|| view! { <p class="field-hint" data-testid="own-case">{tr(strings::OFFICE_CASE_OWN)}</p> })}
                    {(status == Status::Submitted && !v.own).then(|| view! {
                        <button type="button" class="btn btn-wide" data-testid="case-open" disabled=move || busy.get() on:click=move |_| act(Action::Open)>{tr(strings::REVIEW_OPEN)}</button>
                    })}
                    {(status == Status::InReview && !v.own).then(|| view! {
                        <section class="card">
                            <ReasonRows rows=rows targets=targets first=first/>
                            <button type="button" class="btn btn-wide btn-secondary" data-testid="case-return"
                                disabled=move || busy.get() || rows.with(Vec::is_empty) on:click=move |_| act(Action::Reject)>{tr(strings::OFFICE_CASE_RETURN)}</button>
                            <button type="button" class="btn btn-wide" data-testid="case-approve" disabled=move || busy.get() || !passed on:click=move |_| act(Action::Approve)>{tr(strings::REVIEW_APPROVE)}</button>
                        </section>
                    })}
                }
            })}
        </main>
    }
}
