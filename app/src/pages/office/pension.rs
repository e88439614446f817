//! 养老待遇测算 on a person's page: the original retirement age for a woman (50 or 55) and a
//! month to retire in (by default the statutory one); the server answers with the window under
//! the 2025 reform, the minimum months against the months paid, and the account part, each with
//! its working.

use leptos::prelude::*;

use crate::api::office::PensionEstimate;
use crate::api::{client, endpoints};
use crate::domain::ledger::Working;
use crate::domain::pension::Age;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};

/// A figure's working, folded: one line each, in the screen's language.
pub fn working_view(working: &Working) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lines: Vec<Issue> = working.iter().map(|w| Issue::formatted("pension.working", w.zh.clone(), w.en.clone())).collect();
    view! {
        <details><summary>{tr(strings::OFFICE_WORKING)}</summary>
            <ol>{lines.into_iter().map(|line| view! { <li>{move || i18n.issue(&line)}</li> }).collect_view()}</ol>
        </details>
    }
}

#[component]
pub fn PensionCard(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(String::new());
    let retire_in = RwSignal::new(String::new());
    let estimate = RwSignal::new(None::<PensionEstimate>);
    let problem = RwSignal::new(None::<Issue>);
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let path = format!("{}?category={}&retire_in={}", endpoints::OFFICE_PERSON_PENSION.with(&[&id.to_string()]), category.get_untracked(), retire_in.get_untracked());
        leptos::task::spawn_local(async move {
            match client::get_json::<PensionEstimate>(&path).await {
                Ok(e) => estimate.set(Some(e)),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <section class="card" data-testid="pension">
            <h2>{tr(strings::OFFICE_PENSION)}</h2>
            <form class="details-form" on:submit=ask>
                <div class="field">
                    <label for="pension-category">{tr(strings::OFFICE_PENSION_CATEGORY)}</label>
                    <select id="pension-category" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="female_50">{tr(strings::OFFICE_FEMALE_50)}</option>
                        <option value="female_55">{tr(strings::OFFICE_FEMALE_55)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="retire-in">{tr(strings::OFFICE_RETIRE_IN)}</label>
                    <input id="retire-in" type="month" prop:value=move || retire_in.get() on:input=move |ev| retire_in.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="btn btn-secondary" data-testid="pension-estimate">{tr(strings::OFFICE_ESTIMATE)}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            {move || estimate.get().map(|e| {
                let age = Age(e.statutory_age);
                let age = Issue::formatted("pension.age", age.zh(), age.to_string());
                view! {
                    <dl class="facts" data-testid="pension-result">
                        <dt>{tr(strings::OFFICE_STATUTORY)}</dt><dd data-testid="pension-statutory">{move || i18n.issue(&age)}" · "{e.statutory.to_string()}</dd>
                        <dt>{tr(strings::OFFICE_WINDOW)}</dt><dd>{e.earliest.to_string()}" – "{e.latest.to_string()}</dd>
                        <dt>{tr(strings::OFFICE_MIN_MONTHS)}</dt><dd>{e.minimum_months}</dd>
                        <dt>{tr(strings::OFFICE_PAID_MONTHS)}</dt><dd data-testid="pension-months">{e.contributed_months}</dd>
                        <dt>{tr(strings::OFFICE_ACCOUNT_PENSION)}</dt><dd>{e.account_pension.map(|a| a.yuan())}</dd>
                    </dl>
                    {e.issue.clone().map(|i| view! { <p class="field-warning" data-testid="pension-issue">{move || i18n.issue(&i)}</p> })}
                    {working_view(&e.working)}
                }
            })}
        </section>
    }
}
