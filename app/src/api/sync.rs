//! The sync protocol's wire types (documented in docs/sync.md): a batch of frozen filings goes
//! up, one result per filing comes back; attachments travel separately in chunks named by the
//! file's SHA-256.

use serde::{Deserialize, Serialize};

use crate::domain::{FieldErrors, Issue};

/// The most filings in one batch.
pub const MAX_BATCH_ITEMS: usize = 20;
/// The most bytes of payload in one batch (keeps a 2G request short enough to finish).
pub const MAX_BATCH_BYTES: usize = 192 * 1024;
/// Upload chunk size.
pub const CHUNK_SIZE: u32 = 64 * 1024;
/// The largest attachment accepted (a re-encoded photo is ~300 KB; scanned PDFs are larger).
pub const MAX_ATTACHMENT_BYTES: u64 = 5 * 1024 * 1024;

/// What a filing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingKind {
    PersonalRegistration,
    EmployerRegistration,
    Enrolment,
    BaseDeclaration,
    /// 人员减员.
    Separation,
    /// 养老待遇资格认证 assisted by a field worker.
    PensionCertification,
    /// 工伤事故申报.
    InjuryReport,
    /// 失业登记.
    Unemployment,
    /// 医疗费用报销.
    MedicalClaim,
    /// 新生儿参保.
    Newborn,
    /// 个人信息变更 (contact details, from a phone).
    PersonChange,
    /// 单位信息变更 (address and contact, from a phone).
    UnitChange,
}

impl FilingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FilingKind::PersonalRegistration => "personal_registration",
            FilingKind::EmployerRegistration => "employer_registration",
            FilingKind::Enrolment => "enrolment",
            FilingKind::BaseDeclaration => "base_declaration",
            FilingKind::Separation => "separation",
            FilingKind::PensionCertification => "pension_certification",
            FilingKind::InjuryReport => "injury_report",
            FilingKind::Unemployment => "unemployment",
            FilingKind::MedicalClaim => "medical_claim",
            FilingKind::Newborn => "newborn",
            FilingKind::PersonChange => "person_change",
            FilingKind::UnitChange => "unit_change",
        }
    }

    pub fn parse(s: &str) -> Option<FilingKind> {
        [Self::PersonalRegistration, Self::EmployerRegistration, Self::Enrolment, Self::BaseDeclaration, Self::Separation, Self::PensionCertification, Self::InjuryReport, Self::Unemployment, Self::MedicalClaim, Self::Newborn, Self::PersonChange, Self::UnitChange]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// An attachment a filing refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// The form's slot (`id_copy`, `business_licence`, …).
    pub slot: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

/// One frozen filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncItem {
    /// UUIDv7 made on the device when the filing was frozen: the idempotency key, unique for
    /// the life of the record.
    pub client_id: String,
    pub kind: FilingKind,
    /// Lower-case hex SHA-256 of `payload`'s UTF-8 bytes.
    pub content_hash: String,
    /// The draft as JSON text, exactly as frozen (hashed as sent, parsed by the server).
    pub payload: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
    /// The client id of the filing this one corrects, if any.
    #[serde(default)]
    pub version_of: Option<String>,
    /// When the filing was frozen, by the device's clock (ms since the epoch).
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncBatch {
    /// A random id the device made for itself (no personal data).
    pub device_id: String,
    pub items: Vec<SyncItem>,
}

/// What became of one filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Durably stored. `duplicate`: it had been stored before (a retry after a lost answer).
    Accepted { receipt_no: String, received_at: i64, duplicate: bool },
    /// The rules refused it; the person must fix the form (as a new, linked version).
    Rejected { errors: FieldErrors },
    /// This client id was stored before with different content: never overwritten.
    Conflict { message: Issue },
    /// Upload these attachments first, then send the filing again.
    MissingAttachments { missing: Vec<String> },
    /// Not decided now (a check's service is unavailable); send again later.
    Retry { message: Issue },
}

/// The kinds of [`Outcome`], as the wire's `status` field names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    Rejected,
    Conflict,
    MissingAttachments,
    Retry,
}

/// One filing's result on the wire: `{"client_id", "status", …the status's fields}`. A flat
/// struct rather than a tagged enum with `flatten`: the same JSON, without serde's buffering
/// machinery in the wasm (measured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub client_id: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<FieldErrors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Issue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
}

impl ItemResult {
    pub fn new(client_id: String, outcome: Outcome) -> ItemResult {
        let mut r = ItemResult {
            client_id,
            status: Status::Retry,
            receipt_no: None,
            received_at: None,
            duplicate: None,
            errors: None,
            message: None,
            missing: None,
        };
        match outcome {
            Outcome::Accepted { receipt_no, received_at, duplicate } => {
                r.status = Status::Accepted;
                (r.receipt_no, r.received_at, r.duplicate) = (Some(receipt_no), Some(received_at), Some(duplicate));
            }
            Outcome::Rejected { errors } => (r.status, r.errors) = (Status::Rejected, Some(errors)),
            Outcome::Conflict { message } => (r.status, r.message) = (Status::Conflict, Some(message)),
            Outcome::MissingAttachments { missing } => (r.status, r.missing) = (Status::MissingAttachments, Some(missing)),
            Outcome::Retry { message } => (r.status, r.message) = (Status::Retry, Some(message)),
        }
        r
    }

    /// The outcome this result describes (missing fields read as empty).
    pub fn outcome(&self) -> Outcome {
        let message = || self.message.clone().unwrap_or_else(|| Issue::new("unknown", "未知原因", "Unknown reason"));
        match self.status {
            Status::Accepted => Outcome::Accepted {
                receipt_no: self.receipt_no.clone().unwrap_or_default(),
                received_at: self.received_at.unwrap_or(0),
                duplicate: self.duplicate.unwrap_or(false),
            },
            Status::Rejected => Outcome::Rejected { errors: self.errors.clone().unwrap_or_default() },
            Status::Conflict => Outcome::Conflict { message: message() },
            Status::MissingAttachments => Outcome::MissingAttachments { missing: self.missing.clone().unwrap_or_default() },
            Status::Retry => Outcome::Retry { message: message() },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// In the order of the request's items.
    pub results: Vec<ItemResult>,
    pub server_time: i64,
}

/// What the server holds of an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStatus {
    pub sha256: String,
    pub size: u64,
    pub chunk_size: u32,
    /// Chunk indexes the server has.
    pub received: Vec<u32>,
    /// The file is assembled, verified and stored.
    pub complete: bool,
}

/// Starts (or resumes) an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStart {
    pub size: u64,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub mime: String,
    /// Proof that the sender holds the file ([`upload_proof_input`], hashed): only with it does
    /// the server say that it has the file already (a hash alone must not tell that someone
    /// filed a given document).
    #[serde(default)]
    pub proof: String,
}

/// What an upload's proof hashes (SHA-256, lower-case hex): a label, the file's name (its
/// SHA-256) and its first chunk — what only someone holding the file can compute.
///
/// ```
/// use app::api::sync::upload_proof_input;
/// assert_eq!(upload_proof_input("ab", b"xyz"), b"shebao-upload-proof:abxyz".to_vec());
/// ```
pub fn upload_proof_input(sha256: &str, first_chunk: &[u8]) -> Vec<u8> {
    let mut input = b"shebao-upload-proof:".to_vec();
    input.extend_from_slice(sha256.as_bytes());
    input.extend_from_slice(first_chunk);
    input
}

/// The number of chunks of a file of `size` bytes.
pub fn chunk_count(size: u64, chunk_size: u32) -> u32 {
    size.div_ceil(u64::from(chunk_size)) as u32
}

/// Whether `s` is 64 lower-case hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The file types accepted, by their first bytes (not by what the sender claims).
pub fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_tagged_by_status() {
        let accepted = Outcome::Accepted { receipt_no: "SB1".into(), received_at: 1, duplicate: false };
        let r = ItemResult::new("x".into(), accepted.clone());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"client_id":"x","status":"accepted","receipt_no":"SB1","received_at":1,"duplicate":false}"#);
        assert_eq!(serde_json::from_str::<ItemResult>(&json).unwrap().outcome(), accepted);
        let missing = Outcome::MissingAttachments { missing: vec!["ab".into()] };
        let json = serde_json::to_string(&ItemResult::new("y".into(), missing.clone())).unwrap();
        assert_eq!(json, r#"{"client_id":"y","status":"missing_attachments","missing":["ab"]}"#);
        assert_eq!(serde_json::from_str::<ItemResult>(&json).unwrap().outcome(), missing);
    }

    #[test]
    fn sniffing_looks_at_bytes() {
        assert_eq!(sniff_mime(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff_mime(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff_mime(b"GIF89a"), None);
        assert_eq!(chunk_count(0, 10), 0);
        assert_eq!(chunk_count(21, 10), 3);
    }
}
