//! A benefit's statutory stop on the workbench: the reason from its module's list, the first
//! month not owed, and the button — one form for 失业保险金 (社会保险法 第51条) and a work
//! injury's monthly benefits (工伤保险条例 第42条).

use leptos::prelude::*;

use super::adjust::send_decision;
use crate::api::office::BenefitStop;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::use_network;

/// Posts the stop to `path`; `done` reloads the list, a refusal lands in `problem`.
#[component]
pub fn StopForm(
    reasons: &'static [(&'static str, &'static str, &'static str)],
    path: String,
    problem: RwSignal<Option<Issue>>,
    done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let reason = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let stop = move |_| send_decision(path.clone(), BenefitStop { reason: reason.get_untracked(), month: month.get_untracked() }, net, problem, done);
    view! {
        <div class="actions">
            <select data-testid="stop-reason" aria-label=move || i18n.t(strings::BENEFIT_STOP_REASON) prop:value=move || reason.get()
                on:change=move |ev| reason.set(event_target_value(&ev))>
                <option value="">{tr(strings::BENEFIT_STOP_REASON)}</option>
                {reasons.iter().map(|(code, zh, en)| view! { <option value=*code>{tr(Text { zh, en })}</option> }).collect_view()}
            </select>
            <input type="month" data-testid="stop-month" aria-label=move || i18n.t(strings::BENEFIT_STOP_FROM) prop:value=move || month.get()
                on:input=move |ev| month.set(event_target_value(&ev))/>
            <button type="button" class="btn btn-secondary" data-testid="stop" on:click=stop>{tr(strings::BENEFIT_STOP)}</button>
        </div>
    }
}
