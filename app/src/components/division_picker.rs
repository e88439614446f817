//! Picking a division from the table: province, then city, then county, each a native select
//! (large, accessible, works with any phone keyboard). The value is the most specific code
//! chosen.

use leptos::prelude::*;

use crate::domain::divisions;
use crate::i18n::{strings, tr, use_i18n, Text};

/// The codes from the province down to `code` (`320102` → `[320000, 320100, 320102]`).
fn path(code: u32) -> Vec<u32> {
    if !divisions::is_known(code) {
        return Vec::new();
    }
    let mut out = vec![code];
    while let Some(parent) = divisions::parent(*out.last().expect("non-empty")) {
        out.push(parent);
    }
    out.reverse();
    out
}

#[component]
pub fn DivisionPicker(
    name: &'static str,
    label: Text,
    /// The chosen code as text (empty: none).
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = Memo::new(move |_| value.with(|v| path(v.parse().unwrap_or(0))));
    let levels = [strings::PICK_PROVINCE, strings::PICK_CITY, strings::PICK_COUNTY];
    let select = move |level: usize| {
        let parent = if level == 0 { Some(None) } else { chosen.with(|p| p.get(level - 1).map(|c| Some(*c))) };
        let options = parent.map(divisions::children).unwrap_or_default();
        if options.is_empty() {
            return None;
        }
        let selected = chosen.with(|p| p.get(level).copied());
        let id = format!("{name}-{level}");
        Some(view! {
            <label class="sr-only" for=id.clone()>{tr(levels[level])}</label>
            <select
                id=id
                disabled=move || disabled.get()
                on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    // An empty choice goes back to the level above.
                    let code = if picked.is_empty() { chosen.with_untracked(|p| p.get(level.wrapping_sub(1)).map(u32::to_string)).unwrap_or_default() } else { picked };
                    value.set(code);
                }
            >
                <option value="" selected=selected.is_none()>{move || format!("{} {}", i18n.t(levels[level]), i18n.t(strings::PICK_CHOOSE))}</option>
                {options.into_iter().map(|(code, n)| view! {
                    <option value=code.to_string() selected=selected == Some(code)>{n}</option>
                }).collect_view()}
            </select>
        })
    };
    view! {
        <fieldset class="field division-picker" class:field-invalid=move || error.get().is_some() id=name>
            <legend>{tr(label)}</legend>
            {move || select(0)}
            {move || select(1)}
            {move || select(2)}
            <p class="field-message">{move || error.get().map(|e| view! { <span class="field-error">{e}</span> })}</p>
        </fieldset>
    }
}
