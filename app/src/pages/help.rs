//! `/help` — 帮助中心: the FAQs and the guides per flow, searched as typed; `/contact` — 联系我们:
//! the offices from the policy data, the nearest first. Both read what the phone keeps (the
//! precached help file, the kept policy table), so they work offline.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::client;
use crate::components::Link;
use crate::domain::divisions;
use crate::help::{self, Article, Help, Kind};
use crate::i18n::{strings, tr, use_i18n};
use crate::routes::Route;
use crate::state::{use_network, use_policy, Reachability};

/// Where the build put the help file (its name carries its content's hash): `index.html` names
/// it, rewritten by the build; the unhashed name where no build ran.
fn help_url() -> String {
    document()
        .query_selector("meta[name=shebao-help]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "/help/help.json".into())
}

#[derive(Clone)]
enum Loaded {
    Waiting,
    Ready(Arc<Help>),
    /// Not in the cache and no network: fetched again when the server is reachable.
    Missing,
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let loaded = RwSignal::new(Loaded::Waiting);
    let net = use_network();
    // On mount, and again on each transition to reachable while it is missing.
    Effect::new(move |previous: Option<Reachability>| {
        let state = net.state();
        let retry = previous.is_some_and(|p| p != Reachability::Online) && state == Reachability::Online;
        if previous.is_none() || (retry && matches!(loaded.get_untracked(), Loaded::Missing)) {
            leptos::task::spawn_local(async move {
                loaded.set(match client::get_json::<Help>(&help_url()).await {
                    Ok(h) => Loaded::Ready(Arc::new(h)),
                    Err(_) => Loaded::Missing,
                });
            });
        }
        state
    });
    let query = RwSignal::new(String::new());
    let i18n = use_i18n();
    view! {
        <main class="page help">
            <h1>{tr(strings::HELP_TITLE)}</h1>
            <label class="field">
                <span class="field-label">{tr(strings::HELP_SEARCH)}</span>
                <input type="search" data-testid="help-query" autocomplete="off"
                    placeholder=move || i18n.t(strings::HELP_SEARCH_HINT)
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
            </label>
            <Link href=Route::Contact.href() class="btn btn-secondary">{tr(strings::CONTACT_TITLE)}</Link>
            {move || match loaded.get() {
                Loaded::Waiting => view! { <p>{tr(strings::LOADING)}</p> }.into_any(),
                Loaded::Missing => view! { <p class="card" data-testid="help-missing">{tr(strings::HELP_NOT_HERE)}</p> }.into_any(),
                Loaded::Ready(h) => view! { <Articles help=h query=query/> }.into_any(),
            }}
            <p class="field-hint">{tr(strings::HELP_KEPT)}</p>
        </main>
    }
}

#[component]
fn Articles(help: Arc<Help>, query: RwSignal<String>) -> impl IntoView {
    move || {
        let q = query.get();
        if q.trim().is_empty() {
            let of = |kind: Kind| help.articles.iter().filter(|a| a.kind == kind).cloned().collect::<Vec<_>>();
            return view! {
                <h2>{tr(strings::HELP_FAQ)}</h2>
                <List articles=of(Kind::Faq)/>
                <h2>{tr(strings::HELP_GUIDES)}</h2>
                <List articles=of(Kind::Guide)/>
            }
            .into_any();
        }
        let found: Vec<Article> = help::search(&help.articles, &q).into_iter().cloned().collect();
        if found.is_empty() {
            return view! { <p class="card" data-testid="help-none">{tr(strings::HELP_NONE)}</p> }.into_any();
        }
        view! {
            <h2>{tr(strings::HELP_FOUND)}</h2>
            <List articles=found/>
        }
        .into_any()
    }
}

#[component]
fn List(articles: Vec<Article>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="help-list" data-testid="help-articles">
            {articles.into_iter().map(|a| {
                let a = Arc::new(a);
                let (title, body) = (a.clone(), a.clone());
                view! {
                    <details class="card help-article" id=a.id.clone() data-testid="help-article">
                        <summary class="help-question">{move || title.words(i18n.lang()).title.clone()}</summary>
                        {move || body.words(i18n.lang()).body.lines().map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                        <Link href=a.link.clone() class="btn btn-secondary">{tr(strings::HELP_OPEN)}</Link>
                    </details>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn Contact() -> impl IntoView {
    let policy = use_policy();
    let near = RwSignal::new(None::<u32>);
    let regions = move || {
        let mut codes: Vec<u32> = policy.table().map(|t| t.offices.iter().map(|o| o.region).collect()).unwrap_or_default();
        codes.sort_unstable();
        codes.dedup();
        codes
    };
    view! {
        <main class="page contact">
            <h1>{tr(strings::CONTACT_TITLE)}</h1>
            <label class="field">
                <span class="field-label">{tr(strings::CONTACT_WHERE)}</span>
                <select data-testid="contact-where" on:change=move |ev| near.set(event_target_value(&ev).parse().ok())>
                    <option value="">{tr(strings::CONTACT_ANY)}</option>
                    {move || regions().into_iter().map(|code| {
                        let name = divisions::full_name(code).unwrap_or_default();
                        view! { <option value=code.to_string()>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || {
                let offices = policy.table().map(|t| t.offices_near(near.get()).into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default();
                if offices.is_empty() {
                    return view! { <p class="card" data-testid="contact-none">{tr(strings::CONTACT_NONE)}</p> }.into_any();
                }
                offices.into_iter().map(|o| view! {
                    <section class="card office" data-testid="office">
                        <h2>{o.name.clone()}</h2>
                        {(!o.confirmed).then(|| view! { <p class="field-hint">{tr(strings::CONTACT_UNCONFIRMED)}</p> })}
                        <p>{o.address.clone()}</p>
                        <p>{tr(strings::CONTACT_HOURS)}": "{o.hours.clone()}</p>
                        <a class="btn" href=format!("tel:{}", o.phone) data-testid="office-call">{tr(strings::CONTACT_CALL)}" "{o.phone.clone()}</a>
                    </section>
                }).collect_view().into_any()
            }}
            <Link href=Route::Help.href() class="btn btn-secondary">{tr(strings::HELP_TITLE)}</Link>
        </main>
    }
}
