//! The root component: shared state, the status bar, and the page for the current route.

use leptos::prelude::*;

use crate::api::sync::FilingKind;
use crate::components::{StatusBar, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::pages::{
    Addresses, BaseDeclaration, Drafts, EmployerRegister, EmployerStatus, Enrolment, ForgotPassword, Home, Legal, Login, NotFound, Register, Settings,
    SyncPanel, VerifyPhone,
};
use crate::routes::Route;
use crate::state::{provide_account, provide_editing, provide_network, provide_policy, provide_router, provide_storage, provide_sync, provide_update};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_network();
    provide_policy();
    provide_update();
    provide_editing();
    provide_storage();
    provide_sync();
    provide_account();
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
        Route::Login => view! { <Login/> }.into_any(),
        Route::Agreement => view! { <Legal privacy=false/> }.into_any(),
        Route::Privacy => view! { <Legal privacy=true/> }.into_any(),
        Route::VerifyPhone => view! { <VerifyPhone/> }.into_any(),
        Route::ForgotPassword => view! { <ForgotPassword/> }.into_any(),
        Route::Addresses => view! { <Addresses/> }.into_any(),
        Route::EmployerStatus => view! { <EmployerStatus/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::ReviewQueue => view! { <crate::pages::ReviewQueue/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::AuditLog => view! { <crate::pages::AuditLog/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::ReviewApplication(id) => view! { <crate::pages::ReviewApplication id=id/> }.into_any(),
        #[cfg(not(feature = "staff"))]
        Route::ReviewQueue | Route::AuditLog | Route::ReviewApplication(_) => view! { <StaffBundle/> }.into_any(),
        Route::Form(FilingKind::EmployerRegistration, id) => view! { <EmployerRegister draft_id=id/> }.into_any(),
        Route::Form(FilingKind::Enrolment, id) => view! { <Enrolment draft_id=id/> }.into_any(),
        Route::Form(FilingKind::BaseDeclaration, id) => view! { <BaseDeclaration draft_id=id/> }.into_any(),
        Route::Form(FilingKind::PersonalRegistration, id) => view! { <Register draft_id=id/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
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
