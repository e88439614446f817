//! `/unit-change[/{draft}]` — 单位信息变更: a unit's own account updates its address and its
//! contact person and their mobile from the phone, offline like every form (a field worker or an
//! operator names the unit by its credit code). Only what is filled in changes. Checked as typed
//! by the shared rules, saved as typed, submitted into the outbox; an operator approves it, or
//! returns it with a reason on a field, which shows here.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{DivisionPicker, InputKind, TextField};
use crate::domain::forms::unit_change::{field, validate, UnitChangeDraft};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn UnitChange(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let blank = json::to_text(&UnitChangeDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::UnitChange, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<UnitChangeDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |_| FieldErrors::verdict(validate(&draft.get())),
        move || draft.track(),
        move || Snapshot { text: json::to_text(&draft.get_untracked()).unwrap_or_default(), title: f.contact_name.get_untracked(), attachments: Vec::new() },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let region_error = Signal::derive(move || issues(field::REGION).get().error.filter(|_| reveal.get() || !f.region.get().is_empty()).map(|e| i18n.issue(&e)));
    let nothing = move || issues("form").get().error.filter(|_| reveal.get()).map(|e| i18n.issue(&e));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_UNIT_CHANGE)}</h1>
            <FormHead form=form/>
            <p class="field-hint">{tr(strings::UNIT_CHANGE_NOTE)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <TextField name=field::CREDIT_CODE label=strings::FIELD_CREDIT_CODE value=f.credit_code issues=issues(field::CREDIT_CODE)
                        kind=InputKind::Identifier hint=Some(strings::FIELD_CREDIT_CODE_HINT) reveal=reveal/>
                    <DivisionPicker name=field::REGION label=strings::FIELD_CONTACT_ADDRESS value=f.region disabled=Signal::derive(move || !editable.get()) error=region_error/>
                    <TextField name=field::ADDRESS label=strings::FIELD_ADDRESS_DETAIL value=f.address issues=issues(field::ADDRESS) reveal=reveal/>
                    <TextField name=field::CONTACT_NAME label=strings::OFFICE_CONTACT value=f.contact_name issues=issues(field::CONTACT_NAME) reveal=reveal/>
                    <TextField name=field::CONTACT_MOBILE label=strings::OFFICE_CONTACT_MOBILE value=f.contact_mobile issues=issues(field::CONTACT_MOBILE) kind=InputKind::Tel reveal=reveal/>
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
    credit_code: RwSignal<String>,
    region: RwSignal<String>,
    address: RwSignal<String>,
    contact_name: RwSignal<String>,
    contact_mobile: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { credit_code: s(), region: s(), address: s(), contact_name: s(), contact_mobile: s() }
    }

    fn draft(&self) -> UnitChangeDraft {
        UnitChangeDraft {
            credit_code: self.credit_code.get(),
            region: self.region.get(),
            address: self.address.get(),
            contact_name: self.contact_name.get(),
            contact_mobile: self.contact_mobile.get(),
        }
    }

    fn fill(&self, d: UnitChangeDraft) {
        self.credit_code.set(d.credit_code);
        self.region.set(d.region);
        self.address.set(d.address);
        self.contact_name.set(d.contact_name);
        self.contact_mobile.set(d.contact_mobile);
    }
}
