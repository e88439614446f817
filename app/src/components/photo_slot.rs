//! One attachment slot of a form: what it needs, a preview, "take a photo" (the camera) or
//! "choose a file"; the photo is made small on the device, stored as a Blob and, once the filing
//! is sent, uploaded with a progress bar.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::sync::AttachmentRef;
use crate::domain::Issue;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::offline::attachments::{self, AttachmentMeta};
use crate::offline::{db, ids, photo};
use crate::state::{use_storage, use_outbox};

/// How many photos the form on screen is still preparing (made small, hashed, stored). Until
/// that is done the slot still holds its earlier file, or none, so the form must not go yet.
/// The form provides it; a slot outside a form counts for nothing.
#[derive(Clone, Copy)]
pub struct PreparingPhotos(pub RwSignal<u32>);

#[component]
pub fn PhotoSlot(
    /// The form's slot name (`id_copy`); not `slot`, which `view!` reserves.
    name: &'static str,
    label: Text,
    attachments: RwSignal<Vec<AttachmentRef>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_outbox();
    let storage = use_storage();
    let busy = RwSignal::new(false);
    let preparing = use_context::<PreparingPhotos>();
    let problem = RwSignal::new(None::<Issue>);
    let preview = RwSignal::new(None::<(String, String)>); // (object URL, mime)
    let warnings = RwSignal::new(Vec::<Issue>::new());
    let current = Memo::new(move |_| attachments.with(|a| a.iter().find(|r| r.slot == name).map(|r| r.sha256.clone())));

    // The preview follows the stored file.
    Effect::new(move |_| {
        let Some(sha) = current.get() else {
            preview.set(None);
            warnings.set(Vec::new());
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(db) = db::shared().await {
                if let Ok(Some((meta, blob))) = attachments::get(&db, &sha).await {
                    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                        if let Some((old, _)) = preview.get_untracked() {
                            let _ = web_sys::Url::revoke_object_url(&old);
                        }
                        warnings.set(meta.warnings);
                        preview.set(Some((url, meta.mime)));
                    }
                }
            }
        });
    });
    on_cleanup(move || {
        if let Some((url, _)) = preview.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        busy.set(true);
        problem.set(None);
        if let Some(p) = preparing {
            p.0.update(|n| *n += 1);
        }
        leptos::task::spawn_local(async move {
            match store_file(&file).await {
                Ok(sha256) => attachments.update(|a| {
                    a.retain(|r| r.slot != name);
                    a.push(AttachmentRef { slot: name.to_owned(), sha256 });
                }),
                Err(issue) => problem.set(Some(issue)),
            }
            busy.set(false);
            if let Some(p) = preparing {
                // `try_`: the form may be gone by now.
                let _ = p.0.try_update(|n| *n = n.saturating_sub(1));
            }
        });
    };
    let remove = move |_| attachments.update(|a| a.retain(|r| r.slot != name));
    let progress = move || current.get().and_then(|sha| sync.upload_progress(&sha));
    let capture_id = format!("{name}-camera");
    let pick_id = format!("{name}-file");

    view! {
        <div class="field photo-slot" data-slot=name>
            <span class="photo-label">{tr(label)}</span>
            {move || preview.get().map(|(url, mime)| if mime.starts_with("image/") {
                view! { <img class="photo-preview" src=url alt=i18n.t(label)/> }.into_any()
            } else {
                view! { <p class="photo-file">{tr(strings::ATTACH_PDF)}</p> }.into_any()
            })}
            {move || progress().map(|(sent, total)| view! {
                <progress class="upload-progress" max=total.max(1).to_string() value=sent.to_string() data-testid="upload-progress"></progress>
                {(sent >= total).then(|| view! { <span class="field-hint">{tr(strings::ATTACH_UPLOADED)}</span> })}
            })}
            <Show when=move || storage.is_low() && !disabled.get()>
                <p class="field-warning">{tr(strings::STORAGE_LOW)}</p>
            </Show>
            <Show when=move || busy.get()>
                <p class="field-hint">{tr(strings::ATTACH_PROCESSING)}</p>
            </Show>
            {move || problem.get().map(|p| view! { <p class="field-error">{i18n.issue(&p)}</p> })}
            {move || warnings.get().into_iter().map(|w| view! { <p class="field-warning" data-testid="photo-warning">{i18n.issue(&w)}</p> }).collect_view()}
            <Show when=move || !disabled.get()>
                <div class="photo-actions">
                    <label class="btn btn-small" for=capture_id.clone()>{tr(strings::ATTACH_TAKE)}</label>
                    <input id=capture_id.clone() class="sr-only" type="file" accept="image/*" capture="environment" on:change=on_file/>
                    <label class="btn btn-small btn-secondary" for=pick_id.clone()>{tr(strings::ATTACH_PICK)}</label>
                    <input id=pick_id.clone() class="sr-only" type="file" accept="image/*,application/pdf" on:change=on_file/>
                    <Show when=move || current.get().is_some()>
                        <button type="button" class="btn btn-small btn-secondary" on:click=remove>{tr(strings::ATTACH_REMOVE)}</button>
                    </Show>
                </div>
            </Show>
        </div>
    }
}

/// Prepares, hashes and stores a file; its SHA-256 names it from then on.
async fn store_file(file: &web_sys::File) -> Result<String, Issue> {
    let prepared = photo::prepare(file).await?;
    let bytes = ids::blob_bytes(&prepared.blob).await.map_err(|_| photo::too_large())?;
    let sha256 = ids::sha256_hex(&bytes).await.map_err(|_| photo::too_large())?;
    let meta = AttachmentMeta {
        sha256: sha256.clone(),
        mime: prepared.mime,
        size: bytes.len() as u64,
        width: prepared.width,
        height: prepared.height,
        created_at: js_sys::Date::now() as i64,
        uploaded: false,
        warnings: prepared.warnings,
    };
    let db = db::shared().await.map_err(|e| e.issue())?;
    attachments::put(&db, &meta, &prepared.blob).await.map_err(|e| e.issue())?;
    Ok(sha256)
}
