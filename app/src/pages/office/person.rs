//! `/office/persons/{id}` — a person's page in the back office: relationships, contributions
//! and personal account over the last 30 years, as the person reads them; the ID number masked
//! until the operator reveals it (each reveal is audited); 信息变更 of the bank card and social
//! security card numbers, checked as typed by the shared rules.

use leptos::prelude::*;

use crate::api::office::{OfficePerson, PersonDetailsChange, Revealed};
use crate::api::{client, endpoints};
use crate::domain::cards::check_change;
use crate::domain::{FieldErrors, Issue};
use crate::state::{clock, use_network};
use crate::i18n::{strings, tr, use_i18n};
use crate::pages::my_records::records_view;

#[component]
pub fn Person(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let person = RwSignal::new(None::<OfficePerson>);
    let revealed = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        let path = endpoints::OFFICE_PERSON.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::get_json::<OfficePerson>(&path).await {
                Ok(p) => person.set(Some(p)),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
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
            {super::to_workbench()}
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
                <section class="card" data-testid="details">
                    <h2>{tr(strings::OFFICE_DETAILS)}</h2>
                    <p>{tr(strings::OFFICE_BANK_CARD)}": "<span class="mono" data-testid="bank-card">{p.details.bank_card.clone().unwrap_or_else(|| i18n.t(strings::OFFICE_NOT_SET).to_owned())}</span></p>
                    <p>{tr(strings::OFFICE_SSC_NUMBER)}": "<span class="mono">{p.details.ssc_number.clone().unwrap_or_else(|| i18n.t(strings::OFFICE_NOT_SET).to_owned())}</span></p>
                    <DetailsForm id=id done=load/>
                    {(!p.details.changes.is_empty()).then(|| view! {
                        <details><summary>{tr(strings::OFFICE_CHANGES)}</summary><ul>
                            {p.details.changes.iter().map(|c| {
                                let field = if c.field == "bank_card" { strings::OFFICE_BANK_CARD } else { strings::OFFICE_SSC_NUMBER };
                                view! { <li>{clock::format_ms(c.at)}" · "{tr(field)}" · #"{c.by}</li> }
                            }).collect_view()}
                        </ul></details>
                    })}
                </section>
                {records_view(p.records.clone(), true)}
            })}
        </main>
    }
}

/// The form of 信息变更: each number checked as typed; the server checks again.
#[component]
fn DetailsForm(id: i64, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let bank_card = RwSignal::new(String::new());
    let ssc_number = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    // The shared rules as typed; "one of them is needed" only once a save was tried.
    let tried = RwSignal::new(false);
    let check = move || {
        let (b, s) = (bank_card.get_untracked(), ssc_number.get_untracked());
        let found = check_change(&b, &s).err().unwrap_or_default();
        let typed = !b.trim().is_empty() || !s.trim().is_empty();
        errors.set(if typed || tried.get_untracked() { found } else { FieldErrors::default() });
    };
    let error_of = move |field: &'static str| move || errors.with(|e| e.error_of(field).map(|i| i18n.issue(i)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        check();
        if !errors.with_untracked(|e| e.errors.is_empty()) {
            return;
        }
        let change = PersonDetailsChange { bank_card: bank_card.get_untracked(), ssc_number: ssc_number.get_untracked() };
        let path = endpoints::OFFICE_PERSON_DETAILS.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_form::<_, ()>(&path, &change, net).await {
                client::FormAnswer::Done(()) => {
                    tried.set(false);
                    bank_card.set(String::new());
                    ssc_number.set(String::new());
                    done();
                }
                client::FormAnswer::Refused(r) => errors.set(r.fields),
                client::FormAnswer::Failed(e) => {
                    let mut f = FieldErrors::default();
                    f.error("bank_card", e.to_issue());
                    errors.set(f);
                }
            }
        });
    };
    view! {
        <form class="details-form" on:submit=submit>
            <label class="field">
                <span>{tr(strings::OFFICE_BANK_CARD)}</span>
                <input id="bank_card" inputmode="numeric" autocomplete="off" data-testid="bank-card-input"
                    prop:value=move || bank_card.get() on:input=move |ev| { bank_card.set(event_target_value(&ev)); check(); }/>
                <span class="field-error" role="alert">{error_of("bank_card")}</span>
            </label>
            <label class="field">
                <span>{tr(strings::OFFICE_SSC_NUMBER)}</span>
                <input id="ssc_number" autocomplete="off" data-testid="ssc-input"
                    prop:value=move || ssc_number.get() on:input=move |ev| { ssc_number.set(event_target_value(&ev)); check(); }/>
                <span class="field-error" role="alert">{error_of("ssc_number")}</span>
            </label>
            <button type="submit" class="btn btn-secondary" data-testid="details-save">{tr(strings::OFFICE_DETAILS_SAVE)}</button>
        </form>
    }
}
