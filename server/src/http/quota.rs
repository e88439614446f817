//! Quotas on writes: at most `limit` per key (an address, an account, "everyone") per window,
//! counted in the store so that replicas count together. What is over its quota is refused with
//! when to try again; nothing of it is stored.

use std::sync::atomic::{AtomicI64, Ordering};

use app::domain::Issue;
use axum::http::StatusCode;

use super::Refusal;
use crate::store::CounterStore;

/// Every limit is multiplied by this (`--quota-scale`; 1 in production). Process-wide, set once
/// at start: load tests and benchmarks raise it, nothing else does.
static SCALE: AtomicI64 = AtomicI64::new(1);

/// Sets the multiplier of every limit.
pub fn set_scale(scale: i64) {
    SCALE.store(scale.max(1), Ordering::Relaxed);
}

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 86_400_000;

/// Counts one more under `key` in the current `window_ms` window, or refuses once over `limit`.
pub async fn take(store: &dyn CounterStore, key: &str, window_ms: i64, limit: i64, now: i64) -> Result<(), Refusal> {
    let start = now.div_euclid(window_ms) * window_ms;
    if store.counter_add(&format!("quota:{key}"), start).await? <= limit.saturating_mul(SCALE.load(Ordering::Relaxed)) {
        return Ok(());
    }
    let wait_s = u32::try_from((start + window_ms - now + 999) / 1000).unwrap_or(u32::MAX);
    let minutes = wait_s.div_ceil(60);
    Err(Refusal::api_after(
        StatusCode::TOO_MANY_REQUESTS,
        Issue::formatted(
            "quota",
            format!("提交过于频繁，请约 {minutes} 分钟后再试"),
            format!("Too many requests; try again in about {minutes} min"),
        ),
        wait_s,
    ))
}

/// How many were counted under `key` in the current window.
pub async fn used(store: &dyn CounterStore, key: &str, window_ms: i64, now: i64) -> Result<i64, crate::store::StoreError> {
    store.counter_get(&format!("quota:{key}"), now.div_euclid(window_ms) * window_ms).await
}
