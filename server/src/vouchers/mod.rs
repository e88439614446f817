//! 办理凭证: every accepted filing's voucher, and the public page its QR code points to.
//!
//! - `GET /voucher/{client_id}`: the printable voucher (A4 and phone widths): the filing's
//!   summary with ID numbers masked, its receipt number and time, the handling office, the
//!   review status where there is one, and a QR code. The client id is the capability: only
//!   the device that made the filing knows it (a UUIDv7: 74 random bits after its timestamp).
//! - `GET /verify/{receipt_no}.{code}`: says whether a voucher is authentic and what became of
//!   its filing, without personal data. `code` is a keyed hash of the receipt number, so a
//!   receipt number alone (they are sequential) verifies nothing.
//!
//! Both are rendered here as plain HTML (no script; the stylesheet is `/voucher.css`), so they
//! print the same from any browser.

mod render;

use std::sync::Arc;

use app::domain::review::Status;
use app::domain::Date;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use self::render::{kind_name, office, summary};
pub use crate::http::html::stylesheet;
use crate::http::html::{china_time, code_matches, esc, not_found, origin, page, qr_img, unavailable, verify_code};

use crate::employers::ApplicationStore;
use crate::filings::{FilingStore, StoredFiling};
use crate::store::StoreError;
use crate::vault::{purpose, Vault};

/// The queries vouchers need.
pub trait Db: FilingStore + ApplicationStore + crate::office::CaseStore + Send + Sync + 'static {}
impl<T: FilingStore + ApplicationStore + crate::office::CaseStore + Send + Sync + 'static + ?Sized> Db for T {}

/// What the voucher pages reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub vault: Vault,
    /// The browser reaches the site over HTTPS (for the QR code's link).
    pub https: bool,
}

/// The verify code of a receipt number: 16 hex digits of its keyed hash.
pub fn code(vault: &Vault, receipt_no: &str) -> String {
    verify_code(vault, purpose::VOUCHER, receipt_no)
}

/// The review status of an employer registration, or of a case, if the filing is one.
async fn review_status(state: &Cx, filing: &StoredFiling) -> Result<Option<Status>, StoreError> {
    if let Some(a) = state.store.application_by_filing(&filing.client_id).await? {
        return Ok(Status::parse(&a.status));
    }
    Ok(state.store.case_by_filing(&filing.client_id).await?.and_then(|c| Status::parse(&c.status)))
}

/// `GET /voucher/{client_id}`.
pub async fn voucher(State(state): State<Cx>, headers: HeaderMap, Path(client_id): Path<String>) -> Response {
    let filing = match state.store.filing_by_client_id(&client_id).await {
        Ok(Some(f)) => f,
        Ok(None) => return not_found("没有这份已受理的材料 No accepted filing with this id"),
        Err(e) => return unavailable(&e),
    };
    let payload = match state.store.filing_payload(&client_id).await {
        Ok(Some(sealed)) => state.vault.open(&crate::vault::bound::filing_payload(&client_id), &sealed).unwrap_or_default(),
        Ok(None) => Vec::new(),
        Err(e) => return unavailable(&e),
    };
    let review = match review_status(&state, &filing).await {
        Ok(r) => r,
        Err(e) => return unavailable(&e),
    };
    let today = Date::china_from_unix_ms(filing.received_at);
    let (rows, region) = summary(&filing.kind, &payload, today);
    let verify = format!("{}/verify/{}.{}", origin(state.https, &headers), filing.receipt_no, code(&state.vault, &filing.receipt_no));
    let mut facts = String::new();
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        facts.push_str(&format!("<dt>{}</dt><dd>{}</dd>", esc(label), esc(value)));
    }
    let status = review.map(|s| {
        let (zh, en) = s.label();
        format!("<dt>审核状态 Review</dt><dd data-testid=\"review\">{zh} {en}</dd>")
    });
    let body = format!(
        "<main class=\"voucher\">\
         <h1>办理凭证 <small>Voucher</small></h1>\
         <p class=\"kind\">{kind}</p>\
         <dl class=\"facts\">\
         <dt>受理编号 Receipt</dt><dd class=\"receipt\" data-testid=\"receipt\">{receipt}</dd>\
         <dt>受理时间 Received</dt><dd>{time}</dd>\
         <dt>经办机构 Office</dt><dd>{office}</dd>{status}{facts}</dl>\
         <figure>{qr}<figcaption>扫码核验凭证真伪 Scan to verify<br><span class=\"link\">{verify_text}</span></figcaption></figure>\
         <p class=\"note\">本凭证由社保通生成；身份证号已隐去部分数字。The ID numbers are partly hidden.</p>\
         </main>",
        kind = kind_name(&filing.kind),
        receipt = esc(&filing.receipt_no),
        time = china_time(filing.received_at),
        office = esc(&office(region)),
        status = status.unwrap_or_default(),
        qr = qr_img(&verify),
        verify_text = esc(&verify),
    );
    page(&format!("办理凭证 {}", filing.receipt_no), &body)
}

/// `GET /verify/{receipt_no}.{code}`: authentic or not, and the filing's status; nothing
/// personal.
pub async fn verify(State(state): State<Cx>, Path(token): Path<String>) -> Response {
    let Some((receipt_no, given)) = token.rsplit_once('.') else { return not_found("凭证编码不完整 The code is incomplete") };
    if !code_matches(&state.vault, purpose::VOUCHER, receipt_no, given) {
        return not_found("凭证校验码不符，可能是伪造或抄错 The voucher's code does not match: forged or mistyped");
    }
    let filing = match state.store.filing_by_receipt(receipt_no).await {
        Ok(Some(f)) => f,
        Ok(None) => return not_found("没有这份凭证 No such voucher"),
        Err(e) => return unavailable(&e),
    };
    let review = match review_status(&state, &filing).await {
        Ok(r) => r.map(|s| {
            let (zh, en) = s.label();
            format!("<dt>审核状态 Review</dt><dd data-testid=\"review\">{zh} {en}</dd>")
        }),
        Err(e) => return unavailable(&e),
    };
    let body = format!(
        "<main class=\"voucher verify\" data-testid=\"verified\">\
         <h1>凭证真实有效 <small>Authentic voucher</small></h1>\
         <dl class=\"facts\"><dt>业务 Filing</dt><dd>{kind}</dd>\
         <dt>受理编号 Receipt</dt><dd data-testid=\"receipt\">{receipt}</dd>\
         <dt>受理时间 Received</dt><dd>{time}</dd>{review}</dl></main>",
        kind = kind_name(&filing.kind),
        receipt = esc(&filing.receipt_no),
        time = china_time(filing.received_at),
        review = review.unwrap_or_default(),
    );
    page("凭证核验 Verify", &body)
}
