//! What the forms that go through the outbox share (参保登记, 单位注册, 缴费基数申报, and 个人注册
//! when it cannot go straight to the server): the draft on the device, the shared rules' verdict
//! as typed, the filing once submitted, autosave, submit, and the form's head and foot.
//! On a field, the server's reasons win over the device's: an online refusal until the form
//! changes, then the refusal of the submitted filing while it is the one on screen.

use leptos::prelude::*;

use crate::components::photo_slot::PreparingPhotos;
use crate::components::{FieldIssues, FilingStatus};
use crate::domain::forms::Context;
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::draft::{DraftSession, Snapshot};
use crate::state::{clock, use_editing, use_policy, use_outbox};
use crate::sync_plan::OutboxItem;

#[derive(Clone, Copy)]
pub struct OutboxForm {
    pub session: DraftSession,
    /// The shared rules' verdict on the form as typed.
    pub report: Memo<FieldErrors>,
    /// The outbox item the form was submitted as, once it was.
    pub filing: Memo<Option<OutboxItem>>,
    /// Show every error (after a submit attempt).
    pub reveal: RwSignal<bool>,
    pub submitting: RwSignal<bool>,
    /// Photos still being prepared: submitting now would send a slot's earlier file (or none).
    pub preparing: RwSignal<u32>,
    /// The server's field issues from an online attempt, until the form changes.
    pub refused: RwSignal<Option<FieldErrors>>,
    /// 预览: every field shown as it will be sent, frozen, before the submit is confirmed.
    pub previewing: RwSignal<bool>,
    /// When the form fixes a filing the agency returned: its reasons, as warnings on the fields.
    pub returned: Memo<Option<FieldErrors>>,
    snapshot: Callback<(), Snapshot>,
}

impl OutboxForm {
    /// `rules` validates the form as typed (tracking its values); `changed` tracks everything
    /// the draft holds; `snapshot` reads it without tracking.
    pub fn new(
        session: DraftSession,
        rules: impl Fn(&Context) -> FieldErrors + Send + Sync + 'static,
        changed: impl Fn() + 'static,
        snapshot: impl Fn() -> Snapshot + Send + Sync + 'static,
    ) -> OutboxForm {
        let policy = use_policy();
        let sync = use_outbox();
        let form = OutboxForm {
            session,
            report: Memo::new(move |_| {
                let table = policy.table();
                rules(&Context { today: clock::today(), policy: table.as_deref() })
            }),
            filing: Memo::new(move |_| session.record.with(|r| r.as_ref().and_then(|r| r.frozen_as.clone())).and_then(|id| sync.item(&id))),
            reveal: RwSignal::new(false),
            submitting: RwSignal::new(false),
            preparing: RwSignal::new(0),
            refused: RwSignal::new(None),
            previewing: RwSignal::new(false),
            returned: Memo::new(move |_| {
                let fixes = session.record.with(|r| r.as_ref().and_then(|r| r.version_of.clone()))?;
                let item = sync.item(&fixes)?;
                let review = item.review.filter(|_| item.state == crate::sync_plan::ItemState::Accepted)?;
                (review.status == crate::domain::review::Status::Rejected).then(|| crate::api::cases::returned_on_fields(&review.reasons))
            }),
            snapshot: Callback::new(move |()| snapshot()),
        };
        provide_context(PreparingPhotos(form.preparing));
        Effect::new(move |first: Option<()>| {
            changed();
            if first.is_some() {
                form.refused.set(None);
            }
            form.session.autosave(form.snapshot.run(()));
        });
        form
    }

    /// Whether the form may be changed now (tracked): not once submitted, nor while previewed.
    pub fn editable(self) -> bool {
        self.session.editable() && !self.previewing.get()
    }

    /// Shows the form frozen for a last look (when the rules let it go), from its top.
    pub fn preview(self) {
        if self.ready() {
            self.previewing.set(true);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// A field's issues: the server's where it names the field, else the rules'.
    pub fn issues(self, name: impl Into<String>) -> Signal<FieldIssues> {
        let name = name.into();
        Signal::derive(move || {
            let server = self
                .refused
                .with(|r| r.as_ref().map(|e| FieldIssues::of(e, &name)))
                .or_else(|| self.filing.with(|f| f.as_ref().and_then(|f| f.errors.as_ref()).map(|e| FieldIssues::of(e, &name))));
            let mut issues = server.filter(|s| s.error.is_some()).unwrap_or_else(|| self.report.with(|r| FieldIssues::of(r, &name)));
            self.returned.with(|r| issues.warnings.extend(r.iter().flat_map(|e| e.warnings_of(&name).iter().cloned())));
            issues
        })
    }

    /// Whether the rules let the form go; if not, every error is shown.
    pub fn ready(self) -> bool {
        if self.report.with_untracked(FieldErrors::has_errors) {
            self.reveal.set(true);
            return false;
        }
        true
    }

    /// Saves the form and freezes it into the outbox.
    pub async fn queue(self) -> Result<(), Issue> {
        self.session.submit(self.snapshot.run(())).await
    }

    /// The submit button: into the outbox when the rules let it go.
    pub fn submit(self) {
        if !self.ready() {
            return;
        }
        self.submitting.set(true);
        leptos::task::spawn_local(async move {
            let _ = self.queue().await;
            self.submitting.set(false);
        });
    }
}

/// Above the form: holds the update banner back while the form is editable, and shows the
/// filing's state once submitted (with `queued`, a line on what happens next).
#[component]
pub fn FormHead(form: OutboxForm, #[prop(optional)] queued: Option<Text>) -> impl IntoView {
    view! {
        <Show when=move || form.session.editable() fallback=|| ()>
            <EditingGuard/>
        </Show>
        {move || (form.returned.get().is_some() && form.filing.get().is_none()).then(|| {
            let fixes = form.session.record.with(|r| r.as_ref().and_then(|r| r.version_of.clone())).unwrap_or_default();
            let reasons = use_outbox().item(&fixes).and_then(|i| i.review).map(|r| r.reasons).unwrap_or_default();
            view! {
                <section class="card status status-needs_attention" data-testid="returned">
                    <p>{tr(strings::CASE_RETURNED_TITLE)}</p>
                    <ul class="reasons">{reasons.iter().map(crate::components::filing_status::reason_line).collect_view()}</ul>
                </section>
            }
        })}
        {move || form.filing.get().map(|item| view! {
            <FilingStatus item=item/>
            {queued.map(|q| view! { <p class="field-hint">{tr(q)}</p> })}
        })}
    }
}

/// Holds the update banner back while it is on screen.
#[component]
fn EditingGuard() -> impl IntoView {
    use_editing().hold();
}

/// Below the form while it is editable (and `when` holds): a failed save, when it was last
/// saved on the device, the reminder to fix the errors first, the submit button (into the
/// outbox unless `on_submit` says otherwise) and 预览 — the form frozen for a last look, with
/// the submit confirmed or the form taken back to edit.
#[component]
pub fn FormFoot(
    form: OutboxForm,
    #[prop(optional)] label: Option<Text>,
    #[prop(optional, into)] when: Option<Signal<bool>>,
    #[prop(optional)] on_submit: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = form.session;
    let submit = move |_| {
        form.previewing.set(false);
        match on_submit {
            Some(c) => c.run(()),
            None => form.submit(),
        }
    };
    view! {
        {move || session.save_error.get().map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })}
        <Show when=move || form.editable() && when.is_none_or(|w| w.get())>
            <p class="field-hint" data-testid="autosave" data-saved-at=move || session.record.with(|r| r.as_ref().map(|r| r.updated_at.to_string()))>
                {move || session.record.with(|r| r.as_ref().map(|r| format!("{} {}", i18n.t(strings::SAVED_ON_DEVICE), clock::format_ms(r.updated_at))))}
            </p>
            <Show when=move || form.reveal.get() && form.report.with(FieldErrors::has_errors)>
                <p class="field-error" role="alert">{tr(strings::SUBMIT_FIX_FIRST)}</p>
            </Show>
            {move || (form.preparing.get() != 0).then(|| view! { <p class="field-hint" data-testid="preparing">{tr(strings::SUBMIT_AFTER_PHOTOS)}</p> })}
            <button type="button" class="btn btn-wide" data-testid="submit" disabled=move || form.submitting.get() || form.preparing.get() != 0 on:click=submit>
                {tr(label.unwrap_or(strings::SUBMIT))}
            </button>
            <button type="button" class="btn btn-secondary btn-wide" data-testid="preview" disabled=move || form.preparing.get() != 0 on:click=move |_| form.preview()>
                {tr(strings::PREVIEW)}
            </button>
        </Show>
        <Show when=move || form.previewing.get()>
            <div class="card preview-bar" role="region" aria-label=move || i18n.t(strings::PREVIEW) data-testid="preview-bar">
                <p>{tr(strings::PREVIEW_CHECK)}</p>
                <button type="button" class="btn btn-wide" data-testid="preview-submit" disabled=move || form.submitting.get() on:click=submit>
                    {tr(label.unwrap_or(strings::SUBMIT))}
                </button>
                <button type="button" class="btn btn-secondary btn-wide" data-testid="preview-back" on:click=move |_| form.previewing.set(false)>
                    {tr(strings::PREVIEW_BACK)}
                </button>
            </div>
        </Show>
    }
}
