//! `/verify-phone` — 验证手机: a registration made offline or by a field worker waits
//! (「待验证手机」) until the code sent to its phone is entered here, by the resident or by the
//! field worker who is with them. Needs the network.

use leptos::prelude::*;

use crate::api::auth::{self, CodePurpose, SmsRequest, VerifyPhoneRequest};
use crate::api::client::{self, FormAnswer};
use crate::components::{IdNumberField, InputKind, Link, SendCode, TextField};
use crate::domain::{FieldErrors, IdNumber, Issue, SmsCode};
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use crate::state::{clock, use_network, Reachability};

const ID_NUMBER: &str = "id_number";
const SMS_CODE: &str = "sms_code";

#[component]
pub fn VerifyPhone() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let id_number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let report = Memo::new(move |_| {
        let mut e = FieldErrors::default();
        e.take(ID_NUMBER, id_number.with(|v| IdNumber::parse(v, clock::today())));
        e.take(SMS_CODE, code.with(|v| SmsCode::parse(v)));
        e
    });
    let (reveal, refused, message, busy, done) =
        (RwSignal::new(false), RwSignal::new(None::<FieldErrors>), RwSignal::new(None::<Issue>), RwSignal::new(false), RwSignal::new(false));
    Effect::new(move |first: Option<()>| {
        id_number.track();
        code.track();
        if first.is_some() {
            refused.set(None);
        }
    });
    let issues = move |name: &'static str| Signal::derive(move || super::field_issues(refused, report, name));
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(ID_NUMBER).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::VerifyPhone, mobile: String::new(), id_number: id_number.get_untracked() })
    });
    let submit = move |_| {
        if net.state() != Reachability::Online {
            message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        if report.with_untracked(FieldErrors::has_errors) {
            reveal.set(true);
            return;
        }
        busy.set(true);
        let req = VerifyPhoneRequest { id_number: id_number.get_untracked(), sms_code: code.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post_form::<_, ()>(auth::VERIFY_PHONE, &req, net).await {
                FormAnswer::Done(()) => done.set(true),
                FormAnswer::Refused(r) => {
                    reveal.set(true);
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                FormAnswer::Failed(e) => message.set(Some(e.to_issue())),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="page form-page">
            <h1>{tr(strings::NAV_VERIFY_PHONE)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <section class="card done" role="status" data-testid="verified">
                    <p>{tr(strings::VERIFY_PHONE_DONE)}</p>
                    <Link href=Route::Login.href() class="btn btn-wide">{tr(strings::NAV_LOGIN)}</Link>
                </section>
            }>
                <p class="field-hint">{tr(strings::VERIFY_PHONE_INTRO)}</p>
                <form class="card" on:submit=|ev| ev.prevent_default()>
                    <IdNumberField name=ID_NUMBER value=id_number issues=issues(ID_NUMBER) reveal=reveal/>
                    <SendCode request=code_request message=message refused=refused/>
                    <TextField name=SMS_CODE label=strings::FIELD_SMS_CODE value=code issues=issues(SMS_CODE) kind=InputKind::Numeric
                        autocomplete="one-time-code" reveal=reveal/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                    <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=submit>
                        {tr(strings::VERIFY_PHONE_SUBMIT)}
                    </button>
                </form>
            </Show>
        </main>
    }
}
