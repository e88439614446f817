//! 待确认的协助认证 on the workbench: the field workers' visits (养老待遇资格认证 in a village,
//! synced from the worker's phone) of the operator's area, each with the photo taken there; an
//! operator or supervisor other than the worker confirms one (the pension is certified on the
//! visit's day, and what a suspension held back is paid) or returns it with a reason.

use leptos::prelude::*;

use super::adjust::{send_decision, Decide};
use crate::api::office::{BatchDecision, FieldVisitView};
use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::state::{clock, use_network};

#[component]
pub fn VisitCard() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let visits = RwSignal::new(Vec::<FieldVisitView>::new());
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<FieldVisitView>>(endpoints::OFFICE_FIELD_VISITS.path).await {
                Ok(list) => visits.set(list),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        });
    };
    load();
    let decide = move |id: i64, approve: bool, reason: String| {
        send_decision(endpoints::OFFICE_FIELD_VISIT_DECISION.with(&[&id.to_string()]), BatchDecision { approve, reason }, net, problem, load);
    };
    view! {
        <section class="card" data-testid="visits">
            <h2>{tr(strings::VISITS_TITLE)}</h2>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="visit-problem">{i18n.issue(&p)}</p> })}
            {move || visits.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(strings::VISITS_NONE)}</p> })}
            <ul class="list">
                {move || visits.get().into_iter().map(|v| {
                    let id = v.id;
                    view! {
                        <li class="list-item visit" data-claim=v.claim>
                            <img class="visit-photo" src=endpoints::OFFICE_FIELD_VISIT_PHOTO.with(&[&id.to_string()]) alt=move || i18n.t(strings::ATTACH_FACE) loading="lazy"/>
                            <span class="list-title">{v.name.clone()}" · "{v.id_masked.clone()}" · "{v.region_name.clone()}</span>
                            <span class="list-sub">{tr(strings::VISIT_SEEN)}" "{v.seen_on.clone()}" · "{tr(strings::VISIT_BY)}" #"{v.filed_by}" "{clock::format_ms(v.filed_at)}
                                {v.certified_on.clone().map(|d| view! { " · "{tr(strings::CERT_LAST)}" "{d} })}
                            </span>
                            <Decide prefix="visit" decide=move |approve, reason| decide(id, approve, reason)/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
