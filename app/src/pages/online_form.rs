//! What the forms that need the network share (验证手机, 忘记密码, the first-login addresses, the
//! back office's 基数调整 and 养老金申请):
//! refused offline with a message, the shared rules' errors shown before anything is sent, the
//! server's refusal put on its fields until the form changes, one request at a time.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::client::{self, FormAnswer};
use crate::components::FieldIssues;
use crate::domain::{FieldErrors, Issue};
use crate::i18n::strings;
use crate::state::{use_network, Reachability};

#[derive(Clone, Copy)]
pub struct OnlineForm {
    /// Show every error (after a submit attempt).
    pub reveal: RwSignal<bool>,
    /// The server's field issues, until the form changes.
    pub refused: RwSignal<Option<FieldErrors>>,
    /// The form's message line.
    pub message: RwSignal<Option<Issue>>,
    pub busy: RwSignal<bool>,
    /// The shared rules' verdict on the form as typed.
    report: Memo<FieldErrors>,
}

impl OnlineForm {
    /// `changed` tracks the form's values (the server's refusal is dropped when they change).
    pub fn new(report: Memo<FieldErrors>, changed: impl Fn() + 'static) -> OnlineForm {
        let form = OnlineForm {
            reveal: RwSignal::new(false),
            refused: RwSignal::new(None),
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
            report,
        };
        Effect::new(move |first: Option<()>| {
            changed();
            if first.is_some() {
                form.refused.set(None);
            }
        });
        form
    }

    /// A field's issues: the server's refusal while the form is unchanged, else the rules'.
    pub fn issues(self, name: &'static str) -> Signal<FieldIssues> {
        Signal::derive(move || {
            self.refused
                .with(|r| r.as_ref().map(|e| FieldIssues::of(e, name)))
                .filter(|s| s.error.is_some())
                .unwrap_or_else(|| self.report.with(|r| FieldIssues::of(r, name)))
        })
    }

    /// After a kept submission: the fields emptied, errors hidden, no message.
    pub fn clear(self, fields: &[RwSignal<String>]) {
        for f in fields {
            f.set(String::new());
        }
        self.reveal.set(false);
        self.message.set(None);
    }

    /// Sends `body` to `path` if there is a network and the rules find no error; `done` gets
    /// the answer.
    pub fn send<P, B, T>(self, path: P, body: B, done: impl FnOnce(T) + 'static)
    where
        P: AsRef<str> + 'static,
        B: Serialize + 'static,
        T: DeserializeOwned + 'static,
    {
        let net = use_network();
        if net.state() != Reachability::Online {
            self.message.set(Some(Issue::new("offline", strings::NEEDS_NETWORK.zh, strings::NEEDS_NETWORK.en)));
            return;
        }
        if self.report.with_untracked(FieldErrors::has_errors) {
            self.reveal.set(true);
            return;
        }
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            match client::post_form::<_, T>(path.as_ref(), &body, net).await {
                FormAnswer::Done(t) => done(t),
                FormAnswer::Refused(r) => {
                    self.reveal.set(true);
                    self.message.set(Some(r.message()));
                    self.refused.set(Some(r.fields));
                }
                FormAnswer::Failed(e) => self.message.set(Some(e.to_issue())),
            }
            self.busy.set(false);
        });
    }
}
