//! The outbox's state machine as pure functions — what a sync does with each item — so it is
//! tested natively; `offline/sync.rs` does the I/O around it.
//!
//! waiting → sending → accepted (receipt) | needs attention (the server's reasons) | retrying
//! (next attempt time, last error). Nothing here ever drops an item.

use serde::{Deserialize, Serialize};

use crate::api::cases::FilingReview;
use crate::api::sync::{AttachmentRef, FilingKind, Outcome, SyncItem, MAX_BATCH_BYTES, MAX_BATCH_ITEMS};
use crate::domain::{FieldErrors, Issue};

/// Where a filing is on its way to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Frozen, not yet sent.
    Waiting,
    /// In a request now.
    Sending,
    /// Durably stored by the server; `receipt_no` holds its receipt.
    Accepted,
    /// The server refused it (rules, conflict): the person must act.
    NeedsAttention,
    /// Not through yet (network, server busy); tried again at `next_attempt_at`.
    Retrying,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Waiting => "waiting",
            ItemState::Sending => "sending",
            ItemState::Accepted => "accepted",
            ItemState::NeedsAttention => "needs_attention",
            ItemState::Retrying => "retrying",
        }
    }

    /// Not yet with the server.
    pub fn is_unsent(self) -> bool {
        !matches!(self, ItemState::Accepted)
    }
}

/// A frozen filing on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub client_id: String,
    pub kind: FilingKind,
    /// The frozen JSON text: never changed after submitting.
    pub payload: String,
    pub content_hash: String,
    pub attachments: Vec<AttachmentRef>,
    pub version_of: Option<String>,
    pub draft_id: String,
    pub title: String,
    pub created_at: i64,
    pub state: ItemState,
    pub attempts: u32,
    pub next_attempt_at: i64,
    /// The last failure, in words (for retrying and needs-attention items).
    pub last_error: Option<Issue>,
    pub receipt_no: Option<String>,
    pub accepted_at: Option<i64>,
    /// The server's per-field reasons, shown on the form.
    pub errors: Option<FieldErrors>,
    pub updated_at: i64,
    /// Once accepted, what the agency's review made of it (a case: 待办), as last asked.
    #[serde(default)]
    pub review: Option<FilingReview>,
}

impl OutboxItem {
    /// What the sync protocol sends.
    pub fn to_sync_item(&self) -> SyncItem {
        SyncItem {
            client_id: self.client_id.clone(),
            kind: self.kind,
            content_hash: self.content_hash.clone(),
            payload: self.payload.clone(),
            attachments: self.attachments.clone(),
            version_of: self.version_of.clone(),
            created_at: self.created_at,
        }
    }

    /// Accepted as a case whose decision the device has not learnt yet: a pass asks after it.
    pub fn awaits_review(&self) -> bool {
        self.state == ItemState::Accepted && crate::api::cases::is_reviewed(self.kind) && self.review.as_ref().is_none_or(|r| r.status.is_open())
    }

    /// Sent back by the agency with reasons: the person fixes it and files it again.
    pub fn returned(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.status == crate::domain::review::Status::Rejected)
    }

    /// Whether a pass at `now` should try it (passes hold the sync lock: one at a time).
    pub fn is_due(&self, now: i64) -> bool {
        match self.state {
            ItemState::Waiting => true,
            ItemState::Retrying => self.next_attempt_at <= now,
            // Passes run one at a time under the sync lock, so an item a pass finds "sending"
            // was left so by a pass that died mid-request (tab killed, page reloaded): send it
            // again — the server answers a repeat with the first receipt.
            ItemState::Sending => true,
            ItemState::Accepted | ItemState::NeedsAttention => false,
        }
    }

    /// Whether a pass of `scope` at `now` should try it.
    pub fn in_scope(&self, scope: Scope, now: i64) -> bool {
        self.is_due(now)
            || match scope {
                Scope::Due => false,
                Scope::WaitedForNetwork => {
                    self.state == ItemState::Retrying && self.last_error.as_ref().is_some_and(|e| e.code == "unreachable")
                }
                Scope::Everything => self.state == ItemState::Retrying,
            }
    }
}

/// What a pass tries, narrowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// What is due: waiting items, and retrying ones whose backoff is over.
    Due,
    /// The server was just reached: also what waits out a backoff only because the network was
    /// gone (not what the server asked to wait, "busy").
    WaitedForNetwork,
    /// The person asked ("立即同步"), or the network came back after the app saw it go: every
    /// unsent item that is not waiting for the person.
    Everything,
}

impl Scope {
    /// What runs after the pass in progress when `asked` comes during it (`pending`: what was
    /// asked before). Every request counts, the narrowest too: the running pass may have read
    /// the outbox before the filing that asks was written, and dropping its request would
    /// leave that filing for the next timer, up to two minutes on a working network.
    pub fn after_pass(pending: Option<Scope>, asked: Scope) -> Option<Scope> {
        pending.max(Some(asked))
    }
}

/// How long one request may take before it is given up (slow links need long).
pub const REQUEST_TIMEOUT_MS: i64 = 60_000;
/// The first retry waits about this long …
pub const BACKOFF_BASE_MS: i64 = 5_000;
/// … and no retry waits longer than this.
pub const BACKOFF_CAP_MS: i64 = 10 * 60_000;

/// The wait before attempt `attempts + 1`: exponential, capped, with jitter (`unit` in
/// [0, 1) picks a point in the upper half of the window so devices do not retry in step).
///
/// ```
/// use app::sync_plan::{backoff_ms, BACKOFF_BASE_MS, BACKOFF_CAP_MS};
/// assert_eq!(backoff_ms(1, 0.0), BACKOFF_BASE_MS / 2);
/// assert_eq!(backoff_ms(3, 0.999_999), 20_000 - 1);
/// assert!(backoff_ms(40, 0.5) <= BACKOFF_CAP_MS);
/// ```
pub fn backoff_ms(attempts: u32, unit: f64) -> i64 {
    let exp = BACKOFF_BASE_MS.saturating_mul(1i64 << attempts.saturating_sub(1).min(20));
    let window = exp.min(BACKOFF_CAP_MS);
    window / 2 + ((window - window / 2) as f64 * unit.clamp(0.0, 1.0)) as i64
}

/// Groups items (by index) into requests of at most [`MAX_BATCH_ITEMS`] items and about
/// [`MAX_BATCH_BYTES`] of payload, keeping their order.
pub fn batches(items: &[OutboxItem]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut bytes = 0;
    for (i, item) in items.iter().enumerate() {
        let size = item.payload.len() + 256;
        let full = out.last().is_none_or(|b| b.len() >= MAX_BATCH_ITEMS || bytes + size > MAX_BATCH_BYTES);
        if full {
            out.push(Vec::new());
            bytes = 0;
        }
        out.last_mut().expect("a batch").push(i);
        bytes += size;
    }
    out
}

/// The message for a request that got no answer.
pub fn unreachable_issue() -> Issue {
    Issue::new("unreachable", "网络不通，将自动重试", "No connection; will retry automatically")
}

/// An item after the server's answer (or after no answer: `None`).
pub fn apply(mut item: OutboxItem, outcome: Option<&Outcome>, now: i64, unit: f64) -> OutboxItem {
    item.updated_at = now;
    let retry = |mut item: OutboxItem, issue: Issue, unit: f64| {
        item.state = ItemState::Retrying;
        item.attempts += 1;
        item.next_attempt_at = now + backoff_ms(item.attempts, unit);
        item.last_error = Some(issue);
        item
    };
    match outcome {
        None => retry(item, unreachable_issue(), unit),
        Some(Outcome::Accepted { receipt_no, received_at, .. }) => {
            item.state = ItemState::Accepted;
            item.receipt_no = Some(receipt_no.clone());
            item.accepted_at = Some(*received_at);
            item.last_error = None;
            item.errors = None;
            item
        }
        Some(Outcome::Rejected { errors }) => {
            item.state = ItemState::NeedsAttention;
            item.errors = Some(errors.clone());
            item.last_error = Some(Issue::new(
                "rejected",
                "服务器未受理：请按各项提示修改后重新提交",
                "Not accepted: fix the marked fields and submit again",
            ));
            item
        }
        Some(Outcome::Conflict { message }) => {
            item.state = ItemState::NeedsAttention;
            item.last_error = Some(message.clone());
            item
        }
        // Upload them and send again on the next pass (no waiting: the cause is known).
        Some(Outcome::MissingAttachments { .. }) => {
            let mut item = retry(item, Issue::new("attachments.missing", "附件尚未上传完成，将继续上传", "Attachments are still uploading"), unit);
            item.next_attempt_at = now;
            item
        }
        Some(Outcome::Retry { message }) => retry(item, message.clone(), unit),
    }
}

/// The items among `asked` whose review `answers` changes, updated (the others stay as they
/// are: an answer that leaves a filing out says nothing of it).
pub fn learn(asked: &[OutboxItem], answers: &[FilingReview], now: i64) -> Vec<OutboxItem> {
    asked
        .iter()
        .filter_map(|item| {
            let answer = answers.iter().find(|a| a.client_id == item.client_id)?;
            (item.review.as_ref() != Some(answer)).then(|| OutboxItem { review: Some(answer.clone()), updated_at: now, ..item.clone() })
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_review_is_learnt_once_and_a_decided_one_is_not_asked_again() {
        use crate::domain::review::{Reason, Status, Target};
        let mut accepted = item(10);
        accepted.state = ItemState::Accepted;
        assert!(accepted.awaits_review());
        let returned = FilingReview {
            client_id: "c".into(),
            status: Status::Rejected,
            reasons: vec![Reason { target: Target::Field("monthly_base".into()), code: "wrong_value".into(), note: String::new() }],
            updated_at: 5,
        };
        let learnt = learn(std::slice::from_ref(&accepted), std::slice::from_ref(&returned), 9);
        assert_eq!(learnt.len(), 1);
        assert!(learnt[0].returned() && !learnt[0].awaits_review());
        assert!(learn(&learnt, &[returned], 10).is_empty(), "nothing new");
        assert!(learn(&[accepted.clone()], &[], 10).is_empty(), "left out: unchanged");
        let mut waiting = accepted.clone();
        waiting.state = ItemState::Waiting;
        assert!(!waiting.awaits_review(), "not with the server yet");
        let mut registration = accepted;
        registration.kind = FilingKind::PersonalRegistration;
        assert!(!registration.awaits_review(), "not a case");
        registration.kind = FilingKind::PensionCertification;
        assert!(registration.awaits_review(), "a field visit: an operator confirms it");
    }

    fn item(payload_len: usize) -> OutboxItem {
        OutboxItem {
            client_id: "c".into(),
            kind: FilingKind::Enrolment,
            payload: "x".repeat(payload_len),
            content_hash: String::new(),
            attachments: Vec::new(),
            version_of: None,
            draft_id: "d".into(),
            title: String::new(),
            created_at: 0,
            state: ItemState::Waiting,
            attempts: 0,
            next_attempt_at: 0,
            last_error: None,
            receipt_no: None,
            accepted_at: None,
            errors: None,
            review: None,
            updated_at: 0,
        }
    }

    #[test]
    fn backoff_grows_to_its_cap_and_jitters_within_it() {
        let waits: Vec<i64> = (1..=12).map(|a| backoff_ms(a, 1.0)).collect();
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().unwrap(), BACKOFF_CAP_MS);
        for a in 1..30 {
            let (lo, hi) = (backoff_ms(a, 0.0), backoff_ms(a, 1.0));
            assert!(lo * 2 >= hi - 1 && lo > 0, "attempt {a}: {lo}..{hi}");
        }
    }

    #[test]
    fn batches_respect_count_and_bytes_and_order() {
        let items: Vec<OutboxItem> = (0..45).map(|_| item(100)).collect();
        let b = batches(&items);
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [20, 20, 5]);
        assert_eq!(b.concat(), (0..45).collect::<Vec<_>>());
        let big: Vec<OutboxItem> = (0..5).map(|_| item(MAX_BATCH_BYTES / 2)).collect();
        assert!(batches(&big).iter().all(|b| b.len() == 1));
    }

    #[test]
    fn each_outcome_moves_the_item_where_it_belongs() {
        let accepted = apply(item(1), Some(&Outcome::Accepted { receipt_no: "SB1".into(), received_at: 9, duplicate: true }), 10, 0.5);
        assert_eq!((accepted.state, accepted.receipt_no.as_deref()), (ItemState::Accepted, Some("SB1")));

        let gone = apply(item(1), None, 10, 0.0);
        assert_eq!((gone.state, gone.attempts, gone.next_attempt_at), (ItemState::Retrying, 1, 10 + BACKOFF_BASE_MS / 2));
        assert_eq!(gone.last_error.unwrap().code, "unreachable");

        let mut errors = FieldErrors::default();
        errors.error("name", Issue::new("name.digits", "x", "y"));
        let refused = apply(item(1), Some(&Outcome::Rejected { errors: errors.clone() }), 10, 0.0);
        assert_eq!((refused.state, refused.errors), (ItemState::NeedsAttention, Some(errors)));

        let conflict = apply(item(1), Some(&Outcome::Conflict { message: Issue::new("conflict", "a", "b") }), 10, 0.0);
        assert_eq!(conflict.state, ItemState::NeedsAttention);

        let missing = apply(item(1), Some(&Outcome::MissingAttachments { missing: vec!["a".into()] }), 10, 0.0);
        assert_eq!((missing.state, missing.next_attempt_at), (ItemState::Retrying, 10));
    }

    #[test]
    fn what_is_due() {
        let mut i = item(1);
        assert!(i.is_due(0));
        i = apply(i, None, 0, 0.0);
        assert!(!i.is_due(1) && i.is_due(i.next_attempt_at));
        i.state = ItemState::Sending;
        assert!(i.is_due(0), "left sending by a pass that died: the next pass sends it again");
        i.state = ItemState::NeedsAttention;
        assert!(!i.is_due(i64::MAX));
    }

    #[test]
    fn a_request_during_a_pass_is_kept_and_the_widest_wins() {
        assert_eq!(Scope::after_pass(None, Scope::Due), Some(Scope::Due));
        assert_eq!(Scope::after_pass(Some(Scope::Due), Scope::WaitedForNetwork), Some(Scope::WaitedForNetwork));
        assert_eq!(Scope::after_pass(Some(Scope::Everything), Scope::Due), Some(Scope::Everything));
    }

    #[test]
    fn what_each_scope_tries() {
        let offline = apply(item(1), None, 0, 0.0);
        let busy = apply(item(2), Some(&Outcome::Retry { message: Issue::new("unavailable", "服务暂时不可用", "unavailable") }), 0, 0.0);
        let mut refused = item(3);
        refused.state = ItemState::NeedsAttention;
        let tried = |scope| [&offline, &busy, &refused].map(|i| i.in_scope(scope, 1));
        assert_eq!(tried(Scope::Due), [false, false, false]);
        assert_eq!(tried(Scope::WaitedForNetwork), [true, false, false], "only what waited for the network");
        assert_eq!(tried(Scope::Everything), [true, true, false], "never what waits for the person");
        assert!(item(4).in_scope(Scope::Due, 0), "a new item is always due");
    }
}
