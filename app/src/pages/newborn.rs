//! `/newborn[/{draft}]` — 新生儿参保: a parent (or another guardian) enrols a newborn in
//! 城乡居民基本医疗保险 — the child's name, birth date and 出生医学证明编号 (the ID number too once
//! issued), where the child is insured, and the guardian. A field worker or an operator may
//! file it for the guardian. Checked as typed by the shared rules, saved as typed, submitted
//! into the outbox; the duplicate check on the child and the first month covered are the
//! server's, shown to the operator and, once approved, on 我的社保.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{DivisionPicker, IdNumberField, InputKind, TextField};
use crate::domain::forms::newborn::{field, validate, NewbornDraft, RELATIONS};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn Newborn(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let blank = json::to_text(&NewbornDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::Newborn, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<NewbornDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(validate(&draft.get(), ctx)),
        move || draft.track(),
        move || Snapshot { text: json::to_text(&draft.get_untracked()).unwrap_or_default(), title: f.child_name.get_untracked(), attachments: Vec::new() },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let shown = move |name: &'static str, value: RwSignal<String>| issues(name).get().error.filter(|_| reveal.get() || !value.get().is_empty()).map(|e| i18n.issue(&e));
    let relation_error = move || shown(field::RELATION, f.relation);
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_NEWBORN)}</h1>
            <FormHead form=form/>
            <p class="field-hint">{tr(strings::NEWBORN_FORM_NOTE)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <TextField name=field::CHILD_NAME label=strings::FIELD_CHILD_NAME value=f.child_name issues=issues(field::CHILD_NAME) reveal=reveal/>
                    <TextField name=field::BIRTH_DATE label=strings::FIELD_BIRTH_DATE value=f.birth_date issues=issues(field::BIRTH_DATE) kind=InputKind::Date reveal=reveal/>
                    <TextField name=field::BIRTH_CERT label=strings::FIELD_BIRTH_CERT value=f.birth_cert issues=issues(field::BIRTH_CERT) kind=InputKind::Identifier reveal=reveal/>
                    <IdNumberField name=field::CHILD_ID_NUMBER label=strings::FIELD_CHILD_ID_NUMBER value=f.child_id_number issues=issues(field::CHILD_ID_NUMBER) reveal=reveal/>
                    <DivisionPicker name=field::REGION label=strings::FIELD_REGION value=f.region disabled=Signal::derive(move || !editable.get())
                        error=Signal::derive(move || shown(field::REGION, f.region))/>
                    <IdNumberField name=field::GUARDIAN_ID_NUMBER label=strings::FIELD_GUARDIAN_ID_NUMBER value=f.guardian_id_number issues=issues(field::GUARDIAN_ID_NUMBER) reveal=reveal/>
                    <TextField name=field::GUARDIAN_NAME label=strings::FIELD_GUARDIAN_NAME value=f.guardian_name issues=issues(field::GUARDIAN_NAME) reveal=reveal/>
                    <div class="field" class:field-invalid=move || relation_error().is_some()>
                        <label for=field::RELATION>{tr(strings::FIELD_RELATION)}</label>
                        <select id=field::RELATION name=field::RELATION prop:value=move || f.relation.get() on:change=move |ev| f.relation.set(event_target_value(&ev))>
                            <option value="">{tr(strings::PICK_CHOOSE)}</option>
                            {RELATIONS.iter().map(|(code, zh, en)| view! { <option value=*code>{tr(Text { zh, en })}</option> }).collect_view()}
                        </select>
                        {move || relation_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    </div>
                </fieldset>
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The form's fields as signals (the source of truth while editing).
#[derive(Clone, Copy)]
struct Fields {
    child_name: RwSignal<String>,
    birth_date: RwSignal<String>,
    birth_cert: RwSignal<String>,
    child_id_number: RwSignal<String>,
    region: RwSignal<String>,
    guardian_id_number: RwSignal<String>,
    guardian_name: RwSignal<String>,
    relation: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { child_name: s(), birth_date: s(), birth_cert: s(), child_id_number: s(), region: s(), guardian_id_number: s(), guardian_name: s(), relation: s() }
    }

    fn draft(&self) -> NewbornDraft {
        NewbornDraft {
            child_name: self.child_name.get(),
            birth_date: self.birth_date.get(),
            birth_cert: self.birth_cert.get(),
            child_id_number: self.child_id_number.get(),
            region: self.region.get(),
            guardian_id_number: self.guardian_id_number.get(),
            guardian_name: self.guardian_name.get(),
            relation: self.relation.get(),
        }
    }

    fn fill(&self, d: NewbornDraft) {
        self.child_name.set(d.child_name);
        self.birth_date.set(d.birth_date);
        self.birth_cert.set(d.birth_cert);
        self.child_id_number.set(d.child_id_number);
        self.region.set(d.region);
        self.guardian_id_number.set(d.guardian_id_number);
        self.guardian_name.set(d.guardian_name);
        self.relation.set(d.relation);
    }
}
