//! 待遇领取情况 on 我的社保 (`/my-records`): the resident's pension claim — where it stands, the
//! monthly amount with its working, why it was returned, the yearly certification (已认证至 /
//! 待认证 / 已暂停) — and the months paid, newest first.
//! Shown only to someone with a claim. The last answer is kept on the device and shown offline
//! with its date; a logout forgets it (`state/account.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::client;
use crate::api::endpoints;
use crate::api::ledger::MyPension;
use crate::i18n::{strings, tr, use_i18n, Lang};
use crate::offline::{db, json};
use crate::state::account::KEPT_PENSION;
use crate::state::{clock, use_account, use_network, Reachability};

async fn kept() -> Option<MyPension> {
    let db = db::shared().await.ok()?;
    let text = db::meta_get(&db, KEPT_PENSION).await.ok().flatten()?.as_string()?;
    json::from_text(&text).ok()
}

async fn keep(p: &MyPension) {
    if let (Ok(db), Ok(text)) = (db::shared().await, json::to_text(p)) {
        let _ = db::meta_put(&db, KEPT_PENSION, &JsValue::from_str(&text)).await;
    }
}

#[component]
pub fn MyPensionCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let pension = RwSignal::new(None::<MyPension>);
    leptos::task::spawn_local(async move {
        if let Some(p) = kept().await {
            if pension.get_untracked().is_none() {
                pension.set(Some(p));
            }
        }
    });
    let load = move || {
        leptos::task::spawn_local(async move {
            if let Ok(p) = client::get_json::<MyPension>(endpoints::PENSION_MINE.path).await {
                keep(&p).await;
                pension.set(Some(p));
            }
        });
    };
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || net.state() != Reachability::Online || account.me().is_none() {
            return asked.unwrap_or(false);
        }
        load();
        true
    });
    move || {
        let p = pension.get()?;
        let c = p.claim?;
        let status = match c.status.as_str() {
            "applied" => strings::PENSION_PAYING,
            "returned" => strings::OFFICE_RETURNED,
            _ => strings::PENSION_PENDING,
        };
        let working = c.working.iter().map(|l| {
            let text = if i18n.lang() == Lang::En { l.en.clone() } else { l.zh.clone() };
            view! { <li>{text}</li> }
        }).collect_view();
        let rows = p.payments.iter().map(|m| view! {
            <tr data-month=m.month.to_string()><td class="month">{m.month.to_string()}</td><td class="n">{m.amount.yuan()}</td><td>{tr(strings::PENSION_PAID)}</td></tr>
        }).collect_view();
        Some(view! {
            <section class="card" data-testid="my-pension">
                <h2>{tr(strings::PENSION_TITLE)}</h2>
                <p class="as-of">{tr(strings::RECORDS_AS_OF)}{clock::format_ms(p.as_of)}</p>
                <p data-testid="pension-status" data-status=c.status.clone()>{tr(status)}" · "{c.monthly.yuan()}" "{tr(strings::YUAN)}{tr(strings::PENSION_PER_MONTH)}" · "{tr(strings::PENSION_FROM)}" "{c.first_month.to_string()}</p>
                {c.return_reason.map(|r| view! { <p class="field-warning">{tr(strings::OFFICE_RETURN_REASON)}": "{r}</p> })}
                {c.certification.map(|s| {
                    let text = match s.as_str() {
                        "certified" => strings::CERT_UNTIL,
                        "due" => strings::CERT_DUE,
                        _ => strings::CERT_SUSPENDED,
                    };
                    let to_do = s != "certified";
                    view! {
                        <p data-testid="pension-cert">{tr(text)}" "{c.certification_date}</p>
                        {to_do.then(|| view! { <super::self_certify::SelfCertify done=load/> })}
                    }
                })}
                {(!c.certified.is_empty()).then(|| {
                    let days = c.certified.iter().map(|line| {
                        let (on, way) = line.split_once(' ').unwrap_or((line.as_str(), ""));
                        let way = match way {
                            "approval" => strings::CERT_BY_APPROVAL,
                            "counter" => strings::CERT_BY_COUNTER,
                            "field" => strings::CERT_BY_FIELD,
                            _ => strings::CERT_BY_SELF,
                        };
                        view! { <li>{on.to_owned()}" "{tr(way)}</li> }
                    }).collect_view();
                    view! { <details data-testid="pension-cert-history"><summary>{tr(strings::CERT_HISTORY)}</summary><ul>{days}</ul></details> }
                })}
                <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul>{working}</ul></details>
                <table class="records" data-testid="pension-payments"><tbody>{rows}</tbody></table>
            </section>
        })
    }
}
