//! 工伤待遇 on 我的社保 (`/my-records`): the resident's work injuries — being assessed, or the
//! approved award (the grade, the lump sum, the monthly allowance of grades 1–6) with its
//! working, and what the fund paid of it: the lump sum's month, the 伤残津贴 months (grades
//! 1–4; the last twelve listed, the count and the sum of all) and the 生活护理费 months; and,
//! once an operator recorded it, the month these monthly benefits stopped from and why
//! (工伤保险条例 第42条). Shown only to someone with an injury on record; read while online.

use leptos::prelude::*;

use crate::api::client;
use crate::api::endpoints;
use crate::api::injuries::{MyInjury, STOP_REASONS};
use crate::i18n::{listed, strings, tr, use_i18n, Lang};
use crate::state::{use_account, use_network, Reachability};

#[component]
pub fn MyInjuriesCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let account = use_account();
    let injuries = RwSignal::new(Vec::<MyInjury>::new());
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || net.state() != Reachability::Online || account.me().is_none() {
            return asked.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            if let Ok(list) = client::get_json::<Vec<MyInjury>>(endpoints::INJURIES_MINE.path).await {
                injuries.set(list);
            }
        });
        true
    });
    move || {
        let list = injuries.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|i| {
                    let award = i.award.map(|a| {
                        let working = a
                            .working
                            .iter()
                            .map(|l| view! { <li>{if i18n.lang() == Lang::En { l.en.clone() } else { l.zh.clone() }}</li> })
                            .collect_view();
                        view! {
                            <p data-testid="injury-award">{tr(strings::INJURY_GRADE)}" "{i.grade.unwrap_or_default()}" · "
                                {tr(strings::INJURY_LUMP_SUM)}" "{a.lump_sum.yuan()}" "{tr(strings::YUAN)}
                                {a.monthly_allowance.map(|m| view! { " · "{tr(strings::INJURY_ALLOWANCE)}" "{m.yuan()}" "{tr(strings::YUAN)}{tr(strings::PENSION_PER_MONTH)} })}
                            </p>
                            <details><summary>{tr(strings::RECORDS_WORKING)}</summary><ul data-testid="injury-working">{working}</ul></details>
                        }
                    });
                    let paid = i.paid;
                    let lump = paid.lump_sum_in.map(|m| view! { <p data-testid="injury-lump-paid">{tr(strings::INJURY_LUMP_PAID)}" "{m.to_string()}</p> });
                    let allowance = (paid.allowance_months > 0).then(|| {
                        let rows = paid
                            .allowance
                            .iter()
                            .map(|m| view! { <tr data-month=m.month.to_string()><td class="month">{m.month.to_string()}</td><td class="n">{m.amount.yuan()}</td><td>{tr(strings::PENSION_PAID)}</td></tr> })
                            .collect_view();
                        view! {
                            {months_paid("injury-allowance-paid", strings::INJURY_ALLOWANCE_PAID, paid.allowance_months, paid.allowance_total)}
                            <table class="records" data-testid="injury-allowance"><tbody>{rows}</tbody></table>
                        }
                    });
                    let care = (paid.care_months > 0).then(|| months_paid("injury-care-paid", strings::INJURY_CARE_PAID, paid.care_months, paid.care_total));
                    let stopped = i.stopped.map(|s| {
                        view! { <p data-testid="injury-stopped">{tr(strings::BENEFIT_STOPPED_FROM)}" "{s.month.to_string()}" · "{listed(&STOP_REASONS, &s.reason).map(tr)}</p> }
                    });
                    let status = if i.status == "approved" { strings::INJURY_APPROVED } else { strings::INJURY_ASSESSING };
                    view! {
                        <li data-status=i.status.clone()>
                            <p><strong>{tr(strings::FIELD_ACCIDENT_ON)}" "{i.accident_on.clone()}</strong>" · "{i.unit_name.clone()}</p>
                            <p class="muted">{tr(status)}</p>
                            {award}
                            {lump}
                            {allowance}
                            {care}
                            {stopped}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card" data-testid="my-injuries">
                    <h2>{tr(strings::INJURY_TITLE)}</h2>
                    <ul class="plain">{items}</ul>
                </section>
            }
        })
    }
}

/// "<label> N · 合计 X 元": the months of a monthly benefit paid and their sum.
fn months_paid(testid: &'static str, label: crate::i18n::Text, months: u32, total: crate::domain::Fen) -> impl IntoView {
    view! { <p data-testid=testid>{tr(label)}" "{months}" · "{tr(strings::RECORDS_TOTAL)}" "{total.yuan()}" "{tr(strings::YUAN)}</p> }
}
