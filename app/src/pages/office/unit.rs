//! `/office/units/{id}` — a unit's page in the back office: its record, the people it insures
//! now, and a month's statement with any arrears — as the unit's own account reads them; 信息变更
//! of its industry class, name, address and contact, with each change's before and after.

use leptos::prelude::*;

use crate::api::office::{OfficeUnit, UnitClassChange};
use crate::api::{client, endpoints};
use crate::domain::ledger::Month;
use crate::components::{DivisionPicker, FieldIssues, InputKind, TextField};
use crate::domain::forms::unit_details::{self, field, UnitDetailsDraft};
use crate::domain::{FieldErrors, Issue};
use crate::state::use_network;
use crate::i18n::{strings, tr, use_i18n};
use crate::pages::unit_business::{roster_view, statement_view};
use crate::state::clock;

/// A changed field's name on screen.
fn field_label(field: &str) -> crate::i18n::Text {
    match field {
        field::NAME => strings::FIELD_UNIT_NAME,
        field::ADDRESS => strings::FIELD_CONTACT_ADDRESS,
        field::CONTACT_NAME => strings::OFFICE_CONTACT,
        field::CONTACT_MOBILE => strings::OFFICE_CONTACT_MOBILE,
        _ => strings::OFFICE_INDUSTRY_CLASS,
    }
}

#[component]
pub fn Unit(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let month = RwSignal::new(Month::of(clock::today()).to_string());
    let unit = RwSignal::new(None::<OfficeUnit>);
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        let path = format!("{}?month={}", endpoints::OFFICE_UNIT.with(&[&id.to_string()]), month.get_untracked());
        leptos::task::spawn_local(async move {
            match client::get_json::<OfficeUnit>(&path).await {
                Ok(u) => {
                    problem.set(None);
                    unit.set(Some(u));
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
    let class = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    let change_class = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(industry_class) = class.get_untracked().parse::<i64>() else { return };
        changed.set(false);
        let path = endpoints::OFFICE_UNIT_CLASS.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, ()>(&path, &UnitClassChange { industry_class }).await {
                Ok(()) => {
                    changed.set(true);
                    load();
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <main class="page office records-page">
            {super::to_workbench()}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || unit.get().map(|u| view! {
                <h1>{u.name.clone()}</h1>
                <p class="mono" data-testid="unit-code">{u.credit_code.clone()}" · "{u.region}
                    {u.industry_class.map(|c| format!(" · {} {c}", i18n.t(strings::OFFICE_INDUSTRY_CLASS)))}</p>
            })}
            <form class="card period" on:submit=change_class>
                <label for="industry-class">{tr(strings::OFFICE_CLASS_CHANGE)}</label>
                <select id="industry-class" data-testid="industry-class" on:change=move |ev| class.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {(1..=8).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-secondary" data-testid="class-save">{tr(strings::OFFICE_CLASS_CHANGE)}</button>
                <Show when=move || changed.get()><span class="field-hint" role="status">{tr(strings::OFFICE_CLASS_CHANGED)}</span></Show>
            </form>
            {move || unit.get().map(|u| view! {
                <section class="card" data-testid="unit-contact">
                    <p>{tr(strings::FIELD_CONTACT_ADDRESS)}": "{u.address.clone().unwrap_or_else(|| i18n.t(strings::OFFICE_NOT_SET).to_owned())}</p>
                    <p>{tr(strings::OFFICE_CONTACT)}": "{u.contact_name.clone().unwrap_or_default()}" "<span class="mono">{u.contact_mobile.clone().unwrap_or_default()}</span></p>
                    {(!u.history.is_empty()).then(|| view! {
                        <details><summary>{tr(strings::OFFICE_CHANGES)}</summary><ul data-testid="unit-changes">
                            {u.history.iter().map(|c| view! {
                                <li>{clock::format_ms(c.at)}" · "{tr(field_label(&c.field))}": "{c.before.clone().unwrap_or_else(|| i18n.t(strings::OFFICE_NOT_SET).to_owned())}
                                    " → "{c.after.clone()}{c.by.map(|b| format!(" · #{b}"))}</li>
                            }).collect_view()}
                        </ul></details>
                    })}
                </section>
            })}
            <UnitDetailsForm id=id done=load/>
            <form class="card period" on:submit=move |ev| { ev.prevent_default(); load(); }>
                <label for="month">{tr(strings::STATEMENT_MONTH)}</label>
                <input id="month" type="month" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
                <button type="submit" class="btn">{tr(strings::RECORDS_QUERY)}</button>
            </form>
            {move || unit.get().map(|u| view! {
                {statement_view(u.statement)}
                {roster_view(u.roster)}
            })}
        </main>
    }
}

/// 信息变更 of the name, address and contact: checked as typed by the shared rules (the server
/// checks again); an empty field stays as it is.
#[component]
fn UnitDetailsForm(id: i64, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let (name, region, address, contact_name, contact_mobile) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let draft = move || UnitDetailsDraft { name: name.get(), region: region.get(), address: address.get(), contact_name: contact_name.get(), contact_mobile: contact_mobile.get() };
    let report = Memo::new(move |_| FieldErrors::verdict(unit_details::validate(&draft())));
    let reveal = RwSignal::new(false);
    let refused = RwSignal::new(None::<FieldErrors>);
    let message = RwSignal::new(None::<Issue>);
    let issues = move |f: &'static str| {
        Signal::derive(move || refused.with(|r| r.as_ref().map(|e| FieldIssues::of(e, f))).filter(|i| i.error.is_some()).unwrap_or_else(|| report.with(|r| FieldIssues::of(r, f))))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reveal.set(true);
        if report.with_untracked(FieldErrors::has_errors) {
            return;
        }
        let path = endpoints::OFFICE_UNIT_DETAILS.with(&[&id.to_string()]);
        let body = draft();
        leptos::task::spawn_local(async move {
            match client::post_form::<_, ()>(&path, &body, net).await {
                client::FormAnswer::Done(()) => {
                    for s in [name, region, address, contact_name, contact_mobile] {
                        s.set(String::new());
                    }
                    reveal.set(false);
                    message.set(None);
                    done();
                }
                client::FormAnswer::Refused(r) => {
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                client::FormAnswer::Failed(e) => message.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <form class="card" data-testid="unit-details" on:submit=save>
            <h2>{tr(strings::OFFICE_UNIT_DETAILS)}</h2>
            <p class="field-hint">{tr(strings::OFFICE_DETAILS_NOTE)}</p>
            <TextField name=field::NAME label=strings::FIELD_UNIT_NAME value=name issues=issues(field::NAME) reveal=reveal/>
            <DivisionPicker name=field::REGION label=strings::FIELD_CONTACT_ADDRESS value=region
                error=Signal::derive(move || reveal.get().then(|| issues(field::REGION).get().error.map(|e| i18n.issue(&e))).flatten())/>
            <TextField name=field::ADDRESS label=strings::FIELD_ADDRESS_DETAIL value=address issues=issues(field::ADDRESS) reveal=reveal/>
            <TextField name=field::CONTACT_NAME label=strings::OFFICE_CONTACT value=contact_name issues=issues(field::CONTACT_NAME) reveal=reveal/>
            <TextField name=field::CONTACT_MOBILE label=strings::OFFICE_CONTACT_MOBILE value=contact_mobile issues=issues(field::CONTACT_MOBILE) kind=InputKind::Tel reveal=reveal/>
            {move || reveal.get().then(|| issues("form").get().error).flatten().map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })}
            {move || message.get().map(|m| view! { <p class="field-error" role="alert">{i18n.issue(&m)}</p> })}
            <button type="submit" class="btn btn-secondary" data-testid="unit-details-save">{tr(strings::OFFICE_DETAILS_SAVE)}</button>
        </form>
    }
}
