//! `/verify-phone` — 验证手机: a registration made offline or by a field worker waits
//! (「待验证手机」) until the code sent to its phone is entered here, by the resident or by the
//! field worker who is with them. Needs the network.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::auth::{CodePurpose, SmsRequest, VerifyPhoneRequest};
use crate::components::{IdNumberField, InputKind, Link, SendCode, TextField};
use crate::domain::{FieldErrors, IdNumber, SmsCode};
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use super::online_form::OnlineForm;
use crate::state::clock;

const ID_NUMBER: &str = "id_number";
const SMS_CODE: &str = "sms_code";

#[component]
pub fn VerifyPhone() -> impl IntoView {
    let i18n = use_i18n();
    let id_number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let report = Memo::new(move |_| {
        let mut e = FieldErrors::default();
        e.take(ID_NUMBER, id_number.with(|v| IdNumber::parse(v, clock::today())));
        e.take(SMS_CODE, code.with(|v| SmsCode::parse(v)));
        e
    });
    let form = OnlineForm::new(report, move || {
        id_number.track();
        code.track();
    });
    let (reveal, refused, message, busy) = (form.reveal, form.refused, form.message, form.busy);
    let done = RwSignal::new(false);
    let issues = move |name: &'static str| form.issues(name);
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(ID_NUMBER).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::VerifyPhone, mobile: String::new(), id_number: id_number.get_untracked() })
    });
    let submit = move |_| {
        let req = VerifyPhoneRequest { id_number: id_number.get_untracked(), sms_code: code.get_untracked() };
        form.send(endpoints::VERIFY_PHONE.path, req, move |()| done.set(true));
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
