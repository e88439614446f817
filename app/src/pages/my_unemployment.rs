//! 失业保险金 on 我的社保 (`/my-records`): the resident's spells — months granted, paid and left,
//! the amount a month and what was paid, with the working; a spell stopped by a new job says
//! from which month, and its months left carry into the next one. Shown only to someone with a
//! spell on record; read while online.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::unemployment::{MySpell, STOP_REASONS};
use crate::i18n::{listed, strings, tr, use_i18n, Lang};
use crate::state::{use_account, use_network, Reachability};

#[component]
pub fn MyUnemploymentCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let spells = RwSignal::new(Vec::<MySpell>::new());
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || net.state() != Reachability::Online || account.me().is_none() {
            return asked.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            if let Ok(list) = client::get_json::<Vec<MySpell>>(endpoints::UNEMPLOYMENT_MINE.path).await {
                spells.set(list);
            }
        });
        true
    });
    move || {
        let list = spells.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|s| {
                    let working = s.working.iter().map(|l| view! { <li>{if i18n.lang() == Lang::En { l.en.clone() } else { l.zh.clone() }}</li> }).collect_view();
                    // Re-employed, or a statutory stop by its name; then from which month.
                    let statutory = s.stop_reason.as_deref().and_then(|code| listed(&STOP_REASONS, code));
                    let status = match (s.status.as_str(), statutory) {
                        ("active", _) => strings::UNEMPLOYMENT_ACTIVE,
                        ("stopped", Some(reason)) => reason,
                        ("stopped", None) => strings::UNEMPLOYMENT_STOPPED,
                        _ => strings::UNEMPLOYMENT_ENDED,
                    };
                    let from = statutory.map(|_| strings::BENEFIT_STOPPED_FROM);
                    view! {
                        <li data-status=s.status.clone()>
                            <p><strong>{s.first_month.clone()}" – "{s.last_month.clone()}</strong>" · "{s.unit_name.clone()}</p>
                            <p class="muted" data-testid="unemployment-status">{tr(status)}{from.map(|f| view! { " · "{tr(f)} })}{s.stopped_in.clone().map(|m| format!(" {m}"))}</p>
                            <dl class="facts" data-testid="unemployment-months">
                                <dt>{tr(strings::UNEMPLOYMENT_GRANTED)}</dt><dd data-field="months">{s.months}</dd>
                                <dt>{tr(strings::UNEMPLOYMENT_PAID)}</dt><dd data-field="paid">{s.paid}" · "{s.paid_total.yuan()}" "{tr(strings::YUAN)}</dd>
                                <dt>{tr(strings::UNEMPLOYMENT_LEFT)}</dt><dd data-field="left">{s.left}</dd>
                                <dt>{tr(strings::UNEMPLOYMENT_MONTHLY)}</dt><dd data-field="monthly">{s.monthly.yuan()}" "{tr(strings::YUAN)}</dd>
                            </dl>
                            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul data-testid="unemployment-working">{working}</ul></details>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card" data-testid="my-unemployment">
                    <h2>{tr(strings::UNEMPLOYMENT_TITLE)}</h2>
                    <ul class="plain">{items}</ul>
                </section>
            }
        })
    }
}
