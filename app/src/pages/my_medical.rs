//! 医疗保险 on 我的社保 (`/my-records`): the resident's approved claims — the stay, the
//! hospital's level, what was claimed and paid back — and the children they enrolled with the
//! month cover began; each with the working. Shown only to someone with either on record;
//! read while online. A filing waiting or returned shows in the outbox.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::medical::MyMedical;
use crate::domain::policy::Insurance;
use crate::i18n::{strings, tr, use_i18n, Lang};
use crate::state::{use_account, use_network, Reachability};

#[component]
pub fn MyMedicalCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let mine = RwSignal::new(MyMedical::default());
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || net.state() != Reachability::Online || account.me().is_none() {
            return asked.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            if let Ok(got) = client::get_json::<MyMedical>(endpoints::MEDICAL_MINE.path).await {
                mine.set(got);
            }
        });
        true
    });
    move || {
        let MyMedical { claims, children } = mine.get();
        (!claims.is_empty() || !children.is_empty()).then(|| {
            let en = i18n.lang() == Lang::En;
            let text = move |zh: &str, en_text: &str| if en { en_text.to_owned() } else { zh.to_owned() };
            let kids = children
                .into_iter()
                .map(|c| {
                    let working = c.working.iter().map(|l| view! { <li>{text(&l.zh, &l.en)}</li> }).collect_view();
                    view! {
                        <li data-testid="my-child">
                            <p><strong>{c.name}</strong>" · "{c.born}</p>
                            <dl class="facts"><dt>{tr(strings::NEWBORN_COVERED_FROM)}</dt><dd data-field="covered_from">{c.covered_from}</dd></dl>
                            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul>{working}</ul></details>
                        </li>
                    }
                })
                .collect_view();
            let items = claims
                .into_iter()
                .map(|c| {
                    let working = c.working.iter().map(|l| view! { <li>{text(&l.zh, &l.en)}</li> }).collect_view();
                    view! {
                        <li>
                            <p><strong>{c.admitted_on.clone()}" – "{c.discharged_on.clone()}</strong>" · "{if en { c.level.en() } else { c.level.zh() }}</p>
                            <dl class="facts" data-testid="medical-amounts">
                                <dt>{tr(strings::MEDICAL_CLAIMED)}</dt><dd data-field="claimed">{c.claimed.yuan()}" "{tr(strings::YUAN)}</dd>
                                <dt>{tr(strings::MEDICAL_REIMBURSED)}</dt><dd data-field="reimbursed">{c.reimbursed.yuan()}" "{tr(strings::YUAN)}</dd>
                            </dl>
                            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul>{working}</ul></details>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card" data-testid="my-medical">
                    <h2>{text(Insurance::Medical.zh(), Insurance::Medical.en())}</h2>
                    <ul class="plain">{kids}{items}</ul>
                </section>
            }
        })
    }
}
