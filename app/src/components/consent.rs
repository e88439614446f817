//! "我已阅读并同意《用户协议》和《隐私政策》": the consent checkbox of the registration forms,
//! with links to both pages and, after a submit attempt, why it is needed.

use leptos::prelude::*;

use super::field::FieldIssues;
use crate::i18n::{strings, tr, use_i18n};

#[component]
pub fn Consent(
    /// The field's name (`agreed`), also its id.
    name: &'static str,
    agreed: RwSignal<bool>,
    #[prop(into)] issues: Signal<FieldIssues>,
    #[prop(into)] reveal: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check" id=name>
            <input type="checkbox" prop:checked=move || agreed.get() on:change=move |ev| agreed.set(event_target_checked(&ev))/>
            <span>
                {tr(strings::AGREE_PREFIX)}
                <a href="/agreement" target="_blank">{tr(strings::AGREEMENT_TITLE)}</a>
                {tr(strings::AGREE_AND)}
                <a href="/privacy" target="_blank">{tr(strings::PRIVACY_TITLE)}</a>
            </span>
        </label>
        {move || issues.get().error.filter(|_| reveal.get()).map(|e| view! { <p class="field-error">{i18n.issue(&e)}</p> })}
    }
}
