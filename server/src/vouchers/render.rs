//! The voucher pages as plain HTML: the filing's summary (ID numbers masked), the QR code as an
//! SVG image, the page frame and its print stylesheet.

use app::api::sync::FilingKind;
use app::domain::forms::{base_declaration, employer, enrolment, personal};
use app::domain::{divisions, Date, IdNumber, MobileNumber};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::QrCode;

use crate::store::StoreError;

/// Escapes text for HTML.
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

pub(super) fn kind_name(kind: &str) -> &'static str {
    match FilingKind::parse(kind) {
        Some(FilingKind::PersonalRegistration) => "个人用户注册 Personal registration",
        Some(FilingKind::EmployerRegistration) => "单位用户注册 Employer registration",
        Some(FilingKind::Enrolment) => "参保登记 Enrolment",
        Some(FilingKind::BaseDeclaration) => "缴费基数申报 Contribution base declaration",
        None => "业务 Filing",
    }
}

/// China time, `YYYY-MM-DD HH:MM`.
pub(super) fn china_time(unix_ms: i64) -> String {
    let day = Date::china_from_unix_ms(unix_ms);
    let minutes = (unix_ms + 8 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!("{} {:02}:{:02}", day.iso(), minutes / 60, minutes % 60)
}

fn masked_id(s: &str, today: Date) -> String {
    IdNumber::parse(s, today).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())
}

fn region_name(code: &str) -> Option<String> {
    code.parse().ok().and_then(divisions::full_name)
}

/// What the voucher lists about a filing (labels in both languages), ID numbers masked; and
/// the division whose office handles it.
pub(super) fn summary(kind: &str, payload: &[u8], today: Date) -> (Vec<(&'static str, String)>, Option<u32>) {
    let text = String::from_utf8_lossy(payload);
    match FilingKind::parse(kind) {
        Some(FilingKind::PersonalRegistration) => match serde_json::from_str::<personal::PersonalRegistrationDraft>(&text) {
            Ok(d) => {
                let region = IdNumber::parse(&d.id_number, today).ok().map(|c| c.value.address_code());
                let mobile = MobileNumber::parse(&d.mobile).map(|c| c.value.masked()).unwrap_or_default();
                (vec![("姓名 Name", d.name), ("身份证号 ID number", masked_id(&d.id_number, today)), ("手机号码 Mobile", mobile)], region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::EmployerRegistration) => match serde_json::from_str::<employer::EmployerRegistrationDraft>(&text) {
            Ok(d) => {
                let region = app::domain::CreditCode::parse(&d.credit_code).ok().map(|c| c.value.division());
                let rows = vec![
                    ("单位名称 Unit", d.unit_name),
                    ("统一社会信用代码 Credit code", d.credit_code),
                    ("经办人 Handler", d.handler_name),
                    ("经办人身份证号 Handler's ID", masked_id(&d.handler_id, today)),
                ];
                (rows, region)
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::Enrolment) => match serde_json::from_str::<enrolment::EnrolmentDraft>(&text) {
            Ok(d) => {
                let rows = vec![
                    ("姓名 Name", d.name),
                    ("身份证号 ID number", masked_id(&d.id_number, today)),
                    ("参保地 Insured in", region_name(&d.region).unwrap_or_default()),
                    ("起始月份 From", d.start_month),
                    ("月缴费基数 Monthly base (元)", d.monthly_base),
                    ("险种 Insurances", d.insurances.iter().map(|i| i.zh()).collect::<Vec<_>>().join("、")),
                ];
                (rows, d.region.parse().ok())
            }
            Err(_) => (Vec::new(), None),
        },
        Some(FilingKind::BaseDeclaration) => match serde_json::from_str::<base_declaration::BaseDeclarationDraft>(&text) {
            Ok(d) => {
                let rows = vec![
                    ("统一社会信用代码 Credit code", d.credit_code),
                    ("地区 Region", region_name(&d.region).unwrap_or_default()),
                    ("生效月份 From", d.effective_month),
                    ("人数 People", d.rows.len().to_string()),
                ];
                (rows, d.region.parse().ok())
            }
            Err(_) => (Vec::new(), None),
        },
        None => (Vec::new(), None),
    }
}

/// The handling office: the county's (or city's) social insurance agency.
pub(super) fn office(region: Option<u32>) -> String {
    region
        .and_then(divisions::full_name)
        .map(|n| format!("{n}社会保险经办机构"))
        .unwrap_or_else(|| "社会保险经办机构".into())
}

/// The QR code of `url` as an `<img>` with an SVG data URL (no inline style: the CSP allows
/// none).
pub(super) fn qr_img(url: &str) -> String {
    let svg_text = match QrCode::new(url.as_bytes()) {
        Ok(code) => code.render::<svg::Color>().min_dimensions(200, 200).quiet_zone(true).build(),
        Err(_) => return String::new(),
    };
    let mut data = String::with_capacity(svg_text.len() + 32);
    for c in svg_text.chars() {
        match c {
            '%' => data.push_str("%25"),
            '#' => data.push_str("%23"),
            '<' => data.push_str("%3C"),
            '>' => data.push_str("%3E"),
            '"' => data.push('\''),
            '\n' => {}
            c => data.push(c),
        }
    }
    format!("<img class=\"qr\" data-testid=\"qr\" alt=\"{}\" src=\"data:image/svg+xml,{data}\">", esc(url))
}

pub(super) fn page(title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/voucher.css\"></head><body>{body}</body></html>",
        esc(title)
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")], html).into_response()
}

pub(super) fn not_found(what: &str) -> Response {
    let mut r = page("未找到 Not found", &format!("<main class=\"voucher\"><h1>未找到 Not found</h1><p>{}</p></main>", esc(what)));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

pub(super) fn unavailable(e: &StoreError) -> Response {
    tracing::error!(error = %e, "voucher: store failed");
    let mut r = page("暂不可用", "<main class=\"voucher\"><h1>服务暂时不可用，请稍后再试</h1><p>The service is unavailable for now; try again later.</p></main>");
    *r.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    r
}

/// `GET /voucher.css`: A4 on paper, the phone's width on screen.
pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS).into_response()
}

const CSS: &str = "body{margin:0;font:16px/1.5 system-ui,\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\",sans-serif;color:#1d2329;background:#f3f5f7}\
.voucher{max-width:720px;margin:0 auto;padding:16px;background:#fff}\
h1{font-size:1.4rem;margin:0 0 .5rem}h1 small{font-size:.9rem;color:#5b6670}\
.kind{font-weight:600}\
.facts{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem;margin:1rem 0}.facts dt{color:#5b6670}.facts dd{margin:0;word-break:break-all}\
.receipt{font-family:ui-monospace,monospace;font-weight:700}\
figure{margin:1rem 0;text-align:center}.qr{width:200px;height:200px}figcaption{font-size:.85rem;color:#5b6670}.link{word-break:break-all}\
.note{font-size:.8rem;color:#5b6670}\
@media print{@page{size:A4;margin:18mm}body{background:#fff}.voucher{max-width:none;padding:0}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_time_is_utc_plus_eight() {
        // 2026-11-22T16:30:00Z is 00:30 on the 23rd in Beijing.
        assert_eq!(china_time(1_795_365_000_000), "2026-11-23 00:30");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn offices_are_named_after_their_division() {
        assert_eq!(office(Some(320102)), "江苏省南京市玄武区社会保险经办机构");
        assert_eq!(office(None), "社会保险经办机构");
    }
}
