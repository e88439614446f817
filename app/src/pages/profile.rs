//! `/profile` — 我的信息: the signed-in person's details (identifiers masked, the addresses with a
//! way to change them), the sign-in before this one (when, and from what class of address, so a
//! stranger's sign-in shows), 修改密码 (checked as typed by the server's rules; other devices are
//! logged out), 手机号变更 (the new number proven by a code; a lost old number is the counter's)
//! and 退出所有设备. Needs the network: nothing here is kept on the device.

use leptos::prelude::*;

use crate::api::auth::{AddressClass, CodePurpose, MobileChangeRequest, PasswordChangeRequest, Profile as ProfileAnswer, SmsRequest};
use crate::api::{client, endpoints};
use crate::components::{InputKind, Link, SendCode, TextField};
use crate::domain::divisions;
use crate::domain::forms::mobile_change;
use crate::domain::forms::password_change::{self, field};
use crate::domain::password::Personal;
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use crate::state::{clock, use_account, use_network, Reachability};

use super::online_form::OnlineForm;

fn from_text(class: Option<AddressClass>) -> Text {
    match class {
        Some(AddressClass::Loopback) => strings::PROFILE_FROM_LOOPBACK,
        Some(AddressClass::Private) => strings::PROFILE_FROM_PRIVATE,
        Some(AddressClass::Internet) | None => strings::PROFILE_FROM_INTERNET,
    }
}

/// A division code and the street, as one line (`江苏省南京市玄武区 中山路1号`).
fn address_line(division: &str, detail: &str) -> String {
    let place = division.parse().ok().and_then(divisions::full_name).unwrap_or_default();
    format!("{place} {detail}").trim().to_owned()
}

#[component]
pub fn Profile() -> impl IntoView {
    let net = use_network();
    let account = use_account();
    let profile = RwSignal::new(None::<ProfileAnswer>);
    let message = RwSignal::new(None::<Issue>);
    let load = move || {
        if account.me().is_none() {
            return;
        }
        if net.state() != Reachability::Online {
            message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        message.set(None);
        leptos::task::spawn_local(async move {
            match client::get_json::<ProfileAnswer>(endpoints::MY_PROFILE.path).await {
                Ok(p) => profile.set(Some(p)),
                Err(e) => message.set(Some(e.0)),
            }
        });
    };
    // Loads once signed in and online (and again when the network comes back).
    Effect::new(move |_| {
        if account.me().is_some() && net.state() == Reachability::Online && profile.with_untracked(Option::is_none) {
            load();
        }
    });
    let i18n = use_i18n();
    view! {
        <main class="page profile" data-testid="profile">
            <h1>{tr(strings::PROFILE_TITLE)}</h1>
            <Show when=move || account.me().is_some() fallback=|| view! {
                <section class="card">
                    <p>{tr(strings::PROFILE_SIGN_IN_FIRST)}</p>
                    <Link href=Route::Login.href() class="btn btn-wide">{tr(strings::NAV_LOGIN)}</Link>
                </section>
            }>
                {move || message.get().map(|m| view! { <p class="form-message" role="alert">{i18n.issue(&m)}</p> })}
                {move || profile.get().map(|p| view! { <Facts p=p/> })}
                <ChangePassword/>
                <ChangeMobile on_done=Callback::new(move |()| profile.set(None))/>
                <LogoutAll/>
            </Show>
        </main>
    }
}

#[component]
fn Facts(p: ProfileAnswer) -> impl IntoView {
    let none = || tr(strings::PROFILE_NONE);
    let (household, contact) = match &p.addresses {
        Some(a) => (Some(address_line(&a.household_division, &a.household_detail)), Some(address_line(&a.contact_division, &a.contact_detail))),
        None => (None, None),
    };
    let previous = p.previous_sign_in.clone();
    view! {
        <section class="card">
            <dl class="facts" data-testid="profile-facts">
                <dt>{tr(strings::FIELD_NAME)}</dt><dd>{p.name.clone()}</dd>
                <dt>{tr(strings::FIELD_ID_NUMBER)}</dt><dd data-testid="profile-id">{p.id_masked.clone()}</dd>
                <dt>{tr(strings::FIELD_MOBILE)}</dt><dd>{p.mobile_masked.clone()}</dd>
                <dt>{tr(strings::PROFILE_EMAIL)}</dt><dd>{p.email_masked.clone().map_or_else(|| none().into_any(), |e| e.into_any())}</dd>
                <dt>{tr(strings::PROFILE_ACCOUNT_TYPE)}</dt><dd>{tr(super::role_text(p.role))}</dd>
                <dt>{tr(strings::FIELD_HOUSEHOLD_ADDRESS)}</dt><dd>{household.map_or_else(|| none().into_any(), |a| a.into_any())}</dd>
                <dt>{tr(strings::FIELD_CONTACT_ADDRESS)}</dt><dd>{contact.map_or_else(|| none().into_any(), |a| a.into_any())}</dd>
                <dt>{tr(strings::PROFILE_PREVIOUS_SIGN_IN)}</dt>
                <dd data-testid="previous-sign-in">{match previous {
                    Some(s) => view! { {clock::format_ms(s.at)}" · "{tr(from_text(s.from))} }.into_any(),
                    None => tr(strings::PROFILE_FIRST_SIGN_IN).into_any(),
                }}</dd>
            </dl>
            <p class="field-hint">{tr(strings::PROFILE_NOT_YOU)}</p>
            <Link href=Route::Addresses.href() class="btn btn-secondary">{tr(strings::PROFILE_EDIT_ADDRESSES)}</Link>
        </section>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let (current, password, confirm) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let draft = Memo::new(move |_| PasswordChangeRequest { current: current.get(), password: password.get(), password_confirm: confirm.get() });
    // The device knows only masked identifiers; the server checks the password against the
    // whole ID number and mobile as well.
    let report = Memo::new(move |_| {
        FieldErrors::verdict(password_change::validate(&draft.get(), &Personal { birth: None, id_number: None, mobile: None }))
    });
    let form = OnlineForm::new(report, move || draft.track());
    let (reveal, message, busy) = (form.reveal, form.message, form.busy);
    let done = RwSignal::new(false);
    let issues = move |name: &'static str| form.issues(name);
    let submit = move |_| {
        form.send(endpoints::PASSWORD.path, draft.get_untracked(), move |()| {
            // Done: the form gives way to the confirmation, and forgets what was typed.
            message.set(None);
            done.set(true);
            for s in [current, password, confirm] {
                s.set(String::new());
            }
        });
    };
    view! {
        <section class="card">
            <h2>{tr(strings::PASSWORD_CHANGE_TITLE)}</h2>
            <p class="field-hint">{tr(strings::PASSWORD_CHANGE_HINT)}</p>
            <Show when=move || !done.get() fallback=|| view! {
                <p class="done" role="status" data-testid="password-changed">{tr(strings::PASSWORD_CHANGE_DONE)}</p>
            }>
                <form on:submit=|ev| ev.prevent_default() data-testid="password-change">
                    <TextField name=field::CURRENT label=strings::FIELD_CURRENT_PASSWORD value=current issues=issues(field::CURRENT)
                        kind=InputKind::Password autocomplete="current-password" reveal=reveal/>
                    <TextField name=field::PASSWORD label=strings::FIELD_NEW_PASSWORD value=password issues=issues(field::PASSWORD)
                        kind=InputKind::Password hint=Some(strings::FIELD_PASSWORD_HINT) autocomplete="new-password" reveal=reveal/>
                    <TextField name=field::PASSWORD_CONFIRM label=strings::FIELD_PASSWORD_CONFIRM value=confirm
                        issues=issues(field::PASSWORD_CONFIRM) kind=InputKind::Password autocomplete="new-password" reveal=reveal/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                    <button type="submit" class="btn btn-wide" data-testid="change-password" disabled=move || busy.get() on:click=submit>
                        {tr(strings::PASSWORD_CHANGE_SUBMIT)}
                    </button>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn ChangeMobile(
    /// Called once the number changed (the profile shown is then out of date).
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let (mobile, code, current) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let draft = Memo::new(move |_| MobileChangeRequest { mobile: mobile.get(), sms_code: code.get(), current_password: current.get() });
    let report = Memo::new(move |_| FieldErrors::verdict(mobile_change::validate(&draft.get())));
    let form = OnlineForm::new(report, move || draft.track());
    let (reveal, refused, message, busy) = (form.reveal, form.refused, form.message, form.busy);
    let done = RwSignal::new(false);
    let issues = move |name: &'static str| form.issues(name);
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(mobile_change::field::MOBILE).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::ChangeMobile, mobile: mobile.get_untracked(), id_number: String::new(), email: String::new() })
    });
    let submit = move |_| {
        form.send(endpoints::MOBILE.path, draft.get_untracked(), move |()| {
            message.set(None);
            done.set(true);
            on_done.run(());
            // The signed-in card shows the masked number: ask the server again.
            leptos::task::spawn_local(async move {
                if let Ok(me) = client::get_json(endpoints::ME.path).await {
                    account.signed_in(me);
                }
            });
        });
    };
    view! {
        <section class="card">
            <h2>{tr(strings::MOBILE_CHANGE_TITLE)}</h2>
            <Show when=move || !done.get() fallback=|| view! {
                <p class="done" role="status" data-testid="mobile-changed">{tr(strings::MOBILE_CHANGE_DONE)}</p>
            }>
                <p class="field-hint">{tr(strings::MOBILE_CHANGE_HINT)}</p>
                <form on:submit=|ev| ev.prevent_default() data-testid="mobile-change">
                    <TextField name=mobile_change::field::MOBILE label=strings::FIELD_NEW_MOBILE value=mobile issues=issues(mobile_change::field::MOBILE)
                        kind=InputKind::Tel reveal=reveal/>
                    <SendCode request=code_request message=message refused=refused/>
                    <TextField name=mobile_change::field::SMS_CODE label=strings::FIELD_SMS_CODE value=code issues=issues(mobile_change::field::SMS_CODE)
                        kind=InputKind::Numeric autocomplete="one-time-code" reveal=reveal/>
                    <TextField name=mobile_change::field::CURRENT_PASSWORD label=strings::FIELD_CURRENT_PASSWORD value=current
                        issues=issues(mobile_change::field::CURRENT_PASSWORD) kind=InputKind::Password autocomplete="current-password" reveal=reveal/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="mobile-message">{i18n.issue(&m)}</p> })}
                    <button type="submit" class="btn btn-wide" data-testid="change-mobile" disabled=move || busy.get() on:click=submit>
                        {tr(strings::MOBILE_CHANGE_SUBMIT)}
                    </button>
                </form>
                <p class="field-hint">{tr(strings::MOBILE_LOST)}</p>
            </Show>
        </section>
    }
}

#[component]
fn LogoutAll() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let message = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    let go = move |_| {
        if net.state() != Reachability::Online {
            message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, ()>(endpoints::LOGOUT_ALL.path, &()).await {
                // Ended on the server: this device forgets the person as at any logout.
                Ok(()) => account.signed_out(),
                Err(e) if e.code == "login_required" => account.signed_out(),
                Err(e) => message.set(Some(e.0)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card">
            <h2>{tr(strings::LOGOUT_ALL_TITLE)}</h2>
            <p class="field-hint">{tr(strings::LOGOUT_ALL_HINT)}</p>
            {move || message.get().map(|m| view! { <p class="form-message" role="alert">{i18n.issue(&m)}</p> })}
            <button type="button" class="btn btn-secondary btn-wide" data-testid="logout-all" disabled=move || busy.get() on:click=go>
                {tr(strings::LOGOUT_ALL)}
            </button>
        </section>
    }
}
