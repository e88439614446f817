//! `/office/units/{id}` — a unit's page in the back office: its record, the people it insures
//! now, and a month's statement with any arrears — as the unit's own account reads them.

use leptos::prelude::*;

use crate::api::office::{OfficeUnit, UnitClassChange};
use crate::api::{client, endpoints};
use crate::domain::ledger::Month;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::pages::unit_business::{roster_view, statement_view};
use crate::state::clock;

#[component]
pub fn Unit(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let month = RwSignal::new(Month::of(clock::today()).to_string());
    let unit = RwSignal::new(None::<OfficeUnit>);
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        let path = format!("{}?month={}", endpoints::OFFICE_UNIT.with(&[&id.to_string()]), month.get_untracked());
        leptos::task::spawn_local(async move {
            match client::get_json::<OfficeUnit>(&path).await {
                Ok(u) => {
                    problem.set(None);
                    unit.set(Some(u));
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
    let class = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    let change_class = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(industry_class) = class.get_untracked().parse::<i64>() else { return };
        changed.set(false);
        let path = endpoints::OFFICE_UNIT_CLASS.with(&[&id.to_string()]);
        leptos::task::spawn_local(async move {
            match client::post_json::<_, ()>(&path, &UnitClassChange { industry_class }).await {
                Ok(()) => {
                    changed.set(true);
                    load();
                }
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <main class="page office records-page">
            {super::to_workbench()}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || unit.get().map(|u| view! {
                <h1>{u.name.clone()}</h1>
                <p class="mono" data-testid="unit-code">{u.credit_code.clone()}" · "{u.region}
                    {u.industry_class.map(|c| format!(" · {} {c}", i18n.t(strings::OFFICE_INDUSTRY_CLASS)))}</p>
            })}
            <form class="card period" on:submit=change_class>
                <label for="industry-class">{tr(strings::OFFICE_CLASS_CHANGE)}</label>
                <select id="industry-class" data-testid="industry-class" on:change=move |ev| class.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {(1..=8).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-secondary" data-testid="class-save">{tr(strings::OFFICE_CLASS_CHANGE)}</button>
                <Show when=move || changed.get()><span class="field-hint" role="status">{tr(strings::OFFICE_CLASS_CHANGED)}</span></Show>
            </form>
            <form class="card period" on:submit=move |ev| { ev.prevent_default(); load(); }>
                <label for="month">{tr(strings::STATEMENT_MONTH)}</label>
                <input id="month" type="month" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
                <button type="submit" class="btn">{tr(strings::RECORDS_QUERY)}</button>
            </form>
            {move || unit.get().map(|u| view! {
                {statement_view(u.statement)}
                {roster_view(u.roster)}
            })}
        </main>
    }
}
