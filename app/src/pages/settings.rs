//! `/settings` — language, 长辈模式 (elderly mode), and which versions of the app and the server
//! are talking.

use leptos::prelude::*;

use crate::api::{client, AboutServer, ServerInfo};
use crate::i18n::{strings, tr, use_i18n, Lang};
use crate::state::{elder, use_network};

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
            <ElderMode/>
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

/// 长辈模式: larger type (20 px body text) and touch targets (56 px), higher contrast, and a
/// home screen without the small print — kept on this device only.
#[component]
fn ElderMode() -> impl IntoView {
    let on = RwSignal::new(elder::is_on());
    let toggle = move |_| {
        let next = !on.get_untracked();
        elder::set(next);
        on.set(next);
    };
    view! {
        <section class="card">
            <h2>{tr(strings::ELDER_TITLE)}</h2>
            <p class="field-hint">{tr(strings::ELDER_HINT)}</p>
            <button type="button" class="btn btn-choice btn-wide" role="switch" data-testid="elder-mode"
                aria-checked=move || on.get().to_string() on:click=toggle>
                {move || if on.get() { tr(strings::ELDER_ON)() } else { tr(strings::ELDER_OFF)() }}
            </button>
        </section>
    }
}
