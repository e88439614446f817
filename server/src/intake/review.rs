//! `POST /api/filings/review`: the filing device asks what became of the filings it sent that
//! wait for someone at the agency — the desk's cases (`office::cases`) and the field workers'
//! visits (`pensions::field`). Only the caller's own filings are answered; another account's,
//! or an unknown id, are left out alike.

use app::api::cases::{ReviewAnswer, ReviewAsk, MAX_ASKED};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::Cx;
use crate::accounts::session::Principal;
use crate::http::{body, Answer, Refusal};

pub async fn filings_review(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, json: Result<Json<ReviewAsk>, JsonRejection>) -> Answer {
    let by = by.ok_or_else(Refusal::bad_request)?;
    let ask = body(json)?;
    if ask.client_ids.len() > MAX_ASKED {
        return Err(Refusal::bad_request());
    }
    let mut filings = crate::office::cases::case_reviews(cx.store.as_ref(), by.account.id, &ask.client_ids).await?;
    filings.extend(crate::pensions::field::visit_reviews(cx.store.as_ref(), by.account.id, &ask.client_ids).await?);
    Ok(Json(ReviewAnswer { filings }).into_response())
}
