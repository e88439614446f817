//! A labelled input with, under it, its error (after the person has left the field once, or
//! after a submit attempt) and its warnings. Errors replace the hint; the input is marked
//! `aria-invalid` and points at the message.

use leptos::prelude::*;

use crate::domain::Issue;
use crate::i18n::{tr, use_i18n, Text};

/// What the rules say about one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldIssues {
    pub error: Option<Issue>,
    pub warnings: Vec<Issue>,
}

impl FieldIssues {
    /// The issues of `field` in a form's validation result.
    pub fn of(result: &crate::domain::FieldErrors, field: &str) -> FieldIssues {
        FieldIssues { error: result.error_of(field).cloned(), warnings: result.warnings_of(field).to_vec() }
    }

    /// The verdict of one parser on its own.
    pub fn from_parse<T>(result: &Result<crate::domain::Checked<T>, Issue>) -> FieldIssues {
        match result {
            Ok(checked) => FieldIssues { error: None, warnings: checked.warnings.clone() },
            Err(issue) => FieldIssues { error: Some(issue.clone()), warnings: Vec::new() },
        }
    }
}

/// Keyboard and semantics of an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    #[default]
    Text,
    /// Digits and X (ID numbers): a text keyboard, upper case.
    Identifier,
    Tel,
    Email,
    Password,
    /// Digits only (codes).
    Numeric,
    /// Amounts.
    Decimal,
    /// `YYYY-MM` (the browser's month picker where it has one).
    Month,
    /// `YYYY-MM-DD` (the browser's date picker).
    Date,
}

impl InputKind {
    fn attrs(self) -> (&'static str, &'static str) {
        match self {
            InputKind::Text | InputKind::Identifier => ("text", "text"),
            InputKind::Tel => ("tel", "tel"),
            InputKind::Email => ("email", "email"),
            InputKind::Password => ("password", "text"),
            InputKind::Numeric => ("text", "numeric"),
            InputKind::Decimal => ("text", "decimal"),
            InputKind::Month => ("month", "numeric"),
            InputKind::Date => ("date", "numeric"),
        }
    }
}

#[component]
pub fn TextField(
    /// The draft's field name: the input's id, and how the server's answers name it
    /// (`rows.3.monthly_base` for a row of a list).
    #[prop(into)]
    name: String,
    label: Text,
    value: RwSignal<String>,
    #[prop(into)] issues: Signal<FieldIssues>,
    #[prop(optional)] kind: InputKind,
    #[prop(default = None)] hint: Option<Text>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Show errors even before the field was left (after a submit attempt).
    #[prop(optional, into)]
    reveal: Signal<bool>,
    /// Extra lines under the input (what the value tells).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let touched = RwSignal::new(false);
    let (input_type, input_mode) = kind.attrs();
    let message_id = format!("{name}-message");
    let error = move || issues.get().error.filter(|_| touched.get() || reveal.get());
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=name.clone()>{tr(label)}</label>
            <input
                id=name.clone()
                name=name
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete.unwrap_or("off")
                autocapitalize=if kind == InputKind::Identifier { "characters" } else { "off" }
                spellcheck="false"
                prop:value=move || value.get()
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=message_id.clone()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| touched.set(true)
            />
            <p id=message_id class="field-message" aria-live="polite">
                {move || match error() {
                    Some(issue) => view! { <span class="field-error">{i18n.issue(&issue)}</span> }.into_any(),
                    None => view! { <span class="field-hint">{hint.map(|h| i18n.t(h))}</span> }.into_any(),
                }}
            </p>
            {move || {
                let warnings = if value.with(|v| v.trim().is_empty()) { Vec::new() } else { issues.get().warnings };
                warnings.into_iter().map(|w| view! { <p class="field-warning">{i18n.issue(&w)}</p> }).collect_view()
            }}
            {children.map(|c| c())}
        </div>
    }
}
