//! The root component: shared state, the status bar, and the page for the current route.

use leptos::prelude::*;

use crate::components::{StatusBar, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::pages::{Home, NotFound};
use crate::routes::Route;
use crate::split::SplitScreen;
use crate::state::{provide_account, provide_editing, provide_network, provide_notices, provide_outbox, provide_policy, provide_router, provide_storage, provide_update};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_network();
    crate::engine::start();
    provide_policy();
    provide_update();
    provide_editing();
    provide_storage();
    provide_outbox();
    provide_account();
    provide_notices();
    let router = provide_router();
    let route = Memo::new(move |_| router.route());
    view! {
        <StatusBar/>
        <UpdateBanner/>
        {move || page(route.get())}
    }
}

fn page(route: Route) -> AnyView {
    if crate::split::is_split(&route) {
        return view! { <SplitScreen route=route/> }.into_any();
    }
    match route {
        Route::Home => view! { <Home/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::ReviewQueue => view! { <crate::pages::ReviewQueue/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::AuditLog => view! { <crate::pages::AuditLog/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::AdminNotices => view! { <crate::pages::AdminNotices/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::ReviewApplication(id) => view! { <crate::pages::ReviewApplication id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Office => view! { <crate::pages::office::Workbench/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeFind => view! { <crate::pages::office::Find/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficePerson(id) => view! { <crate::pages::office::Person id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeUnit(id) => view! { <crate::pages::office::Unit id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficePayments => view! { <crate::pages::office::Payments/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeCases => view! { <crate::pages::office::Cases/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeCase(id) => view! { <crate::pages::office::Case id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeReports => view! { <crate::pages::office::Reports/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::OfficeStats => view! { <crate::pages::office::Stats/> }.into_any(),
        #[cfg(not(feature = "staff"))]
        ref r if r.is_staff() => view! { <StaffBundle/> }.into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}

/// A staff screen reached from the public bundle (a link on the home screen): the document
/// loads again at the same address, and `boot.js` starts the staff bundle for it.
#[cfg(not(feature = "staff"))]
#[component]
fn StaffBundle() -> impl IntoView {
    Effect::new(move |_| {
        let _ = window().location().reload();
    });
    view! { <main class="page skeleton" aria-busy="true"></main> }
}
