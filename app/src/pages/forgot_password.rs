//! `/forgot-password` — 忘记密码: a resident by ID number, a unit by its credit code (a newly
//! approved unit sets its first password here); the code by the registered phone or, if the
//! account gave one, the registered e-mail; every session of the account ends.

use leptos::prelude::*;

use super::set_password::{Purpose, SetPassword};
use crate::api::auth::CodePurpose;
use crate::api::endpoints;
use crate::i18n::strings;

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let purpose = Purpose {
        code: CodePurpose::Reset,
        endpoint: endpoints::RESET.path,
        title: strings::FORGOT_TITLE,
        intro: strings::FORGOT_INTRO,
        id_label: Some(strings::FIELD_ID_OR_CREDIT_CODE),
        submit: strings::FORGOT_SUBMIT,
        done: strings::FORGOT_DONE,
        done_id: "reset-done",
        by_email: true,
    };
    view! { <SetPassword purpose=purpose/> }
}
