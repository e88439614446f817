//! 失业保险金 in the back office:
//!
//! - `GET /api/office/unemployment?status=active|stopped|ended`: the spells, oldest first, ID
//!   numbers masked;
//! - `POST /api/office/unemployment/{id}/stop`: a statutory stop (社会保险法 第51条: military
//!   service, moving abroad, a pension, refusing suitable work or training, death) from a month,
//!   never before the spell's first; the months paid stay paid and the months left stay on the
//!   spell. Audited; 120 stops an hour per account. Re-employment needs no one: the database
//!   stops the spell when a relationship opens (migration 0023).
//! - `POST /api/office/unemployment/{id}/recoveries`: 追回 — money come back for the months
//!   paid past a stop (the amount, the day, the slip's reference), kept only within what is
//!   left to recover and once per reference (a repeat of the same slip changes nothing).
//!   Audited; within the same hourly quota.

use app::api::office::BenefitStop;
use app::api::unemployment::{SpellView, STOP_REASONS};
use app::domain::forms::recovery::{self, RecoveryDraft};
use app::domain::{IdNumber, Issue};
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{actor, staff, stop_asked, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Internal, Refusal};
use crate::store::AuditEntry;
use crate::unemployment::mine::my_spell;
use crate::unemployment::store::{NewRecovery, Recovered};
use crate::unemployment::Spell;
use crate::vault::bound;

/// Spells listed at once.
const SHOWN: i64 = 100;
/// Stops one account may record in an hour.
const PER_HOUR: i64 = 120;

#[derive(Debug, serde::Deserialize)]
pub struct SpellQuery {
    #[serde(default)]
    status: Option<String>,
}

fn view(cx: &Cx, s: &Spell, now: i64) -> Result<SpellView, Internal> {
    let id = cx.ledger.vault.open(&bound::ledger_person(&s.id_index), &s.id_sealed)?;
    Ok(SpellView {
        id: s.id,
        name: s.name.clone(),
        id_masked: IdNumber::mask(&String::from_utf8_lossy(&id), today(now)),
        spell: my_spell(s),
        overpaid: s.overpaid,
        overpaid_total: app::domain::Fen(s.overpaid_total),
        recovered: app::domain::Fen(s.recovered),
    })
}

/// `GET /api/office/unemployment`.
pub async fn list(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Query(q): Query<SpellQuery>) -> Answer {
    staff(&by)?;
    let status = match q.status.as_deref().unwrap_or("active") {
        s @ ("active" | "stopped" | "ended") => s,
        _ => return Err(Refusal::bad_request()),
    };
    let now = crate::store::now_ms();
    let rows = cx.store.spells(status, SHOWN).await?;
    Ok(Json(rows.iter().map(|s| view(&cx, s, now)).collect::<Result<Vec<_>, _>>()?).into_response())
}

/// `POST /api/office/unemployment/{id}/stop`.
pub async fn stop(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(ask): Json<BenefitStop>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("unemployment:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let (reason, month) = stop_asked(&ask, &STOP_REASONS, Issue::new("unemployment.stop_reason", "请从列表中选择停发原因", "Choose the reason from the list"))?;
    let audit = AuditEntry { action: "unemployment.stop".into(), target: Some(format!("spell:{id}")), detail: Some(format!("reason={reason} from={month}")), ..actor(by) };
    if !cx.store.spell_stop(id, month, reason, by.account.id, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("unemployment.not_active", "该失业保险金已停发或已领完", "This benefit is stopped or fully paid already")));
    }
    let stored = cx.store.spell_get(id).await?.ok_or_else(Refusal::bad_request)?;
    Ok(Json(view(&cx, &stored, now)?).into_response())
}

/// `POST /api/office/unemployment/{id}/recoveries`.
pub async fn recover(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<RecoveryDraft>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let r = recovery::validate(&d, today(now)).map_err(|errors| Refusal::form(app::api::auth::FormRefusal::invalid(errors)))?.value;
    quota::take(cx.store.as_ref(), &format!("unemployment:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let new = NewRecovery { amount: r.amount.0, recovered_on: r.recovered_on.iso(), reference: r.reference.clone(), by: by.account.id };
    let audit = AuditEntry {
        action: "unemployment.recover".into(),
        target: Some(format!("spell:{id}")),
        detail: Some(format!("amount={} reference={}", r.amount.0, r.reference)),
        ..actor(by)
    };
    match cx.store.spell_recover(id, &new, &audit, now).await? {
        Recovered::Kept | Recovered::Repeated => {}
        Recovered::ReferenceTaken => {
            return Err(Refusal::field(
                recovery::field::REFERENCE,
                Issue::new("recovery.reference_taken", "该凭证号已登记为另一笔追回金额，请核对", "This reference is recorded already with another amount: check it"),
            ))
        }
        Recovered::TooMuch => {
            // What is left, as the spell reads now (its overpaid sum less what came back).
            let spell = cx.store.spell_get(id).await?.ok_or_else(Refusal::bad_request)?;
            let left = app::domain::Fen((spell.overpaid_total - spell.recovered).max(0)).yuan();
            return Err(Refusal::field(
                recovery::field::AMOUNT,
                Issue::formatted("recovery.too_much", format!("超过尚待追回的 {left} 元"), format!("More than the {left} yuan left to recover")),
            ));
        }
    }
    let stored = cx.store.spell_get(id).await?.ok_or_else(Refusal::bad_request)?;
    Ok(Json(view(&cx, &stored, now)?).into_response())
}
