//! `/certify[/{draft}]` — 养老待遇资格认证（协助）: a field worker's visit to a pensioner. While
//! online the worker downloads the area's 待认证名单 (kept on the phone sealed under a key made
//! from the worker's password, `offline/sealed.rs`, opened with it offline; forgotten at logout);
//! at the visit, with or without signal, the worker picks the pensioner from the list, types
//! the ID number off the card (checked as typed against the list's masked number), takes the
//! photo and attests. The visit goes to the outbox like every filing and syncs later; an
//! operator confirms it in the back office.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::auth::PasswordConfirm;
use crate::api::ledger::{DueList, DuePensioner};
use crate::api::sync::FilingKind;
use crate::api::{client, endpoints};
use crate::components::{FieldIssues, IdNumberField, InputKind, PhotoSlot, TextField};
use crate::domain::forms::pension_certification::{field, matches_masked, validate, CertificationDraft, PHOTO_SLOT};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::{db, json, sealed};
use crate::state::account::KEPT_DUE_LIST;
use crate::state::draft::{DraftSession, Snapshot};
use crate::state::{clock, use_network, Reachability};

/// What the phone keeps of the due list: nothing, a list sealed under a key not made yet this
/// app session, or the list itself.
enum Kept {
    Nothing,
    Locked,
    Open(DueList),
}

fn from_bytes(bytes: &[u8]) -> Option<DueList> {
    json::from_text(std::str::from_utf8(bytes).ok()?).ok()
}

async fn kept() -> Kept {
    let Ok(db) = db::shared().await else { return Kept::Nothing };
    let Some(record) = db::meta_get(&db, KEPT_DUE_LIST).await.ok().flatten() else { return Kept::Nothing };
    if record.is_string() {
        // Kept in the clear by an earlier version: gone, to be downloaded again and sealed.
        let _ = db::meta_put(&db, KEPT_DUE_LIST, &JsValue::NULL).await;
    }
    if sealed::salt_of(&record).is_none() {
        return Kept::Nothing;
    }
    let Some(key) = sealed::held() else { return Kept::Locked };
    match sealed::open(&key, KEPT_DUE_LIST, &record).await.ok().and_then(|b| from_bytes(&b)) {
        Some(list) => Kept::Open(list),
        None => Kept::Locked,
    }
}

/// The kept list opened with a key made from `password`, which is then held for the session.
async fn open_kept(password: &str) -> Option<DueList> {
    let db = db::shared().await.ok()?;
    let record = db::meta_get(&db, KEPT_DUE_LIST).await.ok().flatten()?;
    let key = sealed::derive(password, Some(sealed::salt_of(&record)?)).await.ok()?;
    let list = from_bytes(&sealed::open(&key, KEPT_DUE_LIST, &record).await.ok()?)?;
    sealed::hold(&key);
    Some(list)
}

/// The session's key, or one made from `password` once the server has confirmed it (a typo
/// must not seal the list under a password nobody knows).
async fn key_for(password: &str) -> Result<sealed::Key, Issue> {
    if let Some(key) = sealed::held() {
        return Ok(key);
    }
    let confirm = PasswordConfirm { password: password.to_owned() };
    client::post_json::<_, ()>(endpoints::PASSWORD_CONFIRM.path, &confirm).await.map_err(|e| e.to_issue())?;
    let key = sealed::derive(password, None).await.map_err(|_| wrong_password())?;
    sealed::hold(&key);
    Ok(key)
}

fn wrong_password() -> Issue {
    Issue::new("due_list.locked", strings::FIELD_DUE_WRONG.zh, strings::FIELD_DUE_WRONG.en)
}

/// Downloads the area's list and keeps it sealed.
async fn download_sealed(password: &str) -> Result<DueList, Issue> {
    let key = key_for(password).await?;
    let list = client::get_json::<DueList>(endpoints::FIELD_PENSION_DUE.path).await.map_err(|e| e.to_issue())?;
    let text = json::to_text(&list).map_err(|_| wrong_password())?;
    if let (Ok(db), Ok(record)) = (db::shared().await, sealed::seal(&key, KEPT_DUE_LIST, text.as_bytes()).await) {
        let _ = db::meta_put(&db, KEPT_DUE_LIST, &record).await;
    }
    Ok(list)
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
    let locked = RwSignal::new(false);
    let unlocked = RwSignal::new(sealed::held().is_some());
    let password = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        match kept().await {
            Kept::Open(l) => list.set(Some(l)),
            // Sealed under a key this session does not hold: the password opens it.
            Kept::Locked => {
                locked.set(true);
                unlocked.set(false);
            }
            Kept::Nothing => {}
        }
    });
    let opened = move |result: Result<DueList, Issue>| {
        match result {
            Ok(l) => {
                list.set(Some(l));
                locked.set(false);
                unlocked.set(true);
                password.set(String::new());
            }
            Err(e) => problem.set(Some(e)),
        }
        loading.set(false);
    };
    let busy = move || {
        loading.set(true);
        problem.set(None);
        password.get_untracked()
    };
    let download = move |_| {
        let typed = busy();
        leptos::task::spawn_local(async move { opened(download_sealed(&typed).await) });
    };
    let open = move |_| {
        let typed = busy();
        leptos::task::spawn_local(async move { opened(open_kept(&typed).await.ok_or_else(wrong_password)) });
    };
    let no_issues = Signal::derive(FieldIssues::default);
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
                <Show when=move || !unlocked.get()>
                    <TextField name="due_password" label=strings::FIELD_DUE_PASSWORD value=password issues=no_issues
                        kind=InputKind::Password autocomplete="current-password"/>
                </Show>
                <Show when=move || locked.get()>
                    <p class="muted">{tr(strings::FIELD_DUE_LOCKED)}</p>
                    <button type="button" class="btn btn-wide" data-testid="due-open" on:click=open
                        disabled=move || loading.get()>{tr(strings::FIELD_DUE_OPEN)}</button>
                </Show>
                <button type="button" class="btn btn-secondary btn-wide" on:click=download
                    disabled=move || loading.get() || net.state() != Reachability::Online>{tr(strings::FIELD_DUE_DOWNLOAD)}</button>
                {move || problem.get().map(|e| view! { <p class="field-error" role="alert">{i18n.issue(&e)}</p> })}
                {match items {
                    Some(v) => v.into_any(),
                    None if locked.get() => ().into_any(),
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
