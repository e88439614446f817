//! The ID number input: beside the rules' verdict, what a valid number tells — birth date, sex
//! and region — so the form never asks for them twice.

use leptos::prelude::*;

use super::field::{FieldIssues, InputKind, TextField};
use crate::domain::{IdNumber, Sex};
use crate::i18n::{strings, use_i18n, Text};
use crate::state::clock;

#[component]
pub fn IdNumberField(
    name: &'static str,
    #[prop(optional)] label: Option<Text>,
    value: RwSignal<String>,
    #[prop(into)] issues: Signal<FieldIssues>,
    #[prop(optional, into)] reveal: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let facts = move || {
        let id = value.with(|v| IdNumber::parse(v, clock::today()).ok())?.value;
        let sex = match id.sex() {
            Sex::Male => strings::ID_SEX_MALE,
            Sex::Female => strings::ID_SEX_FEMALE,
        };
        let region = id.region().unwrap_or_else(|| i18n.t(strings::ID_REGION_UNKNOWN).to_owned());
        Some(format!("{} {} · {} · {}", i18n.t(strings::ID_BIRTH), id.birth_date(), i18n.t(sex), region))
    };
    view! {
        <TextField
            name=name
            label=label.unwrap_or(strings::FIELD_ID_NUMBER)
            value=value
            issues=issues
            kind=InputKind::Identifier
            hint=Some(strings::FIELD_ID_NUMBER_HINT)
            reveal=reveal
        >
            <p class="field-facts" data-testid="id-facts">{facts}</p>
        </TextField>
    }
}
