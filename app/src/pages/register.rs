//! `/register[/{draft}]` — 个人用户注册. Checked as typed by the shared rules and saved as
//! typed — without the password and the code, which never leave memory except straight to the
//! server. Online: the password, the SMS code, and the server's answer at once (real-name check,
//! account, signed in). Without a network: the form files no password; it goes into the outbox,
//! and once synced the code that completes it goes to the registered phone, where 验证手机 sets the
//! password.
//!
//! Signed in as a field worker (known offline too), the same form registers the resident who is
//! with them (代为注册) through the outbox, online or not — the sync carries the worker's session,
//! so the worker is told at once if the name, ID number and phone do not go together — and the
//! resident completes it with the code on their phone.

use leptos::prelude::*;

use super::outbox_form::{FormFoot, FormHead, OutboxForm};
use crate::api::auth::{CodePurpose, Me, Role, SmsRequest};
use crate::api::client::{self, FormAnswer};
use crate::api::endpoints;
use crate::api::sync::FilingKind;
use crate::components::{Consent, IdNumberField, InputKind, Link, SendCode, TextField};
use crate::domain::forms::personal::{self, field, PersonalRegistrationDraft};
use crate::domain::password::{strength, Strength};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::routes::Route;
use crate::state::draft::{DraftSession, Snapshot};
use crate::state::{use_account, use_network, use_router, Reachability};

#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    id_number: RwSignal<String>,
    mobile: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    password_confirm: RwSignal<String>,
    sms_code: RwSignal<String>,
    agreed: RwSignal<bool>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            name: RwSignal::new(String::new()),
            id_number: RwSignal::new(String::new()),
            mobile: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            password_confirm: RwSignal::new(String::new()),
            sms_code: RwSignal::new(String::new()),
            agreed: RwSignal::new(false),
        }
    }

    fn draft(&self) -> PersonalRegistrationDraft {
        PersonalRegistrationDraft {
            name: self.name.get(),
            id_number: self.id_number.get(),
            mobile: self.mobile.get(),
            email: self.email.get(),
            password: self.password.get(),
            password_confirm: self.password_confirm.get(),
            sms_code: self.sms_code.get(),
            agreed: self.agreed.get(),
        }
    }

    /// A kept draft holds no password nor code: those are typed again.
    fn fill(&self, d: PersonalRegistrationDraft) {
        self.name.set(d.name);
        self.id_number.set(d.id_number);
        self.mobile.set(d.mobile);
        self.email.set(d.email);
        self.agreed.set(d.agreed);
    }
}

#[component]
pub fn Register(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let router = use_router();
    let account = use_account();
    let assisted = Memo::new(move |_| account.role().is_some_and(Role::files_for_others));
    // The resident on their own, with a network: the password and the code, straight to the server.
    let online = Memo::new(move |_| !assisted.get() && net.state() == Reachability::Online);
    let f = Fields::new();
    let blank = json::to_text(&PersonalRegistrationDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::PersonalRegistration, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<PersonalRegistrationDraft>(&record.data) {
            f.fill(d);
        }
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| {
            if online.get() {
                FieldErrors::verdict(personal::validate(&draft.get(), ctx))
            } else {
                FieldErrors::verdict(personal::validate_filing(&draft.get().without_secrets(), ctx))
            }
        },
        move || draft.track(),
        move || Snapshot {
            text: json::to_text(&draft.get_untracked().without_secrets()).unwrap_or_default(),
            title: f.name.get_untracked(),
            attachments: Vec::new(),
        },
    );
    let (report, reveal, refused, submitting) = (form.report, form.reveal, form.refused, form.submitting);
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);

    let message = RwSignal::new(None::<Issue>);
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(field::MOBILE).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::Register, mobile: f.mobile.get_untracked(), id_number: String::new(), email: String::new() })
    });

    let submit = Callback::new(move |()| {
        if !form.ready() {
            return;
        }
        submitting.set(true);
        let d = draft.get_untracked();
        let straight = online.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = if straight { Some(client::post_form::<_, Me>(endpoints::REGISTER.path, &d, net).await) } else { None };
            match answer {
                Some(FormAnswer::Done(me)) => {
                    session.discard().await;
                    account.signed_in(me);
                    router.navigate(&Route::Home.href());
                }
                Some(FormAnswer::Refused(r)) => {
                    reveal.set(true);
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                Some(FormAnswer::Failed(e)) if e.code != "unreachable" => message.set(Some(e.to_issue())),
                // Offline, a field worker's, or the network went: into the outbox, without the
                // password (set with the code at 验证手机).
                _ => {
                    let _ = form.queue().await;
                }
            }
            submitting.set(false);
        });
    });
    let text = move |name: &'static str, label: Text, value: RwSignal<String>, kind: InputKind, hint: Option<Text>| {
        view! { <TextField name=name label=label value=value issues=issues(name) kind=kind hint=hint reveal=reveal/> }
    };
    let strength_text = move || {
        let p = f.password.get();
        (!p.is_empty()).then(|| match strength(&p) {
            Strength::Weak => tr(strings::PASSWORD_WEAK),
            Strength::Fair => tr(strings::PASSWORD_FAIR),
            Strength::Strong => tr(strings::PASSWORD_STRONG),
        })
    };
    view! {
        <main class="page form-page">
            <h1>{move || if assisted.get() { tr(strings::ASSISTED_TITLE) } else { tr(strings::KIND_PERSONAL_REGISTRATION) }}</h1>
            <FormHead form=form queued=strings::REGISTER_QUEUED/>
            {move || form.filing.with(Option::is_some).then(|| view! {
                <Link href=Route::VerifyPhone.href() class="btn btn-wide">{tr(strings::NAV_VERIFY_PHONE)}</Link>
            })}
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    {text(field::NAME, strings::FIELD_NAME, f.name, InputKind::Text, Some(strings::FIELD_NAME_HINT))}
                    <IdNumberField name=field::ID_NUMBER value=f.id_number issues=issues(field::ID_NUMBER) reveal=reveal/>
                    {text(field::MOBILE, strings::FIELD_MOBILE, f.mobile, InputKind::Tel, Some(strings::FIELD_MOBILE_HINT))}
                    {text(field::EMAIL, strings::FIELD_EMAIL_OPTIONAL, f.email, InputKind::Email, None)}
                    <Show when=move || online.get() fallback=|| view! { <p class="field-hint" data-testid="password-later">{tr(strings::REGISTER_PASSWORD_LATER)}</p> }>
                        <TextField name=field::PASSWORD label=strings::FIELD_PASSWORD value=f.password issues=issues(field::PASSWORD)
                            kind=InputKind::Password hint=Some(strings::FIELD_PASSWORD_HINT) autocomplete="new-password" reveal=reveal>
                            <p class="field-hint" data-testid="strength">{strength_text}</p>
                        </TextField>
                        <TextField name=field::PASSWORD_CONFIRM label=strings::FIELD_PASSWORD_CONFIRM value=f.password_confirm
                            issues=issues(field::PASSWORD_CONFIRM) kind=InputKind::Password autocomplete="new-password" reveal=reveal/>
                        {text(field::SMS_CODE, strings::FIELD_SMS_CODE, f.sms_code, InputKind::Numeric, None)}
                        <SendCode request=code_request message=message refused=refused/>
                    </Show>
                    <Consent name=field::AGREED agreed=f.agreed issues=issues(field::AGREED) reveal=reveal/>
                </fieldset>
                {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                // A refusal of the whole filing (the real-name check, told to a field worker).
                {move || message.with(Option::is_none).then(|| issues("form").with(|i| i.error.clone())).flatten()
                    .map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                <FormFoot form=form label=strings::REGISTER_SUBMIT on_submit=submit/>
            </form>
        </main>
    }
}
