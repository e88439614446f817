//! `/notices` — 通知公告: the notices in force for whoever uses the app, newest first, each with
//! its unread mark; `/notices/{id}` — one notice, which opening marks read. Both read the copy
//! kept on the device, so they work offline.

use leptos::prelude::*;

use crate::api::notices::Notice;
use crate::components::Link;
use crate::i18n::{strings, tr};
use crate::routes::Route;
use crate::state::use_notices;

#[component]
pub fn NoticesPage(open: Option<i64>) -> impl IntoView {
    let notices = use_notices();
    // Opening a notice marks it read, once it is on the device (the list may load after the page).
    if let Some(id) = open {
        Effect::new(move |_| {
            if notices.list().iter().any(|n| n.id == id) {
                notices.open(id);
            }
        });
    }
    view! {
        <main class="page notices">
            <h1>{tr(strings::NOTICES_TITLE)}</h1>
            {move || match open {
                Some(id) => match notices.list().into_iter().find(|n| n.id == id) {
                    Some(n) => view! { <One notice=n/> }.into_any(),
                    None if notices.settled() => view! { <p class="card" data-testid="notice-gone">{tr(strings::NOTICES_GONE)}</p> }.into_any(),
                    None => ().into_any(),
                },
                None => view! { <NoticeList/> }.into_any(),
            }}
            <p class="field-hint">{tr(strings::NOTICES_KEPT)}</p>
        </main>
    }
}

#[component]
fn NoticeList() -> impl IntoView {
    let notices = use_notices();
    view! {
        <ul class="list" data-testid="notices">
            {move || {
                let list = notices.list();
                if list.is_empty() {
                    return view! { <li class="list-item">{tr(strings::NOTICES_NONE)}</li> }.into_any();
                }
                list.into_iter().map(|n| view! { <NoticeLink notice=n/> }).collect_view().into_any()
            }}
        </ul>
    }
}

/// A notice's title as a link, with its unread mark (the home screen lists them too).
#[component]
pub fn NoticeLink(notice: Notice) -> impl IntoView {
    let notices = use_notices();
    let id = notice.id;
    view! {
        <li class="list-item notice-item" data-testid="notice-item" data-read=move || notices.is_read(id).to_string()>
            <Link href=Route::Notice(id).href() class="list-title">
                <Show when=move || !notices.is_read(id)>
                    <span class="unread-dot" data-testid="unread">{tr(strings::NOTICES_UNREAD)}</span>" "
                </Show>
                {notice.title.clone()}
            </Link>
            <span class="list-sub">{tr(strings::NOTICES_UNTIL)}" "{notice.valid_to.iso()}</span>
        </li>
    }
}

#[component]
fn One(notice: Notice) -> impl IntoView {
    view! {
        <article class="card notice" data-testid="notice">
            <h2>{notice.title.clone()}</h2>
            <p class="list-sub">
                {tr(strings::NOTICES_PUBLISHED)}" "{crate::state::clock::format_ms(notice.published_at)}
                " · "{tr(strings::NOTICES_UNTIL)}" "{notice.valid_to.iso()}
            </p>
            {notice.body.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
        </article>
        <Link href=Route::Notices.href() class="btn btn-secondary">{tr(strings::NOTICES_ALL)}</Link>
    }
}
