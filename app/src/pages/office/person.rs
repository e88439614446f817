//! `/office/persons/{id}` — a person's page in the back office: relationships, contributions
//! and personal account over the last 30 years, as the person reads them; the ID number masked
//! until the operator reveals it (each reveal is audited); 信息变更 (a name correction, mobile,
//! addresses, bank card and social security card numbers), checked as typed by the shared rules;
//! 基数调整 under four eyes; 养老待遇测算; 养老金申请 under four eyes.

use leptos::prelude::*;

use super::adjust::{AdjustForm, AdjustmentList};
use super::claim::ClaimCard;
use super::pension::PensionCard;
use crate::api::office::{OfficePerson, Revealed};
use crate::api::{client, endpoints};
use crate::components::{DivisionPicker, FieldIssues, InputKind, TextField};
use crate::domain::forms::person_details::{field, validate, PersonDetailsDraft};
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
                    {[
                        (strings::FIELD_MOBILE, p.details.mobile.clone(), "mobile"),
                        (strings::FIELD_HOUSEHOLD_ADDRESS, p.details.household_address.clone(), "household-address"),
                        (strings::FIELD_CONTACT_ADDRESS, p.details.contact_address.clone(), "contact-address"),
                        (strings::OFFICE_BANK_CARD, p.details.bank_card.clone(), "bank-card"),
                        (strings::OFFICE_SSC_NUMBER, p.details.ssc_number.clone(), "ssc-number"),
                    ].into_iter().map(|(label, value, testid)| view! {
                        <p>{tr(label)}": "<span class="mono" data-testid=testid>{value.unwrap_or_else(|| i18n.t(strings::OFFICE_NOT_SET).to_owned())}</span></p>
                    }).collect_view()}
                    <DetailsForm id=id done=load/>
                    {(!p.details.changes.is_empty()).then(|| view! {
                        <details><summary>{tr(strings::OFFICE_CHANGES)}</summary><ul data-testid="changes">
                            {p.details.changes.iter().map(|c| view! { <li>{clock::format_ms(c.at)}" · "{tr(field_label(&c.field))}" · #"{c.by}</li> }).collect_view()}
                        </ul></details>
                    })}
                </section>
                <section class="card" data-testid="adjust">
                    <h2>{tr(strings::OFFICE_ADJUSTMENTS)}</h2>
                    <AdjustmentList list=Signal::derive(move || person.with(|p| p.as_ref().map(|p| p.adjustments.clone()).unwrap_or_default())) changed=load/>
                    <AdjustForm person=id units=p.units.clone() done=load/>
                </section>
                {(!p.open.is_empty()).then(|| view! { <super::suspend::SuspendCard open=p.open.clone() done=load/> })}
                <PensionCard id=id/>
                <ClaimCard person=Some(id)/>
                {records_view(p.records.clone(), true)}
            })}
        </main>
    }
}

/// A changed field's name on screen.
fn field_label(field: &str) -> crate::i18n::Text {
    match field {
        field::NAME => strings::FIELD_NAME,
        field::MOBILE => strings::FIELD_MOBILE,
        "household_address" => strings::FIELD_HOUSEHOLD_ADDRESS,
        "contact_address" => strings::FIELD_CONTACT_ADDRESS,
        field::SSC_NUMBER => strings::OFFICE_SSC_NUMBER,
        _ => strings::OFFICE_BANK_CARD,
    }
}

/// The form of 信息变更: each field checked as typed by the shared rules (the server checks
/// again, and checks a corrected name against the registry); an empty field stays as it is.
#[component]
fn DetailsForm(id: i64, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let all: [RwSignal<String>; 8] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [name, mobile, household_division, household_detail, contact_division, contact_detail, bank_card, ssc_number] = all;
    let draft = move || PersonDetailsDraft {
        name: name.get(),
        mobile: mobile.get(),
        household_division: household_division.get(),
        household_detail: household_detail.get(),
        contact_division: contact_division.get(),
        contact_detail: contact_detail.get(),
        bank_card: bank_card.get(),
        ssc_number: ssc_number.get(),
    };
    let report = Memo::new(move |_| FieldErrors::verdict(validate(&draft())));
    let reveal = RwSignal::new(false);
    let refused = RwSignal::new(None::<FieldErrors>);
    let message = RwSignal::new(None::<Issue>);
    let issues = move |f: &'static str| {
        Signal::derive(move || refused.with(|r| r.as_ref().map(|e| FieldIssues::of(e, f))).filter(|i| i.error.is_some()).unwrap_or_else(|| report.with(|r| FieldIssues::of(r, f))))
    };
    let division_error = move |f: &'static str| Signal::derive(move || reveal.get().then(|| issues(f).get().error.map(|e| i18n.issue(&e))).flatten());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reveal.set(true);
        refused.set(None);
        if report.with_untracked(FieldErrors::has_errors) {
            return;
        }
        let path = endpoints::OFFICE_PERSON_DETAILS.with(&[&id.to_string()]);
        let body = draft();
        leptos::task::spawn_local(async move {
            match client::post_form::<_, ()>(&path, &body, net).await {
                client::FormAnswer::Done(()) => {
                    for s in all {
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
        <form class="details-form" data-testid="person-details" on:submit=save>
            <p class="field-hint">{tr(strings::OFFICE_DETAILS_NOTE)}</p>
            <TextField name=field::NAME label=strings::OFFICE_NAME_FIX value=name issues=issues(field::NAME) reveal=reveal/>
            <TextField name=field::MOBILE label=strings::FIELD_MOBILE value=mobile issues=issues(field::MOBILE) kind=InputKind::Tel reveal=reveal/>
            <DivisionPicker name=field::HOUSEHOLD_DIVISION label=strings::FIELD_HOUSEHOLD_ADDRESS value=household_division error=division_error(field::HOUSEHOLD_DIVISION)/>
            <TextField name=field::HOUSEHOLD_DETAIL label=strings::FIELD_ADDRESS_DETAIL value=household_detail issues=issues(field::HOUSEHOLD_DETAIL) reveal=reveal/>
            <DivisionPicker name=field::CONTACT_DIVISION label=strings::FIELD_CONTACT_ADDRESS value=contact_division error=division_error(field::CONTACT_DIVISION)/>
            <TextField name=field::CONTACT_DETAIL label=strings::FIELD_ADDRESS_DETAIL value=contact_detail issues=issues(field::CONTACT_DETAIL) reveal=reveal/>
            <TextField name=field::BANK_CARD label=strings::OFFICE_BANK_CARD value=bank_card issues=issues(field::BANK_CARD) kind=InputKind::Numeric reveal=reveal/>
            <TextField name=field::SSC_NUMBER label=strings::OFFICE_SSC_NUMBER value=ssc_number issues=issues(field::SSC_NUMBER) reveal=reveal/>
            {move || reveal.get().then(|| issues("form").get().error).flatten().map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })}
            {move || message.get().map(|m| view! { <p class="field-error" role="alert" data-testid="details-message">{i18n.issue(&m)}</p> })}
            <button type="submit" class="btn btn-secondary" data-testid="details-save">{tr(strings::OFFICE_DETAILS_SAVE)}</button>
        </form>
    }
}
