//! A form's draft on the device: loaded (or started) when the form opens, saved 300 ms after the
//! last change, frozen into the outbox on submit. Shared by every form; each form keeps its
//! fields as signals and hands over the draft's JSON text, its title and its attachments.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::sync::{AttachmentRef, FilingKind};
use crate::domain::Issue;
use crate::offline::db;
use crate::offline::drafts::{self, DraftRecord};
use crate::offline::outbox;
use crate::state::{use_storage, use_outbox, Storage, Outbox};

/// The autosave delay after the last change.
pub const AUTOSAVE: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct DraftSession {
    kind: FilingKind,
    /// The stored record (`None` until the first change of a new form).
    pub record: RwSignal<Option<DraftRecord>>,
    /// The stored draft has been read (or there is none): only then is saving allowed.
    pub loaded: RwSignal<bool>,
    /// The last write failed (quota, …).
    pub save_error: RwSignal<Option<Issue>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The change waiting for its autosave (flushed at once when the page is hidden).
    pending: StoredValue<Option<Snapshot>>,
    /// The JSON text of the untouched form (not worth a draft).
    blank: StoredValue<String>,
    // Taken when the form opens: contexts cannot be read from inside async tasks.
    sync: Outbox,
    storage: Storage,
}

/// What the form currently holds.
#[derive(Clone, PartialEq)]
pub struct Snapshot {
    pub text: String,
    pub title: String,
    pub attachments: Vec<AttachmentRef>,
}

impl DraftSession {
    /// Opens draft `id` (or a new one), calling `fill` with the stored record once read.
    /// `blank` is the JSON text of the empty form.
    pub fn open(kind: FilingKind, id: Option<String>, blank: String, fill: impl Fn(&DraftRecord) + 'static) -> DraftSession {
        let session = DraftSession {
            kind,
            record: RwSignal::new(None),
            loaded: RwSignal::new(id.is_none()),
            save_error: RwSignal::new(None),
            timer: StoredValue::new(None),
            pending: StoredValue::new(None),
            blank: StoredValue::new(blank),
            sync: use_outbox(),
            storage: use_storage(),
        };
        // A phone may kill a hidden tab at any moment: save what is pending when it hides.
        let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                session.flush();
            }
        });
        let leaving = window_event_listener(leptos::ev::pagehide, move |_| session.flush());
        on_cleanup(move || {
            session.flush();
            hidden.remove();
            leaving.remove();
        });
        if let Some(id) = id {
            leptos::task::spawn_local(async move {
                if let Ok(db) = db::shared().await {
                    if let Ok(Some(record)) = drafts::get(&db, &id).await {
                        fill(&record);
                        session.record.set(Some(record));
                    }
                }
                session.loaded.set(true);
            });
        }
        session
    }

    /// Whether the form may still be changed (tracked).
    pub fn editable(&self) -> bool {
        self.record.with(|r| r.as_ref().is_none_or(DraftRecord::is_editable))
    }

    /// Saves `snapshot` after [`AUTOSAVE`] unless another change comes first.
    pub fn autosave(&self, snapshot: Snapshot) {
        if !self.loaded.get_untracked() || !self.editable_untracked() {
            return;
        }
        let unchanged = self.record.with_untracked(|r| {
            r.as_ref().is_some_and(|r| r.data == snapshot.text && r.title == snapshot.title && r.attachments == snapshot.attachments)
        });
        let empty_new = self.record.with_untracked(Option::is_none)
            && snapshot.attachments.is_empty()
            && self.blank.with_value(|b| *b == snapshot.text);
        if unchanged || empty_new {
            return;
        }
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.pending.set_value(Some(snapshot));
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), AUTOSAVE).ok();
        self.timer.set_value(handle);
    }

    /// Saves the pending change now, if there is one.
    pub fn flush(&self) {
        if let Some(t) = self.timer.try_get_value().flatten() {
            t.clear();
        }
        if let Some(snapshot) = self.pending.try_update_value(Option::take).flatten() {
            let this = *self;
            leptos::task::spawn_local(async move {
                let _ = this.save(snapshot).await;
            });
        }
    }

    /// The form was completed online (a registration): nothing of it stays on the device — it
    /// held a password.
    pub async fn discard(&self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.pending.set_value(None);
        let id = self.record.with_untracked(|r| r.as_ref().map(|r| r.id.clone()));
        if let (Some(id), Ok(db)) = (id, db::shared().await) {
            let _ = db::delete(&db, db::STORE_DRAFTS, &id).await;
        }
    }

    fn editable_untracked(&self) -> bool {
        self.record.with_untracked(|r| r.as_ref().is_none_or(DraftRecord::is_editable))
    }

    /// Writes now; a new draft gets its id and the address bar follows, so a reload reopens it.
    pub async fn save(&self, snapshot: Snapshot) -> Result<DraftRecord, Issue> {
        let now = js_sys::Date::now() as i64;
        // `try_`: a flush may run after the form is gone (its signals disposed).
        let current = self.record.try_get_untracked().flatten();
        let first = current.is_none();
        let mut record = current.unwrap_or_else(|| DraftRecord::new(self.kind, String::new(), now));
        record.data = snapshot.text;
        record.title = snapshot.title;
        record.attachments = snapshot.attachments;
        record.updated_at = now;
        let db = db::shared().await.map_err(|e| e.issue())?;
        let started = crate::state::perf::now();
        let written = drafts::save(&db, &record).await;
        crate::state::perf::measure("shebao:draft-save", started);
        match written {
            Ok(()) => {
                let _ = self.save_error.try_set(None);
                let _ = self.record.try_set(Some(record.clone()));
                if first && self.record.try_get_untracked().is_some() {
                    let href = crate::routes::Route::form(self.kind, &record.id).href();
                    if let Ok(h) = window().history() {
                        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
                    }
                }
                Ok(record)
            }
            Err(e) => {
                let _ = self.save_error.try_set(Some(e.issue()));
                Err(e.issue())
            }
        }
    }

    /// Saves and freezes the draft into the outbox, then starts a sync.
    pub async fn submit(&self, snapshot: Snapshot) -> Result<(), Issue> {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        self.pending.set_value(None);
        let record = self.save(snapshot).await?;
        let db = db::shared().await.map_err(|e| e.issue())?;
        let now = js_sys::Date::now() as i64;
        let started = crate::state::perf::now();
        let item = outbox::submit(&db, &record, now).await.map_err(|e| e.issue())?;
        crate::state::perf::measure("shebao:submit", started);
        let mut frozen = record;
        frozen.frozen_as = Some(item.client_id);
        self.record.set(Some(frozen));
        // From the first submit on, the device holds something it must not lose.
        self.storage.request_persistence();
        self.sync.refresh();
        self.sync.now();
        Ok(())
    }
}
