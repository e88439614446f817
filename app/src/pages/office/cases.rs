//! `/office/cases` — 待办: every filing waiting for an operator (enrolments, separations, base
//! declarations), oldest first, with its age in working days; filtered by status, kind, module
//! (insurance), region and age.

use leptos::prelude::*;

use crate::api::cases::CaseQueue;
use crate::api::endpoints;
use crate::api::sync::FilingKind;
use crate::api::client;
use crate::components::{DivisionPicker, Link};
use crate::domain::policy::Insurance;
use crate::domain::review::Status;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::pages::kind_text;
use crate::pages::review_queue::status_text;
use crate::routes::Route;
use crate::state::{clock, use_router};

/// An insurance's name.
pub(crate) fn insurance_text(i: Insurance) -> Text {
    match i {
        Insurance::Pension => strings::INS_PENSION,
        Insurance::Medical => strings::INS_MEDICAL,
        Insurance::Unemployment => strings::INS_UNEMPLOYMENT,
        Insurance::WorkInjury => strings::INS_WORK_INJURY,
    }
}

const KINDS: [FilingKind; 3] = [FilingKind::Enrolment, FilingKind::Separation, FilingKind::BaseDeclaration];

#[component]
pub fn Cases() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new("open".to_owned());
    let kind = RwSignal::new(String::new());
    // The workbench's module links name one (`?module=pension`).
    let module = RwSignal::new(use_router().query("module").filter(|m| Insurance::parse(m).is_some()).unwrap_or_default());
    let region = RwSignal::new(String::new());
    let min_age = RwSignal::new(String::new());
    let queue = RwSignal::new(None::<CaseQueue>);
    let problem = RwSignal::new(None::<Issue>);
    Effect::new(move |_| {
        let days = min_age.get().trim().parse::<u32>().map(|n| n.min(260).to_string()).unwrap_or_default();
        let query = format!("status={}&kind={}&module={}&region={}&min_age={days}", status.get(), kind.get(), module.get(), region.get());
        leptos::task::spawn_local(async move {
            match client::get_json::<CaseQueue>(&format!("{}?{query}", endpoints::OFFICE_CASES.path)).await {
                Ok(q) => {
                    problem.set(None);
                    queue.set(Some(q));
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    });
    let select = move |label: Text, testid: &'static str, value: RwSignal<String>, options: Vec<(String, Text)>| {
        view! {
            <label class="field">
                <span>{tr(label)}</span>
                <select data-testid=testid on:change=move |ev| value.set(event_target_value(&ev))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v.clone() selected=v == value.get_untracked()>{tr(l)}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let statuses: Vec<(String, Text)> = std::iter::once(("open".to_owned(), strings::REVIEW_FILTER_OPEN))
        .chain(Status::ALL.into_iter().map(|s| (s.as_str().to_owned(), status_text(s))))
        .chain([("all".to_owned(), strings::REVIEW_FILTER_ALL)])
        .collect();
    let kinds: Vec<(String, Text)> = std::iter::once((String::new(), strings::REVIEW_FILTER_ALL)).chain(KINDS.into_iter().map(|k| (k.as_str().to_owned(), kind_text(k)))).collect();
    let modules: Vec<(String, Text)> =
        std::iter::once((String::new(), strings::REVIEW_FILTER_ALL)).chain(Insurance::ALL.into_iter().map(|i| (i.code().to_owned(), insurance_text(i)))).collect();
    view! {
        <main class="page office">
            {super::to_workbench()}
            <h1>{tr(strings::OFFICE_CASES)}</h1>
            <section class="card filters">
                {select(strings::REVIEW_FILTER_STATUS, "filter-status", status, statuses)}
                {select(strings::OFFICE_CASE_KIND, "filter-kind", kind, kinds)}
                {select(strings::OFFICE_CASE_MODULE, "filter-module", module, modules)}
                <DivisionPicker name="region" label=strings::REVIEW_FILTER_REGION value=region error=Signal::derive(|| None::<String>)/>
                <label class="field">
                    <span>{tr(strings::REVIEW_AGE_FROM)}</span>
                    <input type="number" min="0" inputmode="numeric" data-testid="filter-min-age" prop:value=move || min_age.get() on:change=move |ev| min_age.set(event_target_value(&ev))/>
                </label>
            </section>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            {move || queue.get().map(|q| view! {
                <p class="field-hint" data-testid="case-total">{q.total}" "{tr(strings::OFFICE_CASES_COUNT)}</p>
                <table class="table" data-testid="cases">
                    <thead><tr>
                        <th>{tr(strings::SYNC_RECEIPT)}</th><th>{tr(strings::OFFICE_CASE_KIND)}</th><th>{tr(strings::FIELD_UNIT_NAME)}</th>
                        <th>{tr(strings::OFFICE_CASE_MODULE)}</th><th>{tr(strings::FIELD_REGION)}</th><th>{tr(strings::REVIEW_FILTER_STATUS)}</th>
                        <th>{tr(strings::SUBMITTED_AT)}</th><th>{tr(strings::REVIEW_AGE)}</th>
                    </tr></thead>
                    <tbody>
                        {q.items.into_iter().map(|c| view! {
                            <tr data-status=c.status.as_str() data-kind=c.kind.as_str()>
                                <td><Link href=Route::OfficeCase(c.id).href() class="link">{c.receipt_no.clone()}</Link>
                                    {c.resubmitted.then(|| view! { " " <span class="badge">{tr(strings::REVIEW_RESUBMITTED)}</span> })}</td>
                                <td>{tr(kind_text(c.kind))}</td>
                                <td>{c.unit_name.clone()}</td>
                                <td>{c.insurances.iter().map(|i| view! { <span class="badge">{tr(insurance_text(*i))}</span>" " }).collect_view()}</td>
                                <td>{c.region_name.clone()}</td>
                                <td>{tr(status_text(c.status))}</td>
                                <td>{clock::format_ms(c.submitted_at)}</td>
                                <td>{c.age_working_days}{c.overdue.then(|| view! { " " <span class="badge badge-warn">{tr(strings::REVIEW_OVERDUE)}</span> })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </main>
    }
}
