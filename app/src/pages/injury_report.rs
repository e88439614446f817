//! `/injury-report[/{draft}]` — 工伤事故申报: a unit reports an employee's work accident, often
//! from the workshop floor: who, when and where, what happened, where they are treated, a photo
//! of the scene and one of the diagnosis. Checked as typed by the shared rules (past the 30
//! days, a warning says how late it is), saved as typed, submitted into the outbox like every
//! filing with its photos; an operator recognises it in the case queue. The page says who files
//! it: the unit within 30 days, or the injured person within the year when the unit has not
//! (第17条 第2款), naming the unit by its credit code.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::sync::FilingKind;
use crate::components::{IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::forms::injury_report::{field, validate, InjuryReportDraft, RECORD_SLOT, SCENE_SLOT};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};

#[component]
pub fn InjuryReport(draft_id: Option<String>) -> impl IntoView {
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let blank = json::to_text(&InjuryReportDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::InjuryReport, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<InjuryReportDraft>(&record.data) {
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
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_INJURY_REPORT)}</h1>
            <p class="muted">{tr(strings::INJURY_WHO_FILES)}</p>
            <FormHead form=form/>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <TextField name=field::NAME label=strings::FIELD_NAME value=f.name issues=issues(field::NAME) reveal=reveal/>
                    <TextField name=field::ACCIDENT_ON label=strings::FIELD_ACCIDENT_ON value=f.accident_on issues=issues(field::ACCIDENT_ON) kind=InputKind::Date reveal=reveal/>
                    <TextField name=field::ACCIDENT_AT label=strings::FIELD_ACCIDENT_AT value=f.accident_at issues=issues(field::ACCIDENT_AT)
                        kind=InputKind::Numeric hint=Some(strings::FIELD_ACCIDENT_AT_HINT) reveal=reveal/>
                    <TextField name=field::PLACE label=strings::FIELD_ACCIDENT_PLACE value=f.place issues=issues(field::PLACE) reveal=reveal/>
                    <TextField name=field::ACCOUNT label=strings::FIELD_ACCIDENT_ACCOUNT value=f.account issues=issues(field::ACCOUNT) reveal=reveal/>
                    <TextField name=field::INSTITUTION label=strings::FIELD_INSTITUTION value=f.institution issues=issues(field::INSTITUTION) reveal=reveal/>
                    <TextField name=field::CREDIT_CODE label=strings::FIELD_CREDIT_CODE value=f.credit_code issues=issues(field::CREDIT_CODE)
                        kind=InputKind::Identifier hint=Some(strings::FIELD_CREDIT_CODE_HINT) reveal=reveal/>
                </fieldset>
                <PhotoSlot name=SCENE_SLOT label=strings::ATTACH_SCENE attachments=attachments disabled=Signal::derive(move || !editable.get())/>
                <PhotoSlot name=RECORD_SLOT label=strings::ATTACH_MEDICAL_RECORD attachments=attachments disabled=Signal::derive(move || !editable.get())/>
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
    accident_on: RwSignal<String>,
    accident_at: RwSignal<String>,
    place: RwSignal<String>,
    account: RwSignal<String>,
    institution: RwSignal<String>,
    credit_code: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { id_number: s(), name: s(), accident_on: s(), accident_at: s(), place: s(), account: s(), institution: s(), credit_code: s() }
    }

    fn draft(&self) -> InjuryReportDraft {
        InjuryReportDraft {
            id_number: self.id_number.get(),
            name: self.name.get(),
            accident_on: self.accident_on.get(),
            accident_at: self.accident_at.get(),
            place: self.place.get(),
            account: self.account.get(),
            institution: self.institution.get(),
            credit_code: self.credit_code.get(),
        }
    }

    fn fill(&self, d: InjuryReportDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.accident_on.set(d.accident_on);
        self.accident_at.set(d.accident_at);
        self.place.set(d.place);
        self.account.set(d.account);
        self.institution.set(d.institution);
        self.credit_code.set(d.credit_code);
    }
}
