//! The device store (IndexedDB) and the sync engine. Browser only.

pub mod attachments;
pub mod db;
pub mod drafts;
pub mod export;
pub mod ids;
pub mod json;
pub mod lock;
pub mod outbox;
pub mod photo;
pub mod pass;
pub mod sealed;
pub mod upload;
