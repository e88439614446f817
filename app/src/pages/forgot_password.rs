//! `/forgot-password` — 忘记密码: the ID number, the code sent to the registered phone, and a
//! new password twice, checked as typed by the same rules as the server's. Every session of the
//! account ends. Needs the network.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::auth::{CodePurpose, ResetRequest, SmsRequest};
use crate::components::{IdNumberField, InputKind, Link, SendCode, TextField};
use crate::domain::forms::password_reset::{self, field};
use crate::domain::forms::Context;
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use super::online_form::OnlineForm;
use crate::state::clock;

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let i18n = use_i18n();
    let (id_number, code, password, confirm) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let draft = Memo::new(move |_| ResetRequest {
        id_number: id_number.get(),
        sms_code: code.get(),
        password: password.get(),
        password_confirm: confirm.get(),
    });
    let report = Memo::new(move |_| {
        let ctx = Context { today: clock::today(), policy: None };
        FieldErrors::verdict(password_reset::validate(&draft.get(), &ctx))
    });
    let form = OnlineForm::new(report, move || draft.track());
    let (reveal, refused, message, busy) = (form.reveal, form.refused, form.message, form.busy);
    let done = RwSignal::new(false);
    let issues = move |name: &'static str| form.issues(name);
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(field::ID_NUMBER).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::Reset, mobile: String::new(), id_number: id_number.get_untracked() })
    });
    let submit = move |_| form.send(endpoints::RESET.path, draft.get_untracked(), move |()| done.set(true));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::FORGOT_TITLE)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <section class="card done" role="status" data-testid="reset-done">
                    <p>{tr(strings::FORGOT_DONE)}</p>
                    <Link href=Route::Login.href() class="btn btn-wide">{tr(strings::NAV_LOGIN)}</Link>
                </section>
            }>
                <p class="field-hint">{tr(strings::FORGOT_INTRO)}</p>
                <form class="card" on:submit=|ev| ev.prevent_default()>
                    <IdNumberField name=field::ID_NUMBER value=id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <SendCode request=code_request message=message refused=refused/>
                    <TextField name=field::SMS_CODE label=strings::FIELD_SMS_CODE value=code issues=issues(field::SMS_CODE)
                        kind=InputKind::Numeric autocomplete="one-time-code" reveal=reveal/>
                    <TextField name=field::PASSWORD label=strings::FIELD_NEW_PASSWORD value=password issues=issues(field::PASSWORD)
                        kind=InputKind::Password hint=Some(strings::FIELD_PASSWORD_HINT) autocomplete="new-password" reveal=reveal/>
                    <TextField name=field::PASSWORD_CONFIRM label=strings::FIELD_PASSWORD_CONFIRM value=confirm
                        issues=issues(field::PASSWORD_CONFIRM) kind=InputKind::Password autocomplete="new-password" reveal=reveal/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                    <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=submit>
                        {tr(strings::FORGOT_SUBMIT)}
                    </button>
                </form>
            </Show>
        </main>
    }
}
