//! The bar at the top of every screen: the app's name and, always visible, whether the server
//! can be reached.

use leptos::prelude::*;

use crate::components::{Link, SyncBadge};
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use crate::state::{use_network, Reachability};

#[component]
pub fn StatusBar() -> impl IntoView {
    let net = use_network();
    let i18n = use_i18n();
    let (label, class) = (
        move || match net.state() {
            Reachability::Online => i18n.t(strings::NET_ONLINE),
            Reachability::Offline => i18n.t(strings::NET_OFFLINE),
            Reachability::Checking => i18n.t(strings::NET_CHECKING),
        },
        move || match net.state() {
            Reachability::Online => "net net-online",
            Reachability::Offline => "net net-offline",
            Reachability::Checking => "net net-checking",
        },
    );
    view! {
        <header class="status-bar">
            <Link href=Route::Home.href() class="brand">{tr(strings::APP_NAME)}</Link>
            <span class=class role="status" aria-live="polite" aria-label=tr(strings::NET_STATUS_LABEL)
                data-testid="net-state">
                <span class="dot" aria-hidden="true"></span>
                {label}
            </span>
            <SyncBadge/>
            <Link href=Route::Settings.href() class="icon-link" label=Signal::derive(tr(strings::NAV_SETTINGS))>
                <span aria-hidden="true">"⚙"</span>
            </Link>
        </header>
    }
}
