//! The device stores in a real browser: an upgrade from the previous schema keeps what was
//! there; drafts save and soft-delete; submitting freezes the draft into the outbox in one
//! transaction with the right hash; attachments keep their Blobs.
#![cfg(all(target_arch = "wasm32", feature = "csr"))]

use app::api::sync::{AttachmentRef, FilingKind};
use app::offline::attachments::{self, AttachmentMeta};
use app::offline::db::{self, Db};
use app::offline::drafts::{self, DraftRecord};
use app::offline::outbox::{self, ItemState};
use app::offline::ids;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh() -> Db {
    db::open_named(&format!("stores-{}", js_sys::Math::random()), db::DB_VERSION).await.unwrap()
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_the_data_and_adds_the_stores() {
    let name = format!("upgrade-{}", js_sys::Math::random());
    let v1 = db::open_named(&name, 1).await.unwrap();
    assert_eq!(v1.store_names(), vec![db::STORE_META.to_owned()]);
    db::meta_put(&v1, "device_id", &JsValue::from_str("dev-1")).await.unwrap();
    v1.close();

    let v2 = db::open_named(&name, db::DB_VERSION).await.unwrap();
    assert_eq!(v2.version(), db::DB_VERSION);
    for store in [db::STORE_DRAFTS, db::STORE_OUTBOX, db::STORE_ATTACHMENTS] {
        assert!(v2.store_names().contains(&store.to_owned()), "{store}");
    }
    assert_eq!(db::meta_get(&v2, "device_id").await.unwrap().and_then(|v| v.as_string()).as_deref(), Some("dev-1"));
}

#[wasm_bindgen_test]
async fn drafts_save_list_and_delete_softly() {
    let db = fresh().await;
    let mut older = DraftRecord::new(FilingKind::Enrolment, "{\"name\":\"甲\"}".into(), 1_000);
    older.title = "甲".into();
    let newer = DraftRecord::new(FilingKind::Enrolment, "{}".into(), 2_000);
    drafts::save(&db, &older).await.unwrap();
    drafts::save(&db, &newer).await.unwrap();
    let listed = drafts::list(&db).await.unwrap();
    assert_eq!(listed.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [newer.id.as_str(), older.id.as_str()]);

    drafts::delete(&db, &older.id, 5_000).await.unwrap();
    assert_eq!(drafts::list(&db).await.unwrap().len(), 1);
    drafts::undelete(&db, &older.id).await.unwrap();
    assert_eq!(drafts::get(&db, &older.id).await.unwrap().unwrap(), older);
    drafts::delete(&db, &older.id, 5_000).await.unwrap();
    drafts::purge_deleted(&db, 5_000 + drafts::UNDO_MS + 1).await.unwrap();
    assert_eq!(drafts::get(&db, &older.id).await.unwrap(), None);
    assert!(drafts::get(&db, &newer.id).await.unwrap().is_some());
}

#[wasm_bindgen_test]
async fn submitting_freezes_the_draft_into_the_outbox() {
    let db = fresh().await;
    let mut draft = DraftRecord::new(FilingKind::Enrolment, "{\"id_number\":\"320102199003071239\"}".into(), 10);
    draft.attachments = vec![AttachmentRef { slot: "id_copy".into(), sha256: "ab".repeat(32) }];
    drafts::save(&db, &draft).await.unwrap();
    let item = outbox::submit(&db, &draft, 20).await.unwrap();

    assert_eq!(item.state, ItemState::Waiting);
    assert_eq!(item.payload, draft.data);
    assert_eq!(item.content_hash, ids::sha256_hex(draft.data.as_bytes()).await.unwrap());
    assert_eq!(item.client_id.len(), 36);
    assert_eq!(&item.client_id[14..15], "7", "a version-7 UUID");
    let frozen = drafts::get(&db, &draft.id).await.unwrap().unwrap();
    assert_eq!(frozen.frozen_as.as_deref(), Some(item.client_id.as_str()));
    assert!(!frozen.is_editable());

    let again = outbox::get(&db, &item.client_id).await.unwrap().unwrap();
    assert_eq!(again, item);
    assert_eq!(outbox::in_state(&db, ItemState::Waiting).await.unwrap().len(), 1);
    assert!(outbox::in_state(&db, ItemState::Accepted).await.unwrap().is_empty());

    let mut accepted = item.clone();
    accepted.state = ItemState::Accepted;
    accepted.receipt_no = Some("SB20261122000001".into());
    outbox::update_all(&db, &[accepted.clone()]).await.unwrap();
    assert_eq!(outbox::in_state(&db, ItemState::Accepted).await.unwrap(), vec![accepted]);
    // Two submissions of one draft make two filings with two ids (the second is a new version).
    let second = outbox::submit(&db, &draft, 30).await.unwrap();
    assert_ne!(second.client_id, item.client_id);
}

#[wasm_bindgen_test]
async fn attachments_keep_their_blob() {
    let db = fresh().await;
    let bytes = [0xFFu8, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    let sha = ids::sha256_hex(&bytes).await.unwrap();
    let meta = AttachmentMeta { sha256: sha.clone(), mime: "image/jpeg".into(), size: 7, width: 1, height: 1, created_at: 1, uploaded: false, warnings: Vec::new() };
    attachments::put(&db, &meta, &blob).await.unwrap();
    attachments::mark_uploaded(&db, &sha, true).await.unwrap();
    let (back, back_blob) = attachments::get(&db, &sha).await.unwrap().unwrap();
    assert!(back.uploaded);
    assert_eq!(ids::blob_bytes(&back_blob).await.unwrap(), bytes);
}
