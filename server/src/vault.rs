//! Personal data at rest: sealed with AES-256-GCM, looked up through HMAC-SHA256 "blind
//! indexes". The key comes from a file or the environment, never from the database; without
//! it the stored payloads and photos are unreadable.

use std::path::Path;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
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
    /// 参保缴费证明 verify codes.
    pub const PROOF: &str = "proof";
    /// 出生医学证明 numbers (新生儿参保's duplicate check).
    pub const BIRTH_CERT: &str = "birth_cert";
}

/// Lower-case hex SHA-256 of `bytes` (content hashes of filings and attachments).
pub fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(Sha256::digest(bytes))
}

/// 32 bytes of AES key followed by 32 bytes of HMAC key, hex-encoded (128 hex digits).
pub const KEY_HEX_LEN: usize = 128;
const NONCE_LEN: usize = 12;
const KEY_ID_LEN: usize = 4;
/// The first byte of a value sealed with a key id and its binding.
const FORMAT_V1: u8 = 1;

/// What a sealed value is bound to: the table, the column and the row's identity, as the
/// associated data of its encryption. A value moved to another row, or another column, no longer
/// opens. Each constructor names one place.
pub mod bound {
    pub fn account_id(id_index: &str) -> String {
        format!("accounts.id_sealed:{id_index}")
    }
    pub fn account_mobile(id_index: &str) -> String {
        format!("accounts.mobile_sealed:{id_index}")
    }
    pub fn account_addresses(id_index: &str) -> String {
        format!("accounts.addresses:{id_index}")
    }
    pub fn registry_id(id_index: &str) -> String {
        format!("registry.id_sealed:{id_index}")
    }
    pub fn ledger_person(id_index: &str) -> String {
        format!("ledger_persons.id_sealed:{id_index}")
    }
    pub fn unit_contact_mobile(unit_id: i64) -> String {
        format!("ledger_units.contact_mobile_sealed:{unit_id}")
    }
    /// A person's detail in the back office (`field`: `name`, `mobile`, `household_address`,
    /// `contact_address`, `bank_card`, `ssc_number`), current or in its change history.
    pub fn person_detail(id_index: &str, field: &str) -> String {
        format!("office_person_details.{field}:{id_index}")
    }
    pub fn filing_payload(client_id: &str) -> String {
        format!("filings.payload:{client_id}")
    }
    pub fn attachment(sha256: &str) -> String {
        format!("attachments.data:{sha256}")
    }
    pub fn upload_chunk(sha256: &str, index: i64) -> String {
        format!("upload_chunks.data:{sha256}:{index}")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("a key must be {KEY_HEX_LEN} hex digits (64 bytes), one per line")]
    BadKey,
    #[error("key file {0}: {1}")]
    KeyFile(String, std::io::Error),
    #[error("sealed data is damaged, was sealed with a key that is not given, or belongs to another row")]
    Open,
}

/// One encryption key and its id (the first bytes of a hash of the key: nothing to keep apart).
#[derive(Clone)]
struct Key {
    id: [u8; KEY_ID_LEN],
    aead: Aes256Gcm,
}

/// The data keys. A key file holds one key per line: the first seals, every one opens (rotation:
/// put the new key on the first line, keep the old ones below until `key reseal` exists — see
/// docs/security.md). Blind indexes use the HMAC half of the **last** line, the original key:
/// changing it would change every lookup.
#[derive(Clone)]
pub struct Vault {
    keys: std::sync::Arc<Vec<Key>>,
    mac_key: [u8; 32],
}

impl Vault {
    /// From one or more keys of 128 hex digits, one per line.
    pub fn from_hex(text: &str) -> Result<Vault, VaultError> {
        let mut keys = Vec::new();
        let mut mac_key = [0u8; 32];
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let bytes = hex::decode(line).map_err(|_| VaultError::BadKey)?;
            if bytes.len() != KEY_HEX_LEN / 2 {
                return Err(VaultError::BadKey);
            }
            let aead = Aes256Gcm::new_from_slice(&bytes[..32]).map_err(|_| VaultError::BadKey)?;
            let mut id = [0u8; KEY_ID_LEN];
            id.copy_from_slice(&sha2::Digest::finalize(<Sha256 as sha2::Digest>::new_with_prefix(&bytes[..32]))[..KEY_ID_LEN]);
            keys.push(Key { id, aead });
            mac_key.copy_from_slice(&bytes[32..]);
        }
        if keys.is_empty() {
            return Err(VaultError::BadKey);
        }
        Ok(Vault { keys: std::sync::Arc::new(keys), mac_key })
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

    /// `1 ‖ key id ‖ nonce ‖ ciphertext+tag`, bound to `to` (a [`bound`] place).
    pub fn seal(&self, to: &str, plain: &[u8]) -> Vec<u8> {
        let key = &self.keys[0];
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let mut out = Vec::with_capacity(1 + KEY_ID_LEN + NONCE_LEN + plain.len() + 16);
        out.push(FORMAT_V1);
        out.extend(key.id);
        out.extend(nonce.as_slice());
        out.extend(key.aead.encrypt(&nonce, Payload { msg: plain, aad: to.as_bytes() }).expect("AES-GCM encryption of an in-memory buffer"));
        out
    }

    /// Opens a value sealed for `to`. A value from before key ids and bindings (`nonce ‖
    /// ciphertext`) still opens with any key given.
    pub fn open(&self, to: &str, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        if sealed.first() == Some(&FORMAT_V1) && sealed.len() > 1 + KEY_ID_LEN + NONCE_LEN {
            let (id, rest) = sealed[1..].split_at(KEY_ID_LEN);
            let (nonce, body) = rest.split_at(NONCE_LEN);
            if let Some(key) = self.keys.iter().find(|k| k.id == id) {
                if let Ok(plain) = key.aead.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: to.as_bytes() }) {
                    return Ok(plain);
                }
            }
        }
        if sealed.len() < NONCE_LEN {
            return Err(VaultError::Open);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.keys.iter().find_map(|k| k.aead.decrypt(Nonce::from_slice(nonce), body).ok()).ok_or(VaultError::Open)
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
        let sealed = v.seal("t.c:1", b"320102199003071239");
        assert!(!sealed.windows(6).any(|w| w == b"320102"), "no plaintext in the sealed bytes");
        assert_eq!(v.open("t.c:1", &sealed).unwrap(), b"320102199003071239");
        let mut bad = sealed.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(v.open("t.c:1", &bad).is_err());
        assert!(Vault::random().open("t.c:1", &sealed).is_err(), "another key cannot open it");
        assert!(v.open("t.c:2", &sealed).is_err(), "moved to another row, it no longer opens");
    }

    #[test]
    fn keys_rotate_and_old_values_still_open() {
        let (old, new) = (hex::encode([1u8; 64]), hex::encode([2u8; 64]));
        let before = Vault::from_hex(&old).unwrap();
        let sealed_before = before.seal("t.c:1", b"kept");
        // The legacy format (no key id, no binding) of values sealed before this one.
        let nonce = [7u8; NONCE_LEN];
        let legacy: Vec<u8> = nonce.iter().copied().chain(before.keys[0].aead.encrypt(Nonce::from_slice(&nonce), &b"older"[..]).unwrap()).collect();
        let after = Vault::from_hex(&format!("{new}\n{old}\n")).unwrap();
        assert_eq!(after.open("t.c:1", &sealed_before).unwrap(), b"kept", "by its key id");
        assert_eq!(after.open("anything", &legacy).unwrap(), b"older");
        let sealed_after = after.seal("t.c:1", b"new");
        assert!(before.open("t.c:1", &sealed_after).is_err(), "sealed with the new key");
        assert_eq!(after.blind_index("id", "x"), before.blind_index("id", "x"), "lookups survive the rotation");
        assert!(Vault::from_hex("").is_err() && Vault::from_hex("zz").is_err());
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
        assert_eq!(b.open("x", &a.seal("x", b"hello")).unwrap(), b"hello");
        assert!(matches!(Vault::from_hex("abcd"), Err(VaultError::BadKey)));
    }
}
