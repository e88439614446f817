//! `/office/reports` — 报表: pick a report and its period (and, if wanted, a unit or a region),
//! see its first rows and its totals on screen, then download it whole as Excel or CSV, or open
//! the whole of it as a page to print (A4). What a member of staff may see is the server's
//! business: their region, or everything for the central office and admins.

use leptos::prelude::*;

use crate::api::reports::{ReportPreview, REPORTS};
use crate::api::{client, endpoints};
use crate::domain::ledger::Month;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::state::clock;

use super::region_select::RegionSelect;

/// Percent-encodes a query value (credit codes and division codes are ASCII; anything else
/// typed is sent as it was typed, encoded).
pub(super) fn enc(s: &str) -> String {
    s.trim().bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[component]
pub fn Reports() -> impl IntoView {
    let i18n = use_i18n();
    let this_month = Month::of(clock::today()).to_string();
    let name = RwSignal::new(REPORTS[0].0.to_owned());
    let from = RwSignal::new(this_month.clone());
    let to = RwSignal::new(this_month);
    let unit = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let person = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<ReportPreview>);
    let problem = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    // The address of the report as asked, in `format`.
    let address = move |format: &str| {
        format!(
            "{}?from={}&to={}&unit={}&region={}&person={}&format={format}",
            endpoints::REPORT.with(&[&name.get()]),
            enc(&from.get()),
            enc(&to.get()),
            enc(&unit.get()),
            enc(&region.get()),
            enc(&person.get())
        )
    };
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        preview.set(None);
        busy.set(true);
        let path = address("json");
        leptos::task::spawn_local(async move {
            match client::get_json::<ReportPreview>(&path).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => problem.set(Some(e.to_issue())),
            }
            busy.set(false);
        });
    };
    let field = |id: &'static str, label, value: RwSignal<String>, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <main class="page office reports">
            {super::to_workbench()}
            <h1>{tr(strings::OFFICE_REPORTS)}</h1>
            <form class="details-form report-form" on:submit=ask data-testid="report-form">
                <div class="field">
                    <label for="report-name">{tr(strings::REPORT_NAME)}</label>
                    <select id="report-name" data-testid="report-name" on:change=move |ev| { name.set(event_target_value(&ev)); preview.set(None); }>
                        {REPORTS.iter().map(|(code, zh, en)| {
                            let title = Issue::new("report.title", zh, en);
                            view! { <option value=*code>{move || i18n.issue(&title)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {field("report-from", strings::REPORT_FROM, from, "month")}
                {field("report-to", strings::REPORT_TO, to, "month")}
                {field("report-unit", strings::REPORT_UNIT, unit, "text")}
                <RegionSelect id="report-region" label=strings::REPORT_REGION value=region/>
                {field("report-person", strings::REPORT_PERSON, person, "text")}
                <button type="submit" class="btn" data-testid="report-preview" disabled=move || busy.get()>{tr(strings::REPORT_PREVIEW)}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            {move || preview.get().map(|p| {
                let title = Issue::formatted("report.title", p.title_zh.clone(), p.title_en.clone());
                let numbers: Vec<bool> = p.columns.iter().map(|c| c.number).collect();
                let cell = move |i: usize, text: String| if numbers.get(i).copied().unwrap_or(false) { view! { <td class="n">{text}</td> }.into_any() } else { view! { <td>{text}</td> }.into_any() };
                let cell2 = cell.clone();
                view! {
                    <section class="card report-preview" data-testid="report">
                        <h2>{move || i18n.issue(&title)}</h2>
                        <p class="field-hint">{p.period.clone()}" · "<span data-testid="report-count">{p.count}</span>" "{tr(strings::REPORT_ROWS)}</p>
                        <div class="actions">
                            <a class="btn" href=address("xlsx") download data-testid="report-xlsx">{tr(strings::REPORT_XLSX)}</a>
                            <a class="btn btn-secondary" href=address("csv") download data-testid="report-csv">{tr(strings::REPORT_CSV)}</a>
                            <a class="btn btn-secondary" href=address("html") target="_blank" rel="noopener" data-testid="report-print">{tr(strings::REPORT_PRINT)}</a>
                        </div>
                        <table class="table report-table">
                            <thead><tr>{p.columns.iter().map(|c| view! { <th>{c.zh.clone()}<br/><small>{c.en.clone()}</small></th> }).collect_view()}</tr></thead>
                            <tbody>{p.rows.into_iter().map(|r| {
                                let cell = cell.clone();
                                view! { <tr>{r.into_iter().enumerate().map(|(i, t)| cell(i, t)).collect_view()}</tr> }
                            }).collect_view()}</tbody>
                            <tfoot><tr data-testid="report-totals">{p.totals.into_iter().enumerate().map(|(i, t)| cell2(i, t)).collect_view()}</tr></tfoot>
                        </table>
                    </section>
                }
            })}
        </main>
    }
}
