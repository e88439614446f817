//! The one translation layer: every user-facing string is a [`Text`] (Simplified Chinese and
//! English side by side), picked by the current [`Lang`].
//!
//! Views never hold bare string literals (a test in this module scans `pages/` and
//! `components/` for them); they call [`tr`] with a constant from [`strings`], or show a
//! domain message, which carries both languages too.

pub mod strings;

#[cfg(feature = "csr")]
mod context;
#[cfg(feature = "csr")]
pub use context::{provide_i18n, tr, use_i18n, I18n};

/// The name of a kind of filing.
pub fn kind_text(kind: crate::api::sync::FilingKind) -> Text {
    use crate::api::sync::FilingKind;
    match kind {
        FilingKind::PersonalRegistration => strings::KIND_PERSONAL_REGISTRATION,
        FilingKind::EmployerRegistration => strings::KIND_EMPLOYER_REGISTRATION,
        FilingKind::Enrolment => strings::KIND_ENROLMENT,
        FilingKind::BaseDeclaration => strings::KIND_BASE_DECLARATION,
        FilingKind::Separation => strings::KIND_SEPARATION,
        FilingKind::PensionCertification => strings::KIND_PENSION_CERTIFICATION,
        FilingKind::InjuryReport => strings::KIND_INJURY_REPORT,
        FilingKind::Unemployment => strings::KIND_UNEMPLOYMENT,
        FilingKind::MedicalClaim => strings::KIND_MEDICAL_CLAIM,
        FilingKind::Newborn => strings::KIND_NEWBORN,
        FilingKind::PersonChange => strings::KIND_PERSON_CHANGE,
        FilingKind::UnitChange => strings::KIND_UNIT_CHANGE,
    }
}

/// The name of a code in one of the api's `(code, Chinese, English)` lists (a benefit's stop
/// reasons); `None` for a code the list does not hold.
pub fn listed(list: &'static [(&'static str, &'static str, &'static str)], code: &str) -> Option<Text> {
    list.iter().find(|(c, ..)| *c == code).map(|(_, zh, en)| Text { zh, en })
}

use serde::{Deserialize, Serialize};

/// A language the interface is offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    /// 简体中文 — the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag written to `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The stored form of a preference (`"zh"` / `"en"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads a stored preference; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language from the browser's preference list: the first entry that is
    /// Chinese or English decides; with neither, Chinese.
    ///
    /// ```
    /// use app::i18n::Lang;
    /// assert_eq!(Lang::from_browser(["en-GB", "zh-CN"]), Lang::En);
    /// assert_eq!(Lang::from_browser(["de-DE", "zh-TW"]), Lang::Zh);
    /// assert_eq!(Lang::from_browser(["fr"]), Lang::Zh);
    /// ```
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in preferred {
            let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Lang::Zh,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::Zh
    }
}

/// A user-facing text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    ///
    /// ```
    /// use app::i18n::{strings, Lang};
    /// assert_eq!(strings::NET_ONLINE.pick(Lang::Zh), "在线");
    /// assert_eq!(strings::NET_ONLINE.pick(Lang::En), "Online");
    /// ```
    pub fn pick(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

#[cfg(test)]
mod no_bare_literals;
