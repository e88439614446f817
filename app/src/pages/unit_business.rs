//! `/unit` — 单位业务 for a unit's own account: its roster (在职参保人员, ID numbers masked) and a
//! month's statement (核定单: totals per insurance, what was paid, and arrears with the late fee
//! and its working), with the month's statement to download as Excel or print (报表). Online only:
//! a unit reads it at its desk.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::ledger::{Roster, StatementView};
use crate::domain::ledger::{Month, Standing};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Lang, Text};
use crate::state::clock;

fn standing_text(s: Standing) -> Text {
    match s {
        Standing::Nothing => strings::STANDING_NOTHING,
        Standing::Unpaid => strings::RECORDS_UNPAID,
        Standing::PartlyPaid => strings::STANDING_PARTLY,
        Standing::Paid => strings::RECORDS_PAID,
        Standing::Overpaid => strings::STANDING_OVERPAID,
    }
}

#[component]
pub fn UnitBusiness() -> impl IntoView {
    let i18n = use_i18n();
    let month = RwSignal::new(Month::of(clock::today()).to_string());
    let roster = RwSignal::new(None::<Roster>);
    let statement = RwSignal::new(None::<StatementView>);
    let message = RwSignal::new(None::<Issue>);
    let load = move || {
        message.set(None);
        let m = month.get_untracked();
        leptos::task::spawn_local(async move {
            match client::get_json::<Roster>(endpoints::LEDGER_ROSTER.path).await {
                Ok(r) => roster.set(Some(r)),
                Err(e) => message.set(Some(e.0)),
            }
            match client::get_json::<StatementView>(&endpoints::LEDGER_STATEMENT.with(&[&m])).await {
                Ok(s) => statement.set(Some(s)),
                Err(e) => message.set(Some(e.0)),
            }
        });
    };
    load();
    let file = move |format: &str| {
        let m = month.get();
        format!("{}?from={m}&to={m}&format={format}", endpoints::REPORT.with(&["unit-statement"]))
    };
    view! {
        <main class="page records-page">
            <h1>{tr(strings::HOME_UNIT_BUSINESS)}</h1>
            {move || message.get().map(|m| view! { <p class="card form-message" role="alert">{i18n.issue(&m)}</p> })}
            <form class="card period" on:submit=move |ev| { ev.prevent_default(); load(); }>
                <label for="month">{tr(strings::STATEMENT_MONTH)}</label>
                <input id="month" type="month" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
                <button type="submit" class="btn">{tr(strings::RECORDS_QUERY)}</button>
            </form>
            {move || statement.get().map(statement_view)}
            // The month's statement as a file: the reports' endpoint reads the unit's own only.
            <p class="actions">
                {tr(strings::STATEMENT_FILES)}" "
                <a class="btn btn-secondary" download data-testid="statement-xlsx" href=move || file("xlsx")>{tr(strings::REPORT_XLSX)}</a>" "
                <a class="btn btn-secondary" target="_blank" rel="noopener" data-testid="statement-print" href=move || file("html")>{tr(strings::REPORT_PRINT)}</a>
            </p>
            {move || roster.get().map(roster_view)}
        </main>
    }
}

/// A month's 核定单: per insurance, the total, what was paid, the standing and any arrears with
/// the late fee's working. The back office's unit page shows the same.
pub(crate) fn statement_view(s: StatementView) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.lang() == Lang::En;
    let lines = s.by_insurance.iter().map(|(ins, employer, individual)| view! {
        <tr>
            <td class="month">{if en() { ins.en() } else { ins.zh() }}</td>
            <td class="n" data-label=i18n.t(strings::RECORDS_EMPLOYER)>{employer.yuan()}</td>
            <td class="n" data-label=i18n.t(strings::RECORDS_INDIVIDUAL)>{individual.yuan()}</td>
        </tr>
    }).collect_view();
    let arrears = s.arrears.clone().map(|a| {
        let working = a.working.iter().map(|l| view! { <li>{if en() { l.en.clone() } else { l.zh.clone() }}</li> }).collect_view();
        view! {
            <p class="field-warning" data-testid="arrears">{tr(strings::STATEMENT_ARREARS)}" "{a.arrears.yuan()}" · "{tr(strings::STATEMENT_LATE_FEE)}" "{a.fee.yuan()}</p>
            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul>{working}</ul></details>
        }
    });
    view! {
        <section class="card" data-testid="statement">
            <h2>{s.unit.clone()}" · "{s.month.to_string()}" · "{s.people}</h2>
            <table class="records"><tbody>{lines}</tbody></table>
            <p>{tr(strings::RECORDS_TOTAL)}" "{s.due.yuan()}" · "{tr(strings::RECORDS_PAID)}" "{s.paid.yuan()}" · "{tr(standing_text(s.standing))}</p>
            {arrears}
        </section>
    }
}

/// The people a unit insures now (ID numbers masked).
pub(crate) fn roster_view(r: Roster) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.lang() == Lang::En;
    view! {
        <section class="card" data-testid="roster">
            <h2>{tr(strings::ROSTER_TITLE)}" ("{r.people.len()}")"</h2>
            <ul class="roster">
                {r.people.into_iter().map(|p| {
                    let ins: Vec<&str> = p.insurances.iter().map(|i| if en() { i.en() } else { i.zh() }).collect();
                    view! { <li>{p.name}" "{p.id_number}<br/><small>{ins.join(" · ")}" · "{p.start_month.to_string()}</small></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
