//! `/separation[/{draft}]` — 人员减员: a unit ends an employee's insurance with it (the last
//! month, the day the job ended and why; told late, the form says so as it is typed). Checked as typed by the shared rules, saved as typed, submitted into the
//! outbox like every filing; the server ends the relationships when it accepts it.

use leptos::prelude::*;

use crate::api::sync::FilingKind;
use crate::components::{IdNumberField, InputKind, TextField};
use crate::domain::forms::separation::{self, field, Reason, SeparationDraft};
use crate::domain::policy::Insurance;
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};
use super::enrolment::InsuranceChecks;
use super::outbox_form::{FormFoot, FormHead, OutboxForm};

fn reason_text(r: Reason) -> Text {
    Text { zh: r.zh(), en: r.en() }
}

#[component]
pub fn Separation(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let blank = json::to_text(&initial_draft()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::Separation, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<SeparationDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(separation::validate(&draft.get(), ctx)),
        move || draft.track(),
        move || Snapshot { text: json::to_text(&draft.get_untracked()).unwrap_or_default(), title: f.name.get_untracked(), attachments: Vec::new() },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let reveal = form.reveal;
    let reason_error = move || issues(field::REASON).get().error.filter(|_| reveal.get() || !f.reason.get().is_empty()).map(|e| i18n.issue(&e));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_SEPARATION)}</h1>
            <FormHead form=form/>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    <TextField name=field::NAME label=strings::FIELD_NAME value=f.name issues=issues(field::NAME) reveal=reveal/>
                    <InsuranceChecks name=field::INSURANCES value=f.insurances issues=issues(field::INSURANCES) reveal=reveal/>
                    <TextField name=field::LAST_MONTH label=strings::FIELD_LAST_MONTH value=f.last_month issues=issues(field::LAST_MONTH) kind=InputKind::Month reveal=reveal/>
                    <TextField name=field::LEFT_ON label=strings::FIELD_LEFT_ON value=f.left_on issues=issues(field::LEFT_ON) kind=InputKind::Date reveal=reveal/>
                    <div class="field" class:field-invalid=move || reason_error().is_some()>
                        <label for=field::REASON>{tr(strings::FIELD_REASON)}</label>
                        <select id=field::REASON name=field::REASON prop:value=move || f.reason.get()
                            on:change=move |ev| f.reason.set(event_target_value(&ev))>
                            <option value="">{tr(strings::PICK_CHOOSE)}</option>
                            {Reason::ALL.into_iter().map(|r| view! { <option value=r.code()>{tr(reason_text(r))}</option> }).collect_view()}
                        </select>
                        {move || reason_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    </div>
                    <TextField name=field::CREDIT_CODE label=strings::FIELD_CREDIT_CODE value=f.credit_code issues=issues(field::CREDIT_CODE)
                        kind=InputKind::Identifier hint=Some(strings::FIELD_CREDIT_CODE_HINT) reveal=reveal/>
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
    insurances: RwSignal<Vec<Insurance>>,
    last_month: RwSignal<String>,
    left_on: RwSignal<String>,
    reason: RwSignal<String>,
    credit_code: RwSignal<String>,
}

/// A new form: every insurance ticked (an employee leaving usually leaves them all).
fn initial_draft() -> SeparationDraft {
    SeparationDraft { insurances: Insurance::ALL.to_vec(), ..Default::default() }
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        let f = Fields { id_number: s(), name: s(), insurances: RwSignal::new(Vec::new()), last_month: s(), left_on: s(), reason: s(), credit_code: s() };
        f.fill(initial_draft());
        f
    }

    fn draft(&self) -> SeparationDraft {
        SeparationDraft {
            id_number: self.id_number.get(),
            name: self.name.get(),
            insurances: self.insurances.get(),
            last_month: self.last_month.get(),
            left_on: self.left_on.get(),
            reason: self.reason.get(),
            credit_code: self.credit_code.get(),
        }
    }

    fn fill(&self, d: SeparationDraft) {
        self.id_number.set(d.id_number);
        self.name.set(d.name);
        self.insurances.set(d.insurances);
        self.last_month.set(d.last_month);
        self.left_on.set(d.left_on);
        self.reason.set(d.reason);
        self.credit_code.set(d.credit_code);
    }
}
