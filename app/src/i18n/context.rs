//! The current language as shared state: `provide_i18n()` at the root, `use_i18n()` / `tr()`
//! below it. The choice is remembered in `localStorage`.

use leptos::prelude::*;

use super::{Lang, Text};

const STORAGE_KEY: &str = "shebao.lang";

/// The current language, switchable at run time.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Switches the language, remembers it and updates `<html lang>`.
    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        remember(lang);
        apply_to_document(lang);
    }

    /// `text` in the current language (tracked: call it inside a closure in views).
    pub fn t(&self, text: Text) -> &'static str {
        text.pick(self.lang.get())
    }

    /// A domain issue's message in the current language (tracked).
    pub fn issue(&self, issue: &crate::domain::Issue) -> String {
        match self.lang.get() {
            Lang::Zh => issue.zh.to_string(),
            Lang::En => issue.en.to_string(),
        }
    }
}

/// Provides the language state: the remembered choice, else the browser's languages.
pub fn provide_i18n() -> I18n {
    let lang = remembered().unwrap_or_else(browser_lang);
    apply_to_document(lang);
    let i18n = I18n { lang: RwSignal::new(lang) };
    provide_context(i18n);
    i18n
}

/// The language state provided at the root.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for views: `{tr(strings::NET_ONLINE)}`.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(text)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn remembered() -> Option<Lang> {
    Lang::from_code(&storage()?.get_item(STORAGE_KEY).ok()??)
}

fn remember(lang: Lang) {
    if let Some(s) = storage() {
        // A full or disabled storage only loses the preference; the page keeps working.
        let _ = s.set_item(STORAGE_KEY, lang.code());
    }
}

fn browser_lang() -> Lang {
    let Some(window) = web_sys::window() else { return Lang::Zh };
    let langs: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::from_browser(langs.iter().map(String::as_str))
}

fn apply_to_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
