//! 本人认证 (人脸识别认证) on the pension card: when the yearly certification is due or has
//! lapsed, the pensioner takes a photo of their own face with the front camera, after a simple
//! prompt to face it and blink; the server has it compared with their reference photo. Online
//! only (the comparison is the service's); a mismatch or a service that cannot be reached says
//! so and names the other ways — a field worker's visit, the counter.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{client, endpoints};
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n};
use crate::offline::{ids, photo};
use crate::state::{use_network, Reachability};

async fn send(file: web_sys::File) -> Result<(), Issue> {
    let prepared = photo::prepare(&file).await?;
    let bytes = ids::blob_bytes(&prepared.blob).await.map_err(|_| photo::too_large())?;
    client::put_bytes::<()>(endpoints::PENSION_SELF_CERTIFY.path, &bytes).await.map_err(|e| e.to_issue())
}

#[component]
pub fn SelfCertify(done: impl Fn() + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Issue>);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match send(file).await {
                Ok(()) => done(),
                Err(issue) => problem.set(Some(issue)),
            }
            busy.set(false);
        });
    };
    let offline = move || net.state() != Reachability::Online;
    view! {
        <div class="self-certify" data-testid="self-certify">
            <p>{tr(strings::FACE_PROMPT)}</p>
            <label class="btn btn-wide" class:btn-disabled=move || offline() || busy.get() for="face-self">{tr(strings::FACE_TAKE)}</label>
            <input id="face-self" type="file" accept="image/*" capture="user" class="sr-only" disabled=move || offline() || busy.get() on:change=on_file/>
            {move || offline().then(|| view! { <p class="muted">{tr(strings::FACE_ONLINE_ONLY)}</p> })}
            {move || busy.get().then(|| view! { <p class="muted">{tr(strings::FACE_CHECKING)}</p> })}
            {move || problem.get().map(|e| view! { <p class="field-error" role="alert" data-testid="face-problem">{i18n.issue(&e)}</p> })}
        </div>
    }
}
