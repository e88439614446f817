//! `/review` — 审核工作台 for reviewers: employer registrations waiting, oldest first, each with
//! its age in working days and a flag past 3; filters by status, region, overdue and a range of
//! ages in working days.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::review::Queue;
use crate::components::{DivisionPicker, Link};
use crate::domain::review::Status;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use crate::state::clock;

/// The status filter's choices: `(query value, label)`.
fn statuses() -> Vec<(&'static str, Text)> {
    let each = Status::ALL.into_iter().map(|s| (s.as_str(), status_text(s)));
    std::iter::once(("open", strings::REVIEW_FILTER_OPEN)).chain(each).chain([("all", strings::REVIEW_FILTER_ALL)]).collect()
}

/// An age box's value as the query wants it: a whole number of days, or nothing.
fn days(text: &str) -> String {
    text.trim().parse::<u32>().map(|n| n.min(260).to_string()).unwrap_or_default()
}

pub(crate) fn status_text(status: Status) -> Text {
    let (zh, en) = status.label();
    Text { zh, en }
}

#[component]
pub fn ReviewQueue() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new("open".to_owned());
    let region = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let min_age = RwSignal::new(String::new());
    let max_age = RwSignal::new(String::new());
    let queue = RwSignal::new(None::<Queue>);
    let problem = RwSignal::new(None::<Issue>);
    Effect::new(move |_| {
        let path = format!(
            "{}?status={}&region={}&overdue={}&min_age={}&max_age={}",
            endpoints::REVIEW_QUEUE.path,
            status.get(),
            region.get(),
            u8::from(overdue.get()),
            days(&min_age.get()),
            days(&max_age.get())
        );
        leptos::task::spawn_local(async move {
            match client::get_json::<Queue>(&path).await {
                Ok(q) => {
                    problem.set(None);
                    queue.set(Some(q));
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    });
    view! {
        <main class="page review-desk">
            <h1>{tr(strings::NAV_REVIEW)}</h1>
            <section class="card filters">
                <label class="field">
                    <span>{tr(strings::REVIEW_FILTER_STATUS)}</span>
                    <select data-testid="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                        {statuses().into_iter().map(|(value, label)| view! {
                            <option value=value selected=move || status.get() == value>{tr(label)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <DivisionPicker name="region" label=strings::REVIEW_FILTER_REGION value=region error=Signal::derive(|| None::<String>)/>
                <label class="check">
                    <input type="checkbox" data-testid="filter-overdue" prop:checked=move || overdue.get() on:change=move |ev| overdue.set(event_target_checked(&ev))/>
                    <span>{tr(strings::REVIEW_FILTER_OVERDUE)}</span>
                </label>
                <div class="field age-range">
                    <span>{tr(strings::REVIEW_FILTER_AGE)}</span>
                    <input type="number" inputmode="numeric" min="0" max="260" data-testid="filter-min-age" aria-label=move || i18n.t(strings::REVIEW_AGE_FROM)
                        prop:value=move || min_age.get() on:change=move |ev| min_age.set(event_target_value(&ev))/>
                    <span>"–"</span>
                    <input type="number" inputmode="numeric" min="0" max="260" data-testid="filter-max-age" aria-label=move || i18n.t(strings::REVIEW_AGE_TO)
                        prop:value=move || max_age.get() on:change=move |ev| max_age.set(event_target_value(&ev))/>
                    <span>{tr(strings::REVIEW_AGE)}</span>
                </div>
            </section>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            {move || queue.get().map(|q| view! {
                <p class="field-hint" data-testid="queue-total">{tr(strings::REVIEW_TOTAL)}" "{q.total}</p>
                {q.items.is_empty().then(|| view! { <p class="card">{tr(strings::REVIEW_EMPTY)}</p> })}
                <ul class="list" data-testid="queue">
                    {q.items.into_iter().map(|item| view! {
                        <li data-overdue=item.overdue.to_string() data-status=item.status.as_str()>
                            <Link href=Route::ReviewApplication(item.id).href() class="list-item">
                                <span class="list-title">{item.unit_name.clone()}</span>
                                <span class="list-sub">
                                    {tr(status_text(item.status))}" · "{item.region_name.clone()}" · "{clock::format_ms(item.submitted_at)}
                                    " · "{item.age_working_days}" "{tr(strings::REVIEW_AGE)}
                                </span>
                                {item.overdue.then(|| view! { <span class="badge badge-warn">{tr(strings::REVIEW_OVERDUE)}</span> })}
                                {item.resubmitted.then(|| view! { <span class="badge">{tr(strings::REVIEW_RESUBMITTED)}</span> })}
                                {(!item.mobile_verified).then(|| view! { <span class="badge badge-warn">{tr(strings::REVIEW_MOBILE_UNVERIFIED)}</span> })}
                            </Link>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </main>
    }
}
