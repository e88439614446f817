//! `/addresses` — what the first login asks for: the household registration address and the
//! contact address, each a division from the table plus the street, checked as typed by the
//! shared rules. "Same as the household address" copies it. Needs the network.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::auth::AddressesDraft;
use crate::components::{DivisionPicker, InputKind, TextField};
use crate::domain::forms::addresses::{self, field};
use crate::domain::FieldErrors;
use crate::i18n::{strings, tr, use_i18n, Text};
use crate::routes::Route;
use super::online_form::OnlineForm;
use crate::state::{use_account, use_router};

#[component]
pub fn Addresses() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let account = use_account();
    let [household_division, household_detail, contact_division, contact_detail] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let same = RwSignal::new(false);
    let draft = Memo::new(move |_| {
        let (division, detail) = if same.get() { (household_division, household_detail) } else { (contact_division, contact_detail) };
        AddressesDraft {
            household_division: household_division.get(),
            household_detail: household_detail.get(),
            contact_division: division.get(),
            contact_detail: detail.get(),
        }
    });
    let report = Memo::new(move |_| FieldErrors::verdict(addresses::validate(&draft.get())));
    let form = OnlineForm::new(report, move || draft.track());
    let (reveal, message, busy) = (form.reveal, form.message, form.busy);
    let issues = move |name: &'static str| form.issues(name);
    let submit = move |_| {
        form.send(endpoints::PROFILE.path, draft.get_untracked(), move |()| {
            account.refresh();
            router.navigate(&Route::Home.href());
        });
    };
    let address = move |label: Text, division_field: &'static str, division: RwSignal<String>, detail_field: &'static str, detail: RwSignal<String>| {
        let error = Signal::derive(move || issues(division_field).get().error.filter(|_| reveal.get() || !division.get().is_empty()).map(|e| i18n.issue(&e)));
        view! {
            <DivisionPicker name=division_field label=label value=division error=error/>
            <TextField name=detail_field label=strings::FIELD_ADDRESS_DETAIL value=detail issues=issues(detail_field) kind=InputKind::Text reveal=reveal/>
        }
    };
    view! {
        <main class="page form-page">
            <h1>{tr(strings::ADDRESSES_TITLE)}</h1>
            <p class="field-hint">{tr(strings::ADDRESSES_INTRO)}</p>
            <form class="card" on:submit=|ev| ev.prevent_default()>
                {address(strings::FIELD_HOUSEHOLD_ADDRESS, field::HOUSEHOLD_DIVISION, household_division, field::HOUSEHOLD_DETAIL, household_detail)}
                <label class="check">
                    <input type="checkbox" data-testid="same-address" prop:checked=move || same.get() on:change=move |ev| same.set(event_target_checked(&ev))/>
                    <span>{tr(strings::SAME_AS_HOUSEHOLD)}</span>
                </label>
                <Show when=move || !same.get()>
                    {address(strings::FIELD_CONTACT_ADDRESS, field::CONTACT_DIVISION, contact_division, field::CONTACT_DETAIL, contact_detail)}
                </Show>
                {move || message.get().map(|m| view! { <p class="form-message" role="alert" data-testid="form-message">{i18n.issue(&m)}</p> })}
                <button type="submit" class="btn btn-wide" data-testid="submit" disabled=move || busy.get() on:click=submit>
                    {tr(strings::ADDRESSES_SUBMIT)}
                </button>
            </form>
        </main>
    }
}
