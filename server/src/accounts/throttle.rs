//! Login throttling, counted in the store: per login name, three failures are free, then each
//! further one makes the next try wait twice as long (1 s, 2 s, 4 s, …), and the tenth locks
//! the login for 15 minutes. Per client address the same with more room (a village's phones
//! may share one address). Failures are forgotten a day after the last one, and a login name's
//! count when its password is entered rightly.

use app::domain::Issue;
use axum::http::StatusCode;

use super::guards::GuardStore;
use crate::http::Refusal;
use crate::store::StoreError;

pub const FREE: i64 = 3;
pub const LOCK_AFTER: i64 = 10;
pub const LOCK_MS: i64 = 15 * 60_000;
pub const ADDRESS_FREE: i64 = 30;
pub const FORGET_MS: i64 = 86_400_000;

/// How long a login name waits after its `n`th failure.
pub fn name_wait_ms(n: i64) -> i64 {
    if n >= LOCK_AFTER {
        LOCK_MS
    } else if n > FREE {
        1000 << (n - FREE - 1)
    } else {
        0
    }
}

/// How long an address waits after its `n`th failure.
pub fn address_wait_ms(n: i64) -> i64 {
    if n > ADDRESS_FREE { (1000_i64 << (n - ADDRESS_FREE - 1).min(10)).min(LOCK_MS) } else { 0 }
}

pub fn name_key(index: &str) -> String {
    format!("login:{index}")
}

pub fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

/// Refuses when either key must still wait.
pub async fn check(store: &dyn GuardStore, name: &str, address: &str, now: i64) -> Result<(), Refusal> {
    for (key, is_name) in [(name_key(name), true), (address_key(address), false)] {
        let Some(f) = store.failures_get(&key).await? else { continue };
        if now - f.last_failure > FORGET_MS || now >= f.locked_until {
            continue;
        }
        let wait = f.locked_until - now;
        let s = (wait + 999) / 1000;
        let e = if is_name && f.failures >= LOCK_AFTER {
            let m = (s + 59) / 60;
            Issue::formatted(
                "login.locked",
                format!("密码错误次数过多，账号已暂时锁定，请 {m} 分钟后再试，或使用“忘记密码”"),
                format!("Too many wrong passwords: the account is locked for {m} min; try later or reset the password"),
            )
        } else {
            Issue::formatted("login.wait", format!("登录失败次数较多，请 {s} 秒后再试"), format!("Several failed logins; try again in {s} s"))
        };
        return Err(Refusal::api_after(StatusCode::TOO_MANY_REQUESTS, e, u32::try_from(s).unwrap_or(u32::MAX)));
    }
    Ok(())
}

/// Counts a failed login under both keys.
pub async fn failed(store: &dyn GuardStore, name: &str, address: &str, now: i64) -> Result<(), StoreError> {
    for (key, wait) in [(name_key(name), name_wait_ms as fn(i64) -> i64), (address_key(address), address_wait_ms)] {
        if store.failures_get(&key).await?.is_some_and(|f| now - f.last_failure > FORGET_MS) {
            store.failures_clear(&key).await?;
        }
        store.failures_add(&key, now, &wait).await?;
    }
    Ok(())
}

/// A right password clears the login name's count.
pub async fn succeeded(store: &dyn GuardStore, name: &str) -> Result<(), StoreError> {
    store.failures_clear(&name_key(name)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_then_lock() {
        let waits: Vec<i64> = (1..=11).map(name_wait_ms).collect();
        assert_eq!(waits, [0, 0, 0, 1000, 2000, 4000, 8000, 16000, 32000, LOCK_MS, LOCK_MS]);
        assert_eq!(address_wait_ms(30), 0);
        assert_eq!(address_wait_ms(31), 1000);
        assert_eq!(address_wait_ms(100), LOCK_MS);
    }
}
