//! `/admin/audit` — 操作日志 for administrators: the latest entries of the audit log (who did
//! what to which record, and when), newest first, filtered by group. Entries hold no personal
//! data; actors are account ids with their role.

use leptos::prelude::*;

use crate::api::admin::{action_label, AuditLine, GROUPS};
use crate::api::endpoints;
use crate::api::auth::Role;
use crate::api::client;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::clock;

fn role_text(role: Option<&str>) -> Text {
    role.and_then(Role::parse).map_or(strings::ROLE_NONE, super::role_text)
}

#[component]
pub fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    let lines = RwSignal::new(None::<Vec<AuditLine>>);
    let problem = RwSignal::new(None::<Issue>);
    let group = RwSignal::new(None::<usize>);
    leptos::task::spawn_local(async move {
        match client::get_json::<Vec<AuditLine>>(endpoints::AUDIT.path).await {
            Ok(list) => lines.set(Some(list)),
            Err(e) => problem.set(Some(e.to_issue())),
        }
    });
    view! {
        <main class="page audit-log">
            <h1>{tr(strings::NAV_AUDIT)}</h1>
            <section class="card filters">
                <label class="field">
                    <span>{tr(strings::AUDIT_GROUP)}</span>
                    <select data-testid="audit-group" on:change=move |ev| group.set(event_target_value(&ev).parse().ok())>
                        <option value="">{tr(strings::REVIEW_FILTER_ALL)}</option>
                        {GROUPS.iter().enumerate().map(|(i, (_, zh, en))| view! { <option value=i.to_string()>{tr(Text { zh, en })}</option> }).collect_view()}
                    </select>
                </label>
            </section>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&p)}</p> })}
            <ul class="list" data-testid="audit">
                {move || lines.get().unwrap_or_default().into_iter().filter(|l| l.in_group(group.get())).map(|l| {
                    let action = action_label(&l.action).map_or_else(|| l.action.clone(), |(zh, en)| i18n.t(Text { zh, en }).to_owned());
                    let actor = l.actor.map(|id| format!(" #{id}")).unwrap_or_default();
                    view! {
                        <li class="list-item" data-action=l.action.clone()>
                            <span class="list-title">{action}</span>
                            <span class="list-sub">
                                {clock::format_ms(l.at)}" · "{tr(role_text(l.actor_role.as_deref()))}{actor}
                                {l.target.clone().map(|t| view! { " · " <span class="mono">{t}</span> })}
                                {l.detail.clone().map(|d| view! { " · " <span class="mono">{d}</span> })}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </main>
    }
}
