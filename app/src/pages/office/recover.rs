//! 追回 on the workbench: for a spell paid past its stop, the money that came back — the
//! amount, the day and the slip's reference — checked as typed by the shared rules and again
//! by the server (within what is left to recover, each slip once).

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::unemployment::SpellView;
use crate::components::{InputKind, TextField};
use crate::domain::forms::recovery::{field, validate, RecoveryDraft};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n};
use crate::pages::online_form::OnlineForm;
use crate::state::clock;

/// The form for spell `spell`; `done` reloads the list.
#[component]
pub fn RecoverForm(spell: i64, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let all: [RwSignal<String>; 3] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [amount, recovered_on, reference] = all;
    let draft = move || RecoveryDraft { amount: amount.get(), recovered_on: recovered_on.get(), reference: reference.get() };
    let report = Memo::new(move |_| FieldErrors::verdict(validate(&draft(), clock::today())));
    let form = OnlineForm::new(report, move || {
        draft();
    });
    let (reveal, message, issues) = (form.reveal, form.message, move |f| form.issues(f));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send(endpoints::OFFICE_UNEMPLOYMENT_RECOVER.with(&[&spell.to_string()]), draft(), move |_: SpellView| {
            form.clear(&all);
            done();
        });
    };
    view! {
        <form class="details-form" data-testid="recover-form" on:submit=save>
            <TextField name=field::AMOUNT label=strings::RECOVER_AMOUNT value=amount issues=issues(field::AMOUNT) kind=InputKind::Decimal reveal=reveal/>
            <TextField name=field::RECOVERED_ON label=strings::RECOVER_ON value=recovered_on issues=issues(field::RECOVERED_ON) kind=InputKind::Date reveal=reveal/>
            <TextField name=field::REFERENCE label=strings::RECOVER_REFERENCE value=reference issues=issues(field::REFERENCE) kind=InputKind::Identifier reveal=reveal/>
            {move || message.get().map(|m| view! { <p class="field-error" role="alert" data-testid="recover-message">{i18n.issue(&m)}</p> })}
            <button type="submit" class="btn btn-secondary" data-testid="recover-submit">{tr(strings::RECOVER_SUBMIT)}</button>
        </form>
    }
}
