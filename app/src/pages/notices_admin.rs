//! `/admin/notices` — 发布通知公告 for administrators: the form (checked as typed by the shared
//! rules, a draft from the policy data's base limits on a tap), and every notice published, each
//! of those still shown with its 撤回.

use leptos::prelude::*;

use crate::api::notices::Notice;
use crate::api::{client, endpoints};
use crate::components::{FieldIssues, TextField};
use crate::domain::forms::notice::{base_limits_draft, field, validate, Audience, NoticeDraft};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::state::{clock, use_network, use_policy};

fn audience_text(a: Audience) -> Text {
    match a {
        Audience::All => strings::NOTICE_AUDIENCE_ALL,
        Audience::Residents => strings::NOTICE_AUDIENCE_RESIDENTS,
        Audience::Units => strings::NOTICE_AUDIENCE_UNITS,
        Audience::Staff => strings::NOTICE_AUDIENCE_STAFF,
    }
}

#[component]
pub fn AdminNotices() -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let policy = use_policy();
    let list = RwSignal::new(Vec::<Notice>::new());
    let problem = RwSignal::new(None::<Issue>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match client::get_json::<Vec<Notice>>(endpoints::NOTICES_ALL.path).await {
                Ok(l) => list.set(l),
                Err(e) => problem.set(Some(e.to_issue())),
            }
        })
    };
    load();
    let all: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [title, body, audience, valid_from, valid_to] = all;
    audience.set(Audience::All.as_str().to_owned());
    valid_from.set(clock::today().iso());
    let draft = move || NoticeDraft { title: title.get(), body: body.get(), audience: audience.get(), valid_from: valid_from.get(), valid_to: valid_to.get() };
    let report = Memo::new(move |_| FieldErrors::verdict(validate(&draft(), clock::today())));
    let reveal = RwSignal::new(false);
    let refused = RwSignal::new(None::<FieldErrors>);
    let message = RwSignal::new(None::<Issue>);
    let issues = move |f: &'static str| {
        Signal::derive(move || refused.with(|r| r.as_ref().map(|e| FieldIssues::of(e, f))).filter(|i| i.error.is_some()).unwrap_or_else(|| report.with(|r| FieldIssues::of(r, f))))
    };
    let body_error = move || reveal.get().then(|| issues(field::BODY).get().error.map(|e| i18n.issue(&e))).flatten();
    let from_policy = move |_| match policy.table().and_then(|t| base_limits_draft(&t, clock::today())) {
        Some(d) => {
            for (signal, value) in all.into_iter().zip([d.title, d.body, d.audience, d.valid_from, d.valid_to]) {
                signal.set(value);
            }
            message.set(None);
        }
        None => message.set(Some(Issue::new("notice.no_policy", strings::NOTICE_POLICY_MISSING.zh, strings::NOTICE_POLICY_MISSING.en))),
    };
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reveal.set(true);
        refused.set(None);
        if report.with_untracked(FieldErrors::has_errors) {
            return;
        }
        let sent = draft();
        leptos::task::spawn_local(async move {
            match client::post_form::<_, Notice>(endpoints::NOTICE_PUBLISH.path, &sent, net).await {
                client::FormAnswer::Done(_) => {
                    title.set(String::new());
                    body.set(String::new());
                    valid_to.set(String::new());
                    reveal.set(false);
                    message.set(None);
                    load();
                }
                client::FormAnswer::Refused(r) => {
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                client::FormAnswer::Failed(e) => message.set(Some(e.to_issue())),
            }
        });
    };
    let withdraw = move |id: i64| {
        leptos::task::spawn_local(async move {
            match client::post_form::<_, ()>(&endpoints::NOTICE_WITHDRAW.with(&[&id.to_string()]), &(), net).await {
                client::FormAnswer::Done(()) => load(),
                client::FormAnswer::Refused(r) => problem.set(Some(r.message())),
                client::FormAnswer::Failed(e) => problem.set(Some(e.to_issue())),
            }
        })
    };
    view! {
        <main class="page notices-admin">
            <h1>{tr(strings::NOTICE_ADMIN)}</h1>
            <form class="card details-form" data-testid="notice-form" on:submit=publish>
                <p class="field-hint">{tr(strings::NOTICE_ADMIN_NOTE)}</p>
                <button type="button" class="btn btn-secondary" data-testid="notice-from-policy" on:click=from_policy>{tr(strings::NOTICE_FROM_POLICY)}</button>
                <TextField name=field::TITLE label=strings::NOTICE_FIELD_TITLE value=title issues=issues(field::TITLE) reveal=reveal/>
                <div class="field" class:field-invalid=move || body_error().is_some()>
                    <label for=field::BODY>{tr(strings::NOTICE_FIELD_BODY)}</label>
                    <textarea id=field::BODY name=field::BODY rows="6" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                    {move || body_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </div>
                <div class="field">
                    <label for=field::AUDIENCE>{tr(strings::NOTICE_FIELD_AUDIENCE)}</label>
                    <select id=field::AUDIENCE name=field::AUDIENCE prop:value=move || audience.get() on:change=move |ev| audience.set(event_target_value(&ev))>
                        {Audience::ALL.into_iter().map(|a| view! { <option value=a.as_str()>{tr(audience_text(a))}</option> }).collect_view()}
                    </select>
                </div>
                <TextField name=field::VALID_FROM label=strings::NOTICE_FIELD_FROM value=valid_from issues=issues(field::VALID_FROM) hint=Some(strings::NOTICE_DATE_HINT) reveal=reveal/>
                <TextField name=field::VALID_TO label=strings::NOTICE_FIELD_TO value=valid_to issues=issues(field::VALID_TO) hint=Some(strings::NOTICE_DATE_HINT) reveal=reveal/>
                {move || message.get().map(|m| view! { <p class="field-error" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                <button type="submit" class="btn" data-testid="notice-publish">{tr(strings::NOTICE_PUBLISH)}</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{i18n.issue(&p)}</p> })}
            <ul class="list" data-testid="notices-published">
                {move || list.get().into_iter().map(|n| {
                    let id = n.id;
                    let state = if n.withdrawn { strings::NOTICE_WITHDRAWN } else { strings::NOTICE_PUBLISHED };
                    view! {
                        <li class="list-item" data-withdrawn=n.withdrawn.to_string()>
                            <span class="list-title">{n.title.clone()}</span>
                            <span class="list-sub">
                                {tr(audience_text(n.audience))}" · "{n.valid_from.iso()}" – "{n.valid_to.iso()}" · "{tr(state)}" · "{clock::format_ms(n.published_at)}
                            </span>
                            {(!n.withdrawn).then(|| view! {
                                <button type="button" class="btn btn-secondary" data-testid="notice-withdraw" on:click=move |_| withdraw(id)>{tr(strings::NOTICE_WITHDRAW)}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </main>
    }
}
