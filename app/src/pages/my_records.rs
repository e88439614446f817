//! `/my-records` — 我的社保 → 缴费查询: a signed-in resident's contribution records over a
//! period (per month and insurance: unit, base, the unit's and their own amounts, paid or not),
//! the totals, each insurance's status, the personal account's balance with its working, and the
//! printable proof; and, for someone with a pension claim, 待遇领取情况 (`my_pension.rs`). The last answer is kept on the device and shown offline with its date
//! ("截至 …"); a logout forgets it (`state/account.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::client;
use crate::api::endpoints;
use crate::api::ledger::Records;
use crate::domain::ledger::Month;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Lang};
use crate::offline::{db, json};
use crate::state::account::KEPT_RECORDS;
use crate::state::{clock, use_account, use_network, Reachability};

async fn kept() -> Option<Records> {
    let db = db::shared().await.ok()?;
    let text = db::meta_get(&db, KEPT_RECORDS).await.ok().flatten()?.as_string()?;
    json::from_text(&text).ok()
}

async fn keep(r: &Records) {
    if let (Ok(db), Ok(text)) = (db::shared().await, json::to_text(r)) {
        let _ = db::meta_put(&db, KEPT_RECORDS, &JsValue::from_str(&text)).await;
    }
}

/// The period a query covers by default: the last twelve months.
fn default_period() -> (String, String) {
    let to = Month::of(clock::today());
    let from = Month::from_index(to.index() - 11).unwrap_or(to);
    (from.to_string(), to.to_string())
}

#[component]
pub fn MyRecords() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let (f, t) = default_period();
    let from = RwSignal::new(f);
    let to = RwSignal::new(t);
    let records = RwSignal::new(None::<Records>);
    let fresh = RwSignal::new(false);
    let message = RwSignal::new(None::<Issue>);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Some(r) = kept().await {
            if records.get_untracked().is_none() {
                from.set(r.from.to_string());
                to.set(r.to.to_string());
                records.set(Some(r));
            }
        }
    });
    let ask = move || {
        message.set(None);
        let (Some(a), Some(b)) = (Month::parse(&from.get_untracked()), Month::parse(&to.get_untracked())) else {
            message.set(Some(Issue::new("month.format", strings::RECORDS_BAD_MONTH.zh, strings::RECORDS_BAD_MONTH.en)));
            return;
        };
        if net.state() != Reachability::Online {
            message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let path = format!("{}?from={a}&to={b}", endpoints::LEDGER_RECORDS.path);
            match client::get_json::<Records>(&path).await {
                Ok(r) => {
                    keep(&r).await;
                    records.set(Some(r));
                    fresh.set(true);
                }
                Err(e) => message.set(Some(e.0)),
            }
            busy.set(false);
        });
    };
    // Online on arrival: ask at once for the default period (the kept answer shows meanwhile).
    Effect::new(move |asked: Option<bool>| {
        let online = net.state() == Reachability::Online;
        if online && asked != Some(true) && account.me().is_some() {
            ask();
            return true;
        }
        asked.unwrap_or(false)
    });
    let proof_href = move || format!("/proof?from={}&to={}", from.get(), to.get());
    view! {
        <main class="page records-page">
            <h1>{tr(strings::RECORDS_TITLE)}</h1>
            <form class="card period" on:submit=move |ev| { ev.prevent_default(); ask(); }>
                <label for="from">{tr(strings::RECORDS_FROM)}</label>
                <input id="from" type="month" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                <label for="to">{tr(strings::RECORDS_TO)}</label>
                <input id="to" type="month" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                <button type="submit" class="btn" data-testid="query" disabled=move || busy.get()>{tr(strings::RECORDS_QUERY)}</button>
            </form>
            {move || message.get().map(|m| view! { <p class="card form-message" role="alert" data-testid="records-message">{i18n.issue(&m)}</p> })}
            {move || records.get().map(|r| records_view(r, fresh.get()))}
            <super::my_pension::MyPensionCard/>
            <super::my_injuries::MyInjuriesCard/>
            <super::my_unemployment::MyUnemploymentCard/>
            <super::my_medical::MyMedicalCard/>
            <a class="btn btn-secondary" data-testid="print-proof" href=proof_href target="_blank" rel="noopener">{tr(strings::RECORDS_PROOF)}</a>
        </main>
    }
}

/// A person's records as read: the relationships, each month and insurance, the totals and the
/// personal account with its working (`fresh`: answered now, not the copy kept on the device).
/// The back office's person page shows the same.
pub(crate) fn records_view(r: Records, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.lang() == Lang::En;
    let label = move |t: crate::i18n::Text| i18n.t(t);
    let as_of = clock::format_ms(r.as_of);
    let note = if fresh { None } else { Some(view! { <span class="stale">{tr(strings::RECORDS_KEPT)}</span> }) };
    let rows = r.months.iter().map(|m| {
        let ins = if en() { m.insurance.en() } else { m.insurance.zh() };
        view! {
            <tr data-month=m.month.to_string() data-insurance=format!("{:?}", m.insurance)>
                <td class="month">{m.month.to_string()}" "{ins}</td>
                <td class="paid" class:unpaid=!m.paid data-testid="paid">{if m.paid { tr(strings::RECORDS_PAID) } else { tr(strings::RECORDS_UNPAID) }}</td>
                <td class="unit">{m.unit.clone()}</td>
                <td class="n" data-label=label(strings::FIELD_MONTHLY_BASE)>{m.base.yuan()}</td>
                <td class="n" data-label=label(strings::RECORDS_EMPLOYER)>{m.employer.yuan()}</td>
                <td class="n" data-label=label(strings::RECORDS_INDIVIDUAL)>{m.individual.yuan()}</td>
            </tr>
        }
    }).collect_view();
    let relationships = r.relationships.iter().map(|x| {
        let ins = if en() { x.insurance.en() } else { x.insurance.zh() };
        let status = match x.status.as_str() {
            "active" => tr(strings::RECORDS_ACTIVE),
            "suspended" => tr(strings::RECORDS_SUSPENDED),
            _ => tr(strings::RECORDS_ENDED),
        };
        view! { <li>{ins}" · "{x.unit.clone()}" · "{x.start_month.to_string()}" · "{status}</li> }
    }).collect_view();
    let working = r.account.working.iter().map(|l| {
        let text = if en() { l.en.clone() } else { l.zh.clone() };
        view! { <li>{text}{l.amount.map(|a| format!(" {} {}", a.yuan(), i18n.t(strings::YUAN)))}</li> }
    }).collect_view();
    let empty = r.months.is_empty();
    view! {
        <section class="card" data-testid="records">
            <p class="as-of" data-testid="as-of">{tr(strings::RECORDS_AS_OF)}{as_of}" "{note}</p>
            <ul class="relationships">{relationships}</ul>
            {empty.then(|| view! { <p>{tr(strings::RECORDS_NONE)}</p> })}
            <div>
                <table class="records">
                    <tbody>{rows}</tbody>
                    <tfoot><tr>
                        <td class="month">{tr(strings::RECORDS_TOTAL)}</td>
                        <td class="n" data-label=label(strings::RECORDS_EMPLOYER)>{r.employer_total.yuan()}</td>
                        <td class="n" data-label=label(strings::RECORDS_INDIVIDUAL)>{r.individual_total.yuan()}</td>
                    </tr></tfoot>
                </table>
            </div>
        </section>
        <section class="card" data-testid="account">
            <h2>{tr(strings::RECORDS_ACCOUNT)}</h2>
            <p class="balance">{r.account.balance.yuan()}" "{tr(strings::YUAN)}" · "{r.account.as_of.to_string()}</p>
            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul>{working}</ul></details>
        </section>
    }
}
