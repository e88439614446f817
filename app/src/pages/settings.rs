//! `/settings` — language, and which versions of the app and the server are talking.

use leptos::prelude::*;

use crate::api::{client, AboutServer, ServerInfo};
use crate::i18n::{strings, tr, use_i18n, Lang};
use crate::state::use_network;

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let info = RwSignal::new(None::<ServerInfo>);
    leptos::task::spawn_local(async move {
        if let Ok(answer) = client::call(&AboutServer {}, net).await {
            info.set(Some(answer));
        }
    });
    let server_version = move || {
        info.get()
            .map(|i| i.version)
            .unwrap_or_else(|| i18n.t(strings::SETTINGS_SERVER_UNKNOWN).to_owned())
    };
    view! {
        <main class="page settings">
            <h1>{tr(strings::SETTINGS_TITLE)}</h1>
            <section class="card">
                <h2>{tr(strings::SETTINGS_LANGUAGE)}</h2>
                <div class="choice" role="radiogroup">
                    <LangButton lang=Lang::Zh text=strings::LANG_ZH/>
                    <LangButton lang=Lang::En text=strings::LANG_EN/>
                </div>
            </section>
            <section class="card">
                <h2>{tr(strings::SETTINGS_ABOUT)}</h2>
                <dl class="facts">
                    <dt>{tr(strings::SETTINGS_APP_VERSION)}</dt>
                    <dd>{env!("CARGO_PKG_VERSION")}</dd>
                    <dt>{tr(strings::SETTINGS_SERVER_VERSION)}</dt>
                    <dd>{server_version}</dd>
                </dl>
            </section>
        </main>
    }
}

#[component]
fn LangButton(lang: Lang, text: crate::i18n::Text) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            class="btn btn-choice"
            role="radio"
            aria-checked=move || (i18n.lang() == lang).to_string()
            data-lang=lang.code()
            on:click=move |_| i18n.set(lang)
        >
            {tr(text)}
        </button>
    }
}
