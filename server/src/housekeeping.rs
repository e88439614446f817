//! Forgetting what has expired, every ten minutes: registrations that waited for their phone
//! past their time, sessions past their idle or absolute limit, uploads begun a day ago and
//! never finished, used-up codes, old failure counts and quota windows. Nothing here is a
//! record anyone relies on; each sweep is its own small statements, safe to run on every
//! replica at once. Besides forgetting, it pays the pensions due (each claim's month once,
//! whichever replica gets there first), so a new month is paid on its first sweep, and sends
//! the certification reminders due (each due date once).

use std::time::Duration;

use app::domain::ledger::Month;
use app::domain::Date;

use crate::accounts::session::{ABSOLUTE_MS, IDLE_MS};
use crate::accounts::throttle::FORGET_MS;
use crate::http::quota::DAY_MS;
use crate::store::{now_ms, StoreError};
use crate::AppState;

const EVERY: Duration = Duration::from_secs(600);

/// What one sweep forgot.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub registrations: u64,
    pub sessions: u64,
    pub uploads: u64,
    pub guards: u64,
    pub counters: u64,
    /// Pension months paid.
    pub pensions: u64,
    /// 失业保险金 months paid.
    pub unemployment: u64,
    /// 一次性伤残补助金 and 伤残津贴 months paid.
    pub injuries: u64,
    /// 医疗费用报销 claims paid out.
    pub medical: u64,
    /// Certification reminders sent.
    pub reminders: u64,
}

/// One sweep at `now`.
pub async fn sweep(state: &AppState, now: i64) -> Result<Swept, StoreError> {
    let s = state.store.as_ref();
    Ok(Swept {
        registrations: s.accounts_expire(now).await?,
        sessions: s.sessions_expire(now, IDLE_MS, ABSOLUTE_MS).await?,
        uploads: s.uploads_expire(now - DAY_MS).await?,
        guards: s.guards_expire(now - FORGET_MS).await?,
        // Daily windows are the longest counted; keep two of them.
        counters: s.counters_expire(now - 2 * DAY_MS).await?,
        pensions: crate::pensions::payroll::pay_due(s, &state.cx::<crate::ledger::Cx>().pension.certification, Month::of(Date::china_from_unix_ms(now)), now).await?,
        unemployment: crate::unemployment::pay_due(s, Month::of(Date::china_from_unix_ms(now)), now).await?,
        injuries: crate::injuries::pay_due(s, &state.cx::<crate::ledger::Cx>().benefits.work_injury_benefits, Month::of(Date::china_from_unix_ms(now)), now).await?,
        medical: crate::medical::pay_due(s, Month::of(Date::china_from_unix_ms(now))).await?,
        reminders: crate::pensions::reminders::remind(
            s,
            &state.cx::<crate::accounts::Cx>(),
            &state.cx::<crate::ledger::Cx>().pension.certification,
            Date::china_from_unix_ms(now),
        )
        .await?,
    })
}

/// Sweeps in the background for as long as the server runs.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match sweep(&state, now_ms()).await {
                Ok(swept) if swept != Swept::default() => tracing::info!(?swept, "housekeeping"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "housekeeping failed; it runs again later"),
            }
        }
    });
}
