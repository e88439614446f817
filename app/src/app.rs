//! The root component: shared state, the status bar, and the page for the current route.

use leptos::prelude::*;

use crate::api::sync::FilingKind;
use crate::components::{StatusBar, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::pages::{Drafts, Enrolment, Home, NotFound, Settings, SyncPanel};
use crate::routes::Route;
use crate::state::{provide_editing, provide_network, provide_policy, provide_router, provide_storage, provide_sync, provide_update};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_network();
    provide_policy();
    provide_update();
    provide_editing();
    provide_storage();
    provide_sync();
    let router = provide_router();
    let route = Memo::new(move |_| router.route());
    view! {
        <StatusBar/>
        <UpdateBanner/>
        {move || page(route.get())}
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <Home/> }.into_any(),
        Route::Settings => view! { <Settings/> }.into_any(),
        Route::Drafts => view! { <Drafts/> }.into_any(),
        Route::Sync => view! { <SyncPanel/> }.into_any(),
        Route::Form(FilingKind::Enrolment, id) => view! { <Enrolment draft_id=id/> }.into_any(),
        Route::Form(..) | Route::NotFound => view! { <NotFound/> }.into_any(),
    }
}
