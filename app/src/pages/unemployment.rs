//! `/unemployment[/{draft}]` — 失业登记: a person who lost their job registers (or a field worker
//! or an operator registers them): who, the day the job ended, why — never by their own choice
//! — and a photo of the paper that ends the contract when the unit's 减员 does not already say
//! so. Checked as typed by the shared rules, saved as typed, submitted into the outbox like
//! every filing with its photo; an operator approves it in the case queue and the benefit
//! (months and amount, with the working) shows on 我的社保.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::forms::unemployment::{field, validate, Cause, UnemploymentDraft, PROOF_SLOT};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn Unemployment(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let blank = json::to_text(&UnemploymentDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::Unemployment, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<UnemploymentDraft>(&record.data) {
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
    let cause_error = move || issues(field::CAUSE).get().error.filter(|_| reveal.get() || !f.cause.get().is_empty()).map(|e| i18n.issue(&e));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_UNEMPLOYMENT)}</h1>
            <FormHead form=form/>
            <p class="field-hint">{tr(strings::UNEMPLOYMENT_FORM_NOTE)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <TextField name=field::NAME label=strings::FIELD_NAME value=f.name issues=issues(field::NAME) reveal=reveal/>
                    <TextField name=field::LEFT_ON label=strings::FIELD_LEFT_ON value=f.left_on issues=issues(field::LEFT_ON) kind=InputKind::Date reveal=reveal/>
                    <div class="field" class:field-invalid=move || cause_error().is_some()>
                        <label for=field::CAUSE>{tr(strings::FIELD_CAUSE)}</label>
                        <select id=field::CAUSE name=field::CAUSE prop:value=move || f.cause.get()
                            on:change=move |ev| f.cause.set(event_target_value(&ev))>
                            <option value="">{tr(strings::PICK_CHOOSE)}</option>
                            {Cause::ALL.into_iter().map(|c| view! { <option value=c.code()>{tr(Text { zh: c.zh(), en: c.en() })}</option> }).collect_view()}
                        </select>
                        {move || cause_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    </div>
                    <TextField name=field::STATEMENT label=strings::FIELD_STATEMENT value=f.statement issues=issues(field::STATEMENT) reveal=reveal/>
                </fieldset>
                <PhotoSlot name=PROOF_SLOT label=strings::ATTACH_CONTRACT_END attachments=attachments disabled=Signal::derive(move || !editable.get())/>
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
    left_on: RwSignal<String>,
    cause: RwSignal<String>,
    statement: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { id_number: s(), name: s(), left_on: s(), cause: s(), statement: s() }
    }

    fn draft(&self) -> UnemploymentDraft {
        UnemploymentDraft { id_number: self.id_number.get(), name: self.name.get(), left_on: self.left_on.get(), cause: self.cause.get(), statement: self.statement.get() }
    }

    fn fill(&self, d: UnemploymentDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.left_on.set(d.left_on);
        self.cause.set(d.cause);
        self.statement.set(d.statement);
    }
}
