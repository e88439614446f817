//! 暂停缴费 / 恢复缴费 on a person's page: each relationship not ended, with the month to act from
//! (and the reason to suspend). The server checks the state and the month; the page reloads.

use leptos::prelude::*;

use crate::api::office::{OpenLine, SuspendAsk};
use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::use_network;

#[component]
pub fn SuspendCard(open: Vec<OpenLine>, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let problem = RwSignal::new(None::<Issue>);
    let act = move |id: i64, suspended: bool, ask: SuspendAsk| {
        problem.set(None);
        leptos::task::spawn_local(async move {
            let endpoint = if suspended { endpoints::OFFICE_RELATIONSHIP_RESUME } else { endpoints::OFFICE_RELATIONSHIP_SUSPEND };
            match client::post_form::<_, serde::de::IgnoredAny>(&endpoint.with(&[&id.to_string()]), &ask, net).await {
                client::FormAnswer::Done(_) => done(),
                client::FormAnswer::Refused(r) => problem.set(Some(r.fields.errors.values().flatten().next().cloned().unwrap_or_else(|| r.message()))),
                client::FormAnswer::Failed(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    let rows = open
        .into_iter()
        .map(|r| {
            let (month, reason) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
            let suspended = r.status == "suspended";
            let (action, state) = if suspended { (strings::OFFICE_RESUME, strings::RECORDS_SUSPENDED) } else { (strings::OFFICE_SUSPEND, strings::RECORDS_ACTIVE) };
            view! {
                <li class="list-item" data-relationship=r.id data-status=r.status.clone()>
                    <span class="list-title">{tr(Text { zh: r.insurance.zh(), en: r.insurance.en() })}" · "{r.unit}" · "{tr(state)}</span>
                    <div class="actions">
                        <input type="month" aria-label=move || i18n.t(strings::OFFICE_SUSPEND_FROM) prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
                        {(!suspended).then(|| view! {
                            <input type="text" aria-label=move || i18n.t(strings::OFFICE_SUSPEND_REASON) placeholder=move || i18n.t(strings::OFFICE_SUSPEND_REASON)
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                        })}
                        <button type="button" class="btn btn-secondary" on:click=move |_| act(r.id, suspended, SuspendAsk { month: month.get_untracked(), reason: reason.get_untracked() })>
                            {tr(action)}
                        </button>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-testid="suspend">
            <h2>{tr(strings::OFFICE_SUSPEND_TITLE)}</h2>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            <ul class="list">{rows}</ul>
        </section>
    }
}
