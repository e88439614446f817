//! Password hashing: Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), run off the
//! async threads, at most `bound` at a time — each hash holds 19 MiB and a core for tens of
//! milliseconds, so an unbounded burst of logins would exhaust memory and starve every other
//! request.

use std::sync::Arc;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

/// What an account without a password keeps instead of a hash (a registration waiting for its
/// phone, an employer before its first password): no password matches it.
pub const NO_PASSWORD: &str = "!";

/// A hash of nothing anyone knows, verified when the account does not exist (or has no
/// password), so that the answer takes as long either way.
static DECOY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| hash_now("decoy: no account has this"));

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid parameters"))
}

fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).expect("Argon2id of an in-memory password").to_string()
}

impl Hasher {
    /// At most `bound` hashes at a time (the number of cores is a good bound).
    pub fn new(bound: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(bound.max(1))) }
    }

    pub async fn hash(&self, password: &str) -> String {
        let _permit = self.permits.acquire().await.expect("the semaphore is never closed");
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_now(&password)).await.expect("hashing does not panic")
    }

    /// Whether `password` matches the PHC string `stored`; `None` (or a stored value that is not
    /// a hash, as [`NO_PASSWORD`]) verifies against the decoy: always false, same cost.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let _permit = self.permits.acquire().await.expect("the semaphore is never closed");
        let stored = stored.filter(|s| PasswordHash::new(s).is_ok());
        let known = stored.is_some();
        let stored = stored.map_or_else(|| DECOY.clone(), str::to_owned);
        let password = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
        })
        .await
        .expect("verifying does not panic");
        ok && known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = Hasher::new(2);
        let phc = h.hash("Tea-garden7").await;
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(h.verify("Tea-garden7", Some(&phc)).await);
        assert!(!h.verify("Tea-garden8", Some(&phc)).await);
        assert!(!h.verify("decoy: no account has this", None).await, "the decoy never lets anyone in");
        assert_ne!(phc, h.hash("Tea-garden7").await, "salted");
    }

    #[tokio::test]
    async fn the_bound_limits_concurrent_hashing() {
        let h = Hasher::new(1);
        let held = h.permits.clone().acquire_owned().await.unwrap();
        let pending = tokio::spawn({
            let h = h.clone();
            async move { h.hash("x").await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(!pending.is_finished(), "waits for a permit");
        drop(held);
        assert!(pending.await.unwrap().starts_with("$argon2id$"));
    }
}
