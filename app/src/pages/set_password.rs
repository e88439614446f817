//! A password set with the code sent to the account's registered phone: the form of 忘记密码 and
//! of 验证手机 (which completes a registration made through the outbox). The ID number (or a
//! unit's credit code), the code, the new password twice — checked as typed by the same rules as
//! the server's. Needs the network.

use leptos::prelude::*;

use super::online_form::OnlineForm;
use crate::api::auth::{CodePurpose, ResetRequest, SmsRequest};
use crate::components::{IdNumberField, InputKind, Link, SendCode, TextField};
use crate::domain::forms::password_reset::{self, field};
use crate::domain::forms::Context;
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use crate::state::clock;

/// What differs between the two uses.
#[derive(Clone, Copy)]
pub struct Purpose {
    pub code: CodePurpose,
    pub endpoint: &'static str,
    pub title: Text,
    pub intro: Text,
    pub id_label: Option<Text>,
    pub submit: Text,
    pub done: Text,
    /// The `data-testid` of the card shown once done.
    pub done_id: &'static str,
    /// Offers the code by the account's registered e-mail instead of the phone (忘记密码).
    pub by_email: bool,
}

#[component]
pub fn SetPassword(purpose: Purpose) -> impl IntoView {
    let i18n = use_i18n();
    let (id_number, code, password, confirm) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (email_mode, email) = (RwSignal::new(false), RwSignal::new(String::new()));
    let draft = Memo::new(move |_| ResetRequest {
        id_number: id_number.get(),
        sms_code: code.get(),
        password: password.get(),
        password_confirm: confirm.get(),
        email: if email_mode.get() { email.get() } else { String::new() },
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
        let by_email = email_mode.get_untracked();
        if report.with_untracked(|r| r.error_of(field::ID_NUMBER).is_some() || (by_email && r.error_of(field::EMAIL).is_some())) {
            reveal.set(true);
            return None;
        }
        let (code_purpose, email) = if by_email { (CodePurpose::ResetEmail, email.get_untracked()) } else { (purpose.code, String::new()) };
        Some(SmsRequest { purpose: code_purpose, mobile: String::new(), id_number: id_number.get_untracked(), email })
    });
    let submit = move |_| form.send(purpose.endpoint, draft.get_untracked(), move |()| done.set(true));
    view! {
        <main class="page form-page">
            <h1>{tr(purpose.title)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <section class="card done" role="status" data-testid=purpose.done_id>
                    <p>{tr(purpose.done)}</p>
                    <Link href=Route::Login.href() class="btn btn-wide">{tr(strings::NAV_LOGIN)}</Link>
                </section>
            }>
                <p class="field-hint">{tr(purpose.intro)}</p>
                <form class="card" on:submit=|ev| ev.prevent_default()>
                    <IdNumberField name=field::ID_NUMBER label=purpose.id_label.unwrap_or(strings::FIELD_ID_NUMBER) value=id_number
                        issues=issues(field::ID_NUMBER) reveal=reveal/>
                    {purpose.by_email.then(|| view! {
                        <label class="check">
                            <input type="checkbox" data-testid="by-email" prop:checked=move || email_mode.get()
                                on:change=move |ev| email_mode.set(event_target_checked(&ev))/>
                            <span>{tr(strings::FORGOT_BY_EMAIL)}</span>
                        </label>
                    })}
                    <Show when=move || email_mode.get()>
                        <TextField name=field::EMAIL label=strings::FIELD_REGISTERED_EMAIL value=email issues=issues(field::EMAIL)
                            kind=InputKind::Email reveal=reveal/>
                    </Show>
                    <SendCode request=code_request message=message refused=refused/>
                    <TextField name=field::SMS_CODE label=strings::FIELD_SMS_CODE value=code issues=issues(field::SMS_CODE)
                        kind=InputKind::Numeric autocomplete="one-time-code" reveal=reveal/>
                    <TextField name=field::PASSWORD label=strings::FIELD_NEW_PASSWORD value=password issues=issues(field::PASSWORD)
                        kind=InputKind::Password hint=Some(strings::FIELD_PASSWORD_HINT) autocomplete="new-password" reveal=reveal/>
                    <TextField name=field::PASSWORD_CONFIRM label=strings::FIELD_PASSWORD_CONFIRM value=confirm
                        issues=issues(field::PASSWORD_CONFIRM) kind=InputKind::Password autocomplete="new-password" reveal=reveal/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                    <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=submit>
                        {tr(purpose.submit)}
                    </button>
                </form>
            </Show>
        </main>
    }
}
