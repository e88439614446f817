//! `/employer-status` — 审核进度查询: the employer's own application by credit code and the
//! password set at registration. The answer is kept on the device (without the password), so
//! the last known state shows offline too. Sent back, each reason names the field or material
//! it concerns, and "fix and resubmit" opens a new, linked version of the filing this device
//! sent.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::auth::{CodePurpose, SmsRequest};
use crate::api::client::{self, FormAnswer};
use crate::api::endpoints;
use crate::api::review::{StatusAnswer, StatusRequest, VerifyMobileRequest};
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
    let password = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<StatusAnswer>);
    let fresh = RwSignal::new(false);
    let message = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
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
        let req = StatusRequest { credit_code: credit_code.get_untracked(), password: password.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post_json::<_, StatusAnswer>(endpoints::EMPLOYER_STATUS.path, &req).await {
                Ok(a) => {
                    keep(&a).await;
                    answer.set(Some(a));
                    fresh.set(true);
                }
                Err(e) => message.set(Some(e.to_issue())),
            }
            busy.set(false);
        });
    };
    let none = Signal::derive(FieldIssues::default);
    view! {
        <main class="page form-page">
            <h1>{tr(strings::NAV_EMPLOYER_STATUS)}</h1>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <TextField name="credit_code" label=strings::FIELD_CREDIT_CODE value=credit_code issues=none kind=InputKind::Identifier autocomplete="username"/>
                <TextField name="password" label=strings::FIELD_PASSWORD value=password issues=none kind=InputKind::Password autocomplete="current-password"/>
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
                        {(!a.mobile_verified && a.status != Status::Approved).then(|| view! {
                            <p class="field-error" data-testid="mobile-unverified">{tr(strings::MOBILE_UNVERIFIED)}" "{a.mobile_masked.clone()}</p>
                            {move || fresh.get().then(|| view! { <ProveMobile credit_code=credit_code password=password answer=answer/> })}
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

/// Proves the handler's mobile of the latest application: a code to it, typed back. Shown only
/// with a fresh answer (the credit code and password are then in the form above).
#[component]
fn ProveMobile(credit_code: RwSignal<String>, password: RwSignal<String>, answer: RwSignal<Option<StatusAnswer>>) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let code = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Issue>);
    let refused = RwSignal::new(None::<FieldErrors>);
    let request = Callback::new(move |()| {
        Some(SmsRequest { purpose: CodePurpose::EmployerMobile, mobile: String::new(), id_number: credit_code.get_untracked() })
    });
    let busy = RwSignal::new(false);
    let prove = move |_| {
        busy.set(true);
        let req = VerifyMobileRequest { credit_code: credit_code.get_untracked(), password: password.get_untracked(), sms_code: code.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post_form::<_, StatusAnswer>(endpoints::EMPLOYER_VERIFY_MOBILE.path, &req, net).await {
                FormAnswer::Done(a) => {
                    keep(&a).await;
                    message.set(None);
                    answer.set(Some(a));
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
    let issues = Signal::derive(move || refused.with(|r| r.as_ref().map(|e| FieldIssues::of(e, "sms_code")).unwrap_or_default()));
    view! {
        <div class="prove-mobile" data-testid="prove-mobile">
            <TextField name="sms_code" label=strings::FIELD_SMS_CODE value=code issues=issues kind=InputKind::Numeric/>
            <SendCode request=request message=message refused=refused/>
            {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="prove-message">{i18n.issue(&m)}</p> })}
            <button type="button" class="btn btn-wide" data-testid="prove" disabled=move || busy.get() on:click=prove>{tr(strings::MOBILE_PROVE)}</button>
        </div>
    }
}
