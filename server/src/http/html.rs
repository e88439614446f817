//! Server-rendered pages that print: vouchers, proofs and the public pages their QR codes
//! open — plain HTML without script, one stylesheet (`/voucher.css`), a QR code as an SVG image.

use app::domain::Date;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::QrCode;

use axum::http::HeaderMap;

use crate::store::StoreError;
use crate::vault::Vault;

/// The verify code of a printed page's number: 16 hex digits of its keyed hash in `purpose`
/// (see `vault::purpose`), so a number alone cannot be verified and codes of two kinds of page
/// are unrelated.
pub fn verify_code(vault: &Vault, purpose: &str, number: &str) -> String {
    vault.blind_index(purpose, number).chars().take(16).collect()
}

/// Whether `given` is `number`'s verify code, compared without an early exit (the time taken
/// says nothing about how much of it matched).
pub fn code_matches(vault: &Vault, purpose: &str, number: &str, given: &str) -> bool {
    let expected = verify_code(vault, purpose, number);
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Where the site is, as the request reached it (for a QR code's link).
pub fn origin(https: bool, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// China time, `YYYY-MM-DD HH:MM`.
pub fn china_time(unix_ms: i64) -> String {
    let day = Date::china_from_unix_ms(unix_ms);
    let minutes = (unix_ms + 8 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!("{} {:02}:{:02}", day.iso(), minutes / 60, minutes % 60)
}

/// The QR code of `url` as an `<img>` with an SVG data URL (no inline style: the CSP allows
/// none).
pub fn qr_img(url: &str) -> String {
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

pub fn page(title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/voucher.css\"></head><body>{body}</body></html>",
        esc(title)
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")], html).into_response()
}

pub fn not_found(what: &str) -> Response {
    let mut r = page("未找到 Not found", &format!("<main class=\"voucher\"><h1>未找到 Not found</h1><p>{}</p></main>", esc(what)));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

pub fn unavailable(e: &StoreError) -> Response {
    tracing::error!(error = %e, "printed page: store failed");
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
.records{width:100%;border-collapse:collapse;font-size:.85rem;margin:.5rem 0}.records th,.records td{border:1px solid #c9d1d9;padding:2px 6px}\
.records td.n{text-align:right;font-variant-numeric:tabular-nums}.records tfoot td{font-weight:700}\
.voucher.report{max-width:1200px}.report th{text-align:left;vertical-align:bottom}\
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
}
