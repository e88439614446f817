//! `/employer-register[/{draft}]` — 单位用户注册: the unit, its handler, consent (no password: it
//! is set once approved, with a code to the handler's mobile), and
//! the four materials (photographed or picked, made small, checked for blur and resolution on
//! the device). Checked as typed by the shared rules, saved as typed, submitted into the
//! outbox — with or without a network; the agency then reviews it. When the last known review
//! (审核进度查询, kept on the device) sent this application back, its reasons show on the
//! fields and materials they concern, and the form is a new, linked version to fix and send.

use leptos::prelude::*;

use crate::api::auth::{CodePurpose, SmsRequest};
use crate::api::review::StatusAnswer;
use crate::api::sync::FilingKind;
use crate::components::{Consent, IdNumberField, InputKind, PhotoSlot, SendCode, TextField};
use crate::domain::forms::employer::{self, field, EmployerRegistrationDraft};
use crate::domain::review::{Material, Status, Target};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::json;
use crate::state::draft::{DraftSession, Snapshot};
use super::outbox_form::{FormFoot, FormHead, OutboxForm};

#[component]
pub fn EmployerRegister(draft_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new();
    let attachments = RwSignal::new(Vec::new());
    let version_of = RwSignal::new(None::<String>);
    let blank = json::to_text(&EmployerRegistrationDraft::default()).unwrap_or_default();
    let session = DraftSession::open(FilingKind::EmployerRegistration, draft_id, blank, move |record| {
        if let Ok(d) = json::from_text::<EmployerRegistrationDraft>(&record.data) {
            f.fill(d);
        }
        attachments.set(record.attachments.clone());
        version_of.set(record.version_of.clone());
    });
    let draft = Memo::new(move |_| f.draft());
    let form = OutboxForm::new(
        session,
        move |ctx| {
            let mut report = FieldErrors::verdict(employer::validate(&draft.get(), ctx));
            let slots: Vec<String> = attachments.with(|a| a.iter().map(|r: &crate::api::sync::AttachmentRef| r.slot.clone()).collect());
            if let Err(missing) = employer::check_materials(&slots.iter().map(String::as_str).collect::<Vec<_>>()) {
                report.errors.extend(missing.errors);
            }
            report
        },
        move || {
            draft.track();
            attachments.track();
        },
        move || Snapshot {
            text: json::to_text(&draft.get_untracked()).unwrap_or_default(),
            title: f.unit_name.get_untracked(),
            attachments: attachments.get_untracked(),
        },
    );
    let (report, reveal) = (form.report, form.reveal);
    // The reviewer's reasons, when this form fixes the application they sent back.
    let kept = RwSignal::new(None::<StatusAnswer>);
    leptos::task::spawn_local(async move { kept.set(super::employer_status::kept().await) });
    let remarks = Memo::new(move |_| {
        let answer = kept.get()?;
        let fixes = version_of.get()?;
        (answer.status == Status::Rejected && answer.filing_client_id == fixes).then(|| {
            let mut e = FieldErrors::default();
            for r in &answer.reasons {
                let name = match &r.target {
                    Target::Field(f) => f.clone(),
                    Target::Material(m) => m.as_str().to_owned(),
                };
                e.error(name, r.issue());
            }
            e
        })
    });
    let editable = Signal::derive(move || form.editable());
    let issues = move |name: &'static str| form.issues(name);
    let remark = move |name: &'static str| remarks.with(|r| r.as_ref().and_then(|e| e.error_of(name).cloned()));
    // "获取验证码": to the handler's mobile. The code goes with the filing and proves the number
    // if it is still valid when the filing arrives; otherwise it is proved on 审核进度查询.
    let message = RwSignal::new(None::<Issue>);
    let code_refused = RwSignal::new(None::<FieldErrors>);
    let code_request = Callback::new(move |()| {
        if report.with_untracked(|r| r.error_of(field::HANDLER_MOBILE).is_some()) {
            reveal.set(true);
            return None;
        }
        Some(SmsRequest { purpose: CodePurpose::Register, mobile: f.handler_mobile.get_untracked(), id_number: String::new(), email: String::new() })
    });
    let text = move |name: &'static str, label: Text, value: RwSignal<String>, kind: InputKind, hint: Option<Text>| {
        view! {
            <TextField name=name label=label value=value issues=issues(name) kind=kind hint=hint reveal=reveal>
                {move || remark(name).map(|r| view! { <p class="field-error review-remark" data-testid="remark">{tr(strings::REVIEW_OPINION)}": "{i18n.issue(&r)}</p> })}
            </TextField>
        }
    };
    let disabled = Signal::derive(move || !editable.get());
    view! {
        <main class="page form-page">
            <h1>{tr(strings::KIND_EMPLOYER_REGISTRATION)}</h1>
            <FormHead form=form queued=strings::EMPLOYER_QUEUED/>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                <fieldset disabled=move || !editable.get() class="plain">
                    {text(field::UNIT_NAME, strings::FIELD_UNIT_NAME, f.unit_name, InputKind::Text, Some(strings::FIELD_UNIT_NAME_HINT))}
                    {text(field::CREDIT_CODE, strings::FIELD_CREDIT_CODE, f.credit_code, InputKind::Identifier, Some(strings::FIELD_CREDIT_CODE_HINT))}
                    <IdNumberField name=field::LEGAL_REP_ID label=strings::FIELD_LEGAL_REP_ID value=f.legal_rep_id issues=issues(field::LEGAL_REP_ID) reveal=reveal/>
                    {text(field::HANDLER_NAME, strings::FIELD_HANDLER_NAME, f.handler_name, InputKind::Text, None)}
                    <IdNumberField name=field::HANDLER_ID label=strings::FIELD_HANDLER_ID value=f.handler_id issues=issues(field::HANDLER_ID) reveal=reveal/>
                    {text(field::HANDLER_MOBILE, strings::FIELD_HANDLER_MOBILE, f.handler_mobile, InputKind::Tel, None)}
                    {text(field::HANDLER_EMAIL, strings::FIELD_HANDLER_EMAIL, f.handler_email, InputKind::Email, None)}
                    {text(field::SMS_CODE, strings::FIELD_SMS_CODE, f.sms_code, InputKind::Numeric, Some(strings::FIELD_SMS_CODE_HINT_EMPLOYER))}
                    <SendCode request=code_request message=message refused=code_refused/>
                    {move || message.get().map(|m| view! { <p class="form-message" role="status" data-testid="code-message">{i18n.issue(&m)}</p> })}
                    <Consent name=field::AGREED agreed=f.agreed issues=issues(field::AGREED) reveal=reveal/>
                </fieldset>
                <h2>{tr(strings::MATERIALS_TITLE)}</h2>
                {Material::ALL.into_iter().map(|m| {
                    let (zh, en) = m.label();
                    let name = m.as_str();
                    view! {
                        <PhotoSlot name=name label=Text { zh, en } attachments=attachments disabled=disabled/>
                        {move || remark(name).map(|r| view! { <p class="field-error review-remark" data-testid="remark" data-slot=name>{tr(strings::REVIEW_OPINION)}": "{i18n.issue(&r)}</p> })}
                        {move || issues(name).get().error.filter(|_| reveal.get()).map(|e| view! { <p class="field-error" data-slot=name>{i18n.issue(&e)}</p> })}
                    }
                }).collect_view()}
                <FormFoot form=form/>
            </form>
        </main>
    }
}

/// The label of a field of the form, by its name (reasons name fields).
pub(crate) fn field_label(name: &str) -> Option<Text> {
    Some(match name {
        field::UNIT_NAME => strings::FIELD_UNIT_NAME,
        field::CREDIT_CODE => strings::FIELD_CREDIT_CODE,
        field::LEGAL_REP_ID => strings::FIELD_LEGAL_REP_ID,
        field::HANDLER_NAME => strings::FIELD_HANDLER_NAME,
        field::HANDLER_ID => strings::FIELD_HANDLER_ID,
        field::HANDLER_MOBILE => strings::FIELD_HANDLER_MOBILE,
        field::HANDLER_EMAIL => strings::FIELD_HANDLER_EMAIL,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
struct Fields {
    unit_name: RwSignal<String>,
    credit_code: RwSignal<String>,
    legal_rep_id: RwSignal<String>,
    handler_name: RwSignal<String>,
    handler_id: RwSignal<String>,
    handler_mobile: RwSignal<String>,
    handler_email: RwSignal<String>,
    sms_code: RwSignal<String>,
    agreed: RwSignal<bool>,
}

impl Fields {
    fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields {
            unit_name: s(),
            credit_code: s(),
            legal_rep_id: s(),
            handler_name: s(),
            handler_id: s(),
            handler_mobile: s(),
            handler_email: s(),
            sms_code: s(),
            agreed: RwSignal::new(false),
        }
    }

    fn draft(&self) -> EmployerRegistrationDraft {
        EmployerRegistrationDraft {
            unit_name: self.unit_name.get(),
            credit_code: self.credit_code.get(),
            legal_rep_id: self.legal_rep_id.get(),
            handler_name: self.handler_name.get(),
            handler_id: self.handler_id.get(),
            handler_mobile: self.handler_mobile.get(),
            handler_email: self.handler_email.get(),
            password: String::new(),
            password_confirm: String::new(),
            sms_code: self.sms_code.get(),
            agreed: self.agreed.get(),
        }
    }

    fn fill(&self, d: EmployerRegistrationDraft) {
        self.unit_name.set(d.unit_name);
        self.credit_code.set(d.credit_code);
        self.legal_rep_id.set(d.legal_rep_id);
        self.handler_name.set(d.handler_name);
        self.handler_id.set(d.handler_id);
        self.handler_mobile.set(d.handler_mobile);
        self.handler_email.set(d.handler_email);
        self.sms_code.set(d.sms_code);
        self.agreed.set(d.agreed);
    }
}
