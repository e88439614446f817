//! `/office` — 经办工作台: the operations the back office offers so far.

use leptos::prelude::*;

use crate::components::Link;
use crate::i18n::{strings, tr, Text};
use crate::routes::Route;

#[component]
pub fn Workbench() -> impl IntoView {
    let tile = |title: Text, note: Text, route: Route| {
        view! {
            <Link href=route.href() class="tile">
                <span class="tile-title">{tr(title)}</span>
                <span class="tile-note">{tr(note)}</span>
            </Link>
        }
    };
    view! {
        <main class="page office">
            <h1>{tr(strings::NAV_OFFICE)}</h1>
            <nav class="tiles" data-testid="workbench">
                {tile(strings::OFFICE_CASES, strings::OFFICE_CASES_NOTE, Route::OfficeCases)}
                {tile(strings::OFFICE_FIND, strings::OFFICE_FIND_NOTE, Route::OfficeFind)}
                {tile(strings::OFFICE_PAYMENTS, strings::OFFICE_PAYMENTS_NOTE, Route::OfficePayments)}
            </nav>
        </main>
    }
}
