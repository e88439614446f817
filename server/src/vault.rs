//! Personal data at rest: sealed with AES-256-GCM, looked up through HMAC-SHA256 "blind
//! indexes". The key comes from a file or the environment, never from the database; without
//! it the stored payloads and photos are unreadable.

use std::path::Path;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The namespaces of blind indexes: the same value gives unrelated indexes in two of them.
pub mod purpose {
    /// ID numbers (the registry and accounts share it).
    pub const ID_NUMBER: &str = "id_number";
    /// Mobile numbers.
    pub const MOBILE: &str = "mobile";
    /// Unified social credit codes (employer accounts sign in by them).
    pub const CREDIT_CODE: &str = "credit_code";
    /// Voucher verify codes.
    pub const VOUCHER: &str = "voucher";
}

/// Lower-case hex SHA-256 of `bytes` (content hashes of filings and attachments).
pub fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(Sha256::digest(bytes))
}

/// 32 bytes of AES key followed by 32 bytes of HMAC key, hex-encoded (128 hex digits).
pub const KEY_HEX_LEN: usize = 128;
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the key must be {KEY_HEX_LEN} hex digits (64 bytes)")]
    BadKey,
    #[error("key file {0}: {1}")]
    KeyFile(String, std::io::Error),
    #[error("sealed data is damaged or was sealed with another key")]
    Open,
}

#[derive(Clone)]
pub struct Vault {
    aead: Aes256Gcm,
    mac_key: [u8; 32],
}

impl Vault {
    /// From 128 hex digits.
    pub fn from_hex(hex_key: &str) -> Result<Vault, VaultError> {
        let bytes = hex::decode(hex_key.trim()).map_err(|_| VaultError::BadKey)?;
        if bytes.len() != KEY_HEX_LEN / 2 {
            return Err(VaultError::BadKey);
        }
        let aead = Aes256Gcm::new_from_slice(&bytes[..32]).map_err(|_| VaultError::BadKey)?;
        let mut mac_key = [0u8; 32];
        mac_key.copy_from_slice(&bytes[32..]);
        Ok(Vault { aead, mac_key })
    }

    /// Reads an existing key file.
    pub fn from_file(path: &Path) -> Result<Vault, VaultError> {
        Vault::from_hex(&std::fs::read_to_string(path).map_err(|e| VaultError::KeyFile(path.display().to_string(), e))?)
    }

    /// Writes a fresh random key to `path` (mode 0600); never over an existing file.
    pub fn generate(path: &Path) -> Result<(), VaultError> {
        let key: Vec<u8> = (0..2).flat_map(|_| Aes256Gcm::generate_key(OsRng).to_vec()).collect();
        write_private(path, &hex::encode(key)).map_err(|e| VaultError::KeyFile(path.display().to_string(), e))
    }

    /// Reads the key file, creating it with a fresh random key (mode 0600) if it does not exist.
    pub fn from_file_or_create(path: &Path) -> Result<Vault, VaultError> {
        let io = |e| VaultError::KeyFile(path.display().to_string(), e);
        if !path.exists() {
            let key: Vec<u8> = (0..2).flat_map(|_| Aes256Gcm::generate_key(OsRng).to_vec()).collect();
            write_private(path, &hex::encode(key)).map_err(io)?;
            tracing::warn!(path = %path.display(), "created a new data key; back it up: without it the stored personal data cannot be read");
        }
        Vault::from_hex(&std::fs::read_to_string(path).map_err(io)?)
    }

    /// A fresh key for tests and tools.
    pub fn random() -> Vault {
        let key: Vec<u8> = (0..2).flat_map(|_| Aes256Gcm::generate_key(OsRng).to_vec()).collect();
        Vault::from_hex(&hex::encode(key)).expect("a fresh key is well-formed")
    }

    /// `nonce ‖ ciphertext+tag`.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        out.extend(self.aead.encrypt(&nonce, plain).expect("AES-GCM encryption of an in-memory buffer"));
        out
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        if sealed.len() < NONCE_LEN {
            return Err(VaultError::Open);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.aead.decrypt(Nonce::from_slice(nonce), body).map_err(|_| VaultError::Open)
    }

    /// A stable, keyed fingerprint of an identifier (for equality lookups without storing it).
    pub fn blind_index(&self, purpose: &str, value: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.mac_key).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_tamper() {
        let v = Vault::random();
        let sealed = v.seal(b"320102199003071239");
        assert!(!sealed.windows(6).any(|w| w == b"320102"), "no plaintext in the sealed bytes");
        assert_eq!(v.open(&sealed).unwrap(), b"320102199003071239");
        let mut bad = sealed.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(v.open(&bad).is_err());
        assert!(Vault::random().open(&sealed).is_err(), "another key cannot open it");
    }

    #[test]
    fn blind_indexes_are_stable_per_key_and_purpose() {
        let v = Vault::random();
        assert_eq!(v.blind_index("id", "x"), v.blind_index("id", "x"));
        assert_ne!(v.blind_index("id", "x"), v.blind_index("mobile", "x"));
        assert_ne!(v.blind_index("id", "x"), Vault::random().blind_index("id", "x"));
    }

    #[test]
    fn key_files_are_created_once_and_reread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/data.key");
        let a = Vault::from_file_or_create(&path).unwrap();
        let b = Vault::from_file_or_create(&path).unwrap();
        assert_eq!(b.open(&a.seal(b"hello")).unwrap(), b"hello");
        assert!(matches!(Vault::from_hex("abcd"), Err(VaultError::BadKey)));
    }
}
