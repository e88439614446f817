//! 养老金申请 on a person's page: the form (checked as typed by the shared rules: the month of
//! retirement, a woman's original retirement age, the archive's months, index and reference)
//! and the person's claims — the pension with its working, where a supervisor other than the
//! filer approves a pending one (the payments start) or returns it; and the yearly
//! certification of an approved one at the counter (the person seen today).

use leptos::prelude::*;

use super::adjust::{send_decision, status_text, Decide};
use super::pension::working_view;
use crate::api::auth::Role;
use crate::api::office::{BatchDecision, BatchStatus, PensionClaimView};
use crate::api::{client, endpoints};
use crate::components::{InputKind, Link, TextField};
use crate::pages::online_form::OnlineForm;
use crate::domain::forms::pension_claim::{field, validate, PensionClaimDraft};
use crate::domain::pension::claim::index_text;
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use crate::state::{clock, use_account, use_network};

/// The section on a person's page (`Some(person)`: their claims, loaded apart from the page,
/// and the form) or on the workbench (`None`: everyone's latest, to decide).
#[component]
pub fn ClaimCard(person: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let claims = RwSignal::new(Vec::<PensionClaimView>::new());
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        let path = match person {
            Some(p) => endpoints::OFFICE_PERSON_CLAIMS.with(&[&p.to_string()]),
            None => endpoints::OFFICE_PENSION_CLAIMS.path.to_owned(),
        };
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<PensionClaimView>>(&path).await {
                Ok(list) => claims.set(list),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
    view! {
        <section class="card" data-testid="claim">
            <h2>{tr(strings::CLAIMS)}</h2>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            <ClaimList list=claims.into() changed=load/>
            {person.map(|p| view! { <ClaimForm person=p done=load/> })}
        </section>
    }
}

/// The form; `done` reloads the list.
#[component]
pub fn ClaimForm(person: i64, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let all: [RwSignal<String>; 6] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [category, retire_in, archive_months, archive_index, archive_ref, agreement_ref] = all;
    let draft = move || PensionClaimDraft {
        category: category.get(),
        retire_in: retire_in.get(),
        archive_months: archive_months.get(),
        archive_index: archive_index.get(),
        archive_ref: archive_ref.get(),
        agreement_ref: agreement_ref.get(),
    };
    let report = Memo::new(move |_| FieldErrors::verdict(validate(&draft())));
    let form = OnlineForm::new(report, move || {
        draft();
    });
    let (reveal, message, issues) = (form.reveal, form.message, move |f| form.issues(f));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send(endpoints::OFFICE_PERSON_CLAIM.with(&[&person.to_string()]), draft(), move |_: PensionClaimView| {
            form.clear(&all);
            done();
        });
    };
    view! {
        <form class="details-form" data-testid="claim-form" on:submit=save>
            <h3>{tr(strings::CLAIM_NEW)}</h3>
            <p class="field-hint">{tr(strings::CLAIM_NOTE)}</p>
            <div class="field">
                <label for=field::CATEGORY>{tr(strings::OFFICE_PENSION_CATEGORY)}</label>
                <select id=field::CATEGORY prop:value=move || category.get() on:change=move |ev| category.set(event_target_value(&ev))>
                    <option value="">{tr(strings::CLAIM_BY_ID)}</option>
                    <option value="female_50">{tr(strings::OFFICE_FEMALE_50)}</option>
                    <option value="female_55">{tr(strings::OFFICE_FEMALE_55)}</option>
                </select>
            </div>
            <TextField name=field::RETIRE_IN label=strings::CLAIM_RETIRE_IN value=retire_in issues=issues(field::RETIRE_IN) reveal=reveal/>
            <TextField name=field::ARCHIVE_MONTHS label=strings::CLAIM_ARCHIVE_MONTHS value=archive_months issues=issues(field::ARCHIVE_MONTHS) kind=InputKind::Numeric reveal=reveal/>
            <TextField name=field::ARCHIVE_INDEX label=strings::CLAIM_ARCHIVE_INDEX value=archive_index issues=issues(field::ARCHIVE_INDEX) kind=InputKind::Decimal reveal=reveal/>
            <TextField name=field::ARCHIVE_REF label=strings::CLAIM_ARCHIVE_REF value=archive_ref issues=issues(field::ARCHIVE_REF) reveal=reveal/>
            <TextField name=field::AGREEMENT_REF label=strings::CLAIM_AGREEMENT_REF value=agreement_ref issues=issues(field::AGREEMENT_REF)
                hint=Some(strings::CLAIM_AGREEMENT_HINT) reveal=reveal/>
            {move || message.get().map(|m| view! { <p class="field-error" role="alert" data-testid="claim-message">{i18n.issue(&m)}</p> })}
            <button type="submit" class="btn btn-secondary" data-testid="claim-submit">{tr(strings::OFFICE_SUBMIT)}</button>
        </form>
    }
}

/// The claims, each with its pension and working; a supervisor approves or returns a pending
/// one (the server refuses the filer). `changed` reloads the list.
#[component]
pub fn ClaimList(list: Signal<Vec<PensionClaimView>>, changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let supervisor = move || account.role() == Some(Role::Supervisor);
    let problem = RwSignal::new(None::<Issue>);
    let decide = move |id: i64, approve: bool, reason: String| {
        send_decision(endpoints::OFFICE_PENSION_CLAIM_DECISION.with(&[&id.to_string()]), BatchDecision { approve, reason }, net, problem, changed);
    };
    let certify = move |id: i64| {
        problem.set(None);
        let path = endpoints::OFFICE_PENSION_CERTIFY.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, PensionClaimView>(&path, &()).await {
                Ok(_) => changed(),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="claim-problem">{i18n.issue(&p)}</p> })}
        <ul class="list" data-testid="claims">
            {move || list.get().into_iter().map(|c| {
                let pending = c.status == BatchStatus::Pending;
                let id = c.id;
                view! {
                    <li class="list-item" data-status=format!("{:?}", c.status).to_lowercase()>
                        <span class="list-title"><Link href=Route::OfficePerson(c.person).href() class="link">{c.person_name.clone()}</Link>" · "{c.retire_in.to_string()}" · "{tr(status_text(c.status))}</span>
                        <span class="list-sub" data-testid="claim-monthly">{tr(strings::CLAIM_MONTHLY)}" "{c.monthly.yuan()}" "{tr(strings::YUAN)}
                            " · Z "{index_text(c.index)}" · N "{c.months}
                            {c.paid_through.map(|m| view! { " · "{tr(strings::CLAIM_PAID_THROUGH)}" "{m.to_string()} })}
                        </span>
                        <span class="list-sub">
                            {c.archive_ref.clone()}" · "{tr(strings::OFFICE_SUBMITTED_BY)}" #"{c.submitted_by}" "{clock::format_ms(c.submitted_at)}
                            {c.decided_by.map(|d| view! { " · "{tr(strings::OFFICE_DECIDED_BY)}" #"{d} })}
                        </span>
                        {c.return_reason.clone().map(|r| view! { <span class="list-sub">{tr(strings::OFFICE_RETURN_REASON)}": "{r}</span> })}
                        {c.certified_on.map(|d| view! {
                            <span class="list-sub" data-testid="claim-certified">{tr(strings::CERT_LAST)}" "{d.iso()}</span>
                            <button type="button" class="btn btn-secondary" data-testid="claim-certify" on:click=move |_| certify(id)>{tr(strings::CERT_AT_COUNTER)}</button>
                        })}
                        {working_view(&c.working)}
                        <Show when=move || pending && supervisor()>
                            <Decide prefix="claim" decide=move |approve, reason| decide(id, approve, reason)/>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
