//! Login throttling, counted in the store: per account (or, for a name no account has, per
//! login name), three failures are free, then each further one makes the next try wait twice as
//! long (1 s, 2 s, 4 s, …), and the tenth locks for 15 minutes. Per client address the same with
//! more room (a village's phones may share one address). Failures are forgotten a day after the
//! last one, and an account's count when its password is entered rightly.
//!
//! A try is *taken* before the password is checked — counted at once, in one statement that
//! refuses while the key is locked — and forgiven if the password was right. So concurrent
//! guesses cannot all slip past a lock that would only have been written after their hashes,
//! and an account is one key whichever name (ID number, mobile, credit code) reaches it.

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

/// The key of a login name no account has (its blind index).
pub fn name_key(index: &str) -> String {
    format!("login:{index}")
}

/// The key of an account, whichever name reached it.
pub fn account_key(id: i64) -> String {
    format!("account:{id}")
}

pub fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

/// Takes one try under `key` and under `address`, or refuses with how long to wait.
pub async fn take(store: &dyn GuardStore, key: &str, address: &str, now: i64) -> Result<(), Refusal> {
    for (key, is_name) in [(key.to_owned(), true), (address_key(address), false)] {
        if store.failures_take(&key, now, FORGET_MS, !is_name).await?.is_some() {
            continue;
        }
        let f = store.failures_get(&key).await?.unwrap_or(crate::accounts::Failures { failures: 0, last_failure: now, locked_until: now + 1000 });
        let wait = (f.locked_until - now).max(1);
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

/// A right password forgives the key's count (the address keeps its own).
pub async fn succeeded(store: &dyn GuardStore, key: &str) -> Result<(), StoreError> {
    store.failures_clear(key).await
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
