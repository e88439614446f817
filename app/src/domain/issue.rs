//! Findings as data: an [`Issue`] is a stable code plus a message in Simplified Chinese and
//! English; [`FieldErrors`] maps form fields to their issues and keeps errors (which block
//! submitting) apart from warnings (which are shown and do not block).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One finding about a value.
///
/// ```
/// use app::domain::Issue;
/// let issue = Issue::new("mobile.format", "手机号码格式不正确", "Not a valid mobile number");
/// assert_eq!(issue.code, "mobile.format");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable and machine-readable (`id_number.checksum`); never reworded.
    pub code: Cow<'static, str>,
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Issue {
    pub const fn new(code: &'static str, zh: &'static str, en: &'static str) -> Issue {
        Issue { code: Cow::Borrowed(code), zh: Cow::Borrowed(zh), en: Cow::Borrowed(en) }
    }

    /// An issue whose messages carry figures (limits, dates).
    pub fn formatted(code: &'static str, zh: String, en: String) -> Issue {
        Issue { code: Cow::Borrowed(code), zh: Cow::Owned(zh), en: Cow::Owned(en) }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} / {}", self.code, self.zh, self.en)
    }
}

/// A parsed value and the warnings found on the way (an old address code, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<T> {
    pub value: T,
    pub warnings: Vec<Issue>,
}

impl<T> Checked<T> {
    pub fn clean(value: T) -> Self {
        Checked { value, warnings: Vec::new() }
    }
}

/// Issues per field, errors apart from warnings. Field names are the draft's own
/// (`id_number`, `rows.2.monthly_base`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: BTreeMap<String, Vec<Issue>>,
    pub warnings: BTreeMap<String, Vec<Issue>>,
}

impl FieldErrors {
    /// What a validation found: its errors, or the warnings of a valid form.
    pub fn verdict<T>(result: Result<Valid<T>, FieldErrors>) -> FieldErrors {
        match result {
            Ok(valid) => FieldErrors { errors: Default::default(), warnings: valid.warnings },
            Err(errors) => errors,
        }
    }

    pub fn error(&mut self, field: impl Into<String>, issue: Issue) {
        self.errors.entry(field.into()).or_default().push(issue);
    }

    pub fn warn(&mut self, field: impl Into<String>, issue: Issue) {
        self.warnings.entry(field.into()).or_default().push(issue);
    }

    /// Records a parse result's warnings (if it parsed) or its error, and hands back the value.
    pub fn take<T>(&mut self, field: &str, result: Result<Checked<T>, Issue>) -> Option<T> {
        match result {
            Ok(checked) => {
                for w in checked.warnings {
                    self.warn(field, w);
                }
                Some(checked.value)
            }
            Err(issue) => {
                self.error(field, issue);
                None
            }
        }
    }

    /// Takes in what another validation found (a form built on another form's rules).
    pub fn absorb(&mut self, other: FieldErrors) {
        for (f, issues) in other.errors {
            self.errors.entry(f).or_default().extend(issues);
        }
        for (f, issues) in other.warnings {
            self.warnings.entry(f).or_default().extend(issues);
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The first error of `field`, if any.
    pub fn error_of(&self, field: &str) -> Option<&Issue> {
        self.errors.get(field).and_then(|v| v.first())
    }

    /// The warnings of `field`.
    pub fn warnings_of(&self, field: &str) -> &[Issue] {
        self.warnings.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every error code, for tests and logs: `["id_number: id_number.checksum", …]`.
    pub fn codes(&self) -> Vec<String> {
        self.errors.iter().flat_map(|(f, v)| v.iter().map(move |i| format!("{f}: {}", i.code))).collect()
    }

    /// `Ok(value)` with the warnings when there is no error; otherwise everything found.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<Valid<T>, FieldErrors> {
        if self.has_errors() {
            return Err(self);
        }
        match value() {
            Some(value) => Ok(Valid { value, warnings: self.warnings }),
            // A missing value without a recorded error is a bug in a validator: refuse loudly
            // rather than accept half a form.
            None => {
                let mut errors = self;
                errors.error("form", Issue::new("form.incomplete", "表单不完整", "The form is incomplete"));
                Err(errors)
            }
        }
    }
}

/// A form that passed validation: the typed value and the warnings to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid<T> {
    pub value: T,
    pub warnings: BTreeMap<String, Vec<Issue>>,
}

/// The issue every required field reports when left empty.
pub const REQUIRED: Issue = Issue::new("required", "此项为必填项", "This field is required");
