//! Screens that live in wasm modules of their own. With the `split` feature (the public
//! bundle, `cargo xtask build`) a first visit downloads only the home screen, the status bar and
//! the shared state (the shell); the common module — the background work of `engine.rs` and the
//! screens below but the forms — follows right after the first paint, and the forms' module the
//! first time a form opens. The service worker precaches every module once it is installed, so
//! offline they come from its cache. Without the feature (the staff bundle, the browser tests)
//! the groups are plain calls.
//!
//! A module that cannot be fetched (the link went down before the service worker had stored
//! it) is not a crash: the split points are `fallible`, the screen says so, and it tries again
//! by itself when the server is reachable, or on a tap.

use leptos::prelude::*;

use crate::api::sync::FilingKind;
use crate::i18n::{strings, tr};
use crate::pages;
use crate::routes::Route;
use crate::state::{use_network, Reachability};

/// A screen's module could not be fetched.
#[derive(Debug)]
pub struct NotDownloaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotDownloaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotDownloaded
    }
}

/// The four filing forms, their rules and photo handling.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(forms, wasm_split_path = ::leptos::wasm_split, fallible))]
fn forms(kind: FilingKind, id: Option<String>) -> Result<AnyView, NotDownloaded> {
    Ok(match kind {
        FilingKind::PersonalRegistration => view! { <pages::Register draft_id=id/> }.into_any(),
        FilingKind::EmployerRegistration => view! { <pages::EmployerRegister draft_id=id/> }.into_any(),
        FilingKind::Enrolment => view! { <pages::Enrolment draft_id=id/> }.into_any(),
        FilingKind::BaseDeclaration => view! { <pages::BaseDeclaration draft_id=id/> }.into_any(),
        FilingKind::Separation => view! { <pages::Separation draft_id=id/> }.into_any(),
        FilingKind::PensionCertification => view! { <pages::AssistedCertification draft_id=id/> }.into_any(),
        FilingKind::InjuryReport => view! { <pages::InjuryReport draft_id=id/> }.into_any(),
        FilingKind::Unemployment => view! { <pages::Unemployment draft_id=id/> }.into_any(),
        FilingKind::MedicalClaim => view! { <pages::MedicalClaim draft_id=id/> }.into_any(),
        FilingKind::Newborn => view! { <pages::Newborn draft_id=id/> }.into_any(),
        FilingKind::PersonChange => view! { <pages::PersonChange draft_id=id/> }.into_any(),
        FilingKind::UnitChange => view! { <pages::UnitChange draft_id=id/> }.into_any(),
    })
}

/// Every other screen: signing in and the account's own screens, the drafts, sync and settings
/// panels. They share one module with the background work (`engine.rs`), which every visit
/// loads right after the first paint, so they are on the phone by the time anyone taps them.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(common, wasm_split_path = ::leptos::wasm_split, fallible))]
fn common(route: Route) -> Result<AnyView, NotDownloaded> {
    Ok(match route {
        Route::Login => view! { <pages::Login/> }.into_any(),
        Route::Agreement => view! { <pages::Legal privacy=false/> }.into_any(),
        Route::Privacy => view! { <pages::Legal privacy=true/> }.into_any(),
        Route::VerifyPhone => view! { <pages::VerifyPhone/> }.into_any(),
        Route::ForgotPassword => view! { <pages::ForgotPassword/> }.into_any(),
        Route::Addresses => view! { <pages::Addresses/> }.into_any(),
        Route::EmployerStatus => view! { <pages::EmployerStatus/> }.into_any(),
        Route::MyRecords => view! { <pages::MyRecords/> }.into_any(),
        Route::UnitBusiness => view! { <pages::UnitBusiness/> }.into_any(),
        Route::Profile => view! { <pages::Profile/> }.into_any(),
        Route::Drafts => view! { <pages::Drafts/> }.into_any(),
        Route::Sync => view! { <pages::SyncPanel/> }.into_any(),
        Route::Settings => view! { <pages::Settings/> }.into_any(),
        Route::Notices => view! { <pages::NoticesPage open=None/> }.into_any(),
        Route::Notice(id) => view! { <pages::NoticesPage open=Some(id)/> }.into_any(),
        Route::Help => view! { <pages::HelpPage/> }.into_any(),
        Route::Contact => view! { <pages::Contact/> }.into_any(),
        _ => view! { <pages::NotFound/> }.into_any(),
    })
}

/// `.await` on a split point; nothing without the feature (the call is then synchronous).
macro_rules! load {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}
pub(crate) use load;

/// Whether `route` is drawn by a screen in a module of its own.
pub fn is_split(route: &Route) -> bool {
    route.split_group().is_some()
}

async fn screen(route: Route) -> Result<AnyView, NotDownloaded> {
    match route {
        Route::Form(kind, id) => load!(forms(kind, id)),
        route => load!(common(route)),
    }
}

/// The screen for a route that [`is_split`]: empty for the moment its module takes to load
/// (milliseconds from the service worker's cache), then the screen — or, when the module
/// could not be fetched, a notice that retries when the server is reachable again.
#[component]
pub fn SplitScreen(route: Route) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let failed = RwSignal::new(false);
    let net = use_network();
    // Retry when the server answers again after being out of reach (only then: a module that
    // fails to load with the server reachable must not be fetched again in a loop).
    Effect::new(move |was_online: Option<bool>| {
        let online = net.state() == Reachability::Online;
        if online && was_online == Some(false) && failed.get_untracked() {
            failed.set(false);
            attempt.update(|n| *n += 1);
        }
        online
    });
    move || {
        attempt.track();
        let route = route.clone();
        Suspend::new(send_wrapper::SendWrapper::new(async move {
            match screen(route).await {
                Ok(view) => view,
                Err(NotDownloaded) => {
                    failed.set(true);
                    view! { <NotDownloadedNotice attempt=attempt/> }.into_any()
                }
            }
        }))
    }
}

#[component]
fn NotDownloadedNotice(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <main class="page" data-testid="not-downloaded">
            <h1>{tr(strings::NOT_DOWNLOADED_TITLE)}</h1>
            <p>{tr(strings::NOT_DOWNLOADED_BODY)}</p>
            <button type="button" class="btn" on:click=move |_| attempt.update(|n| *n += 1)>{tr(strings::SYNC_RETRY)}</button>
        </main>
    }
}
