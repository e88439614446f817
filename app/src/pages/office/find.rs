//! `/office/find` — 业务查询: a person by ID number or whole name, a unit by credit code or part of
//! its name; ID numbers masked.

use leptos::prelude::*;

use crate::api::office::Found;
use crate::api::{client, endpoints};
use crate::components::Link;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;

#[component]
pub fn Find() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Found>);
    let problem = RwSignal::new(None::<Issue>);
    let search = move || {
        let q = query.get_untracked();
        let path = format!("{}?q={}", endpoints::OFFICE_FIND.path, js_sys::encode_uri_component(q.trim()));
        leptos::task::spawn_local(async move {
            match client::get_json::<Found>(&path).await {
                Ok(f) => {
                    problem.set(None);
                    found.set(Some(f));
                }
                Err(e) => {
                    found.set(None);
                    problem.set(Some(e.to_issue()));
                }
            }
        });
    };
    view! {
        <main class="page office">
            {super::to_workbench()}
            <h1>{tr(strings::OFFICE_FIND)}</h1>
            <form class="card filters" on:submit=move |ev| { ev.prevent_default(); search(); }>
                <label class="field">
                    <span>{tr(strings::OFFICE_QUERY)}</span>
                    <input type="search" name="q" data-testid="office-query" autocomplete="off"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="btn" data-testid="office-search">{tr(strings::OFFICE_SEARCH)}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || found.get().map(|f| view! {
                {(f.persons.is_empty() && f.units.is_empty()).then(|| view! { <p class="card">{tr(strings::OFFICE_NO_HITS)}</p> })}
                <ul class="list" data-testid="hits">
                    {f.persons.into_iter().map(|h| view! {
                        <li>
                            <Link href=Route::OfficePerson(h.person).href() class="list-item">
                                <span class="list-title">{h.name.clone()}</span>
                                <span class="list-sub mono">{h.id_masked.clone()}</span>
                            </Link>
                        </li>
                    }).collect_view()}
                    {f.units.into_iter().map(|u| view! {
                        <li>
                            <Link href=Route::OfficeUnit(u.unit).href() class="list-item">
                                <span class="list-title">{u.name.clone()}</span>
                                <span class="list-sub mono">{u.credit_code.clone()}</span>
                            </Link>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </main>
    }
}
