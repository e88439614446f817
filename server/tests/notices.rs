//! 通知公告 on SQLite and PostgreSQL, through the handlers: an administrator publishes notices
//! for everyone, residents, units and staff; each caller reads everyone's and their own kind's,
//! in force today, newest first; a bad notice is refused field by field and nothing is stored;
//! a withdrawn notice is no longer sent; publishing and withdrawing are in the audit log.

mod common;

use std::sync::Arc;

use app::api::auth::Role;
use app::api::notices::Notice;
use app::domain::forms::notice::{Audience, NoticeDraft};
use app::domain::Date;
use axum::body::to_bytes;
use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use server::accounts::session::Principal;
use server::notices::http::{all, current, publish, withdraw, Cx};
use server::Store;

fn today() -> Date {
    Date::china_from_unix_ms(server::store::now_ms())
}

fn day(offset: i64) -> String {
    Date::from_days_since_epoch(today().days_since_epoch() + offset).iso()
}

fn draft(title: &str, audience: Audience, from: i64, to: i64) -> NoticeDraft {
    NoticeDraft { title: title.into(), body: format!("{title}的正文。\n第二段。"), audience: audience.as_str().into(), valid_from: day(from), valid_to: day(to) }
}

async fn body(r: axum::response::Response) -> (StatusCode, Vec<u8>) {
    let status = r.status();
    (status, to_bytes(r.into_body(), usize::MAX).await.unwrap().to_vec())
}

async fn post(cx: &Cx, by: &Principal, d: NoticeDraft) -> (StatusCode, Vec<u8>) {
    match publish(State(cx.clone()), Extension(Some(by.clone())), Ok(Json(d))).await {
        Ok(r) => body(r).await,
        Err(refusal) => body(axum::response::IntoResponse::into_response(refusal)).await,
    }
}

async fn read(cx: &Cx, by: Option<&Principal>) -> Vec<String> {
    let r = current(State(cx.clone()), Extension(by.cloned())).await.unwrap();
    let (_, bytes) = body(r).await;
    serde_json::from_slice::<Vec<Notice>>(&bytes).unwrap().into_iter().map(|n| n.title).collect()
}

async fn notices(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let cx = Cx::from_ref(&state);
    let admin = common::signed_in(&state, Role::Admin, None).await;
    for d in [
        draft("春节服务安排", Audience::All, -1, 30),
        draft("个人账户对账", Audience::Residents, 0, 0),
        draft("单位年度申报", Audience::Units, -10, 10),
        draft("内部培训", Audience::Staff, 0, 5),
        draft("下月起新政策", Audience::All, 1, 40),
    ] {
        let (status, bytes) = post(&cx, &admin, d.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&bytes));
        let stored: Notice = serde_json::from_slice(&bytes).unwrap();
        assert_eq!((stored.title, stored.body), (d.title.clone(), d.body.clone()));
    }

    // Each caller: everyone's notices and their own kind's, in force today, newest first.
    assert_eq!(read(&cx, None).await, ["春节服务安排"]);
    let resident = common::signed_in(&state, Role::Resident, None).await;
    assert_eq!(read(&cx, Some(&resident)).await, ["个人账户对账", "春节服务安排"]);
    let unit = common::signed_in(&state, Role::EmployerHandler, Some(&common::credit_code(1))).await;
    assert_eq!(read(&cx, Some(&unit)).await, ["单位年度申报", "春节服务安排"]);
    let operator = common::signed_in(&state, Role::Operator, None).await;
    assert_eq!(read(&cx, Some(&operator)).await, ["内部培训", "春节服务安排"]);
    // Days: the first day counts, the day after the last does not.
    let tomorrow = Date::from_days_since_epoch(today().days_since_epoch() + 1);
    let titles = |list: Vec<Notice>| list.into_iter().map(|n| n.title).collect::<Vec<_>>();
    assert_eq!(titles(store.notices_current(&[Audience::All, Audience::Residents], tomorrow).await.unwrap()), ["下月起新政策", "春节服务安排"]);

    // A bad notice: every field's reason, nothing stored.
    let before = store.notices_all(100).await.unwrap().len();
    let bad = NoticeDraft { title: " ".into(), audience: "everyone".into(), valid_to: day(-1), ..draft("x", Audience::All, 0, 0) };
    let (status, bytes) = post(&cx, &admin, bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let refusal: app::api::auth::FormRefusal = serde_json::from_slice(&bytes).unwrap();
    let codes = refusal.fields.codes();
    for expected in ["title: required", "audience: notice.audience", "valid_to: notice.order"] {
        assert!(codes.iter().any(|c| c == expected), "{expected} in {codes:?}");
    }
    assert_eq!(store.notices_all(100).await.unwrap().len(), before);

    // Withdrawn: no longer sent, listed as withdrawn for admins; twice is refused.
    let first = store.notices_all(100).await.unwrap().into_iter().find(|n| n.title == "春节服务安排").unwrap();
    let r = withdraw(State(cx.clone()), Extension(Some(admin.clone())), Path(first.id)).await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(read(&cx, None).await.is_empty());
    assert!(withdraw(State(cx.clone()), Extension(Some(admin.clone())), Path(first.id)).await.is_err());
    let (_, bytes) = body(all(State(cx.clone())).await.unwrap()).await;
    let listed: Vec<Notice> = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(listed.len(), 5);
    assert!(listed.iter().find(|n| n.id == first.id).unwrap().withdrawn);

    // The audit log names the notices and the administrator.
    let audit = store.audit_recent(50).await.unwrap();
    let publishes = audit.iter().filter(|r| r.entry.action == "notice.publish" && r.entry.actor == Some(admin.account.id)).count();
    assert_eq!(publishes, 5);
    let target = format!("notice:{}", first.id);
    assert!(audit.iter().any(|r| r.entry.action == "notice.withdraw" && r.entry.target.as_deref() == Some(target.as_str())));
}

both_stores!(notices_suite, notices);
