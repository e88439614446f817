//! `/drafts` — every draft on the device: kind, person, last edit, status; open or delete (with
//! a confirmation and a moment to undo).

use leptos::prelude::*;

use crate::components::filing_status::state_text;
use crate::components::Link;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::db;
use crate::offline::drafts::{self, DraftRecord};
use crate::pages::kind_text;
use crate::routes::Route;
use crate::state::{clock, use_outbox};

#[component]
pub fn Drafts() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_outbox();
    let list = RwSignal::new(Vec::<DraftRecord>::new());
    let undo = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(db) = db::shared().await {
                if let Ok(d) = drafts::list(&db).await {
                    list.set(d);
                }
            }
        })
    };
    reload();
    let remove = move |id: String| {
        if !window().confirm_with_message(i18n.t(strings::DRAFTS_CONFIRM_DELETE)).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(db) = db::shared().await {
                let _ = drafts::delete(&db, &id, js_sys::Date::now() as i64).await;
            }
            undo.set(Some(id));
            reload();
        });
    };
    let restore = move |_| {
        if let Some(id) = undo.get_untracked() {
            leptos::task::spawn_local(async move {
                if let Ok(db) = db::shared().await {
                    let _ = drafts::undelete(&db, &id).await;
                }
                undo.set(None);
                reload();
            });
        }
    };
    view! {
        <main class="page">
            <h1>{tr(strings::DRAFTS_TITLE)}</h1>
            {move || undo.get().map(|_| view! {
                <div class="banner banner-undo" role="status">
                    <span>{tr(strings::DRAFTS_DELETED)}</span>
                    <button type="button" class="btn btn-small" data-testid="undo" on:click=restore>{tr(strings::DRAFTS_UNDO)}</button>
                </div>
            })}
            <Show when=move || list.with(Vec::is_empty)>
                <p class="empty">{tr(strings::DRAFTS_EMPTY)}</p>
            </Show>
            <ul class="list" data-testid="drafts">
                {move || list.get().into_iter().map(|d| {
                        let id = d.id.clone();
                        let status = match &d.frozen_as {
                            None => strings::STATE_EDITING,
                            Some(c) => sync.item(c).map(|i| state_text(i.state)).unwrap_or(strings::STATE_WAITING),
                        };
                        let title = if d.title.is_empty() { i18n.t(strings::UNTITLED).to_owned() } else { d.title.clone() };
                        view! {
                            <li class="list-item">
                                <Link href=Route::form(d.kind, &d.id).href() class="list-main">
                                    <span class="list-title">{title}</span>
                                    <span class="list-sub">{tr(kind_text(d.kind))}" · "{tr(status)}</span>
                                    <span class="list-sub">{tr(strings::DRAFTS_LAST_EDIT)}" "{clock::format_ms(d.updated_at)}</span>
                                </Link>
                                {d.frozen_as.is_none().then(|| view! {
                                    <button type="button" class="btn btn-small btn-secondary" on:click=move |_| remove(id.clone())>
                                        {tr(strings::DRAFTS_DELETE)}
                                    </button>
                                })}
                            </li>
                        }
                }).collect_view()}
            </ul>
        </main>
    }
}
