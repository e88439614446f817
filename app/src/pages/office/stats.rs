//! `/office/stats` — 数据统计与分析: the agency's charts for a period, drawn by the server as SVG
//! (the staff bundle carries no chart library): insured persons by month, assessed against
//! collected with the arrears, cases filed per day and the open cases by days waiting. A region
//! drills down (a city of a province the policy data covers); what a member of staff may see at
//! all is the server's business. Each chart names the report that holds its figures as a table.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::domain::ledger::Month;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use crate::state::clock;

use super::region_select::RegionSelect;
use super::reports::enc;

/// The charts: the server's name, the caption, the report with the same figures.
const CHARTS: [(&str, Text, Text); 5] = [
    ("insured", strings::STATS_INSURED, strings::STATS_TABLE_INSURED),
    ("money", strings::STATS_MONEY, strings::STATS_TABLE_ARREARS),
    ("cases", strings::STATS_CASES, strings::STATS_TABLE_CASES),
    ("case_age", strings::STATS_AGES, strings::STATS_TABLE_QUEUE),
    ("certification", strings::STATS_CERT, strings::STATS_TABLE_BENEFITS),
];

#[component]
pub fn Stats() -> impl IntoView {
    let i18n = use_i18n();
    let to_month = Month::of(clock::today());
    let from_month = Month::from_index(to_month.index() - 11).unwrap_or(to_month);
    let from = RwSignal::new(from_month.to_string());
    let to = RwSignal::new(to_month.to_string());
    let region = RwSignal::new(String::new());
    let src = move |chart: &str| {
        format!("{}?from={}&to={}&region={}", endpoints::STATS.with(&[chart]), enc(&from.get()), enc(&to.get()), enc(&region.get()))
    };
    let month = |id: &'static str, label: Text, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type="month" prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <main class="page office stats">
            {super::to_workbench()}
            <h1>{tr(strings::STATS_TITLE)}</h1>
            <div class="details-form report-form">
                {month("stats-from", strings::REPORT_FROM, from)}
                {month("stats-to", strings::REPORT_TO, to)}
                <RegionSelect id="stats-region" label=strings::STATS_REGION value=region/>
            </div>
            // Two charts a row at a desk, one on a tablet; the styles stay out of the phone's shell.
            <div class="charts" style="display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:1rem">
                {CHARTS.into_iter().map(|(chart, caption, table)| view! {
                    <figure class="card chart" data-testid="chart" data-chart=chart style="margin:0">
                        <img src=move || src(chart) alt=move || i18n.t(caption) width="720" height="360" style="width:100%;height:auto"/>
                        <figcaption>
                            {tr(caption)}" · "
                            <a href=if chart == "case_age" { Route::OfficeCases.href() } else { Route::OfficeReports.href() } class="link">{tr(table)}</a>
                        </figcaption>
                    </figure>
                }).collect_view()}
            </div>
        </main>
    }
}
