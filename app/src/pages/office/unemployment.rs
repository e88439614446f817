//! 失业保险金 on the workbench: the spells being paid (months granted, paid and left, a month's
//! amount), and the statutory stops an operator records (社会保险法 第51条: military service,
//! moving abroad, a pension, refusing suitable work or training, death) from a month.
//! Re-employment needs no one: the server stops the spell when the person is enrolled again;
//! when that enrolment was back-dated past months already paid, the stopped spell is listed
//! with the months and the sum to recover (多发待追回), what came back so far, and the form that
//! records the next (`recover`), one spell at a time.

use leptos::prelude::*;

use super::stop_form::StopForm;
use crate::api::unemployment::{SpellView, STOP_REASONS};
use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};

#[component]
pub fn UnemploymentCard() -> impl IntoView {
    let i18n = use_i18n();
    let spells = RwSignal::new(Vec::<SpellView>::new());
    let owed = RwSignal::new(Vec::<SpellView>::new());
    let problem = RwSignal::new(None::<Issue>);
    // The one spell whose recovery form is open.
    let recovering = RwSignal::new(None::<i64>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<SpellView>>(&format!("{}?status=active", endpoints::OFFICE_UNEMPLOYMENT.path)).await {
                Ok(l) => spells.set(l),
                Err(e) => problem.set(Some(e.to_issue())),
            }
            if let Ok(l) = client::get_json::<Vec<SpellView>>(&format!("{}?status=stopped", endpoints::OFFICE_UNEMPLOYMENT.path)).await {
                owed.set(l.into_iter().filter(|v| v.overpaid > 0).collect());
            }
        });
    };
    load();
    view! {
        <section class="card" data-testid="unemployment-spells">
            <h2>{tr(strings::UNEMPLOYMENT_TITLE)}</h2>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            {move || spells.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(strings::UNEMPLOYMENT_NONE)}</p> })}
            <ul class="list">
                {move || spells.get().into_iter().map(|v| {
                    let (id, s) = (v.id, v.spell);
                    view! {
                        <li class="list-item" data-spell=id>
                            <span class="list-title">{v.name}" · "{v.id_masked}" · "{s.unit_name}</span>
                            <span class="list-sub">{s.first_month}" – "{s.last_month}" · "{tr(strings::UNEMPLOYMENT_PAID)}" "{s.paid}"/"{s.months}
                                " · "{tr(strings::UNEMPLOYMENT_MONTHLY)}" "{s.monthly.yuan()}</span>
                            <StopForm reasons=&STOP_REASONS path=endpoints::OFFICE_UNEMPLOYMENT_STOP.with(&[&id.to_string()]) problem done=load/>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || owed.with(|o| !o.is_empty()).then(|| view! {
                <h3>{tr(strings::UNEMPLOYMENT_OVERPAID)}</h3>
                <ul class="list" data-testid="unemployment-overpaid">
                    {owed.get().into_iter().map(|v| {
                        let id = v.id;
                        let left = v.overpaid_total.0 > v.recovered.0;
                        view! {
                            <li class="list-item" data-spell=id>
                                <span class="list-title">{v.name}" · "{v.id_masked}</span>
                                <span class="list-sub">{v.spell.stopped_in.unwrap_or_default()}" · "{v.overpaid}" × "{v.spell.monthly.yuan()}" = "{v.overpaid_total.yuan()}" "{tr(strings::YUAN)}
                                    " · "{tr(strings::RECOVERED)}" "<span data-testid="recovered">{v.recovered.yuan()}</span>" "{tr(strings::YUAN)}</span>
                                {left.then(|| view! {
                                    <Show when=move || recovering.get() == Some(id) fallback=move || view! {
                                        <button type="button" class="btn btn-secondary" data-testid="recover" on:click=move |_| recovering.set(Some(id))>{tr(strings::RECOVER_SUBMIT)}</button>
                                    }>
                                        <super::recover::RecoverForm spell=id done=move || { recovering.set(None); load(); }/>
                                    </Show>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
