//! `/verify-phone` — 验证手机: a registration made offline or by a field worker waits
//! (「待验证手机」, seven days) until the code sent to its phone is entered here, with the
//! password the resident chooses — by the resident, or with the field worker beside them.

use leptos::prelude::*;

use super::set_password::{Purpose, SetPassword};
use crate::api::auth::CodePurpose;
use crate::api::endpoints;
use crate::i18n::strings;

#[component]
pub fn VerifyPhone() -> impl IntoView {
    let purpose = Purpose {
        code: CodePurpose::VerifyPhone,
        endpoint: endpoints::VERIFY_PHONE.path,
        title: strings::NAV_VERIFY_PHONE,
        intro: strings::VERIFY_PHONE_INTRO,
        id_label: None,
        submit: strings::VERIFY_PHONE_SUBMIT,
        done: strings::VERIFY_PHONE_DONE,
        done_id: "verified",
        by_email: false,
    };
    view! { <SetPassword purpose=purpose/> }
}
