//! "获取验证码": asks the server to text a code, then counts down to when another may be asked
//! for. The page says what to send (`request`, `None` when its own fields are not valid yet)
//! and where the answer goes.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::auth::{SmsRequest, SmsSent};
use crate::api::client::{self, FormAnswer};
use crate::domain::{FieldErrors, Issue};
use crate::i18n::{strings, use_i18n};
use crate::state::{use_network, Reachability};

#[component]
pub fn SendCode(
    /// The request, or `None` if the page must first show what is wrong.
    request: Callback<(), Option<SmsRequest>>,
    /// The page's message line ("验证码已发送", or why not).
    message: RwSignal<Option<Issue>>,
    /// Field issues the server answered with.
    refused: RwSignal<Option<FieldErrors>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let net = use_network();
    let wait = RwSignal::new(0u32);
    let send = move |_: leptos::ev::MouseEvent| {
        let Some(req) = request.run(()) else { return };
        leptos::task::spawn_local(async move {
            match client::post_form::<_, SmsSent>(endpoints::SMS_CODE.path, &req, net).await {
                FormAnswer::Done(sent) => {
                    message.set(Some(Issue::new("sms.sent", strings::SMS_SENT.zh, strings::SMS_SENT.en)));
                    wait.set(sent.resend_after_s);
                    countdown(wait);
                }
                FormAnswer::Refused(r) => {
                    message.set(Some(r.message()));
                    refused.set(Some(r.fields));
                }
                FormAnswer::Failed(e) => message.set(Some(e.to_issue())),
            }
        });
    };
    view! {
        <button type="button" class="btn btn-secondary" data-testid="send-code"
            disabled=move || { wait.get() > 0 || net.state() != Reachability::Online } on:click=send>
            {move || if wait.get() != 0 {
                format!("{} {}", wait.get(), i18n.t(strings::SMS_RESEND_IN))
            } else {
                i18n.t(strings::SMS_SEND).to_owned()
            }}
        </button>
    }
}

/// Counts `left` down to zero, a second at a time.
fn countdown(left: RwSignal<u32>) {
    set_timeout(
        move || {
            left.update(|s| *s = s.saturating_sub(1));
            if left.get_untracked() > 0 {
                countdown(left);
            }
        },
        std::time::Duration::from_secs(1),
    );
}
