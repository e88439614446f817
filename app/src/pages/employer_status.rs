//! `/employer-status` — 审核进度查询: the applications of a unit and its handler's mobile, by the
//! credit code, that mobile, and the code sent to it (no password exists before approval; the
//! code also proves the mobile, which approval needs). The answer is kept on the device, so the
//! last known state shows offline too. Sent back, each reason names the field or material
//! it concerns, and "fix and resubmit" opens a new, linked version of the filing this device
//! sent.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::auth::{CodePurpose, SmsRequest};
use crate::api::client::{self, FormAnswer};
use crate::api::endpoints;
use crate::api::review::{StatusAnswer, StatusRequest};
use crate::components::filing_status::fix_and_resubmit;
use crate::components::{FieldIssues, InputKind, SendCode, TextField};
use crate::domain::review::{Status, Target};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::{db, json};
use crate::state::{clock, use_network, use_router, use_outbox, Reachability};

const KEY: &str = "employer_status";

/// The last answer this device got, if any.
pub async fn kept() -> Option<StatusAnswer> {
    let db = db::shared().await.ok()?;
    let text = db::meta_get(&db, KEY).await.ok().flatten()?.as_string()?;
    json::from_text(&text).ok()
}

async fn keep(answer: &StatusAnswer) {
    if let (Ok(db), Ok(text)) = (db::shared().await, json::to_text(answer)) {
        let _ = db::meta_put(&db, KEY, &JsValue::from_str(&text)).await;
    }
}

/// What a reason is about, in words.
fn target_text(target: &Target) -> Text {
    match target {
        Target::Material(m) => {
            let (zh, en) = m.label();
            Text { zh, en }
        }
        Target::Field(f) => super::employer_register::field_label(f).unwrap_or(strings::REVIEW_TARGET),
    }
}

fn status_text(status: Status) -> Text {
    let (zh, en) = status.label();
    Text { zh, en }
}

#[component]
pub fn EmployerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let sync = use_outbox();
    let router = use_router();
    let credit_code = RwSignal::new(String::new());
    let mobile = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<StatusAnswer>);
    let fresh = RwSignal::new(false);
    let message = RwSignal::new(None::<Issue>);
    let refused = RwSignal::new(None::<FieldErrors>);
    let busy = RwSignal::new(false);
    let request = Callback::new(move |()| {
        Some(SmsRequest { purpose: CodePurpose::EmployerMobile, mobile: mobile.get_untracked(), id_number: credit_code.get_untracked(), email: String::new() })
    });
    leptos::task::spawn_local(async move {
        if answer.get_untracked().is_none() {
            answer.set(kept().await);
        }
    });
    let ask = move |_| {
        if net.state() != Reachability::Online {
            message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        busy.set(true);
        message.set(None);
        refused.set(None);
        let req = StatusRequest { credit_code: credit_code.get_untracked(), mobile: mobile.get_untracked(), sms_code: code.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post_form::<_, StatusAnswer>(endpoints::EMPLOYER_STATUS.path, &req, net).await {
                FormAnswer::Done(a) => {
                    keep(&a).await;
                    answer.set(Some(a));
                    fresh.set(true);
                }
                FormAnswer::Refused(r) => {
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                FormAnswer::Failed(e) => message.set(Some(e.to_issue())),
            }
            busy.set(false);
        });
    };
    let issues = move |name: &'static str| Signal::derive(move || refused.with(|r| r.as_ref().map(|e| FieldIssues::of(e, name)).unwrap_or_default()));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::NAV_EMPLOYER_STATUS)}</h1>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <TextField name="credit_code" label=strings::FIELD_CREDIT_CODE value=credit_code issues=issues("credit_code") kind=InputKind::Identifier autocomplete="username"/>
                <TextField name="handler_mobile" label=strings::FIELD_HANDLER_MOBILE value=mobile issues=issues("handler_mobile") kind=InputKind::Tel/>
                <SendCode request=request message=message refused=refused/>
                <TextField name="sms_code" label=strings::FIELD_SMS_CODE value=code issues=issues("sms_code") kind=InputKind::Numeric autocomplete="one-time-code"/>
                {move || message.get().map(|m| view! { <p class="form-message field-error" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=ask>{tr(strings::STATUS_QUERY)}</button>
            </form>
            {move || answer.get().map(|a| {
                let own = sync.item(&a.filing_client_id);
                let rejected = a.status == Status::Rejected;
                view! {
                    <section class=format!("card status review-{}", a.status.as_str()) data-testid="review-status" data-status=a.status.as_str()>
                        {(!fresh.get()).then(|| view! { <p class="field-hint">{tr(strings::STATUS_KEPT)}</p> })}
                        <h2>{a.unit_name.clone()}" · "{tr(status_text(a.status))}</h2>
                        {(a.status == Status::Approved).then(|| view! {
                            <p class="field-hint" data-testid="set-password">{tr(strings::STATUS_SET_PASSWORD)}</p>
                        })}
                        {(!a.reasons.is_empty()).then(|| view! {
                            <h3>{tr(strings::REVIEW_OPINION)}</h3>
                            <ul class="reasons">
                                {a.reasons.iter().map(|r| {
                                    let target = target_text(&r.target);
                                    let slot = match &r.target { Target::Material(m) => m.as_str().to_owned(), Target::Field(f) => f.clone() };
                                    let issue = r.issue();
                                    view! { <li data-target=slot>{tr(target)}": "{i18n.issue(&issue)}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                        {(rejected && own.is_some()).then(|| {
                            let item = own.clone().expect("checked");
                            view! {
                                <button type="button" class="btn btn-wide" data-testid="fix" on:click=move |_| fix_and_resubmit(item.clone(), router)>
                                    {tr(strings::FIX_AND_RESUBMIT)}
                                </button>
                            }
                        })}
                        <h3>{tr(strings::STATUS_HISTORY)}</h3>
                        <ol class="history">
                            {a.history.iter().map(|h| {
                                view! { <li>{clock::format_ms(h.at)}" "{tr(status_text(h.status))}</li> }
                            }).collect_view()}
                        </ol>
                    </section>
                }
            })}
        </main>
    }
}
