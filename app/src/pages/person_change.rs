//! `/person-change[/{draft}]` — 个人信息变更: a resident updates their mobile number and their
//! household and contact addresses from the phone, offline like every form (a field worker or
//! an operator may file it for them). Only what is filled in changes. Checked as typed by the
//! shared rules, saved as typed, submitted into the outbox; an operator approves it, or returns
//! it with a reason on a field, which shows here.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{DivisionPicker, IdNumberField, InputKind, TextField};
use crate::domain::forms::person_change::{field, validate, PersonChangeDraft};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn PersonChange(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let blank = json::to_text(&PersonChangeDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::PersonChange, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<PersonChangeDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(validate(&draft.get(), ctx)),
        move || draft.track(),
        move || Snapshot { text: json::to_text(&draft.get_untracked()).unwrap_or_default(), title: f.name.get_untracked(), attachments: Vec::new() },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let division_error = move |name: &'static str, value: RwSignal<String>| {
        Signal::derive(move || issues(name).get().error.filter(|_| reveal.get() || !value.get().is_empty()).map(|e| i18n.issue(&e)))
    };
    let nothing = move || issues("form").get().error.filter(|_| reveal.get()).map(|e| i18n.issue(&e));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_PERSON_CHANGE)}</h1>
            <FormHead form=form/>
            <p class="field-hint">{tr(strings::PERSON_CHANGE_NOTE)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER label=strings::FIELD_ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <TextField name=field::NAME label=strings::FIELD_NAME value=f.name issues=issues(field::NAME) reveal=reveal/>
                    <TextField name=field::MOBILE label=strings::FIELD_MOBILE value=f.mobile issues=issues(field::MOBILE) kind=InputKind::Tel reveal=reveal/>
                    <DivisionPicker name=field::HOUSEHOLD_DIVISION label=strings::FIELD_HOUSEHOLD_ADDRESS value=f.household_division disabled=Signal::derive(move || !editable.get())
                        error=division_error(field::HOUSEHOLD_DIVISION, f.household_division)/>
                    <TextField name=field::HOUSEHOLD_DETAIL label=strings::FIELD_ADDRESS_DETAIL value=f.household_detail issues=issues(field::HOUSEHOLD_DETAIL) reveal=reveal/>
                    <DivisionPicker name=field::CONTACT_DIVISION label=strings::FIELD_CONTACT_ADDRESS value=f.contact_division disabled=Signal::derive(move || !editable.get())
                        error=division_error(field::CONTACT_DIVISION, f.contact_division)/>
                    <TextField name=field::CONTACT_DETAIL label=strings::FIELD_ADDRESS_DETAIL value=f.contact_detail issues=issues(field::CONTACT_DETAIL) reveal=reveal/>
                    {move || nothing().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </fieldset>
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The form's fields as signals (the source of truth while editing).
#[derive(Clone, Copy)]
struct Fields {
    id_number: RwSignal<String>,
    name: RwSignal<String>,
    mobile: RwSignal<String>,
    household_division: RwSignal<String>,
    household_detail: RwSignal<String>,
    contact_division: RwSignal<String>,
    contact_detail: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { id_number: s(), name: s(), mobile: s(), household_division: s(), household_detail: s(), contact_division: s(), contact_detail: s() }
    }

    fn draft(&self) -> PersonChangeDraft {
        PersonChangeDraft {
            id_number: self.id_number.get(),
            name: self.name.get(),
            mobile: self.mobile.get(),
            household_division: self.household_division.get(),
            household_detail: self.household_detail.get(),
            contact_division: self.contact_division.get(),
            contact_detail: self.contact_detail.get(),
        }
    }

    fn fill(&self, d: PersonChangeDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.mobile.set(d.mobile);
        self.household_division.set(d.household_division);
        self.household_detail.set(d.household_detail);
        self.contact_division.set(d.contact_division);
        self.contact_detail.set(d.contact_detail);
    }
}
