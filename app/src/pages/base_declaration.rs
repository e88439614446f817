//! `/base-declaration[/{draft}]` — 缴费基数申报: a unit declares its employees' monthly
//! contribution bases from a month on. Filed by the unit's own account (or a field worker on
//! its behalf; the server holds the same line). Checked as typed by the shared rules — each
//! base within the region's limits, nobody twice — saved as typed, submitted into the outbox.

use leptos::prelude::*;

use crate::api::auth::Role;
use crate::api::sync::FilingKind;
use crate::components::{DivisionPicker, InputKind, Link, TextField};
use crate::domain::forms::base_declaration::{self, field, BaseDeclarationDraft, BaseRowDraft, MAX_ROWS};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::json;
use crate::routes::Route;
use crate::state::draft::{DraftSession, Snapshot};
use crate::state::use_account;
use super::outbox_form::{FormFoot, FormHead, OutboxForm};

/// Who files a declaration on this device.
fn may_declare(role: Option<Role>) -> bool {
    role.is_some_and(Role::files_unit_forms)
}

#[component]
pub fn BaseDeclaration(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let owner = Owner::current().expect("a component has an owner");
    // An employer declares for its own unit: its credit code is the account's (shown whole).
    // Part of the blank form, so opening the page stores no draft.
    let initial = BaseDeclarationDraft {
        credit_code: account.me().filter(|m| m.role == Role::EmployerHandler).map(|m| m.id_masked).unwrap_or_default(),
        ..Default::default()
    };
    let f = Fields::new(owner, initial.clone());
    let blank = json::to_text(&initial).unwrap_or_default();
    let session = DraftSession::open(FilingKind::BaseDeclaration, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<BaseDeclarationDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| FieldErrors::verdict(base_declaration::validate(&draft.get(), ctx)),
        move || draft.track(),
        move || Snapshot {
            text: json::to_text(&draft.get_untracked()).unwrap_or_default(),
            title: f.credit_code.get_untracked(),
            attachments: Vec::new(),
        },
    );
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: String| form.issues(name);
    let reveal = form.reveal;
    let disabled = Signal::derive(move || !editable.get());
    let rows_issue = move || {
        let i = issues(field::ROWS.to_owned()).get();
        i.error.filter(|_| reveal.get()).map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })
    };
    let rows = move || {
        f.rows
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let name = move |n: &str| field::row(i, n);
                view! {
                    <fieldset class="card base-row" data-row=i>
                        <legend>{format!("{} {}", i18n.t(strings::BASE_ROW), i + 1)}</legend>
                        <TextField name=name("id_number") label=strings::FIELD_ID_NUMBER value=row.id_number issues=issues(name("id_number")) kind=InputKind::Identifier reveal=reveal/>
                        <TextField name=name("name") label=strings::FIELD_NAME value=row.name issues=issues(name("name")) reveal=reveal/>
                        <TextField name=name("monthly_base") label=strings::FIELD_MONTHLY_BASE value=row.monthly_base issues=issues(name("monthly_base")) kind=InputKind::Decimal reveal=reveal/>
                        <Show when=move || editable.get() && f.rows.with(|r| r.len() > 1)>
                            <button type="button" class="btn btn-small btn-secondary" data-testid="remove-row" on:click=move |_| f.remove(i)>{tr(strings::BASE_REMOVE_ROW)}</button>
                        </Show>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let allowed = Memo::new(move |_| may_declare(account.role()) || session.record.with(|r| r.as_ref().is_some_and(|r| r.frozen_as.is_some())));
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_BASE_DECLARATION)}</h1>
            <Show when=move || allowed.get() fallback=move || view! {
                <section class="card" data-testid="sign-in-first">
                    <p>{tr(strings::BASE_SIGN_IN_FIRST)}</p>
                    <Link href=Route::Login.href() class="btn btn-wide">{tr(strings::NAV_LOGIN)}</Link>
                </section>
            }>
                <FormHead form=form/>
                <form class="card" on:submit=|ev| ev.prevent_default()>
                    <fieldset disabled=move || !editable.get() class="plain">
                        <TextField name=field::CREDIT_CODE label=strings::FIELD_CREDIT_CODE value=f.credit_code issues=issues(field::CREDIT_CODE.to_owned()) kind=InputKind::Identifier hint=Some(strings::FIELD_CREDIT_CODE_HINT) reveal=reveal/>
                        <DivisionPicker name=field::REGION label=strings::FIELD_REGION value=f.region disabled=disabled
                            error=Signal::derive(move || issues(field::REGION.to_owned()).get().error.filter(|_| reveal.get() || !f.region.get().is_empty()).map(|e| i18n.issue(&e)))/>
                        <TextField name=field::EFFECTIVE_MONTH label=strings::FIELD_EFFECTIVE_MONTH value=f.effective_month issues=issues(field::EFFECTIVE_MONTH.to_owned()) kind=InputKind::Month reveal=reveal/>
                        <h2 id=field::ROWS>{tr(strings::BASE_ROWS)}</h2>
                        {rows_issue}
                        {rows}
                        <Show when=move || editable.get() && f.rows.with(|r| r.len() < MAX_ROWS)>
                            <button type="button" class="btn btn-wide btn-secondary" data-testid="add-row" on:click=move |_| f.add()>{tr(strings::BASE_ADD_ROW)}</button>
                        </Show>
                    </fieldset>
                    <FormFoot form=form/>
                </form>
            </Show>
        </main>
    }
}

/// One employee's row as signals.
#[derive(Clone, Copy)]
struct Row {
    id_number: RwSignal<String>,
    name: RwSignal<String>,
    monthly_base: RwSignal<String>,
}

impl Row {
    fn from(d: BaseRowDraft) -> Row {
        Row { id_number: RwSignal::new(d.id_number), name: RwSignal::new(d.name), monthly_base: RwSignal::new(d.monthly_base) }
    }
}

/// The form's fields as signals. Rows made after the page opened (添加职工) belong to the
/// page's owner, so they are dropped with the page.
#[derive(Clone, Copy)]
struct Fields {
    credit_code: RwSignal<String>,
    region: RwSignal<String>,
    effective_month: RwSignal<String>,
    rows: RwSignal<Vec<Row>>,
    owner: StoredValue<Owner>,
}

impl Fields {
    fn new(owner: Owner, initial: BaseDeclarationDraft) -> Fields {
        let f = Fields {
            credit_code: RwSignal::new(String::new()),
            region: RwSignal::new(String::new()),
            effective_month: RwSignal::new(String::new()),
            rows: RwSignal::new(Vec::new()),
            owner: StoredValue::new(owner),
        };
        f.fill(initial);
        f
    }

    fn draft(&self) -> BaseDeclarationDraft {
        BaseDeclarationDraft {
            credit_code: self.credit_code.get(),
            region: self.region.get(),
            effective_month: self.effective_month.get(),
            rows: self
                .rows
                .get()
                .iter()
                .map(|r| BaseRowDraft { id_number: r.id_number.get(), name: r.name.get(), monthly_base: r.monthly_base.get() })
                .collect(),
        }
    }

    fn fill(&self, d: BaseDeclarationDraft) {
        self.credit_code.set(d.credit_code);
        self.region.set(d.region);
        self.effective_month.set(d.effective_month);
        let mut rows = d.rows;
        if rows.is_empty() {
            rows.push(BaseRowDraft::default());
        }
        let made = self.owner.with_value(|o| o.with(|| rows.into_iter().map(Row::from).collect()));
        self.rows.set(made);
    }

    fn add(&self) {
        let row = self.owner.with_value(|o| o.with(|| Row::from(BaseRowDraft::default())));
        self.rows.update(|r| r.push(row));
    }

    fn remove(&self, index: usize) {
        self.rows.update(|r| {
            if r.len() > 1 && index < r.len() {
                r.remove(index);
            }
        });
    }
}
