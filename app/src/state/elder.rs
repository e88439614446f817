//! 长辈模式 (elderly mode): larger type and touch targets and a home screen without small print,
//! kept on this device (`localStorage`). `public/boot.js` reads the same key before the first
//! paint, so the larger type never flashes small; the class on `<html>` is what
//! `public/style.css` enlarges everything under. Offered once on the home screen to a person of
//! 60 or more (`Me::senior`); the answer, either way, is remembered. (Written with the storage
//! and attribute calls the shell has already, not `classList`: each new browser API costs the
//! shell its glue.)

const KEY: &str = "shebao.elder";
const OFFERED_KEY: &str = "shebao.elder.offered";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Whether the mode is on.
pub fn is_on() -> bool {
    stored(KEY).as_deref() == Some("1")
}

/// Turns the mode on or off, at once and for the next start.
pub fn set(on: bool) {
    // `<html>` carries no other class.
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("class", if on { "elder" } else { "" });
    }
    if let Some(s) = storage() {
        // A full or disabled storage only loses the preference for the next start.
        let _ = s.set_item(KEY, if on { "1" } else { "0" });
        let _ = s.set_item(OFFERED_KEY, "1");
    }
}

/// Whether the offer was made on this device already.
pub fn offered() -> bool {
    stored(OFFERED_KEY).is_some()
}

/// Remembers that the offer was declined.
pub fn decline() {
    if let Some(s) = storage() {
        let _ = s.set_item(OFFERED_KEY, "1");
    }
}
