//! `/office/persons/{id}` — a person's page in the back office: relationships, contributions
//! and personal account over the last 30 years, as the person reads them; the ID number masked
//! until the operator reveals it (each reveal is audited).

use leptos::prelude::*;

use crate::api::office::{OfficePerson, Revealed};
use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::pages::my_records::records_view;

#[component]
pub fn Person(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let person = RwSignal::new(None::<OfficePerson>);
    let revealed = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Issue>);
    let key = id.to_string();
    let path = endpoints::OFFICE_PERSON.with(&[&key]);
    leptos::task::spawn_local(async move {
        match client::get_json::<OfficePerson>(&path).await {
            Ok(p) => person.set(Some(p)),
            Err(e) => problem.set(Some(e.to_issue())),
        }
    });
    let reveal = move |_| {
        let path = endpoints::OFFICE_PERSON_REVEAL.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, Revealed>(&path, &()).await {
                Ok(r) => revealed.set(Some(r.id_number)),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <main class="page office">
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || person.get().map(|p| view! {
                <h1>{p.name.clone()}</h1>
                <section class="card">
                    <p class="mono" data-testid="person-id">{move || revealed.get().unwrap_or_else(|| p.id_masked.clone())}</p>
                    <Show when=move || revealed.with(Option::is_none)>
                        <button type="button" class="btn btn-secondary" data-testid="reveal" on:click=reveal>{tr(strings::OFFICE_REVEAL)}</button>
                        <p class="field-hint">{tr(strings::OFFICE_REVEAL_NOTE)}</p>
                    </Show>
                </section>
                {records_view(p.records.clone(), true)}
            })}
        </main>
    }
}
