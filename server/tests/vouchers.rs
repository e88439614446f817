//! 办理凭证 through the router: an accepted filing's voucher masks the ID number and carries a
//! QR code to its verify page; the verify page confirms it without personal data and refuses
//! a forged code.

mod common;

use app::api::sync::FilingKind;

async fn get(state: &server::AppState, path: &str) -> (u16, String) {
    let response = common::send(state.clone(), common::get(path)).await;
    let status = response.status().as_u16();
    (status, common::body_text(response).await)
}

#[tokio::test]
async fn a_voucher_masks_ids_and_its_qr_link_verifies() {
    let t = common::sqlite().await;
    let state = common::state_over(t.store.clone());
    let id = common::id_number(77);
    let payload = serde_json::to_string(&common::enrolment(&id)).unwrap();
    let item = common::item(&common::client_id(), FilingKind::Enrolment, &payload);
    let by = common::field_worker(&state).await;
    let answer = server::intake::ingest_as(&state.cx(), common::batch(vec![item.clone()]), Some(&by)).await.unwrap();
    let receipt = answer.results[0].receipt_no.clone().expect("accepted");

    let (status, html) = get(&state, &format!("/voucher/{}", item.client_id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&receipt), "the receipt number");
    assert!(!html.contains(&id), "never the whole ID number");
    assert!(html.contains(&format!("{}**********{}", &id[..4], &id[14..])), "the masked ID number");
    assert!(html.contains("data:image/svg+xml,"), "the QR code");
    assert!(!html.contains("<script"), "no script");
    let start = html.find("/verify/").expect("the verify link");
    let link: String = html[start..].chars().take_while(|c| !matches!(c, '<' | '"' | '\'')).collect();

    let (status, page) = get(&state, &link).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("凭证真实有效") && page.contains(&receipt));
    assert!(!page.contains(&id[..10]) && !page.contains("王"), "nothing personal: {page}");

    // A receipt number with a made-up code, or alone, verifies nothing.
    let forged = format!("/verify/{receipt}.0000000000000000");
    assert_eq!(get(&state, &forged).await.0, 404);
    assert_eq!(get(&state, &format!("/verify/{receipt}")).await.0, 404);
    assert_eq!(get(&state, &format!("/voucher/{}", common::client_id())).await.0, 404);
}
