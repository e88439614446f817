//! `/medical-claim[/{draft}]` — 医疗费用报销: a person claims back a hospital stay they paid in
//! full (or a field worker or an operator files it for them): who, the hospital and its level,
//! the days of the stay, and up to six receipts, each a number, an amount and a photo. Checked as
//! typed by the shared rules, saved as typed, submitted into the outbox with its photos; an
//! operator approves it or returns it with a reason on a receipt, and what it paid back (with
//! the working) shows on 我的社保.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::benefits::medical::Level;
use crate::domain::forms::medical_claim::{field, validate, MedicalClaimDraft, RECEIPTS, RECEIPT_NUMBERS};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn MedicalClaim(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let blank = json::to_text(&MedicalClaimDraft { receipts: vec![String::new()], ..Default::default() }).unwrap_or_default();
    let session = DraftSession::open(FilingKind::MedicalClaim, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<MedicalClaimDraft>(&record.data) {
            f.fill(d);
        }
        attachments.set(record.attachments.clone());
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(validate(&draft.get(), ctx)),
        move || {
            draft.track();
            attachments.track();
        },
        move || Snapshot { text: json::to_text(&draft.get_untracked()).unwrap_or_default(), title: f.name.get_untracked(), attachments: attachments.get_untracked() },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let level_error = move || issues(field::LEVEL).get().error.filter(|_| reveal.get() || !f.level.get().is_empty()).map(|e| i18n.issue(&e));
    let list_error = move || issues(field::RECEIPTS).get().error.filter(|_| reveal.get()).map(|e| i18n.issue(&e));
    let receipt = move |n: usize| {
        view! {
            <Show when=move || { n < f.count.get() }>
                <div class="receipt">
                    <TextField name=RECEIPT_NUMBERS[n] label=strings::RECEIPT_NUMBER_LABELS[n] value=f.numbers[n] issues=issues(RECEIPT_NUMBERS[n]) reveal=reveal/>
                    <TextField name=RECEIPTS[n] label=strings::RECEIPT_AMOUNTS[n] value=f.receipts[n] issues=issues(RECEIPTS[n]) kind=InputKind::Decimal reveal=reveal/>
                    <PhotoSlot name=RECEIPTS[n] label=strings::RECEIPT_PHOTOS[n] attachments=attachments disabled=Signal::derive(move || !editable.get())/>
                </div>
            </Show>
        }
    };
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_MEDICAL_CLAIM)}</h1>
            <FormHead form=form/>
            <p class="field-hint">{tr(strings::MEDICAL_FORM_NOTE)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <TextField name=field::NAME label=strings::FIELD_NAME value=f.name issues=issues(field::NAME) reveal=reveal/>
                    <TextField name=field::HOSPITAL label=strings::FIELD_HOSPITAL value=f.hospital issues=issues(field::HOSPITAL) reveal=reveal/>
                    <div class="field" class:field-invalid=move || level_error().is_some()>
                        <label for=field::LEVEL>{tr(strings::FIELD_HOSPITAL_LEVEL)}</label>
                        <select id=field::LEVEL name=field::LEVEL prop:value=move || f.level.get() on:change=move |ev| f.level.set(event_target_value(&ev))>
                            <option value="">{tr(strings::PICK_CHOOSE)}</option>
                            {Level::ALL.into_iter().map(|l| view! { <option value=l.code()>{tr(Text { zh: l.zh(), en: l.en() })}</option> }).collect_view()}
                        </select>
                        {move || level_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    </div>
                    <TextField name=field::ADMITTED_ON label=strings::FIELD_ADMITTED_ON value=f.admitted_on issues=issues(field::ADMITTED_ON) kind=InputKind::Date reveal=reveal/>
                    <TextField name=field::DISCHARGED_ON label=strings::FIELD_DISCHARGED_ON value=f.discharged_on issues=issues(field::DISCHARGED_ON) kind=InputKind::Date reveal=reveal/>
                    {(0..RECEIPTS.len()).map(receipt).collect_view()}
                    {move || list_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <Show when=move || { f.count.get() < RECEIPTS.len() }>
                        <button type="button" class="btn btn-secondary" on:click=move |_| f.count.update(|c| *c += 1)>{tr(strings::MEDICAL_ADD_RECEIPT)}</button>
                    </Show>
                </fieldset>
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The form's fields as signals (the source of truth while editing); `count` receipts show.
#[derive(Clone, Copy)]
struct Fields {
    id_number: RwSignal<String>,
    name: RwSignal<String>,
    hospital: RwSignal<String>,
    level: RwSignal<String>,
    admitted_on: RwSignal<String>,
    discharged_on: RwSignal<String>,
    receipts: [RwSignal<String>; 6],
    numbers: [RwSignal<String>; 6],
    count: RwSignal<usize>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields {
            id_number: s(),
            name: s(),
            hospital: s(),
            level: s(),
            admitted_on: s(),
            discharged_on: s(),
            receipts: [s(), s(), s(), s(), s(), s()],
            numbers: [s(), s(), s(), s(), s(), s()],
            count: RwSignal::new(1),
        }
    }

    fn draft(&self) -> MedicalClaimDraft {
        MedicalClaimDraft {
            id_number: self.id_number.get(),
            name: self.name.get(),
            hospital: self.hospital.get(),
            level: self.level.get(),
            admitted_on: self.admitted_on.get(),
            discharged_on: self.discharged_on.get(),
            receipts: self.receipts[..self.count.get()].iter().map(|r| r.get()).collect(),
            receipt_numbers: self.numbers[..self.count.get()].iter().map(|r| r.get()).collect(),
        }
    }

    fn fill(&self, d: MedicalClaimDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.hospital.set(d.hospital);
        self.level.set(d.level);
        self.admitted_on.set(d.admitted_on);
        self.discharged_on.set(d.discharged_on);
        self.count.set(d.receipts.len().clamp(1, self.receipts.len()));
        for (signal, value) in self.receipts.iter().zip(d.receipts) {
            signal.set(value);
        }
        for (signal, value) in self.numbers.iter().zip(d.receipt_numbers) {
            signal.set(value);
        }
    }
}
