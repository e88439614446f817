//! Writing the reasons of a return (退回): one row per reason — the field or material it is on,
//! a reason from the common list (`domain::review::REASONS`), a note. The review desk and the
//! case queue send back with the same rows.

use leptos::prelude::*;

use crate::domain::review::{Material, Reason, Target, REASONS};
use crate::i18n::{strings, tr, Text};

/// A target's value in the select: `field:name` or `material:slot`.
pub fn target_of(value: &str) -> Target {
    match value.split_once(':') {
        Some(("material", m)) => Material::parse(m).map_or(Target::Field(m.to_owned()), Target::Material),
        Some((_, f)) => Target::Field(f.to_owned()),
        None => Target::Field(value.to_owned()),
    }
}

/// One reason being written: target, code, note.
#[derive(Clone, Copy)]
pub struct Row {
    target: RwSignal<String>,
    code: RwSignal<String>,
    note: RwSignal<String>,
}

impl Row {
    fn new(target: &str) -> Row {
        Row { target: RwSignal::new(target.into()), code: RwSignal::new("wrong_value".into()), note: RwSignal::new(String::new()) }
    }

    pub fn reason(&self) -> Reason {
        Reason { target: target_of(&self.target.get_untracked()), code: self.code.get_untracked(), note: self.note.get_untracked() }
    }
}

/// The rows, and the button that adds one (on `first`, the first target offered).
#[component]
pub fn ReasonRows(rows: RwSignal<Vec<Row>>, targets: Vec<(String, Text)>, #[prop(into)] first: String) -> impl IntoView {
    let targets = StoredValue::new(targets);
    let first = StoredValue::new(first);
    let reason_row = move |row: Row| {
        view! {
            <li class="reason-row" data-testid="reason-row">
                <label class="field">
                    <span>{tr(strings::REVIEW_TARGET)}</span>
                    <select data-testid="reason-target" on:change=move |ev| row.target.set(event_target_value(&ev))>
                        {targets.get_value().into_iter().map(|(value, label)| {
                            let selected = value == row.target.get_untracked();
                            view! { <option value=value selected=selected>{tr(label)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{tr(strings::REVIEW_REASON)}</span>
                    <select data-testid="reason-code" on:change=move |ev| row.code.set(event_target_value(&ev))>
                        {REASONS.iter().map(|(code, zh, en)| {
                            let selected = *code == row.code.get_untracked();
                            view! { <option value=*code selected=selected>{tr(Text { zh, en })}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{tr(strings::REVIEW_NOTE)}</span>
                    <input type="text" data-testid="reason-note" maxlength="200" prop:value=move || row.note.get() on:input=move |ev| row.note.set(event_target_value(&ev))/>
                </label>
            </li>
        }
    };
    view! {
        <ul class="plain">{move || rows.get().into_iter().map(reason_row).collect_view()}</ul>
        <button type="button" class="btn btn-secondary" data-testid="add-reason" on:click=move |_| rows.update(|r| r.push(Row::new(&first.get_value())))>{tr(strings::REVIEW_ADD_REASON)}</button>
    }
}
