//! Photos are made small on the device before anything else happens to them: at most 1600 px on
//! the long side, re-encoded as JPEG toward 300 KB (quality, then size, stepped down). PDFs are
//! kept as they are, within the size limit. A file the browser cannot decode is refused here,
//! before it is stored or sent.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::sync::MAX_ATTACHMENT_BYTES;
use crate::domain::{image_quality, Issue};

pub const MAX_SIDE: f64 = 1600.0;
pub const TARGET_BYTES: f64 = 300.0 * 1024.0;
const QUALITIES: [f64; 4] = [0.82, 0.72, 0.62, 0.5];
const SHRINK: [f64; 3] = [1.0, 0.8, 0.64];

/// A file ready to store.
pub struct Prepared {
    pub blob: web_sys::Blob,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// Blurred or low resolution (`domain::image_quality`).
    pub warnings: Vec<Issue>,
}

fn unreadable() -> Issue {
    Issue::new("photo.unreadable", "无法读取这张图片，请换一张照片（JPEG/PNG）", "This image cannot be read; use another photo (JPEG/PNG)")
}

pub fn too_large() -> Issue {
    Issue::new("photo.too_large", "文件过大：每个附件不超过 5 MB", "The file is too large: at most 5 MB per attachment")
}

/// Prepares a picked or captured file.
pub async fn prepare(file: &web_sys::File) -> Result<Prepared, Issue> {
    let mime = file.type_();
    if mime == "application/pdf" {
        if file.size() > MAX_ATTACHMENT_BYTES as f64 {
            return Err(too_large());
        }
        return Ok(Prepared { blob: file.clone().into(), mime, width: 0, height: 0, warnings: Vec::new() });
    }
    if !mime.starts_with("image/") {
        return Err(Issue::new("photo.type", "只能添加照片或 PDF 文件", "Only photos or PDF files can be attached"));
    }
    let window = leptos::prelude::window();
    let promise = window.create_image_bitmap_with_blob(file).map_err(|_| unreadable())?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise).await.map_err(|_| unreadable())?.unchecked_into();
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    if w < 1.0 || h < 1.0 {
        return Err(unreadable());
    }
    let warnings = image_quality::assess(w as u32, h as u32, sharpness(&bitmap, w, h).unwrap_or(f64::MAX));
    let fit = (MAX_SIDE / w.max(h)).min(1.0);
    let mut best: Option<Prepared> = None;
    for shrink in SHRINK {
        let (dw, dh) = ((w * fit * shrink).round().max(1.0), (h * fit * shrink).round().max(1.0));
        let canvas = draw(&bitmap, dw, dh).ok_or_else(unreadable)?;
        for quality in QUALITIES {
            let blob = to_jpeg(&canvas, quality).await.ok_or_else(unreadable)?;
            let small_enough = blob.size() <= TARGET_BYTES;
            best = Some(Prepared { blob, mime: "image/jpeg".into(), width: dw as u32, height: dh as u32, warnings: warnings.clone() });
            if small_enough {
                bitmap.close();
                return Ok(best.expect("just set"));
            }
        }
    }
    bitmap.close();
    best.filter(|p| p.blob.size() <= MAX_ATTACHMENT_BYTES as f64).ok_or_else(too_large)
}

/// The Laplacian variance of the photo drawn at [`image_quality::SAMPLE_SIDE`], in greyscale
/// (`None` if the canvas cannot be read).
fn sharpness(bitmap: &web_sys::ImageBitmap, w: f64, h: f64) -> Option<f64> {
    let scale = (f64::from(image_quality::SAMPLE_SIDE) / w.max(h)).min(1.0);
    let (sw, sh) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
    let canvas = draw(bitmap, sw, sh)?;
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    let rgba = ctx.get_image_data(0.0, 0.0, sw, sh).ok()?.data();
    let grey: Vec<u8> = rgba.chunks_exact(4).map(|p| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8).collect();
    Some(image_quality::sharpness(&grey, sw as usize, sh as usize))
}

fn draw(bitmap: &web_sys::ImageBitmap, w: f64, h: f64) -> Option<web_sys::HtmlCanvasElement> {
    let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document().create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    // JPEG has no transparency: a transparent PNG would turn black without a white ground.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h).ok()?;
    Some(canvas)
}

async fn to_jpeg(canvas: &web_sys::HtmlCanvasElement, quality: f64) -> Option<web_sys::Blob> {
    let canvas = canvas.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &JsValue::from_f64(quality));
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
