//! `/login` — by ID number or mobile and password. Logging in needs the network; the signed-in
//! person shows on the home screen.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::auth::{LoginRequest, Me};
use crate::api::client;
use crate::components::{FieldIssues, InputKind, Link, TextField};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use crate::state::{use_account, use_network, use_router, Reachability};

#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let router = use_router();
    let account = use_account();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Staff: the code sent to the account's phone once the password was right.
    let code = RwSignal::new(String::new());
    let second_factor = RwSignal::new(false);
    let message = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    let submit = move |_| {
        if net.state() == Reachability::Offline {
            message.set(Some(Issue::new("offline", strings::LOGIN_NEEDS_NETWORK.zh, strings::LOGIN_NEEDS_NETWORK.en)));
            return;
        }
        busy.set(true);
        let req = LoginRequest { login: login.get_untracked(), password: password.get_untracked(), sms_code: code.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post_json::<_, Me>(endpoints::LOGIN.path, &req).await {
                Ok(me) => {
                    // The first login asks for the addresses.
                    let next = if me.needs_addresses { Route::Addresses } else { Route::Home };
                    account.signed_in(me);
                    router.navigate(&next.href());
                }
                Err(e) => {
                    second_factor.update(|s| *s |= e.code == "login.second_factor");
                    message.set(Some(e.to_issue()));
                }
            }
            busy.set(false);
        });
    };
    let none = Signal::derive(FieldIssues::default);
    view! {
        <main class="page form-page">
            <h1>{tr(strings::LOGIN_TITLE)}</h1>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <TextField name="login" label=strings::FIELD_LOGIN value=login issues=none kind=InputKind::Identifier autocomplete="username"/>
                <TextField name="password" label=strings::FIELD_PASSWORD value=password issues=none kind=InputKind::Password autocomplete="current-password"/>
                <Show when=move || second_factor.get()>
                    <TextField name="sms_code" label=strings::FIELD_SMS_CODE value=code issues=none kind=InputKind::Numeric autocomplete="one-time-code"/>
                </Show>
                {move || message.get().map(|m| view! { <p class="form-message field-error" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=submit>{tr(strings::LOGIN_SUBMIT)}</button>
            </form>
            <Link href=Route::ForgotPassword.href() class="link">{tr(strings::NAV_FORGOT)}</Link>
            <Link href=Route::Form(crate::api::sync::FilingKind::PersonalRegistration, None).href() class="link">{tr(strings::NO_ACCOUNT)}</Link>
        </main>
    }
}

/// `/agreement` and `/privacy`.
#[component]
pub fn Legal(privacy: bool) -> impl IntoView {
    let (title, body) = if privacy {
        (strings::PRIVACY_TITLE, strings::PRIVACY_BODY)
    } else {
        (strings::AGREEMENT_TITLE, strings::AGREEMENT_BODY)
    };
    view! {
        <main class="page">
            <h1>{tr(title)}</h1>
            <section class="card"><p>{tr(body)}</p></section>
        </main>
    }
}
