//! Any path the app does not know.

use leptos::prelude::*;
use crate::components::Link;
use crate::routes::Route;

use crate::i18n::{strings, tr};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="page">
            <h1>{tr(strings::NOT_FOUND_TITLE)}</h1>
            <p>{tr(strings::NOT_FOUND_BODY)}</p>
            <Link href=Route::Home.href() class="btn">{tr(strings::BACK_HOME)}</Link>
        </main>
    }
}
