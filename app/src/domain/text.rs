//! Input normalisation, applied before any rule: what a phone keyboard or a paste produces
//! (full-width digits and letters, stray spaces) becomes what the rule expects.

/// Full-width ASCII variants (`１２３ＡＢＣ`) and the ideographic space become half-width.
///
/// ```
/// use app::domain::text::to_half_width;
/// assert_eq!(to_half_width("１１０１０５　ｘ"), "110105 x");
/// ```
pub fn to_half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// For identifiers (ID numbers, codes, phone numbers): half-width, without spaces and dashes,
/// upper-case letters.
///
/// ```
/// use app::domain::text::identifier;
/// assert_eq!(identifier(" １１０１０５ １９４９１２３１ ００２ｘ "), "11010519491231002X");
/// ```
pub fn identifier(input: &str) -> String {
    to_half_width(input)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// For names and free text: trimmed, inner runs of whitespace made one space.
pub fn squeeze(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that could carry markup or control sequences into a page or a log line.
pub fn has_markup_or_control(input: &str) -> bool {
    input.chars().any(|c| matches!(c, '<' | '>' | '&' | '"' | '\\' | '`') || c.is_control())
}

/// The characters of the CJK ideograph blocks (basic, extensions A–H, compatibility).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeeze_trims_and_collapses() {
        assert_eq!(squeeze("  张\u{3000} 三 "), "张 三");
    }

    #[test]
    fn markup_is_noticed() {
        assert!(has_markup_or_control("a<b"));
        assert!(has_markup_or_control("a\u{0007}"));
        assert!(!has_markup_or_control("南京（江宁）有限公司"));
    }
}
