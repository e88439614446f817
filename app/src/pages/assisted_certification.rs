//! `/certify[/{draft}]` — 养老待遇资格认证（协助）: a field worker's visit to a pensioner. While
//! online the worker downloads the area's 待认证名单 (kept on the phone, forgotten at logout);
//! at the visit, with or without signal, the worker picks the pensioner from the list, types
//! the ID number off the card (checked as typed against the list's masked number), takes the
//! photo and attests. The visit goes to the outbox like every filing and syncs later; an
//! operator confirms it in the back office.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::ledger::{DueList, DuePensioner};
use crate::api::sync::FilingKind;
use crate::api::{client, endpoints};
use crate::components::{IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::forms::pension_certification::{field, matches_masked, validate, CertificationDraft, PHOTO_SLOT};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::{db, json};
use crate::state::account::KEPT_DUE_LIST;
use crate::state::draft::{DraftSession, Snapshot};
use crate::state::{clock, use_network, Reachability};

async fn kept() -> Option<DueList> {
    let db = db::shared().await.ok()?;
    let text = db::meta_get(&db, KEPT_DUE_LIST).await.ok().flatten()?.as_string()?;
    json::from_text(&text).ok()
}

async fn keep(list: &DueList) {
    if let (Ok(db), Ok(text)) = (db::shared().await, json::to_text(list)) {
        let _ = db::meta_put(&db, KEPT_DUE_LIST, &JsValue::from_str(&text)).await;
    }
}

#[component]
pub fn AssistedCertification(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let blank = json::to_text(&f.draft_untracked()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::PensionCertification, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<CertificationDraft>(&record.data) {
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

    let list = RwSignal::new(None::<DueList>);
    let problem = RwSignal::new(None::<Issue>);
    let loading = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Some(l) = kept().await {
            list.set(Some(l));
        }
    });
    let download = move |_| {
        loading.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match client::get_json::<DueList>(endpoints::FIELD_PENSION_DUE.path).await {
                Ok(l) => {
                    keep(&l).await;
                    list.set(Some(l));
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
            loading.set(false);
        });
    };
    let listed = move || list.with(|l| l.as_ref().and_then(|l| l.items.iter().find(|p| p.claim.to_string() == f.claim.get()).cloned()));
    let pick = move |p: &DuePensioner| {
        f.claim.set(p.claim.to_string());
        f.name.set(p.name.clone());
    };
    let claim_error = move || issues(field::CLAIM).get().error.filter(|_| reveal.get()).map(|e| i18n.issue(&e));
    let attest_error = move || issues(field::ATTEST).get().error.filter(|_| reveal.get()).map(|e| i18n.issue(&e));
    let mismatch = move || listed().is_some_and(|p| !matches_masked(&f.id_number.get(), &p.id_masked));

    let due_list = move || {
        let items = list.get().map(|l| {
            let rows = l
                .items
                .iter()
                .map(|p| {
                    let chosen = p.clone();
                    view! {
                        <li class="due-item" data-claim=p.claim>
                            <span class="due-name">{p.name.clone()}</span>
                            <span class="due-id">{p.id_masked.clone()}</span>
                            <span class="due-date">{tr(strings::FIELD_DUE_BY)}" "{p.due.clone()}</span>
                            {p.suspended.then(|| view! { <span class="badge badge-warn">{tr(strings::FIELD_DUE_STOPPED)}</span> })}
                            <button type="button" class="btn" on:click=move |_| pick(&chosen)>{tr(strings::FIELD_DUE_PICK)}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="as-of">{tr(strings::FIELD_DUE_TAKEN)}" "{clock::format_ms(l.taken_at)}</p>
                <ul class="due-list plain">{rows}</ul>
            }
        });
        view! {
            <section class="card" data-testid="due-list">
                <h2>{tr(strings::FIELD_DUE_TITLE)}</h2>
                <button type="button" class="btn btn-secondary btn-wide" on:click=download
                    disabled=move || loading.get() || net.state() != Reachability::Online>{tr(strings::FIELD_DUE_DOWNLOAD)}</button>
                {move || problem.get().map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })}
                {match items {
                    Some(v) => v.into_any(),
                    None => view! { <p class="muted">{tr(strings::FIELD_DUE_NONE)}</p> }.into_any(),
                }}
                {move || claim_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </section>
        }
    };
    let chosen = move || {
        view! {
            <section class="card" data-testid="pensioner">
                <p><strong>{tr(strings::FIELD_PENSIONER)}</strong>" "{move || f.name.get()}" "
                    {move || listed().map(|p| format!("{} · {} {}", p.id_masked, i18n.t(strings::FIELD_DUE_BY), p.due))}</p>
                <Show when=move || editable.get()>
                    <button type="button" class="btn btn-secondary" on:click=move |_| { f.claim.set(String::new()); f.name.set(String::new()); }>
                        {tr(strings::FIELD_PICK_AGAIN)}
                    </button>
                </Show>
            </section>
        }
    };
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_PENSION_CERTIFICATION)}</h1>
            <FormHead form=form/>
            <Show when=move || f.claim.with(String::is_empty) fallback=chosen>{due_list}</Show>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    {move || mismatch().then(|| view! { <p class="field-warning" role="alert">{tr(strings::FIELD_ID_NOT_LISTED)}</p> })}
                    <TextField name=field::SEEN_ON label=strings::FIELD_SEEN_ON value=f.seen_on issues=issues(field::SEEN_ON) kind=InputKind::Date reveal=reveal/>
                </fieldset>
                <PhotoSlot name=PHOTO_SLOT label=strings::ATTACH_FACE attachments=attachments disabled=Signal::derive(move || !editable.get())/>
                <label class="check" id=field::ATTEST>
                    <input type="checkbox" name=field::ATTEST prop:checked=move || f.attest.get() disabled=move || !editable.get()
                        on:change=move |ev| f.attest.set(event_target_checked(&ev))/>
                    <span>{tr(strings::FIELD_ATTEST)}</span>
                </label>
                {move || attest_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                // A returned visit's reason (the operator's), on the version that visits again.
                {move || issues(field::ATTEST).get().warnings.into_iter().map(|w| view! { <p class="field-warning">{i18n.issue(&w)}</p> }).collect_view()}
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The form's fields as signals (the source of truth while editing).
#[derive(Clone, Copy)]
struct Fields {
    claim: RwSignal<String>,
    name: RwSignal<String>,
    id_number: RwSignal<String>,
    seen_on: RwSignal<String>,
    attest: RwSignal<bool>,
}

impl Fields {
    /// A new form: the visit is today.
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields { claim: s(), name: s(), id_number: s(), seen_on: RwSignal::new(clock::today().iso()), attest: RwSignal::new(false) }
    }

    fn draft_untracked(&self) -> CertificationDraft {
        self.draft_with(|s| s.get_untracked(), self.attest.get_untracked())
    }

    fn draft(&self) -> CertificationDraft {
        self.draft_with(|s| s.get(), self.attest.get())
    }

    fn draft_with(&self, get: impl Fn(RwSignal<String>) -> String, attest: bool) -> CertificationDraft {
        CertificationDraft { claim: get(self.claim), name: get(self.name), id_number: get(self.id_number), seen_on: get(self.seen_on), attest }
    }

    fn fill(&self, d: CertificationDraft) {
        self.claim.set(d.claim);
        self.name.set(d.name);
        self.id_number.set(d.id_number);
        self.seen_on.set(d.seen_on);
        self.attest.set(d.attest);
    }
}
