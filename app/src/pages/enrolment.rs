//! `/enrolment[/{draft}]` — 参保登记（人员新增）: enrolling an employee. Checked as typed by the
//! shared rules, saved as typed, submitted into the outbox; once submitted, read-only with its
//! state, receipt and — when the server refused it — the reasons on the fields.

use leptos::prelude::*;

use crate::api::sync::FilingKind;
use crate::components::{DivisionPicker, IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::forms::enrolment::{self, field, EnrolmentDraft};
use crate::domain::policy::Insurance;
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};
use super::outbox_form::{FormFoot, FormHead, OutboxForm};

const INSURANCES: [(Insurance, Text); 4] = [
    (Insurance::Pension, strings::INS_PENSION),
    (Insurance::Medical, strings::INS_MEDICAL),
    (Insurance::Unemployment, strings::INS_UNEMPLOYMENT),
    (Insurance::WorkInjury, strings::INS_WORK_INJURY),
];

#[component]
pub fn Enrolment(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let blank = json::to_text(&initial_draft()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::Enrolment, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<EnrolmentDraft>(&record.data) {
            f.fill(d);
        }
        attachments.set(record.attachments.clone());
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(enrolment::validate(&draft.get(), ctx)),
        move || {
            draft.track();
            attachments.track();
        },
        move || Snapshot {
            text: json::to_text(&draft.get_untracked()).unwrap_or_default(),
            title: f.name.get_untracked(),
            attachments: attachments.get_untracked(),
        },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let text = |name: &'static str, label: Text, value: RwSignal<String>, kind: InputKind, hint: Option<Text>| {
        view! {
            <TextField name=name label=label value=value issues=issues(name) kind=kind hint=hint reveal=reveal/>
        }
    };
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_ENROLMENT)}</h1>
            <FormHead form=form/>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    {text(field::NAME, strings::FIELD_NAME, f.name, InputKind::Text, Some(strings::FIELD_NAME_HINT))}
                    <DivisionPicker name=field::REGION label=strings::FIELD_REGION value=f.region disabled=Signal::derive(move || !editable.get())
                        error=Signal::derive(move || issues(field::REGION).get().error.filter(|_| reveal.get() || !f.region.get().is_empty()).map(|e| i18n.issue(&e)))/>
                    {text(field::START_MONTH, strings::FIELD_START_MONTH, f.start_month, InputKind::Month, None)}
                    {text(field::MONTHLY_BASE, strings::FIELD_MONTHLY_BASE, f.monthly_base, InputKind::Decimal, None)}
                    <InsuranceChecks name=field::INSURANCES value=f.insurances issues=issues(field::INSURANCES) reveal=reveal/>
                    {text(field::MOBILE, strings::FIELD_MOBILE_OPTIONAL, f.mobile, InputKind::Tel, None)}
                    {text(field::CARD_NUMBER, strings::FIELD_CARD_NUMBER, f.card_number, InputKind::Identifier, None)}
                    {text(field::CREDIT_CODE, strings::FIELD_CREDIT_CODE, f.credit_code, InputKind::Identifier, Some(strings::FIELD_CREDIT_CODE_HINT))}
                </fieldset>
                <PhotoSlot name="id_copy" label=strings::ATTACH_ID_COPY attachments=attachments disabled=Signal::derive(move || !editable.get())/>
                <PhotoSlot name="household_register" label=strings::ATTACH_HOUSEHOLD attachments=attachments disabled=Signal::derive(move || !editable.get())/>
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The four insurances as check boxes, with the field's error (once revealed) and warnings.
#[component]
pub(super) fn InsuranceChecks(
    name: &'static str,
    value: RwSignal<Vec<Insurance>>,
    #[prop(into)] issues: Signal<crate::components::FieldIssues>,
    #[prop(into)] reveal: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field" id=name>
            <legend>{tr(strings::FIELD_INSURANCES)}</legend>
            {INSURANCES.into_iter().map(|(ins, label)| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || value.with(|v| v.contains(&ins))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            value.update(|v| { v.retain(|i| *i != ins); if on { v.push(ins); } });
                        }/>
                    {tr(label)}
                </label>
            }).collect_view()}
            {move || {
                let i = issues.get();
                view! {
                    {i.error.filter(|_| reveal.get()).map(|e| view! { <p class="field-error">{i18n.issue(&e)}</p> })}
                    {i.warnings.into_iter().map(|w| view! { <p class="field-warning">{i18n.issue(&w)}</p> }).collect_view()}
                }
            }}
        </fieldset>
    }
}

/// The form's fields as signals (the source of truth while editing).
#[derive(Clone, Copy)]
struct Fields {
    id_number: RwSignal<String>,
    name: RwSignal<String>,
    mobile: RwSignal<String>,
    card_number: RwSignal<String>,
    region: RwSignal<String>,
    start_month: RwSignal<String>,
    monthly_base: RwSignal<String>,
    insurances: RwSignal<Vec<Insurance>>,
    credit_code: RwSignal<String>,
}

/// A new form: every insurance ticked (the usual case for an employee).
fn initial_draft() -> EnrolmentDraft {
    EnrolmentDraft { insurances: Insurance::ALL.to_vec(), ..Default::default() }
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        let f = Fields {
            id_number: s(),
            name: s(),
            mobile: s(),
            card_number: s(),
            region: s(),
            start_month: s(),
            monthly_base: s(),
            insurances: RwSignal::new(Vec::new()),
            credit_code: s(),
        };
        f.fill(initial_draft());
        f
    }

    fn draft(&self) -> EnrolmentDraft {
        EnrolmentDraft {
            id_number: self.id_number.get(),
            name: self.name.get(),
            mobile: self.mobile.get(),
            card_number: self.card_number.get(),
            region: self.region.get(),
            start_month: self.start_month.get(),
            monthly_base: self.monthly_base.get(),
            insurances: self.insurances.get(),
            credit_code: self.credit_code.get(),
        }
    }

    fn fill(&self, d: EnrolmentDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.mobile.set(d.mobile);
        self.card_number.set(d.card_number);
        self.region.set(d.region);
        self.start_month.set(d.start_month);
        self.monthly_base.set(d.monthly_base);
        self.insurances.set(d.insurances);
        self.credit_code.set(d.credit_code);
    }
}
