//! The ingest: exactly once per client id, the original result on a retry, a conflict for other
//! content, the rules and the checks re-run, attachments required — on SQLite and PostgreSQL.

mod common;

use std::sync::Arc;

use app::api::sync::{AttachmentRef, FilingKind, Outcome};
use common::{batch, client_id, enrolment, id_number, item, state_over};
use server::intake;
use server::Store;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

fn receipt(o: &Outcome) -> (String, bool) {
    match o {
        Outcome::Accepted { receipt_no, duplicate, .. } => (receipt_no.clone(), *duplicate),
        other => panic!("expected accepted, got {other:?}"),
    }
}

async fn stored_once_and_the_retry_gets_the_original_receipt(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let id = client_id();
    let payload = json(&enrolment(&id_number(1)));
    let first = intake::ingest_as(&state.cx(), batch(vec![item(&id, FilingKind::Enrolment, &payload)]), Some(&by)).await.unwrap();
    let (no, dup) = receipt(&first.results[0].outcome());
    assert!(!dup);
    assert!(no.starts_with("SB") && no.len() == 16, "{no}");
    for _ in 0..3 {
        let again = intake::ingest_as(&state.cx(), batch(vec![item(&id, FilingKind::Enrolment, &payload)]), Some(&by)).await.unwrap();
        assert_eq!(receipt(&again.results[0].outcome()), (no.clone(), true));
    }
    assert_eq!(store.count_filings().await.unwrap(), 1);
}
both_stores!(exactly_once, stored_once_and_the_retry_gets_the_original_receipt);

async fn the_same_id_with_other_content_is_a_conflict_and_nothing_is_overwritten(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let id = client_id();
    let original = json(&enrolment(&id_number(2)));
    intake::ingest_as(&state.cx(), batch(vec![item(&id, FilingKind::Enrolment, &original)]), Some(&by)).await.unwrap();
    let mut other = enrolment(&id_number(2));
    other.monthly_base = "7000".into();
    let answer = intake::ingest_as(&state.cx(), batch(vec![item(&id, FilingKind::Enrolment, &json(&other))]), Some(&by)).await.unwrap();
    assert!(matches!(&answer.results[0].outcome(), Outcome::Conflict { message } if message.code == "conflict"));
    assert_eq!(store.count_filings().await.unwrap(), 1);
    let sealed = store.filing_payload(&id).await.unwrap().unwrap();
    assert_eq!(state.vault.open(&server::vault::bound::filing_payload(&id), &sealed).unwrap(), original.as_bytes(), "the first content is kept");
    assert!(!sealed.windows(18).any(|w| w == id_number(2).as_bytes()), "the ID number is not stored in the clear");
}
both_stores!(conflict, the_same_id_with_other_content_is_a_conflict_and_nothing_is_overwritten);

async fn the_rules_run_again_and_refusals_are_not_stored(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let mut bad = enrolment(&id_number(3));
    bad.monthly_base = "100".into();
    bad.name = "王3".into();
    let answer = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &json(&bad))]), Some(&by)).await.unwrap();
    let Outcome::Rejected { errors } = &answer.results[0].outcome() else { panic!("{answer:?}") };
    assert_eq!(errors.error_of("monthly_base").unwrap().code, "base.out_of_range");
    assert_eq!(errors.error_of("name").unwrap().code, "name.digits");

    let mut tampered = item(&client_id(), FilingKind::Enrolment, &json(&enrolment(&id_number(3))));
    tampered.payload.push(' ');
    let answer = intake::ingest_as(&state.cx(), batch(vec![tampered]), Some(&by)).await.unwrap();
    let Outcome::Rejected { errors } = &answer.results[0].outcome() else { panic!("{answer:?}") };
    assert_eq!(errors.error_of("form").unwrap().code, "payload.hash_mismatch");

    let garbage = item(&client_id(), FilingKind::Enrolment, "{\"x\":1");
    let answer = intake::ingest_as(&state.cx(), batch(vec![garbage]), Some(&by)).await.unwrap();
    assert!(matches!(&answer.results[0].outcome(), Outcome::Rejected { errors } if errors.error_of("form").unwrap().code == "payload.unreadable"));
    assert_eq!(store.count_filings().await.unwrap(), 0);
}
both_stores!(rules, the_rules_run_again_and_refusals_are_not_stored);

async fn a_second_enrolment_of_the_same_person_is_refused(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let payload = json(&enrolment(&id_number(4)));
    let answer = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &payload)]), Some(&by)).await.unwrap();
    receipt(&answer.results[0].outcome());
    // While the first waits for review, and once it is approved.
    let answer = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &payload)]), Some(&by)).await.unwrap();
    let Outcome::Rejected { errors } = &answer.results[0].outcome() else { panic!("{answer:?}") };
    assert_eq!(errors.error_of("insurances").unwrap().code, "enrolment.pending");
    assert_eq!(common::approve_all(&state).await, 1);
    let answer = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &payload)]), Some(&by)).await.unwrap();
    let Outcome::Rejected { errors } = &answer.results[0].outcome() else { panic!("{answer:?}") };
    assert_eq!(errors.error_of("insurances").unwrap().code, "enrolment.already_in_unit");
}
both_stores!(duplicate_enrolment, a_second_enrolment_of_the_same_person_is_refused);

async fn filings_wait_for_their_attachments(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let photo = b"\xFF\xD8\xFF\xE0 a tiny jpeg".to_vec();
    let sha = server::vault::hex_sha256(&photo);
    let mut it = item(&client_id(), FilingKind::Enrolment, &json(&enrolment(&id_number(5))));
    it.attachments = vec![AttachmentRef { slot: "id_copy".into(), sha256: sha.clone() }];
    let answer = intake::ingest_as(&state.cx(), batch(vec![it.clone()]), Some(&by)).await.unwrap();
    assert_eq!(answer.results[0].outcome(), Outcome::MissingAttachments { missing: vec![sha.clone()] });
    store.attachment_complete(&sha, "image/jpeg", photo.len() as i64, &state.vault.seal(&server::vault::bound::attachment(&sha), &photo), 1).await.unwrap();
    let answer = intake::ingest_as(&state.cx(), batch(vec![it]), Some(&by)).await.unwrap();
    receipt(&answer.results[0].outcome());
}
both_stores!(attachments, filings_wait_for_their_attachments);

async fn concurrent_retries_of_one_filing_store_one_row(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let id = client_id();
    let payload = json(&enrolment(&id_number(6)));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (state, it, by) = (state.clone(), item(&id, FilingKind::Enrolment, &payload), by.clone());
            tokio::spawn(async move { intake::ingest_as(&state.cx(), batch(vec![it]), Some(&by)).await })
        })
        .collect();
    let mut receipts = Vec::new();
    for t in tasks {
        let answer = t.await.unwrap().expect("no store error under contention");
        receipts.push(receipt(&answer.results[0].outcome()).0);
    }
    receipts.dedup();
    assert_eq!(receipts.len(), 1, "every retry got the same receipt");
    assert_eq!(store.count_filings().await.unwrap(), 1);
}
both_stores!(concurrency, concurrent_retries_of_one_filing_store_one_row);

async fn a_mixed_batch_gets_one_result_per_item_in_order(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Enrolments come from a unit's account or a field worker, never anonymously.
    let by = common::field_worker(&state).await;
    let mut items = Vec::new();
    for n in 10..20 {
        items.push(item(&client_id(), FilingKind::Enrolment, &json(&enrolment(&id_number(n)))));
    }
    let mut bad = enrolment(&id_number(30));
    bad.region = "999999".into();
    items.insert(3, item(&client_id(), FilingKind::Enrolment, &json(&bad)));
    let ids: Vec<String> = items.iter().map(|i| i.client_id.clone()).collect();
    let answer = intake::ingest_as(&state.cx(), batch(items), Some(&by)).await.unwrap();
    assert_eq!(answer.results.iter().map(|r| r.client_id.clone()).collect::<Vec<_>>(), ids);
    let accepted: Vec<String> = answer
        .results
        .iter()
        .filter_map(|r| match r.outcome() { Outcome::Accepted { receipt_no, .. } => Some(receipt_no), _ => None })
        .collect();
    assert_eq!(accepted.len(), 10);
    let mut sorted = accepted.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 10, "distinct receipt numbers");
    assert!(matches!(answer.results[3].outcome(), Outcome::Rejected { .. }));
}
both_stores!(mixed_batch, a_mixed_batch_gets_one_result_per_item_in_order);

use common::signed_in as principal;

async fn send_enrolment(state: &server::AppState, e: &app::domain::forms::enrolment::EnrolmentDraft, by: &server::accounts::session::Principal) -> Outcome {
    let b = batch(vec![item(&client_id(), FilingKind::Enrolment, &json(e))]);
    intake::ingest_as(&state.cx(), b, Some(by)).await.unwrap().results[0].outcome()
}

fn declaration(credit: &str) -> String {
    use app::domain::forms::base_declaration::{BaseDeclarationDraft, BaseRowDraft};
    json(&BaseDeclarationDraft {
        credit_code: credit.into(),
        region: "320102".into(),
        effective_month: common::this_month(),
        rows: vec![
            BaseRowDraft { id_number: id_number(40), name: "王一".into(), monthly_base: "6000".into() },
            BaseRowDraft { id_number: id_number(41), name: "李二".into(), monthly_base: "8000.50".into() },
        ],
    })
}

async fn a_base_declaration_comes_from_the_units_own_account(store: Arc<dyn Store>) {
    use app::api::auth::Role;
    use server::intake::ingest_as;
    let state = state_over(store.clone());
    let (ours, theirs) = (common::credit_code(1), common::credit_code(2));
    let send = |payload: String, by: Option<server::accounts::session::Principal>| {
        let state = state.clone();
        async move {
            let b = batch(vec![item(&client_id(), FilingKind::BaseDeclaration, &payload)]);
            ingest_as(&state.cx(), b, by.as_ref()).await.unwrap().results[0].outcome()
        }
    };
    // Both units' people are enrolled (a declaration is for the unit's own people).
    for (code, n) in [(&ours, 40), (&ours, 41), (&theirs, 40), (&theirs, 41)] {
        let mut e = enrolment(&id_number(n));
        e.credit_code = code.clone();
        e.insurances = vec![if code == &ours { app::domain::policy::Insurance::Pension } else { app::domain::policy::Insurance::Medical }];
        let by = common::field_worker(&state).await;
        common::unit(&state, code).await;
        receipt(&send_enrolment(&state, &e, &by).await);
    }
    assert_eq!(common::approve_all(&state).await, 4);
    let filed = store.count_filings().await.unwrap();
    // Sent without a session (it was made offline, the session ended since): it waits.
    let waiting = send(declaration(&ours), None).await;
    assert!(matches!(&waiting, Outcome::Retry { message } if message.code == "base.sign_in"), "{waiting:?}");
    // Another unit's account: refused on the credit code.
    let other = send(declaration(&theirs), Some(principal(&state, Role::EmployerHandler, Some(&ours)).await)).await;
    assert!(matches!(&other, Outcome::Rejected { errors } if errors.error_of("credit_code").map(|i| i.code.as_ref()) == Some("base.not_your_unit")), "{other:?}");
    // A resident: refused.
    let resident = send(declaration(&ours), Some(principal(&state, Role::Resident, None).await)).await;
    assert!(matches!(&resident, Outcome::Rejected { errors } if errors.error_of("form").map(|i| i.code.as_ref()) == Some("base.not_employer")), "{resident:?}");
    assert_eq!(store.count_filings().await.unwrap(), filed, "nothing refused or waiting is stored");
    // The unit's own account, and a field worker on a unit's behalf: accepted.
    receipt(&send(declaration(&ours), Some(principal(&state, Role::EmployerHandler, Some(&ours)).await)).await);
    receipt(&send(declaration(&theirs), Some(principal(&state, Role::FieldWorker, None).await)).await);
    assert_eq!(store.count_filings().await.unwrap(), filed + 2);
    // Someone who is not the unit's: refused on their row.
    let stranger = declaration(&ours).replace(&id_number(41), &id_number(42));
    let refused = send(stranger, Some(principal(&state, Role::EmployerHandler, Some(&ours)).await)).await;
    assert!(matches!(&refused, Outcome::Rejected { errors } if errors.error_of("rows.1.id_number").map(|i| i.code.as_ref()) == Some("base.not_in_unit")), "{refused:?}");
    // The two accepted declarations are cases; approving sets the bases.
    assert_eq!(common::approve_all(&state).await, 2);
}
both_stores!(base_declaration_authority, a_base_declaration_comes_from_the_units_own_account);
