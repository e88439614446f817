//! 工伤待遇核算 on the workbench: the injuries recognised (their 工伤事故申报 case approved) wait
//! for the grade of the 劳动能力鉴定 conclusion; the server computes the award from the ledger
//! and the policy data — with the 生活护理费 when the conclusion found the person needs care —
//! and an account other than the assessor approves it or returns it with a reason (four eyes).
//! The approved awards the fund pays by the month (伤残津贴 of grades 1–4, 生活护理费) are
//! listed with the stop an operator records (工伤保险条例 第42条), or, once stopped while
//! months past the stop were paid, the stop and those months to recover.

use leptos::prelude::*;

use super::adjust::{send_decision, Decide};
use super::pension::working_view;
use super::stop_form::StopForm;
use crate::api::injuries::{InjuryAssessment, InjuryView, STOP_REASONS};
use crate::api::office::BatchDecision;
use crate::api::{client, endpoints};
use crate::domain::benefits::injury::Care;
use crate::domain::Issue;
use crate::i18n::{listed, strings, tr, use_i18n, Lang};
use crate::state::use_network;

#[component]
pub fn InjuryCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let recognised = RwSignal::new(Vec::<InjuryView>::new());
    let assessed = RwSignal::new(Vec::<InjuryView>::new());
    let paying = RwSignal::new(Vec::<InjuryView>::new());
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        for (status, list) in [("recognised", recognised), ("assessed", assessed), ("paying", paying)] {
            leptos::task::spawn_local(async move {
                match client::get_json::<Vec<InjuryView>>(&format!("{}?status={status}", endpoints::OFFICE_INJURIES.path)).await {
                    Ok(l) => list.set(l),
                    Err(e) => problem.set(Some(e.to_issue())),
                }
            });
        }
    };
    load();
    let assess = move |id: i64, grade: String, care: String| {
        send_decision(endpoints::OFFICE_INJURY_ASSESS.with(&[&id.to_string()]), InjuryAssessment { grade, care }, net, problem, load);
    };
    let decide = move |id: i64, approve: bool, reason: String| {
        send_decision(endpoints::OFFICE_INJURY_DECISION.with(&[&id.to_string()]), BatchDecision { approve, reason }, net, problem, load);
    };
    let head = |v: &InjuryView| {
        view! {
            <span class="list-title">{v.name.clone()}" · "{v.id_masked.clone()}" · "{v.unit_name.clone()}</span>
            <span class="list-sub">{tr(strings::FIELD_ACCIDENT_ON)}" "{v.accident_on.clone()}" · "{v.receipt_no.clone()}
                {(v.late_days > 0).then(|| view! { " " <span class="badge badge-warn">{tr(strings::INJURY_LATE)}" "{v.late_days}</span> })}
            </span>
        }
    };
    view! {
        <section class="card" data-testid="injuries">
            <h2>{tr(strings::INJURY_OFFICE_TITLE)}</h2>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="injury-problem">{i18n.issue(&p)}</p> })}
            {move || (recognised.with(Vec::is_empty) && assessed.with(Vec::is_empty)).then(|| view! { <p class="muted">{tr(strings::INJURY_NONE)}</p> })}
            <ul class="list">
                {move || recognised.get().into_iter().map(|v| {
                    let (id, grade, care) = (v.id, RwSignal::new(String::new()), RwSignal::new(String::new()));
                    let levels = Care::ALL
                        .into_iter()
                        .map(|c| view! { <option value=c.code()>{move || if i18n.lang() == Lang::En { c.en() } else { c.zh() }}</option> })
                        .collect_view();
                    view! {
                        <li class="list-item injury" data-status="recognised" data-injury=id>
                            {head(&v)}
                            {v.return_reason.clone().map(|r| view! { <p class="field-warning">{tr(strings::OFFICE_RETURN_REASON)}": "{r}</p> })}
                            <div class="actions">
                                <input type="text" inputmode="numeric" data-testid="injury-grade" aria-label=move || i18n.t(strings::INJURY_GRADE)
                                    placeholder=move || i18n.t(strings::INJURY_GRADE) prop:value=move || grade.get() on:input=move |ev| grade.set(event_target_value(&ev))/>
                                <select data-testid="injury-care" aria-label=move || i18n.t(strings::INJURY_CARE_FEE) on:change=move |ev| care.set(event_target_value(&ev))>
                                    <option value="">{tr(strings::INJURY_CARE_NONE)}</option>
                                    {levels}
                                </select>
                                <button type="button" class="btn" data-testid="injury-assess" on:click=move |_| assess(id, grade.get_untracked(), care.get_untracked())>{tr(strings::INJURY_ASSESS)}</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
                {move || assessed.get().into_iter().map(|v| {
                    let id = v.id;
                    view! {
                        <li class="list-item injury" data-status="assessed" data-injury=id>
                            {head(&v)}
                            {v.award.clone().map(|a| view! {
                                <p data-testid="injury-award">{tr(strings::INJURY_GRADE)}" "{v.grade.unwrap_or_default()}" · "{tr(strings::INJURY_LUMP_SUM)}" "{a.lump_sum.yuan()}
                                    {a.monthly_allowance.map(|m| view! { " · "{tr(strings::INJURY_ALLOWANCE)}" "{m.yuan()} })}
                                    {a.care_fee.map(|m| view! { " · "{tr(strings::INJURY_CARE_FEE)}" "{m.yuan()} })}
                                </p>
                                {working_view(&a.working)}
                            })}
                            <Decide prefix="injury" decide=move |approve, reason| decide(id, approve, reason)/>
                        </li>
                    }
                }).collect_view()}
                {move || paying.get().into_iter().map(|v| {
                    let id = v.id;
                    view! {
                        <li class="list-item injury" data-status="approved" data-injury=id>
                            {head(&v)}
                            {match v.stopped.clone() {
                                None => view! {
                                    <StopForm reasons=&STOP_REASONS path=endpoints::OFFICE_INJURY_STOP.with(&[&id.to_string()]) problem done=load/>
                                }.into_any(),
                                Some(s) => {
                                    let why = listed(&STOP_REASONS, &s.reason).map(tr);
                                    view! {
                                        <p class="field-warning" data-testid="injury-stopped">{tr(strings::BENEFIT_STOPPED_FROM)}" "{s.month.to_string()}" · "{why}
                                            {(s.overpaid_months > 0).then(|| view! {
                                                " · "{tr(strings::INJURY_OVERPAID)}" "{s.overpaid_months}" · "{s.overpaid_total.yuan()}" "{tr(strings::YUAN)}
                                            })}
                                        </p>
                                    }.into_any()
                                }
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
