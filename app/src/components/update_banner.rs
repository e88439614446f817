//! 「有新版本」: offered when a new version waits; applied only by a tap and only when no
//! draft form is open.

use leptos::prelude::*;

use crate::i18n::{strings, tr};
use crate::state::{use_editing, use_update};

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_update();
    let editing = use_editing();
    view! {
        <Show when=move || update.ready()>
            <div class="banner banner-update" role="status" data-testid="update-banner">
                <Show
                    when=move || !editing.is_open()
                    fallback=|| view! { <span>{tr(strings::UPDATE_AFTER_DRAFT)}</span> }
                >
                    <span>{tr(strings::UPDATE_READY)}</span>
                    <button class="btn btn-small" on:click=move |_| update.apply()>
                        {tr(strings::UPDATE_APPLY)}
                    </button>
                </Show>
            </div>
        </Show>
    }
}
