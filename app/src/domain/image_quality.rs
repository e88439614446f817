//! Is a photo of a document good enough to read? Two simple checks made on the device before
//! submitting, so a blurred or tiny photo is retaken in the village rather than rejected by
//! the agency days later: the resolution, and the sharpness — the variance of the Laplacian of
//! the greyscale image (a blurred photo has few strong edges, so a low variance).

use super::Issue;

/// Below this many pixels on the short side, text on an A4 document is hard to read.
pub const MIN_SHORT_SIDE: u32 = 600;
/// Below this Laplacian variance (greyscale 0–255, measured at [`SAMPLE_SIDE`]), a photo is
/// probably blurred: the figure commonly used with this 3×3 kernel. Not yet calibrated on
/// photos taken in the field; a warning only, so a wrong guess costs a second look, not a
/// refusal.
pub const MIN_SHARPNESS: f64 = 100.0;
/// The long side the sharpness is measured at (the same scale for every photo).
pub const SAMPLE_SIDE: u32 = 512;

/// The variance of the 4-neighbour Laplacian over the inner pixels of a `w` × `h` greyscale
/// image.
///
/// ```
/// use app::domain::image_quality::sharpness;
/// let flat = vec![128u8; 64 * 64];
/// assert_eq!(sharpness(&flat, 64, 64), 0.0);
/// let checker: Vec<u8> = (0..64 * 64).map(|i| if (i % 64 + i / 64) % 2 == 0 { 0 } else { 255 }).collect();
/// assert!(sharpness(&checker, 64, 64) > 1000.0);
/// ```
pub fn sharpness(grey: &[u8], w: usize, h: usize) -> f64 {
    if w < 3 || h < 3 || grey.len() < w * h {
        return 0.0;
    }
    let (mut sum, mut sum_sq, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let at = |dx: isize, dy: isize| f64::from(grey[(y as isize + dy) as usize * w + (x as isize + dx) as usize]);
            let lap = at(-1, 0) + at(1, 0) + at(0, -1) + at(0, 1) - 4.0 * at(0, 0);
            sum += lap;
            sum_sq += lap * lap;
            n += 1.0;
        }
    }
    let mean = sum / n;
    sum_sq / n - mean * mean
}

/// Warnings for a photo of `width` × `height` pixels (as taken, before it is made small) with
/// `sharpness` measured at [`SAMPLE_SIDE`]. Warnings, not errors: the person decides.
pub fn assess(width: u32, height: u32, sharpness: f64) -> Vec<Issue> {
    let mut out = Vec::new();
    if width.min(height) < MIN_SHORT_SIDE {
        out.push(Issue::new(
            "photo.small",
            "照片分辨率过低，文字可能看不清；请靠近拍摄或使用更清晰的照片",
            "The photo's resolution is low and the text may be unreadable; move closer or use a sharper photo",
        ));
    }
    if sharpness < MIN_SHARPNESS {
        out.push(Issue::new(
            "photo.blurred",
            "照片可能模糊，请对焦后重新拍摄，确保文字和公章清晰",
            "The photo may be blurred; focus and take it again so the text and stamp are clear",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of "text": dark strokes on white, then the same smeared by a box blur.
    fn page(w: usize, h: usize) -> Vec<u8> {
        (0..w * h).map(|i| if (i % w) % 6 < 2 && (i / w) % 10 < 7 { 20 } else { 235 }).collect()
    }

    /// A box blur of radius `r`, edges clamped.
    fn blur(img: &[u8], w: usize, h: usize, r: isize) -> Vec<u8> {
        let at = |x: isize, y: isize| u32::from(img[(y.clamp(0, h as isize - 1) as usize) * w + x.clamp(0, w as isize - 1) as usize]);
        let n = ((2 * r + 1) * (2 * r + 1)) as u32;
        (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as isize, (i / w) as isize);
                let s: u32 = (-r..=r).flat_map(|dy| (-r..=r).map(move |dx| (dx, dy))).map(|(dx, dy)| at(x + dx, y + dy)).sum();
                (s / n) as u8
            })
            .collect()
    }

    #[test]
    fn sharp_text_passes_and_blurred_text_is_flagged() {
        let (w, h) = (200, 120);
        let sharp = page(w, h);
        assert!(assess(1200, 900, sharpness(&sharp, w, h)).is_empty());
        // Smeared over 17 px, as an out-of-focus phone photo smears strokes a few px wide.
        let blurred = blur(&sharp, w, h, 8);
        let issues = assess(1200, 900, sharpness(&blurred, w, h));
        assert_eq!(issues.iter().map(|i| i.code.as_ref()).collect::<Vec<_>>(), ["photo.blurred"]);
    }

    #[test]
    fn small_photos_are_flagged() {
        assert_eq!(assess(640, 480, 500.0)[0].code, "photo.small");
        assert!(assess(800, 600, 500.0).is_empty());
    }
}
