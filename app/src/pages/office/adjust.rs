//! 基数调整 in the back office: the form on a person's page (checked as typed by the shared
//! rules), and the list of adjustments with their before and after, where a supervisor other
//! than the proposer confirms or returns a pending one (the person's page lists theirs, the
//! 缴费管理 page everyone's).

use leptos::prelude::*;

use crate::api::auth::Role;
use crate::api::office::{BaseAdjustment, BaseAdjustmentRequest, BatchDecision, BatchStatus, UnitHit};
use crate::api::{client, endpoints};
use crate::components::{InputKind, TextField};
use crate::pages::online_form::OnlineForm;
use crate::domain::forms::base_adjustment::{field, validate};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::{clock, use_account, use_network, Network};

/// The form, for a person with these units; `done` reloads the page.
#[component]
pub fn AdjustForm(person: i64, units: Vec<UnitHit>, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let all: [RwSignal<String>; 4] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [unit, year, monthly_base, reason] = all;
    let draft = move || BaseAdjustmentRequest { unit: unit.get(), year: year.get(), monthly_base: monthly_base.get(), reason: reason.get() };
    let report = Memo::new(move |_| FieldErrors::verdict(validate(&draft(), clock::today())));
    let form = OnlineForm::new(report, move || {
        draft();
    });
    let (reveal, message, issues) = (form.reveal, form.message, move |f| form.issues(f));
    let unit_error = move || reveal.get().then(|| issues(field::UNIT).get().error.map(|e| i18n.issue(&e))).flatten();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send(endpoints::OFFICE_PERSON_ADJUST.with(&[&person.to_string()]), draft(), move |_: BaseAdjustment| {
            form.clear(&all);
            done();
        });
    };
    view! {
        <form class="details-form" data-testid="adjust-form" on:submit=save>
            <h3>{tr(strings::OFFICE_ADJUST)}</h3>
            <p class="field-hint">{tr(strings::OFFICE_ADJUST_NOTE)}</p>
            <div class="field" class:field-invalid=move || unit_error().is_some()>
                <label for=field::UNIT>{tr(strings::OFFICE_ADJUST_UNIT)}</label>
                <select id=field::UNIT name=field::UNIT prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="">{tr(strings::PICK_CHOOSE)}</option>
                    {units.into_iter().map(|u| view! { <option value=u.unit.to_string()>{u.name}" · "{u.credit_code}</option> }).collect_view()}
                </select>
                {move || unit_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <TextField name=field::YEAR label=strings::OFFICE_YEAR value=year issues=issues(field::YEAR) kind=InputKind::Numeric reveal=reveal/>
            <TextField name=field::MONTHLY_BASE label=strings::FIELD_MONTHLY_BASE value=monthly_base issues=issues(field::MONTHLY_BASE) kind=InputKind::Decimal reveal=reveal/>
            <TextField name=field::REASON label=strings::OFFICE_ADJUST_REASON value=reason issues=issues(field::REASON) reveal=reveal/>
            {move || message.get().map(|m| view! { <p class="field-error" role="alert" data-testid="adjust-message">{i18n.issue(&m)}</p> })}
            <button type="submit" class="btn btn-secondary" data-testid="adjust-submit">{tr(strings::OFFICE_SUBMIT)}</button>
        </form>
    }
}

/// A supervisor's two answers to something under four eyes: confirm, or return with a reason
/// (`{prefix}-confirm`, `{prefix}-return-reason`, `{prefix}-return` for the tests).
#[component]
pub fn Decide(prefix: &'static str, decide: impl Fn(bool, String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    view! {
        <div class="actions">
            <button type="button" class="btn" data-testid=format!("{prefix}-confirm") on:click=move |_| decide(true, String::new())>{tr(strings::OFFICE_CONFIRM_ADJUST)}</button>
            <input type="text" data-testid=format!("{prefix}-return-reason") aria-label=move || i18n.t(strings::OFFICE_RETURN_REASON)
                placeholder=move || i18n.t(strings::OFFICE_RETURN_REASON)
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            <button type="button" class="btn btn-secondary" data-testid=format!("{prefix}-return") on:click=move |_| decide(false, reason.get_untracked())>{tr(strings::OFFICE_RETURN)}</button>
        </div>
    }
}

/// Sends a back-office form to `path` — a supervisor's decision on something under four eyes,
/// a grade, a benefit's stop: `changed` on success, else the refusal (its first field issue, or
/// its message) in `problem`.
pub fn send_decision(path: String, d: impl serde::Serialize + 'static, net: Network, problem: RwSignal<Option<Issue>>, changed: impl Fn() + 'static) {
    problem.set(None);
    leptos::task::spawn_local(async move {
        match client::post_form::<_, serde::de::IgnoredAny>(&path, &d, net).await {
            client::FormAnswer::Done(_) => changed(),
            client::FormAnswer::Refused(r) => problem.set(Some(r.fields.errors.values().flatten().next().cloned().unwrap_or_else(|| r.message()))),
            client::FormAnswer::Failed(e) => problem.set(Some(e.to_issue())),
        }
    });
}

pub fn status_text(s: BatchStatus) -> Text {
    match s {
        BatchStatus::Pending => strings::OFFICE_PENDING,
        BatchStatus::Applied => strings::OFFICE_IN_EFFECT,
        BatchStatus::Returned => strings::OFFICE_RETURNED,
    }
}

/// The adjustments, each with its before and after; a supervisor confirms or returns a
/// pending one (the server refuses the proposer). `changed` reloads the list.
#[component]
pub fn AdjustmentList(list: Signal<Vec<BaseAdjustment>>, changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let supervisor = move || account.role() == Some(Role::Supervisor);
    let problem = RwSignal::new(None::<Issue>);
    let decide = move |id: i64, approve: bool, reason: String| {
        send_decision(endpoints::OFFICE_ADJUSTMENT_DECISION.with(&[&id.to_string()]), BatchDecision { approve, reason }, net, problem, changed);
    };
    view! {
        {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="adjust-problem">{i18n.issue(&p)}</p> })}
        <ul class="list" data-testid="adjustments">
            {move || list.get().into_iter().map(|a| {
                let pending = a.status == BatchStatus::Pending;
                let id = a.id;
                let before = a.previous.map(|p| p.yuan()).unwrap_or_else(|| i18n.t(strings::OFFICE_NONE_DECLARED).to_owned());
                view! {
                    <li class="list-item" data-status=format!("{:?}", a.status).to_lowercase()>
                        <span class="list-title">{a.person_name.clone()}" · "{a.unit_name.clone()}" · "{a.year}" · "{tr(status_text(a.status))}</span>
                        <span class="list-sub" data-testid="adjust-change">{before}" → "{a.monthly_base.yuan()}" "{tr(strings::YUAN)}</span>
                        <span class="list-sub">
                            {a.reason.clone()}" · "{tr(strings::OFFICE_SUBMITTED_BY)}" #"{a.submitted_by}" "{clock::format_ms(a.submitted_at)}
                            {a.decided_by.map(|d| view! { " · "{tr(strings::OFFICE_DECIDED_BY)}" #"{d} })}
                        </span>
                        {a.return_reason.clone().map(|r| view! { <span class="list-sub">{tr(strings::OFFICE_RETURN_REASON)}": "{r}</span> })}
                        <a class="list-sub" data-testid="adjust-voucher" href=endpoints::VOUCHER_ADJUSTMENT.with(&[&id.to_string()]) target="_blank" rel="noopener">{tr(strings::VOUCHER_PRINT)}</a>
                        <Show when=move || pending && supervisor()>
                            <Decide prefix="adjust" decide=move |approve, reason| decide(id, approve, reason)/>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
