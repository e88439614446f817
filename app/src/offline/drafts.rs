//! Drafts: forms as typed, saved on every change. A submitted draft is frozen (it points at its
//! outbox item) and can no longer be edited; a fix after a rejection starts a new draft linked
//! to the rejected filing. Deleting is soft for a moment, so it can be undone.

use serde::{Deserialize, Serialize};

use super::db::{self, Db, DbError, STORE_DRAFTS};
use crate::api::sync::{AttachmentRef, FilingKind};

/// How long a deleted draft can be brought back before it is purged.
pub const UNDO_MS: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftRecord {
    /// UUIDv7, made when the draft was started.
    pub id: String,
    pub kind: FilingKind,
    /// The draft as JSON text (the form's `…Draft` struct).
    pub data: String,
    /// Who or what it is about, for lists (a name).
    pub title: String,
    pub attachments: Vec<AttachmentRef>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The client id of its outbox item once submitted.
    pub frozen_as: Option<String>,
    /// The client id of the rejected filing this draft corrects.
    pub version_of: Option<String>,
    pub deleted_at: Option<i64>,
}

impl DraftRecord {
    pub fn new(kind: FilingKind, data: String, now: i64) -> DraftRecord {
        DraftRecord {
            id: super::ids::uuid_v7(),
            kind,
            data,
            title: String::new(),
            attachments: Vec::new(),
            created_at: now,
            updated_at: now,
            frozen_as: None,
            version_of: None,
            deleted_at: None,
        }
    }

    pub fn is_editable(&self) -> bool {
        self.frozen_as.is_none() && self.deleted_at.is_none()
    }
}

pub async fn save(db: &Db, draft: &DraftRecord) -> Result<(), DbError> {
    db::put(db, STORE_DRAFTS, draft).await
}

pub async fn get(db: &Db, id: &str) -> Result<Option<DraftRecord>, DbError> {
    db::get(db, STORE_DRAFTS, id).await
}

/// Drafts not deleted, the most recently edited first.
pub async fn list(db: &Db) -> Result<Vec<DraftRecord>, DbError> {
    let mut drafts: Vec<DraftRecord> = db::all(db, STORE_DRAFTS).await?;
    drafts.retain(|d| d.deleted_at.is_none());
    drafts.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
    Ok(drafts)
}

/// Marks a draft deleted (it disappears from lists; [`undelete`] brings it back).
pub async fn delete(db: &Db, id: &str, now: i64) -> Result<(), DbError> {
    if let Some(mut d) = get(db, id).await? {
        d.deleted_at = Some(now);
        save(db, &d).await?;
    }
    Ok(())
}

pub async fn undelete(db: &Db, id: &str) -> Result<(), DbError> {
    if let Some(mut d) = get(db, id).await? {
        d.deleted_at = None;
        save(db, &d).await?;
    }
    Ok(())
}

/// Removes drafts deleted longer ago than the undo window. Only drafts the person deleted
/// themselves: never a submitted one (its outbox item keeps the content).
pub async fn purge_deleted(db: &Db, now: i64) -> Result<(), DbError> {
    let drafts: Vec<DraftRecord> = db::all(db, STORE_DRAFTS).await?;
    for d in drafts.into_iter().filter(|d| d.deleted_at.is_some_and(|t| now - t > UNDO_MS)) {
        db::delete(db, STORE_DRAFTS, &d.id).await?;
    }
    Ok(())
}
