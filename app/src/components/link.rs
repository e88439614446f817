//! An in-app link: a real `<a href>` (so it can be opened in a new tab, read by screen readers
//! and followed without wasm) that navigates without a page load when tapped.

use leptos::prelude::*;

use crate::state::use_router;

#[component]
pub fn Link(
    /// Where the link goes (`Route::href()`).
    #[prop(into)]
    href: String,
    #[prop(optional, into)] class: Option<&'static str>,
    #[prop(optional, into)] label: Option<Signal<&'static str>>,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let target = href.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // Let the browser handle new-tab and download gestures.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        router.navigate(&target);
    };
    view! {
        <a href=href class=class aria-label=move || label.map(|l| l.get()) on:click=on_click>
            {children()}
        </a>
    }
}
